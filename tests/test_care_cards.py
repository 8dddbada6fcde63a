"""Issue 25: the NHS care cards and the other callouts, each its own look, read off the built pages.

Every kind was the same black box in the PDF and on the web page (the same grey box in Word), only its first
word differing. Here each kind's colours and border are read back from what a reader sees: pdfplumber's
drawing operations for the PDF, Chromium's computed styles for the web page and the talking book, the
document's XML for Word. Colour is never the only cue: no two kinds share a border, whatever the colours.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from lxml import etree

from leaflet.media.colours import MINIMUM_CONTRAST, SCHEMES, contrast_ratio
from leaflet.writers import docx as docx_format
from leaflet.writers import epub as epub_format
from leaflet.writers import html as html_format
from leaflet.writers import large_print_pdf
from tests.browser import launch, open_page
from tests.nhs import KINDS, LABELS, plain_copy, read

WHITE = "FFFFFF"
# NHS.UK's colours, and the shades of them that keep white (and yellow) words at 7:1
NHS_RED, NHS_BLUE, RED_BAND, BLUE_BAND = "D5281B", "005EB8", "A21E15", "0053A2"
MINIMUM_EDGE_CONTRAST = 3.0  # WCAG 2.2 1.4.11
PATTERNS = {"solid", "double", "dashed", "dotted"}


@pytest.fixture(scope="module")
def leaflet(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return read(plain_copy(tmp_path_factory.mktemp("cards")))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


def _hex(colour: Any) -> str:
    """pdfplumber's colour (0-1 fractions; a grey as one value) as hex RGB."""
    values = tuple(colour) if isinstance(colour, list | tuple) else (colour,)
    if len(values) == 1:
        values = values * 3
    return "".join(f"{round(v * 255):02X}" for v in values)


def _css_hex(colour: str) -> str:
    """'rgb(162, 30, 21)' as 'A21E15'."""
    parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    return "".join(f"{int(float(p)):02X}" for p in parts[:3])


# Large print ------------------------------------------------------------------


def _pdf(leaflet: Any, folder: Path, colours: str, size: int = 18) -> Path:
    output = large_print_pdf.FORMAT.write(
        leaflet, large_print_pdf.FORMAT.parse({"colours": colours, "size": str(size)})
    )
    path = folder / output.files[0].name
    path.write_bytes(output.files[0].data)
    return path


