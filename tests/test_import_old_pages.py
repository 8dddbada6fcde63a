"""Whole-page saves of older NHS pages (no ``main``, no ``article``) come in as their article alone.

The fixtures in ``tests/fixtures/pages/`` are saves in the markup of NHS
Choices in 2014-2016 (an ASP.NET form around the page, share, save and print
links, "Saved pages", "Recently visited", "Pages you might like", ratings,
forum comments, "Contact us" promos, the pictures in a ``_files`` folder). Each
imports to about as many words as trafilatura's own extraction (0.85-1.15x),
holding at least 0.95 of them in order, with none of the furniture, and builds.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from leaflet.core import walk
from leaflet.core.model import Image, Paragraph, Table
from leaflet.core.text import plain, words
from leaflet.importers import import_document
from leaflet.reader import read_leaflet
from tests.conftest import FIXTURES
from tests.model_words import body_words

PAGES = FIXTURES / "pages"
# Words each page holds only in its furniture (menus, share tools, side boxes, comments, footer).
FURNITURE = {
    "flu-2014.html": ["Saved pages", "Recently visited", "Pages you might like", "Facebook", "Twitter", "Print",
                      "Rate this page", "Sign in", "Health A-Z", "Skip to", "Crown copyright", "Stay well this winter",
                      "Media last reviewed", "Find services near you", "Introduction", "Page last reviewed"],
    "back-pain-2015.html": ["Share on Facebook", "Save this page", "Print this page", "Recently visited", "Comments",
                            "Posted by", "memory foam", "swimming twice a week", "Forums and support",
                            "HealthUnlocked", "Add your comment", "Health A-Z"],
    "sleep-2016.html": ["Contact us", "0300 000 0000", "Pages you might like", "Saved pages", "Sign in", "Share",
                        "Print", "Text size", "apps library", "Why am I tired", "Crown copyright"],
}  # fmt: skip


def reference(page: Path) -> list[str]:
    """trafilatura's article: its words, comments left out, as precise as it goes."""
    text = trafilatura.extract(page.read_bytes(), include_comments=False, favor_precision=True)
    assert text, f"trafilatura finds no article in {page.name}"
    return words(text)


def imported_words(folder: Path) -> list[str]:
    """The imported leaflet's title and body, read back by the reader."""
    return body_words(read_leaflet(folder).leaflet)


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_an_old_whole_page_save_comes_in_as_its_article_alone(name: str, tmp_path: Path) -> None:
    page = PAGES / name
    result = import_document(page, tmp_path / "source", "page")
    assert result.builds, "\n".join(result.report())
    want, got = reference(page), imported_words(result.folder)
    assert 0.85 <= len(got) / len(want) <= 1.15, (len(got), len(want))
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks()) / len(want)
    assert in_order >= 0.95, in_order
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8").split("---", 2)[2]
    for furniture in FURNITURE[name]:
        assert furniture.lower() not in text.lower(), furniture


def test_the_article_keeps_its_headings_lists_table_pictures_and_links(tmp_path: Path) -> None:
    result = import_document(PAGES / "sleep-2016.html", tmp_path / "source", "sleep")
    leaflet = read_leaflet(result.folder).leaflet
    assert leaflet.meta.title == "10 tips to beat insomnia"
    assert [s.heading for s in leaflet.sections][1:4] == [
        "1. Keep regular sleep hours",
        "2. Create a restful sleeping environment",
        "3. Make sure your bed is comfortable",
    ]
    first = leaflet.sections[0].blocks[0]
    assert isinstance(first, Paragraph)
    assert plain(first.inlines).startswith(
        "Many people have trouble sleeping."
    )  # trafilatura passed it over; the page has it
    tables = list(walk.query(leaflet, Table))
    assert [plain(c) for c in tables[0].header] == ["Drink", "Caffeine in one mug or can"]
    pictures = list(walk.query(leaflet, Image))
    assert [(p.alt, p.path.name) for p in pictures] == [
        ("A quiet, dark bedroom with the curtains drawn", "bedroom.png")
    ]
    assert (result.folder / "bedroom.png").read_bytes() == (PAGES / "sleep_files" / "bedroom.png").read_bytes()
    source = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert "[NHS 111](tel:111)" in source


def test_the_flu_page_keeps_its_box_picture_and_review_date(tmp_path: Path) -> None:
    result = import_document(PAGES / "flu-2014.html", tmp_path / "source", "flu")
    leaflet = read_leaflet(result.folder).leaflet
    assert (leaflet.meta.title, str(leaflet.meta.review)) == ("Flu", "2016-10-02")
    source = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert (
        "> [!NOTE] When to see your GP\n>\n> Consider visiting your GP if:\n>\n> - you're 65 years of age or over"
        in source
    )
    assert "![A woman in bed with a cold compress on her forehead](flu-in-bed.jpg)" in source
    assert (
        "[Read more about the flu vaccine](http://www.nhs.uk/Conditions/vaccinations/Pages/flu-influenza-vaccine.aspx)"
        in source
    )
    report = "\n".join(result.report())
    assert "the leaflet is the article trafilatura found in the page" in report
    assert "review: 2016-10-02  (from 'Next review due: 02/10/2016', printed in the document)" in report


def test_a_person_named_as_author_is_not_the_publisher_but_the_site_is(tmp_path: Path) -> None:
    result = import_document(PAGES / "back-pain-2015.html", tmp_path / "source", "back")
    assert (result.properties["publisher"], result.sources["publisher"]) == ("NHS Choices", "the page's 'og:site_name'")
    assert "Jane Smith" not in (result.folder / "leaflet.md").read_text(encoding="utf-8")


def test_a_document_saved_as_a_web_page_is_not_cut_down(run_cli: Any, tmp_path: Path) -> None:
    """No site around it (no menus, no share links): every paragraph stays, however short."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Short</title></head><body><h1>Short</h1><p>One.</p><h2>Two</h2><p>Three words here.</p>"
        "<ul><li><a href='https://a.example/'>A</a></li><li><a href='https://b.example/'>B</a></li></ul></body></html>",
        encoding="utf-8",
    )
    result = import_document(page, tmp_path / "source", "short")
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert "One." in text and "## Two" in text and "Three words here." in text and "[B](https://b.example/)" in text
