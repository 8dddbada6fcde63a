"""The easy-read print format's audit: the written .docx read back with ``leaflet.media.ooxml.read`` (not python-docx).

What a careful reviewer of an easy read would check: one table per section
with one point per row, pictures on the left with their alt text (or an empty
cell), words on the right, every word of the source in order, hard words in
bold, body text at the chosen size or larger in the named font (carried in
the file), the scheme's colours, headings as Heading styles, the language
and the title set.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from leaflet.checks.docx import colour_problems, embedded_font_problems
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import EasyReadPoint, Leaflet
from leaflet.core.text import easy_read_title, easy_read_words, find_terms, first_missing_word, plain, words
from leaflet.media.ooxml.read import NS, WordFile, paragraph_style, paragraph_text, used_styles, w
from leaflet.writers.easy_read_print.options import Options

FONT = "Atkinson Hyperlegible"


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    """What ``leaflet check`` runs: the default file."""
    return audit_file(leaflet, files[0], Options())


def audit_file(leaflet: Leaflet, path: Path, options: Options) -> tuple[Diagnostic, ...]:
    """Every rule the file at ``path`` breaks for ``leaflet`` built with ``options`` (errors), else a note."""
    try:
        word = WordFile.open(path)
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as error:
        message = f"not a readable Word document: {error}"
        return (Diagnostic(path, 0, "easy-read-print-unreadable", message, severity="error"),)
    rules: tuple[tuple[str, Iterator[str]], ...] = (
        ("easy-read-print-type", _type(word, options.size, leaflet.meta.language)),
        ("easy-read-print-font", embedded_font_problems(word, FONT)),
        ("easy-read-print-colours", colour_problems(word, options.scheme)),
        ("easy-read-print-headings", _headings(word, leaflet)),
        ("easy-read-print-tables", _tables(word, leaflet)),
        ("easy-read-print-properties", _properties(word, leaflet)),
        ("easy-read-print-words", _words(word, leaflet)),
    )
    found = [Diagnostic(path, 0, code, problem, severity="error") for code, problems in rules for problem in problems]
    return tuple(found) or (Diagnostic(path, 0, "easy-read-print-summary", _summary(leaflet), severity="note"),)


def _summary(leaflet: Leaflet) -> str:
    assert leaflet.easy_read is not None
    points = [p for s in leaflet.easy_read.sections for p in s.points]
    pictures = sum(1 for p in points if p.picture)
    return (
        f"{len(points)} points in {len(leaflet.easy_read.sections)} tables, one a row; "
        f"{pictures} with a picture, {len(points) - pictures} picture cells empty"
    )


def _type(word: WordFile, size: int, language: str) -> Iterator[str]:
    """The named font and the language on the defaults; every style and run at ``size`` or larger."""
    font = word.run_property(None, "rFonts")
    if font is None or font.get(w("ascii")) != FONT:
        yield f"the body font is not {FONT}"
    lang = word.run_property(None, "lang")
    if lang is None or lang.get(w("val")) != language:
        yield f"the document language is not {language}"
    parts = [word.document, *word.footers()]
    for style_id in sorted(used_styles(*parts)):
        found = word.run_property(style_id, "sz")
        points = int(found.get(w("val"), "0")) / 2 if found is not None else None
        if points is None or points < size:
            yield f"the style {style_id} sets text at {points}pt, below {size}pt"
    for part in parts:
        for element in part.iter(w("sz")):
            if int(element.get(w("val"), "0")) < size * 2:
                yield f"a run of text is {int(element.get(w('val'), '0')) / 2}pt, below {size}pt"


def _headings(word: WordFile, leaflet: Leaflet) -> Iterator[str]:
    assert leaflet.easy_read is not None
    found = [
        (paragraph_style(p), paragraph_text(p))
        for p in word.body.findall("w:p", NS)
        if paragraph_style(p).startswith("Heading")
    ]
    expected = [("Heading1", easy_read_title(leaflet))] + [("Heading2", s.heading) for s in leaflet.easy_read.sections]
    if found[: len(expected)] != expected:
        yield f"the headings are not the title (Heading 1) then each section's heading (Heading 2): {found}"


def _tables(word: WordFile, leaflet: Leaflet) -> Iterator[str]:
    assert leaflet.easy_read is not None
    tables = word.body.findall("w:tbl", NS)
    hard_words = [entry.term for entry in leaflet.glossary]
    if len(tables) < len(leaflet.easy_read.sections):
        yield f"{len(tables)} tables for {len(leaflet.easy_read.sections)} sections"
        return
    for section, table in zip(leaflet.easy_read.sections, tables, strict=False):
        rows = table.findall("w:tr", NS)
        if len(rows) != len(section.points):
            yield f"'{section.heading}': {len(rows)} rows for {len(section.points)} points"
            continue
        for row, point in zip(rows, section.points, strict=True):
            if row.find("w:trPr/w:cantSplit", NS) is None:
                yield f"the point '{plain(point.inlines)[:40]}' may split across two pages"
            yield from _row(word, row, point, hard_words)


def _row(word: WordFile, row: ET.Element, point: EasyReadPoint, hard_words: list[str]) -> Iterator[str]:
    cells = [word.cell(tc) for tc in row.findall("w:tc", NS)]
    where = f"the point '{plain(point.inlines)[:40]}'"
    if len(cells) != 2:
        yield f"{where}: {len(cells)} cells, not a picture cell and a words cell"
        return
    picture, text = cells
    expected = (point.picture.alt,) if point.picture else ()
    if picture.pictures != expected or picture.text.strip():
        yield f"{where}: the picture cell holds {picture.pictures or 'nothing'}, not {expected or 'nothing'}"
    if not text.text.startswith(plain(point.inlines)):
        yield f"{where}: the words cell does not start with the point's words"
    shown = len(plain(point.inlines))  # the point's words: the addresses written out after them are not words
    for start, end, term in find_terms(text.text[:shown], hard_words):
        if not all(text.bold[start:end]):
            yield f"{where}: the hard word '{term}' is not bold"


def _properties(word: WordFile, leaflet: Leaflet) -> Iterator[str]:
    title, language = word.core_value("dc:title"), word.core_value("dc:language")
    if title != easy_read_title(leaflet):
        yield f"the document title property is {title!r}"
    if language != leaflet.meta.language:
        yield f"the document language property is {language!r}"


def _words(word: WordFile, leaflet: Leaflet) -> Iterator[str]:
    texts = [paragraph_text(p) for p in word.body.iter(w("p"))]
    missing = first_missing_word(easy_read_words(leaflet), words(" ".join(texts)))
    if missing is not None:
        yield f"the easy read's words are not all there in order; first missing: {missing!r}"
