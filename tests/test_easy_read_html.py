"""The easy-read web page: valid HTML5, a row per point with its picture left and words right, the credit, and
in a real browser WCAG 2.2 AA (default and a chosen scheme) and reflow at 320 CSS pixels, picture above words."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from leaflet.checks.html import NS, parse
from leaflet.core.compose import picture_credits
from leaflet.core.diagnostics import OptionError
from leaflet.core.model import Leaflet
from leaflet.reader import read_leaflet
from leaflet.writers import easy_read_html, registry
from tests.browser import TEXT_SPACING, axe_violations, describe, launch, open_page, write_pages
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID, SOURCE, audited

LEAFLETS = {"nice": SOURCE / NICE_ID, "real-leaflet": FIXTURE_LEAFLETS / "real-leaflet"}
VARIANTS = {"default": {}, "yellow-on-black": {"colours": "yellow-on-black"}, "giant": {"size": "48"}}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Leaflet, Path]]:
    """Each leaflet's easy-read page in each variant, built once."""
    out = tmp_path_factory.mktemp("easy-read-html")
    return write_pages(easy_read_html, LEAFLETS, VARIANTS, out)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


# Structure ---------------------------------------------------------------


@pytest.mark.parametrize("key", LEAFLETS)
def test_the_audit_passes_and_the_page_is_valid_html5(key: str, pages) -> None:
    leaflet, path = pages[key, "default"]
    found = audited("easy-read-html", leaflet, path.parent)
    assert [d.severity for d in found] == ["note"], found
    pictured = sum(1 for s in leaflet.easy_read.sections for p in s.points if p.picture)
    assert f"47 points, {pictured} with a picture" in found[0].message or key != "nice"


def test_every_point_is_a_row_with_its_picture_left_and_alt_text(pages) -> None:
    leaflet, path = pages["nice", "default"]
    root = parse(path.read_bytes())
    body = root.find(f"{NS}body")
    assert root.get("lang") == "en-GB"
    assert [e.tag.removeprefix(NS) for e in body] == ["a", "header", "main", "footer"]
    assert body[0].get("href") == "#main" and len(root.findall(f".//{NS}h1")) == 1
    assert leaflet.easy_read is not None
    points = [p for s in leaflet.easy_read.sections for p in s.points]
    rows = root.findall(f".//{NS}main//{NS}li[@class='point']")
    assert len(rows) >= len(points)  # and "Words to know" after them
    sizes = set()
    for row, point in zip(rows, points, strict=False):
        picture, words = list(row)
        assert picture.get("class") == "point-picture" and words.get("class") == "point-words", "picture first"
        images = list(picture.iter(f"{NS}img"))
        if point.picture is None:  # no symbol fits: the picture column stays, empty
            assert images == []
            continue
        (image,) = images
        assert image.get("alt") == point.picture.alt and image.get("alt")
        assert image.get("src", "").startswith("data:image/png;base64,")
        sizes.add((image.get("width"), image.get("height")))
    assert len(sizes) == 1, "every picture the same size"
    headings = [h.text for h in root.findall(f".//{NS}h2")]
    assert headings[-2:] == ["Words to know", "About this easy read"]
    footer = "".join(root.find(f".//{NS}footer").itertext())
    for credit in picture_credits(leaflet.easy_read):
        assert credit in footer, "the pictures' credit and licence end the page"
    assert "CC BY-SA" in footer
    links = [a.get("href") for a in root.findall(f".//{NS}footer//{NS}a")]
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in links, "the licence is a link on the web"


def test_hard_words_are_bold_and_links_stay_links(pages) -> None:
    root = parse(pages["real-leaflet", "default"][1].read_bytes())
    first = root.find(f".//{NS}main//{NS}p[@class='point-words']")
    assert [s.text for s in first.iter(f"{NS}strong")] == ["stent", "stent"]
    link = root.find(f".//{NS}main//{NS}a[@href='tel:03001231234']")
    assert link is not None and link.text == "the clinic"


def test_a_point_without_a_picture_keeps_an_empty_picture_column(pages, tmp_path: Path) -> None:
    leaflet = pages["real-leaflet", "default"][0]
    assert leaflet.easy_read is not None
    first = leaflet.easy_read.sections[0]
    bare = dataclasses.replace(first.points[1], picture=None, wants_picture=False)
    section = dataclasses.replace(first, points=(first.points[0], bare, *first.points[2:]))
    easy = dataclasses.replace(leaflet.easy_read, sections=(section, *leaflet.easy_read.sections[1:]))
    changed = dataclasses.replace(leaflet, easy_read=easy)
    (written,) = easy_read_html.FORMAT.write(changed, easy_read_html.Options()).files
    (tmp_path / written.name).write_bytes(written.data)
    assert [d.severity for d in audited("easy-read-html", changed, tmp_path)] == ["note"]
    row = parse(written.data).findall(f".//{NS}li[@class='point']")[1]
    assert row[0].get("class") == "point-picture" and len(row[0]) == 0


