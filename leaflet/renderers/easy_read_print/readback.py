"""Check the written .docx with the standard library (zipfile, ElementTree), independently of python-docx.

What a careful reviewer of an easy read would check: one table per section
with one point per row, pictures on the left with their alt text (or an empty
cell), words on the right, every word of the source in order, hard words in
bold, body text at the chosen size or larger in the named font, headings as
Heading styles, the language and the title set.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from leaflet.model import EasyReadPoint, Leaflet
from leaflet.text import easy_read_title, easy_read_words, find_terms, first_missing_word, plain, words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DC = "{http://purl.org/dc/elements/1.1/}"
FONT = "Atkinson Hyperlegible"


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    bold: tuple[bool, ...]  # one flag per character of text
    pictures: tuple[str, ...]  # alt text of each drawing


def problems_and_notes(leaflet: Leaflet, path: Path, size: int) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(path) as archive:
        document = ElementTree.fromstring(archive.read("word/document.xml"))
        footers = [ElementTree.fromstring(archive.read(n)) for n in archive.namelist() if n.startswith("word/footer")]
        styles = ElementTree.fromstring(archive.read("word/styles.xml"))
        core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    body = document.find(f"{W}body")
    assert body is not None
    problems = [
        *_style_problems(styles, _used_styles(document, *footers), size, leaflet.meta.language),
        *_run_sizes(size, document, *footers),
        *_heading_problems(body, leaflet),
        *_table_problems(body, leaflet),
        *_core_problems(core, leaflet),
    ]
    missing = first_missing_word(easy_read_words(leaflet), words(" ".join(_texts(body))))
    if missing is not None:
        problems.append(f"the easy read's words are not all there in order; first missing: {missing!r}")
    notes = []
    assert leaflet.easy_read is not None
    points = [p for s in leaflet.easy_read.sections for p in s.points]
    pictures = sum(1 for p in points if p.picture)
    notes.append(
        f"{len(points)} points in {len(leaflet.easy_read.sections)} tables, one a row; "
        f"{pictures} with a picture, {len(points) - pictures} picture cells empty for the team to fill"
    )
    return [f"{path}: {p}" for p in problems], notes


def _style_problems(styles: ElementTree.Element, used: set[str], size: int, language: str) -> list[str]:
    problems = []
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    font = defaults.find(f"{W}rFonts") if defaults is not None else None
    if font is None or font.get(f"{W}ascii") != FONT:
        problems.append(f"the body font is not {FONT}")
    lang = defaults.find(f"{W}lang") if defaults is not None else None
    if lang is None or lang.get(f"{W}val") != language:
        problems.append(f"the document language is not {language}")
    by_id = {style.get(f"{W}styleId", ""): style for style in styles.findall(f"{W}style")}
    default_size = _size(defaults) if defaults is not None else None
    for style_id in sorted(used):
        points = _style_size(by_id, style_id, default_size)
        if points is None or points < size:
            problems.append(f"the style {style_id} sets text at {points}pt, below {size}pt")
    return problems


def _size(rpr: ElementTree.Element | None) -> float | None:
    element = rpr.find(f"{W}sz") if rpr is not None else None
    return int(element.get(f"{W}val", "0")) / 2 if element is not None else None


def _style_size(by_id: dict[str, ElementTree.Element], style_id: str, default: float | None) -> float | None:
    """A style's text size in points, following basedOn up to the document defaults."""
    seen: set[str] = set()
    while style_id in by_id and style_id not in seen:
        seen.add(style_id)
        style = by_id[style_id]
        size = _size(style.find(f"{W}rPr"))
        if size is not None:
            return size
        based_on = style.find(f"{W}basedOn")
        style_id = based_on.get(f"{W}val", "") if based_on is not None else ""
    return default


def _used_styles(*parts: ElementTree.Element) -> set[str]:
    """The paragraph and character styles the document uses (Normal is used by every unstyled paragraph)."""
    used = {"Normal"}
    for part in parts:
        for tag in ("pStyle", "rStyle"):
            used.update(element.get(f"{W}val", "") for element in part.iter(f"{W}{tag}"))
    return used


