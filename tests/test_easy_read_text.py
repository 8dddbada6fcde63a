"""The easy-read text file, read back as a reader would meet it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leaflet.cli import main
from leaflet.core.model import Leaflet, Link
from leaflet.core.text import display_url, easy_read_words, first_missing_word, plain, words
from leaflet.reader import read_leaflet
from leaflet.writers import easy_read
from leaflet.writers.easy_read import FORMAT as EASY_READ
from tests.conftest import audited, errors_of, render

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "fixtures" / "easyread" / "good"
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
EVERY_FEATURE = ROOT / "tests" / "fixtures" / "leaflets" / "every-feature"


def _render(folder: Path, out: Path) -> tuple[Leaflet, str]:
    leaflet = read_leaflet(folder).leaflet
    (path,) = render(easy_read, leaflet, easy_read.FORMAT.parse({}), out).paths
    assert path == out / f"{leaflet.meta.id}.easy-read.txt"
    return leaflet, path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("folder", [GOOD, NICE], ids=["fixture", "nice"])
def test_every_word_in_order_and_no_line_over_60(tmp_path: Path, folder: Path) -> None:
    leaflet, text = _render(folder, tmp_path)
    assert first_missing_word(easy_read_words(leaflet), words(text)) is None
    for line in text.splitlines():
        assert len(line) <= 60 or " " not in line, line  # only an unbreakable address may be longer
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert errors_of(audited("easy-read", leaflet, tmp_path)) == ()


@pytest.mark.parametrize("folder", [GOOD, NICE], ids=["fixture", "nice"])
def test_each_point_starts_a_new_line_after_a_blank_line(tmp_path: Path, folder: Path) -> None:
    leaflet, text = _render(folder, tmp_path)
    assert leaflet.easy_read is not None
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    for section in leaflet.easy_read.sections:
        for point in section.points:
            assert any(block.startswith(plain(point.inlines)) for block in blocks), plain(point.inlines)


def test_headings_stand_on_their_own_lines_in_order(tmp_path: Path) -> None:
    leaflet, text = _render(GOOD, tmp_path)
    assert leaflet.easy_read is not None
    lines = text.splitlines()
    assert lines[:2] == ["Having a stent put in", "=" * len("Having a stent put in")]
    positions = []
    for heading in [s.heading for s in leaflet.easy_read.sections] + ["Words to know"]:
        index = lines.index(heading)
        assert lines[index + 1] == "-" * len(heading)
        assert lines[index - 1] == ""
        positions.append(index)
    assert positions == sorted(positions)


def test_words_to_know_lists_the_glossary_words_the_easy_read_uses(tmp_path: Path) -> None:
    leaflet, text = _render(GOOD, tmp_path)
    known = text.split("Words to know\n-------------\n", 1)[1].split("About this easy read")[0]
    entries = [" ".join(block.split()).split(" means: ", 1) for block in known.strip().split("\n\n")]
    assert [term for term, _ in entries] == ["Stent", "Catheter"]  # in the order the easy read first uses them
    glossary = {d.term: d.explanation for d in leaflet.glossary}
    for term, explanation in entries:
        assert explanation == glossary[term.lower()]


def test_links_show_their_address_on_a_line_of_its_own(tmp_path: Path) -> None:
    leaflet, text = _render(NICE, tmp_path)
    assert leaflet.easy_read is not None
    lines = text.splitlines()
    links = [i for s in leaflet.easy_read.sections for p in s.points for i in p.inlines if isinstance(i, Link)]
    assert links
    for link in links:
        assert display_url(link.url) in lines


def test_same_source_same_bytes(tmp_path: Path) -> None:
    _, first = _render(NICE, tmp_path / "a")
    _, second = _render(NICE, tmp_path / "b")
    assert first == second


def test_a_leaflet_without_easy_read_warns_and_writes_nothing(tmp_path: Path) -> None:
    leaflet = read_leaflet(EVERY_FEATURE).leaflet
    rendered = render(easy_read, leaflet, easy_read.FORMAT.parse({}), tmp_path)
    assert rendered.paths == ()
    (warning,) = rendered.warnings
    assert warning.code == "no-easy-read" and "easy-read.md" in str(warning)
    assert list(tmp_path.iterdir()) == []


def test_build_without_easy_read_makes_the_other_formats_and_fails_only_when_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(EVERY_FEATURE.parent)
    out = tmp_path / "out"
    assert main(["build", "-q", "--source", source, "every-feature", "--out", str(out)]) == 0
    assert "warning[no-easy-read]" in capsys.readouterr().err
    written = sorted(p.name for p in (out / "every-feature").iterdir())
    assert "every-feature.txt" in written
    assert not [name for name in written if "easy-read" in name]
    assert main(["build", "-q", "--strict", "--force", "--source", source, "every-feature", "--out", str(out)]) == 1


def test_easy_read_text_takes_no_options() -> None:
    from leaflet.core.diagnostics import OptionError

    with pytest.raises(OptionError, match="does not take --size"):
        EASY_READ.parse({"size": "20"})


def test_a_phone_number_that_is_its_own_link_is_given_once(tmp_path: Path) -> None:
    folder = tmp_path / "good"
    shutil.copytree(GOOD, folder)
    easy = folder / "easy-read.md"
    easy.write_text(
        easy.read_text().replace(
            "- The doctor uses a catheter.",
            "- Call [0300 123 4567](tel:03001234567) to ask.\n- The doctor uses a catheter.",
        )
    )
    _, text = _render(folder, tmp_path / "out")
    assert text.replace(" ", "").count("03001234567") == 1
