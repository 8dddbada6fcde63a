"""Reader fixtures: a source folder in, the model as JSON out (``leaflet dump``'s view).

Each folder under tests/fixtures/reader/ (and the every-feature leaflet) holds
a ``leaflet.md`` and the ``expected.json`` it must read as. To accept a
deliberate change, regenerate with ``leaflet dump NAME --source DIR``, and read the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaflet.core.dump import to_json
from leaflet.core.model import Link, Picture, Strong, Text
from leaflet.reader import read_leaflet
from tests.conftest import FIXTURE_LEAFLETS, FIXTURES

GOLDEN = sorted(p.parent for p in [*FIXTURES.glob("reader/*/expected.json"), *FIXTURE_LEAFLETS.glob("*/expected.json")])


@pytest.mark.parametrize("folder", GOLDEN, ids=[p.name for p in GOLDEN])
def test_source_reads_as_its_golden_model(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text())
    assert to_json(read_leaflet(folder).leaflet) == expected


def test_lines_are_kept_but_do_not_affect_equality() -> None:
    assert Text("same", line=3) == Text("same", line=99)
    assert Link("a", "https://x.org", line=1) == Link("a", "https://x.org", line=2)


def test_inline_markup_becomes_text_strong_and_link() -> None:
    leaflet = read_leaflet(FIXTURES / "reader" / "inline-markup").leaflet
    first = leaflet.sections[0].blocks[0].inlines
    kinds = [type(i) for i in first]
    assert kinds[:6] == [Text, Strong, Text, Strong, Text, Strong]
    links = [i for i in first if isinstance(i, Link)]
    assert [link.url for link in links] == ["https://www.nhs.uk/", "https://www.nice.org.uk/"]
    assert "*stars*" in first[-1].text and "& entities & ampersands" in first[-1].text


def test_italic_is_reported_with_its_line() -> None:
    reading = read_leaflet(FIXTURES / "reader" / "inline-markup")
    assert [(w.code, w.line) for w in reading.warnings] == [("italic", 9)]


def test_pictures_are_resolved_inside_the_leaflet_folder() -> None:
    leaflet = read_leaflet(FIXTURES / "reader" / "with-easy-read").leaflet
    assert leaflet.easy_read is not None
    picture = leaflet.easy_read.sections[0].points[0].picture
    folder = FIXTURES / "reader" / "with-easy-read"
    assert isinstance(picture, Picture) and picture.alt == "A heart"
    assert picture.name == "heart.png" and picture.data == (folder / "heart.png").read_bytes()


def test_model_is_frozen() -> None:
    leaflet = read_leaflet(FIXTURE_LEAFLETS / "every-feature").leaflet
    with pytest.raises(AttributeError):
        leaflet.meta.title = "changed"  # type: ignore[misc]
    assert isinstance(leaflet.sections, tuple)


def test_a_glossary_word_used_in_the_plural_counts_as_used(tmp_path: Path) -> None:
    folder = tmp_path / "plural"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        "---\ntitle: T\npublisher: P\npublished: 2026-01-01\nglossary:\n  artery: A blood vessel.\n  vein: Unused.\n---\n\nTwo arteries.\n"
    )
    assert [(w.code, w.line) for w in read_leaflet(folder).warnings] == [("glossary-unused", 7)]
