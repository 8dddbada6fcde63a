"""Adding a format is one folder: a toy format, ``shout``, proves it.

The folder is ``tests/toy/shout/``: its declaration (``__init__``), its options and file names, its writer
and its audit; nothing else is written anywhere. Put into the registry, the format is built, listed (for
``make`` too), validated, recorded in the manifest and audited by ``leaflet check``; its own option,
``--bangs``, appears on the command line, on the request form and in the API with its range; and the
contract test holds it to the same rules as the real formats.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaflet.cli import main
from leaflet.service import forms
from leaflet.service.openapi import document
from leaflet.writers import registry
from tests import test_contract
from tests.conftest import NICE_ID, SOURCE
from tests.toy.shout import FORMAT as SHOUT

TOY = Path(__file__).parent / "toy" / "shout"


@pytest.fixture
def with_shout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, SHOUT))
    monkeypatch.setitem(test_contract.RECORDS, SHOUT.name, SHOUT)


def test_the_format_is_one_folder() -> None:
    assert sorted(p.name for p in TOY.glob("*.py")) == ["__init__.py", "audit.py", "options.py", "writer.py"]
    assert SHOUT.writer.__module__ == "tests.toy.shout" and SHOUT.audit == "tests.toy.shout.audit"


def test_one_folder_makes_a_format(with_shout: None, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    assert "shout" in registry.names()
    status, stdout, _ = run_cli("formats")
    assert stdout.splitlines()[-1].split(None, 1) == ["shout", "the title and headings in capitals (a toy)"]
    assert run_cli("formats", "--make")[1].split()[-1] == "shout"

    status, stdout, err = run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "-f", "text", "-j", "1")
    assert status == 0, err
    made = out / NICE_ID / f"{NICE_ID}.shout.txt"
    assert made.read_text(encoding="utf-8").startswith("PERCUTANEOUS INSERTION")
    assert f"wrote {made}" in stdout
    manifest = json.loads((out / NICE_ID / "manifest.json").read_text())
    assert manifest["outputs"]["shout"]["files"][0]["path"] == made.name

    status, stdout, err = run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "--bangs", "3")
    assert status == 0 and (out / NICE_ID / f"{NICE_ID}.shout-3.txt").read_text().splitlines()[0].endswith("!!!")
    status, _, err = run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "--bangs", "9")
    assert status == 2 and "--bangs 9 is out of range; give a whole number from 1 to 5" in err
    assert run_cli("build", "--source", SOURCE, "--out", out, "-f", "shout", "--voice", "en-gb")[0] == 2

    status, stdout, _ = run_cli("check", "--source", SOURCE, "--out", out)
    assert "  shout: ok" in stdout and "note[shout]: the title shouts" in stdout
    made.write_text("quiet\n")
    status, stdout, _ = run_cli("check", "--source", SOURCE, "--out", out)
    assert status == 1 and "  shout: FAIL" in stdout and "error[shout-title]" in stdout


def test_its_own_option_is_offered_everywhere(with_shout: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert "--bangs N" in capsys.readouterr().out
    fields = {f.name: f for f in forms.fields(registry.FORMATS)}
    assert fields["bangs"].legend == "Exclamation marks" and fields["bangs"].formats == ("Shouting",)
    sent = forms.check({"format": "shout", "bangs": "7"}, registry.FORMATS, tuple(fields.values()))
    assert sent.errors == {"bangs": "Exclamation marks must be a whole number from 1 to 5"}
    parameters = document(registry.FORMATS)["paths"]["/api/v1/leaflets/{leaflet_id}/{format}"]["get"]["parameters"]
    bangs = next(p for p in parameters if p["name"] == "bangs")
    assert bangs["schema"] == {"type": "integer", "minimum": 1, "maximum": 5}


def test_the_contract_test_covers_the_new_format(with_shout: None, tmp_path: Path) -> None:
    test_contract.test_record_provides_the_contract("shout")
    test_contract.test_writer_makes_same_bytes_twice_named_by_its_record_and_passes_its_audit(
        "shout", SOURCE / NICE_ID, tmp_path
    )
