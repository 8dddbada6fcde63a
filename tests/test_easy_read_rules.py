"""The easy-read rules: each broken rule in a fixture gets its error or warning, at its line."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from leaflet.checks import easy_read as easy_read_audit
from leaflet.cli import main
from leaflet.core.diagnostics import Diagnostic
from leaflet.pipeline import reading
from leaflet.reader import read_leaflet, rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "easyread"
GOOD = FIXTURES / "good"
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"


def _leaflet_with(tmp_path: Path, easy_read: Path) -> Path:
    """A copy of the good fixture whose easy-read.md is ``easy_read``."""
    folder = tmp_path / "source" / "stent"
    shutil.copytree(GOOD, folder)
    shutil.copy(easy_read, folder / "easy-read.md")
    return folder


# fixture, file the finding is in, line, code (warnings) or words of the message (errors)
ERRORS = [
    ("sentence-over-20", "easy-read.md", 4, "has 24 words"),
    ("three-sentences", "easy-read.md", 10, "has 3 sentences"),
    ("missing-section", "leaflet.md", 18, "'After the procedure' has no easy-read counterpart"),
    ("unknown-covers", "easy-read.md", 11, "no heading 'After the operation'"),
    ("covers-misplaced", "easy-read.md", 8, "each line must be 'covers:"),
]
WARNINGS = [
    ("sentence-over-15", 4, "easy-read-long-sentence", "has 16 words"),
    ("unexplained-word", 11, "easy-read-hard-word", "'catheter'"),
    ("abbreviation", 16, "easy-read-abbreviation", "'GP'"),
]


@pytest.mark.parametrize(("name", "file", "line", "words"), ERRORS)
def test_each_broken_error_rule_stops_the_leaflet_at_its_line(
    tmp_path: Path, name: str, file: str, line: int, words: str
) -> None:
    folder = _leaflet_with(tmp_path, FIXTURES / "broken" / f"{name}.md")
    readings, errors, _warnings = reading.read_all([folder])
    assert readings == []
    error = errors[0]  # the others it caused (a section no longer covered) follow it
    assert (error.path.name, error.line) == (file, line)
    assert words in error.message


@pytest.mark.parametrize(("name", "line", "code", "words"), WARNINGS)
def test_each_broken_warning_rule_is_reported_at_its_line(
    tmp_path: Path, name: str, line: int, code: str, words: str
) -> None:
    folder = _leaflet_with(tmp_path, FIXTURES / "broken" / f"{name}.md")
    readings, errors, warnings = reading.read_all([folder])
    assert errors == [] and len(readings) == 1
    (warning,) = _without_pictures(warnings)
    assert (warning.path.name, warning.line, warning.code) == ("easy-read.md", line, code)
    assert words in warning.message
    _, strict_errors, _ = reading.read_all([folder], strict=True)
    pictures = ("no-picture", "picture-unreviewed")
    assert [(e.path.name, e.line) for e in strict_errors if not any(p in e.message for p in pictures)] == [
        ("easy-read.md", line)
    ]


def test_an_easy_read_error_writes_nothing_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _leaflet_with(tmp_path, FIXTURES / "broken" / "three-sentences.md")
    out = tmp_path / "out"
    status = main(["build", "--source", str(folder.parent), "--out", str(out)])
    assert status == 2
    assert [p for p in out.rglob("*") if p.is_file() and p.name != ".lock"] == []
    assert "easy-read.md:10:" in capsys.readouterr().err


def test_the_good_fixture_and_the_nice_easy_read_break_no_rule() -> None:
    for folder in (GOOD, NICE):
        leaflet = read_leaflet(folder).leaflet
        assert leaflet.easy_read is not None
        assert list(rules.broken_rules(leaflet)) == []


def test_the_nice_easy_read_reads_easily_and_much_more_easily_than_the_full_leaflet() -> None:
    comparison = easy_read_audit.compare(read_leaflet(NICE).leaflet)
    assert comparison is not None
    assert comparison.easy.reading_ease >= easy_read_audit.TARGET_EASE
    assert comparison.easy.reading_ease > comparison.full.reading_ease
    assert comparison.easy.grade < comparison.full.grade
    assert comparison.easy.longest_sentence <= rules.AIM_WORDS


def test_the_nice_easy_read_covers_every_section_and_explains_nice_and_nhs() -> None:
    leaflet = read_leaflet(NICE).leaflet
    assert leaflet.easy_read is not None
    covered = {name for section in leaflet.easy_read.sections for name in section.covers}
    assert covered == {s.heading for s in leaflet.sections if s.level == 2}
    text = " ".join(" ".join(i.text for i in p.inlines) for s in leaflet.easy_read.sections for p in s.points)
    assert rules.explains(text, "NICE") and rules.explains(text, "NHS")


def test_explanations_are_recognised_in_the_usual_easy_read_shapes() -> None:
    assert rules.explains("A catheter is a long tube.", "catheter")
    assert rules.explains("Arteries are tubes for blood.", "artery")
    assert rules.explains("Saying yes is called consent.", "consent")
    assert rules.explains("It goes in a catheter (a thin tube).", "catheter")
    assert not rules.explains("The doctor uses a catheter.", "catheter")
    assert not rules.explains("The catheters go in.", "cat")


def test_a_spelled_out_abbreviation_passes(tmp_path: Path) -> None:
    source = (FIXTURES / "broken" / "abbreviation.md").read_text()
    fixed = tmp_path / "easy-read.md"
    fixed.write_text(source.replace("after a week.", "after a week. Your General Practitioner is your GP."))
    folder = _leaflet_with(tmp_path, fixed)
    _readings, errors, warnings = reading.read_all([folder])
    assert errors == [] and _without_pictures(warnings) == []


def _without_pictures(warnings: list[Diagnostic]) -> list[Diagnostic]:
    """The warnings but the pictures' (tests/test_pictures.py and test_picture_approval.py check those)."""
    return [warning for warning in warnings if warning.code not in ("no-picture", "picture-unreviewed")]


def test_the_readability_report_works_with_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    comparison = easy_read_audit.compare(read_leaflet(GOOD).leaflet)
    assert comparison is not None and comparison.easy.words > 0


def test_check_prints_the_easy_read_beside_the_full_leaflet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "-q", "--source", str(FIXTURES), "good", "--out", str(out)]) == 0
    assert main(["check", "--source", str(FIXTURES), "good", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "easy read: reading ease" in printed
    assert "full leaflet: reading ease" in printed
