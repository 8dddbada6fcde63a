"""The contract every format keeps, run over every leaflet and fixture.

A new format is held to this as soon as its folder is in the registry: its
options are the schema's (or its own, declared whole), its defaults parse, it
writes bytes (never files), every name it writes is one its declaration gives,
it writes the same bytes twice, and its own audit of the files, written as a
build writes them, finds no broken rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from leaflet.core.diagnostics import OptionError
from leaflet.options import OPTIONS, Option
from leaflet.pipeline import build
from leaflet.pipeline.checking import audit_folder
from leaflet.reader import read_leaflet
from leaflet.writers import registry
from leaflet.writers.contract import Format
from tests.conftest import all_leaflet_folders, errors_of

if TYPE_CHECKING:  # mypy proves each audit module keeps the contract (nothing is imported at run time)
    from leaflet.checks import (
        audio,
        braille,
        docx,
        easy_read,
        easy_read_html,
        easy_read_print,
        epub,
        html,
        large_print_pdf,
        text,
    )
    from leaflet.writers.contract import AuditModule

    _audits: tuple[AuditModule, ...] = (
        text,
        large_print_pdf,
        docx,
        easy_read,
        easy_read_print,
        easy_read_html,
        audio,
        braille,
        html,
        epub,
    )

LEAFLETS = all_leaflet_folders()
RECORDS = {record.name: record for record in registry.FORMATS}
# Audio synthesis is the slow format: its own tests cover the real leaflets.
QUICK = [name for name in registry.names() if name != "audio"]


def named_by_record(name: str, declared: tuple[str, ...]) -> bool:
    """True when ``name`` is one the record declares, or inside a folder it declares."""
    return name in declared or any(
        d.endswith("/") and name.startswith(d) and "/" not in name[len(d) :] for d in declared
    )


@pytest.mark.parametrize("name", registry.names())
def test_record_provides_the_contract(name: str) -> None:
    record = RECORDS[name]
    assert len(RECORDS) == len(registry.FORMATS), "format names are unique"
    assert record.summary and record.label and record.description
    for option in record.takes:
        assert isinstance(option, Option) and (option in OPTIONS or option.name not in {o.name for o in OPTIONS})
    assert record.parse({}) == record.defaults(), "the defaults are always valid"
    assert record.values(record.defaults()) == {}, "the defaults name no variant"
    with pytest.raises(OptionError):
        record.parse({"no-such-option": "1"})
    names = record.files("some-leaflet", record.defaults())
    assert names and all(n.startswith("some-leaflet.") and not n.startswith("/") for n in names)
    assert record.audit is None or record.audit != record.writer.__module__, "an audit lives apart from its writer"
    assert record.load_audit() is None or callable(record.load_audit())


@pytest.mark.parametrize("folder", LEAFLETS, ids=[p.name for p in LEAFLETS])
@pytest.mark.parametrize("name", QUICK)
def test_writer_makes_same_bytes_twice_named_by_its_record_and_passes_its_audit(
    name: str, folder: Path, tmp_path: Path
) -> None:
    leaflet = read_leaflet(folder).leaflet
    record = RECORDS[name]

    first, second = record.write(leaflet, record.defaults()), record.write(record.sees(leaflet), record.defaults())
    assert first == second, "same source and options, same bytes; and the part of it a job carries is all it reads"
    assert not list(tmp_path.iterdir()), "a writer writes nothing itself"
    if leaflet.easy_read is None and not first.files:
        # The easy-read formats need easy-read.md: without it they make nothing and say so.
        assert [w.code for w in first.warnings] == ["no-easy-read"]
        return
    declared = record.files(leaflet.meta.id, record.defaults())
    assert first.files, "a writer makes at least one file"
    for file in first.files:
        assert named_by_record(file.name, declared), f"{file.name} is not a name the {name} record gives"
    assert len({f.name for f in first.files}) == len(first.files)

    out = tmp_path / leaflet.meta.id
    build.write_files(first, out)
    assert not list(out.rglob("*.tmp")), "no temporary files left behind"
    assert errors_of(audit_folder(record, leaflet, out)) == ()


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(OptionError) as error:
        registry.format_named("pdf")
    for name in registry.names():
        assert name in str(error.value)


@pytest.mark.parametrize(
    "chosen", [f for f in registry.FORMATS if any(o.always_stamped for o in f.takes)], ids=lambda f: f.name
)
def test_an_option_whose_default_depends_on_the_machine_is_always_in_the_stamp(
    chosen: Format[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speech engine's default follows $LEAFLET_SPEECH_ENGINE: the default files keep their names whichever
    it is, but their stamp changes with it, so a build made with eSpeak NG is not taken for the natural voice's."""
    from leaflet.pipeline.jobs import stamp

    stamps = {}
    for engine in ("espeak", "neural"):
        monkeypatch.setenv("LEAFLET_SPEECH_ENGINE", engine)
        usual = chosen.defaults()
        assert chosen.values(usual) == {} and chosen.stamped(usual)["engine"] == engine
        stamps[engine] = stamp("source digest", chosen.name, chosen.stamped(usual))
    assert stamps["espeak"] != stamps["neural"]
