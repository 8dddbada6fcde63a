"""The contract every format record keeps, run over every leaflet and fixture.

A new format is held to this as soon as its record is in ``FORMATS``: its
options parse, it writes bytes (never files), every name it writes comes from
its record, it writes the same bytes twice, and its own audit of the files,
written as a build writes them, finds no broken rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet import writers as renderers
from leaflet.core.diagnostics import OptionError
from leaflet.options import PERSONAL_OPTIONS
from leaflet.pipeline import build
from leaflet.reader import read_leaflet
from tests.conftest import all_leaflet_folders, errors_of

LEAFLETS = all_leaflet_folders()
RECORDS = {record.name: record for record in renderers.FORMATS}
# Audio synthesis is the slow format: its own tests cover the real leaflets.
QUICK = [name for name in renderers.names() if name != "audio"]


def named_by_record(name: str, declared: tuple[str, ...]) -> bool:
    """True when ``name`` is one the record declares, or inside a folder it declares."""
    return name in declared or any(
        d.endswith("/") and name.startswith(d) and "/" not in name[len(d) :] for d in declared
    )


@pytest.mark.parametrize("name", renderers.names())
def test_record_provides_the_contract(name: str) -> None:
    record = RECORDS[name]
    assert len(RECORDS) == len(renderers.FORMATS), "format names are unique"
    assert record.summary and isinstance(record.option_names, frozenset)
    assert record.option_names <= set(PERSONAL_OPTIONS)
    record.validate({})  # the defaults are always valid
    with pytest.raises(OptionError):
        record.validate({"no-such-option": "1"})
    names = record.file_names("some-leaflet")
    assert names and all(n.startswith("some-leaflet.") and not n.startswith("/") for n in names)
    assert record.audit != record.writer, "an audit lives apart from the writer it checks"
    assert record.load_audit() is None or callable(record.load_audit())


@pytest.mark.parametrize("folder", LEAFLETS, ids=[p.name for p in LEAFLETS])
@pytest.mark.parametrize("name", QUICK)
def test_writer_makes_same_bytes_twice_named_by_its_record_and_passes_its_audit(
    name: str, folder: Path, tmp_path: Path
) -> None:
    leaflet = read_leaflet(folder).leaflet
    record = RECORDS[name]

    first, second = record.write(leaflet, {}), record.write(record.sees(leaflet), {})
    assert first == second, "same source and options, same bytes; and the part of it a job carries is all it reads"
    assert not list(tmp_path.iterdir()), "a writer writes nothing itself"
    if leaflet.easy_read is None and not first.files:
        # The easy-read formats need easy-read.md: without it they make nothing and say so.
        assert [w.code for w in first.warnings] == ["no-easy-read"]
        return
    declared = record.file_names(leaflet.meta.id)
    assert first.files, "a writer makes at least one file"
    for file in first.files:
        assert named_by_record(file.name, declared), f"{file.name} is not a name the {name} record gives"
    assert len({f.name for f in first.files}) == len(first.files)

    out = tmp_path / leaflet.meta.id
    build.write_files(first, out)
    assert not list(out.rglob("*.tmp")), "no temporary files left behind"
    audit = record.load_audit()
    if audit is not None:
        assert errors_of(audit(leaflet, out)) == ()


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(OptionError) as error:
        renderers.find("pdf")
    for name in renderers.names():
        assert name in str(error.value)