def _run_sizes(size: int, *parts: ElementTree.Element) -> list[str]:
    return [
        f"a run of text is {int(element.get(f'{W}val', '0')) / 2}pt, below {size}pt"
        for part in parts
        for element in part.iter(f"{W}sz")
        if int(element.get(f"{W}val", "0")) < size * 2
    ]


def _heading_problems(body: ElementTree.Element, leaflet: Leaflet) -> list[str]:
    assert leaflet.easy_read is not None
    found = [(_style(p), _paragraph_text(p)) for p in body.findall(f"{W}p") if _style(p).startswith("Heading")]
    expected = [("Heading1", easy_read_title(leaflet))] + [("Heading2", s.heading) for s in leaflet.easy_read.sections]
    if found[: len(expected)] != expected:
        return [f"the headings are not the title (Heading 1) then each section's heading (Heading 2): {found}"]
    return []


def _table_problems(body: ElementTree.Element, leaflet: Leaflet) -> list[str]:
    assert leaflet.easy_read is not None
    tables = body.findall(f"{W}tbl")
    hard_words = [entry.term for entry in leaflet.glossary]
    problems: list[str] = []
    if len(tables) < len(leaflet.easy_read.sections):
        return [f"{len(tables)} tables for {len(leaflet.easy_read.sections)} sections"]
    for section, table in zip(leaflet.easy_read.sections, tables, strict=False):
        rows = table.findall(f"{W}tr")
        if len(rows) != len(section.points):
            problems.append(f"'{section.heading}': {len(rows)} rows for {len(section.points)} points")
            continue
        for row, point in zip(rows, section.points, strict=True):
            problems += _row_problems(row, point, hard_words)
    return problems


def _row_problems(row: ElementTree.Element, point: EasyReadPoint, hard_words: list[str]) -> list[str]:
    cells = [_cell(tc) for tc in row.findall(f"{W}tc")]
    where = f"the point '{plain(point.inlines)[:40]}'"
    if len(cells) != 2:
        return [f"{where}: {len(cells)} cells, not a picture cell and a words cell"]
    picture, text = cells
    problems = []
    expected = (point.picture.alt,) if point.picture else ()
    if picture.pictures != expected or picture.text.strip():
        problems.append(f"{where}: the picture cell holds {picture.pictures or 'nothing'}, not {expected or 'nothing'}")
    if not text.text.startswith(plain(point.inlines)):
        problems.append(f"{where}: the words cell does not start with the point's words")
    shown = len(plain(point.inlines))  # the point's words: the addresses written out after them are not words
    for start, end, term in find_terms(text.text[:shown], hard_words):
        if not all(text.bold[start:end]):
            problems.append(f"{where}: the hard word '{term}' is not bold")
    return problems


def _core_problems(core: ElementTree.Element, leaflet: Leaflet) -> list[str]:
    title = core.findtext(f"{DC}title") or ""
    language = core.findtext(f"{DC}language") or ""
    problems = []
    if title != easy_read_title(leaflet):
        problems.append(f"the document title property is {title!r}")
    if language != leaflet.meta.language:
        problems.append(f"the document language property is {language!r}")
    return problems


def _style(paragraph: ElementTree.Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def _texts(body: ElementTree.Element) -> list[str]:
    return [_paragraph_text(p) for p in body.iter(f"{W}p")]


def _cell(tc: ElementTree.Element) -> _Cell:
    """A cell's text (paragraphs joined by a space), which characters are bold, and its pictures' alt text."""
    text, bold = [], []
    for paragraph in tc.iter(f"{W}p"):
        if text:
            text.append(" ")
            bold.append(False)
        for run in paragraph.iter(f"{W}r"):
            is_bold = run.find(f"{W}rPr/{W}b") is not None
            for piece in run.iter(f"{W}t"):
                text.append(piece.text or "")
                bold.extend([is_bold] * len(piece.text or ""))
    pictures = tuple(doc_pr.get("descr", "") for doc_pr in tc.iter(f"{WP}docPr"))
    return _Cell("".join(text), tuple(bold), pictures)