def test_the_audit_finds_a_missing_alt_and_a_picture_on_the_right(pages, tmp_path: Path) -> None:
    leaflet, path = pages["real-leaflet", "default"]
    text = path.read_text()
    (tmp_path / path.name).write_text(text.replace('alt="A tablet"', 'alt=""', 1))
    codes = {d.code for d in audited("easy-read-html", leaflet, tmp_path)}
    assert {"alt", "point-picture"} <= codes
    swapped = text.replace('<li class="point"><div class="point-picture">', '<li class="point"><p>x</p><div>', 1)
    (tmp_path / path.name).write_text(swapped)
    assert "point-layout" in {d.code for d in audited("easy-read-html", leaflet, tmp_path)}


def test_no_easy_read_gives_a_warning_and_no_file_as_the_other_easy_read_formats() -> None:
    leaflet = read_leaflet(FIXTURE_LEAFLETS / "every-feature").leaflet
    for name in ("easy-read", "easy-read-print", "easy-read-html"):
        made = registry.format_named(name).write(leaflet, {})
        assert made.files == () and [w.code for w in made.warnings] == ["no-easy-read"], name
    assert [d.severity for d in audited("easy-read-html", leaflet, Path("/nonexistent"))] == ["note"]


def test_options_and_file_names() -> None:
    record = registry.format_named("easy-read-html")
    assert record.files("x", record.defaults()) == ("x.easy-read.html",)
    assert record.files("x", record.parse({"size": "24", "colours": "black-on-cream"})) == (
        "x.easy-read.24pt-black-on-cream.html",
    )
    for bad in ({"size": "9"}, {"colours": "pink"}, {"voice": "en"}):
        with pytest.raises(OptionError):
            record.parse(bad)


# In the browser ------------------------------------------------------------


@pytest.mark.parametrize("variant", ["default", "yellow-on-black"])
@pytest.mark.parametrize("key", LEAFLETS)
def test_axe_finds_no_wcag_violation(key: str, variant: str, pages, browser) -> None:
    page = open_page(browser, pages[key, variant][1])
    try:
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.close()


def test_pictures_sit_left_of_their_words_all_the_same_size_and_the_body_is_18pt(pages, browser) -> None:
    page = open_page(browser, pages["nice", "default"][1])
    try:
        rows = page.evaluate("""() => [...document.querySelectorAll('li.point')].map(row => {
            const img = row.querySelector('img'), words = row.querySelector('.point-words').getBoundingClientRect();
            const box = img && img.getBoundingClientRect();
            return {img: box && [box.right, box.width, box.height], words: [words.left], loaded: img && img.complete && img.naturalWidth};
        })""")
        pictured = [r for r in rows if r["img"]]
        leaflet = pages["nice", "default"][0]
        assert len(pictured) == sum(1 for s in leaflet.easy_read.sections for p in s.points if p.picture) >= 40
        assert all(r["img"][0] <= r["words"][0] and r["loaded"] for r in pictured), "picture left of its words"
        assert len({(r["img"][1], r["img"][2]) for r in pictured}) == 1, "every picture the same size"
        assert page.evaluate("getComputedStyle(document.querySelector('.point-words')).fontSize") == "24px"
    finally:
        page.close()


@pytest.mark.parametrize("variant", ["default", "giant"])
def test_reflows_at_320_css_pixels_picture_above_words_without_sideways_scrolling(variant: str, pages, browser) -> None:
    page = open_page(browser, pages["nice", variant][1], width=320)
    try:
        found = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert found[0] <= found[1], f"sideways scrolling at 320 px: {found}"
        stacked = page.evaluate("""() => [...document.querySelectorAll('li.point')].every(row => {
            const img = row.querySelector('img');
            return !img || img.getBoundingClientRect().bottom <= row.querySelector('.point-words').getBoundingClientRect().top;
        })""")
        assert stacked, "on a narrow screen each picture stands above its words"
        page.add_style_tag(content=TEXT_SPACING)
        found = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert found[0] <= found[1], f"text spacing makes the page scroll sideways: {found}"
    finally:
        page.close()