def _pdf_cards(path: Path) -> dict[str, dict[str, Any]]:
    """Each callout's label colour, what is behind it, and its border's lines, read off its page."""
    found: dict[str, dict[str, Any]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            background = next((_hex(r["non_stroking_color"]) for r in page.rects if r["width"] > page.width - 1), WHITE)
            for kind, label in LABELS.items():
                if kind in found:
                    continue
                hits = [h for h in page.search(label) if h["chars"][0]["fontname"].endswith("Bold")]
                if not hits:
                    continue
                first = hits[0]["chars"][0]
                x, y = first["x0"] + 1, (first["top"] + first["bottom"]) / 2
                behind = [
                    r
                    for r in page.rects
                    if r["fill"]
                    and r["x0"] <= x <= r["x1"]
                    and r["top"] <= y <= r["bottom"]
                    and r["width"] < page.width - 1
                ]
                # the box: the lines nearest the label above it and to its left
                above = [ln for ln in page.lines if ln["top"] == ln["bottom"] and ln["bottom"] < first["top"]]
                top = max(ln["top"] for ln in above)
                tops = [ln for ln in above if abs(ln["top"] - top) < 8 and ln["x0"] < x < ln["x1"]]
                left = [
                    ln for ln in page.lines if ln["x0"] == ln["x1"] and ln["x0"] < x and ln["top"] <= y <= ln["bottom"]
                ]
                found[kind] = {
                    "text": _hex(first["non_stroking_color"]),
                    "behind": _hex(behind[-1]["non_stroking_color"]) if behind else background,
                    "page": background,
                    "edge": _hex(tops[0]["stroking_color"]),
                    "width": max(ln["linewidth"] for ln in tops),
                    "lines": len(tops),  # two for a double border
                    "dash": tops[0].get("dash"),
                    "left": max(ln["linewidth"] for ln in left),
                    "size": first["size"],
                }
    return found


@pytest.mark.parametrize("colours", ["black-on-white", "yellow-on-black", "black-on-cream"])
def test_the_pdf_draws_each_care_card_as_nhs_uk_does_and_every_kind_apart(leaflet, tmp_path, colours: str) -> None:
    cards = _pdf_cards(_pdf(leaflet, tmp_path, colours))
    assert set(cards) == set(KINDS), cards
    dark = colours.endswith("-on-black")
    # emergency: the card filled red, its words white (the scheme's own text colour on a black page)
    assert cards["emergency"]["behind"] == RED_BAND
    assert cards["emergency"]["text"] == (SCHEMES[colours].text if dark else WHITE)
    # urgent: red-bordered, the label on a red band; non-urgent: blue
    assert cards["urgent"]["behind"] == RED_BAND and cards["non-urgent"]["behind"] == BLUE_BAND
    if not dark:
        assert cards["urgent"]["edge"] == NHS_RED and cards["non-urgent"]["edge"] == NHS_BLUE
    else:  # lighter red and blue, to stand out from a black page
        assert cards["urgent"]["edge"] != NHS_RED and cards["non-urgent"]["edge"] != NHS_BLUE
    for kind in ("important", "warning", "caution", "note", "tip"):  # no card colour: the scheme's text colour
        assert cards[kind]["edge"] == SCHEMES[colours].text and cards[kind]["behind"] == cards[kind]["page"]
    for kind, card in cards.items():
        assert contrast_ratio(card["text"], card["behind"]) >= MINIMUM_CONTRAST, (kind, card)
        assert contrast_ratio(card["edge"], card["page"]) >= MINIMUM_EDGE_CONTRAST, (kind, card)
    # without colour: each kind has a border of its own (weight, double, dashed, dotted, a heavy left bar)
    behind = {"emergency": "filled", "urgent": "band", "non-urgent": "band"}
    looks = {
        k: (
            round(c["width"] / c["size"], 2),
            c["lines"],
            str(c["dash"]),
            round(c["left"] / c["size"], 2),
            behind.get(k),
        )
        for k, c in cards.items()
    }
    assert len(set(looks.values())) == len(KINDS), looks
    assert cards["warning"]["lines"] == 2 and cards["tip"]["dash"] and cards["caution"]["dash"]
    assert cards["important"]["left"] > 3 * cards["important"]["width"]


# The web page and the talking book -------------------------------------------------------------

_STYLES = """() => Object.fromEntries([...document.querySelectorAll('section.callout')].map(box => {
    const kind = [...box.classList].find(c => c.startsWith('callout-')).slice(8);
    const style = getComputedStyle(box), label = box.querySelector('.callout-label');
    const labelStyle = getComputedStyle(label);
    const clear = c => c === 'rgba(0, 0, 0, 0)' || c === 'transparent';
    const body = getComputedStyle(document.body).backgroundColor;
    const page = clear(body) ? 'rgb(255, 255, 255)' : body;  // a book's page: the reading system's, white here
    return [kind, {
        border: [style.borderTopStyle, style.borderTopWidth, style.borderLeftWidth].join(' '),
        edge: style.borderTopColor, page,
        behind: clear(style.backgroundColor) ? page : style.backgroundColor, text: style.color,
        band: clear(labelStyle.backgroundColor) ? null : labelStyle.backgroundColor, label: labelStyle.color,
        top: box.getBoundingClientRect().top + window.scrollY,
    }];
}))"""


def _web_cards(page: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = page.evaluate(_STYLES)
    for card in found.values():
        for key in ("edge", "page", "behind", "text", "label", "band"):
            card[key] = _css_hex(card[key]) if card[key] else None
    return found


def _check_web_cards(cards: dict[str, dict[str, Any]], dark: bool, text: str) -> None:
    assert set(cards) == set(KINDS), cards
    assert cards["emergency"]["behind"] == RED_BAND and cards["emergency"]["text"] == (text if dark else WHITE)
    assert cards["urgent"]["band"] == RED_BAND and cards["non-urgent"]["band"] == BLUE_BAND
    assert cards["urgent"]["behind"] == cards["urgent"]["page"], "an urgent card is red-bordered, not filled"
    if not dark:
        assert cards["urgent"]["edge"] == NHS_RED and cards["non-urgent"]["edge"] == NHS_BLUE
    for kind, card in cards.items():
        assert contrast_ratio(card["text"], card["behind"]) >= MINIMUM_CONTRAST, (kind, card)
        assert contrast_ratio(card["label"], card["band"] or card["behind"]) >= MINIMUM_CONTRAST, (kind, card)
        assert contrast_ratio(card["edge"], card["page"]) >= MINIMUM_EDGE_CONTRAST, (kind, card)
    borders = {
        kind: (card["border"], card["band"] is not None, card["behind"] != card["page"]) for kind, card in cards.items()
    }
    assert len(set(borders.values())) == len(KINDS), f"two kinds look alike without colour: {borders}"
    assert {card["border"].split()[0] for card in cards.values()} == PATTERNS


@pytest.mark.parametrize(
    ("colours", "preference"),
    [(None, "light"), (None, "dark"), *((name, "light") for name in SCHEMES)],
)
def test_the_web_page_draws_each_care_card_in_every_scheme(
    leaflet, tmp_path, browser, colours: str | None, preference: str
) -> None:
    record = html_format.FORMAT
    output = record.write(leaflet, record.parse({"colours": colours} if colours else {}))
    path = tmp_path / output.files[0].name
    path.write_bytes(output.files[0].data)
    page = open_page(browser, path, scheme=preference)
    try:
        cards = _web_cards(page)
    finally:
        page.close()
    scheme = SCHEMES[colours] if colours else SCHEMES["white-on-black" if preference == "dark" else "black-on-white"]
    _check_web_cards(cards, scheme.name.endswith("-on-black"), scheme.text)


def test_the_talking_book_draws_each_care_card(leaflet, tmp_path, browser) -> None:
    """The book's own style sheet, in its content documents, opened as a reading system would."""
    record = epub_format.FORMAT
    output = record.write(leaflet, record.parse({}))
    book = tmp_path / "book"
    with zipfile.ZipFile(__import__("io").BytesIO(output.files[0].data)) as archive:
        archive.extractall(book)
    cards: dict[str, dict[str, Any]] = {}
    for document in sorted((book / "EPUB" / "text").glob("*.xhtml")):
        if b"callout" not in document.read_bytes():
            continue
        page = open_page(browser, document)
        try:
            cards |= _web_cards(page)
        finally:
            page.close()
    _check_web_cards(cards, dark=False, text="000000")


# Word ------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_word_draws_each_care_card_and_every_kind_apart(leaflet) -> None:
    for colours in ("black-on-white", "white-on-black"):
        record = docx_format.FORMAT
        output = record.write(leaflet, record.parse({"colours": colours}))
        with zipfile.ZipFile(__import__("io").BytesIO(output.files[0].data)) as archive:
            body = etree.fromstring(archive.read("word/document.xml"))
        cards: dict[str, dict[str, Any]] = {}
        for paragraph in body.iter(f"{W}p"):
            words = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
            kind = next((k for k, label in LABELS.items() if words.startswith(label) and k not in cards), None)
            borders = paragraph.find(f"{W}pPr/{W}pBdr")
            if kind is None or borders is None:
                continue
            top, left = borders.find(f"{W}top"), borders.find(f"{W}left")
            shade = paragraph.find(f"{W}pPr/{W}shd")
            run_colour = paragraph.find(f".//{W}r/{W}rPr/{W}color")
            following = paragraph.getnext()  # the card's words after its label: filled (emergency) or not
            filled = following is not None and following.find(f"{W}pPr/{W}shd") is not None
            cards[kind] = {
                "border": (top.get(f"{W}val"), top.get(f"{W}sz"), left.get(f"{W}sz"), filled),
                "edge": top.get(f"{W}color"),
                "behind": shade.get(f"{W}fill") if shade is not None else SCHEMES[colours].background,
                "text": run_colour.get(f"{W}val") if run_colour is not None else SCHEMES[colours].text,
            }
        assert set(cards) == set(KINDS), cards
        dark = colours.endswith("-on-black")
        assert cards["emergency"]["behind"] == RED_BAND and cards["urgent"]["behind"] == RED_BAND
        assert cards["non-urgent"]["behind"] == BLUE_BAND
        if not dark:
            assert cards["urgent"]["edge"] == NHS_RED and cards["non-urgent"]["edge"] == NHS_BLUE
        for kind, card in cards.items():
            assert contrast_ratio(card["text"], card["behind"]) >= MINIMUM_CONTRAST, (kind, card)
            assert contrast_ratio(card["edge"], SCHEMES[colours].background) >= MINIMUM_EDGE_CONTRAST, (kind, card)
        borders = {
            kind: (*card["border"], card["behind"] != SCHEMES[colours].background) for kind, card in cards.items()
        }
        assert len(set(borders.values())) == len(KINDS), borders
        assert {card["border"][0] for card in cards.values()} == {"single", "double", "dashed", "dotted"}


def test_every_scheme_keeps_7_to_1_for_words_and_3_to_1_for_edges() -> None:
    from leaflet.media.colours import card

    for scheme, kind in itertools.product(SCHEMES.values(), KINDS):
        colours = card(kind, scheme)  # type: ignore[arg-type]
        behind = colours.fill or scheme.background
        assert contrast_ratio(colours.text, behind) >= MINIMUM_CONTRAST, (scheme.name, kind)
        assert contrast_ratio(colours.link, behind) >= MINIMUM_CONTRAST, (scheme.name, kind)
        assert contrast_ratio(colours.label_text, colours.band or behind) >= MINIMUM_CONTRAST, (scheme.name, kind)
        assert contrast_ratio(colours.edge, scheme.background) >= MINIMUM_EDGE_CONTRAST, (scheme.name, kind)
