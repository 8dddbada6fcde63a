"""Adding a format is one writer module and one record: a toy format, ``shout``, proves it.

The module is ``tests/toy/shout.py`` (with its audit in ``tests/toy/audit.py``, as a
real one would be in ``leaflet/checks/``) and the record ``tests/toy/record.py``. Put
into ``FORMATS``, the format is built, listed, validated, recorded in the manifest and
audited by ``leaflet check``, and the contract test holds it to the same rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaflet import writers as renderers
from tests import test_contract
from tests.conftest import NICE_ID, SOURCE
from tests.toy.record import SHOUT


@pytest.fixture
def with_shout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(renderers, "FORMATS", (*renderers.FORMATS, SHOUT))
    monkeypatch.setitem(test_contract.RECORDS, SHOUT.name, SHOUT)


def test_one_module_and_one_record_make_a_format(with_shout: None, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    assert "shout" in renderers.names()
    status, stdout, _ = run_cli("formats")
    assert stdout.splitlines()[-1].split(None, 1) == ["shout", "the title and headings in capitals (a toy)"]

    status, stdout, err = run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "-f", "text", "-j", "1")
    assert status == 0, err
    made = out / NICE_ID / f"{NICE_ID}.shout.txt"
    assert made.read_text(encoding="utf-8").startswith("PERCUTANEOUS INSERTION")
    assert f"wrote {made}" in stdout
    manifest = json.loads((out / NICE_ID / "manifest.json").read_text())
    assert manifest["outputs"]["shout"]["files"][0]["path"] == made.name

    status, stdout, err = run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "--size", "3")
    assert status == 0 and (out / NICE_ID / f"{NICE_ID}.shout-3.txt").read_text().splitlines()[0].endswith("!!!")
    assert run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "--size", "9")[0] == 2
    assert run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "--voice", "en-gb")[0] == 2

    status, stdout, _ = run_cli("check", "--source", SOURCE, "--out", out)
    assert "  shout: ok" in stdout and "note[shout]: the title shouts" in stdout
    made.write_text("quiet\n")
    status, stdout, _ = run_cli("check", "--source", SOURCE, "--out", out)
    assert status == 1 and "  shout: FAIL" in stdout and "error[shout-title]" in stdout


def test_the_contract_test_covers_the_new_record(with_shout: None, tmp_path: Path) -> None:
    test_contract.test_record_provides_the_contract("shout")
    test_contract.test_writer_makes_same_bytes_twice_named_by_its_record_and_passes_its_audit(
        "shout", SOURCE / NICE_ID, tmp_path
    )
