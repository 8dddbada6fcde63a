"""The contract every registered renderer keeps, run over every leaflet and fixture.

A new format is held to this as soon as it is registered: it writes its files
inside the leaflet's output folder, names what it wrote, writes the same bytes
twice, and its own audit of the file passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet import renderers
from leaflet.diagnostics import OptionError
from leaflet.reader import read_leaflet
from tests.conftest import all_leaflet_folders

LEAFLETS = all_leaflet_folders()
# Audio synthesis is the slow format: its own tests cover the real leaflets.
QUICK = [name for name in renderers.names() if name != "audio"]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", renderers.names())
def test_module_provides_the_contract(name: str) -> None:
    module = renderers.get(name)
    assert name == module.NAME
    assert module.SUMMARY and isinstance(module.OPTION_NAMES, frozenset)
    assert callable(module.parse_options) and callable(module.render)
    module.parse_options({})  # the defaults are always valid
    with pytest.raises(OptionError):
        module.parse_options({"no-such-option": "1"})


@pytest.mark.parametrize("folder", LEAFLETS, ids=[p.name for p in LEAFLETS])
@pytest.mark.parametrize("name", QUICK)
def test_renderer_writes_same_bytes_twice_and_passes_its_audit(name: str, folder: Path, tmp_path: Path) -> None:
    leaflet = read_leaflet(folder).leaflet
    module = renderers.get(name)
    options = module.parse_options({})

    first_dir, second_dir = tmp_path / "first" / leaflet.meta.id, tmp_path / "second" / leaflet.meta.id
    first = module.render(leaflet, options, first_dir)
    module.render(leaflet, options, second_dir)

    if leaflet.easy_read is None and not first.paths:
        # The easy-read formats need easy-read.md: without it they write nothing and say so.
        assert [w.code for w in first.warnings] == ["no-easy-read"]
        assert _files(first_dir) == {}
        return
    assert first.paths, "a renderer names the files it wrote"
    for path in first.paths:
        assert path.exists() and path.resolve().is_relative_to(first_dir.resolve())
    assert _files(first_dir) == _files(second_dir), "same source and options, same bytes"
    assert not [p for p in first_dir.rglob("*.tmp")], "no temporary files left behind"
    audit = getattr(module, "audit", None)
    if audit is not None:
        assert audit(leaflet, first_dir).problems == ()


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(OptionError) as error:
        renderers.get("pdf")
    for name in renderers.names():
        assert name in str(error.value)
