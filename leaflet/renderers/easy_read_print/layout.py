"""The easy read as a Word document in the standard layout.

A4, the title and headings as Heading 1 and Heading 2, then one two-column
table per section: one point per row, the point's picture on the left (an
empty cell, ready for a team's own picture, where the source gives none) and
its words on the right, at 16pt in Atkinson Hyperlegible (Arial where it is
not installed), with the glossary's hard words in bold. The words to know and
the note about the easy read (from ``leaflet.compose``) end the document in
the same layout.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import assert_never

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.image.image import Image as ImageInfo
from docx.shared import Cm, Emu, Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from leaflet.colours import DEFAULT_SCHEME, SCHEMES
from leaflet.compose import compose_easy_read
from leaflet.files import reproducible_zip
from leaflet.model import EasyReadPoint, Image, Inlines, Leaflet, LineBreak, Link, Strong, Text
from leaflet.pictures import raster
from leaflet.renderers.easy_read_print import ooxml
from leaflet.text import display_url, easy_read_title, find_terms, shows_own_address

PICTURE_COLUMN = Cm(5.0)
WORDS_COLUMN = Cm(12.0)  # A4 is 21 cm; 2 cm margins leave 17 cm
PICTURE_BOX = Cm(4.4)  # the largest side of a picture, inside the cell's margins
HYPERLINK_STYLE = "Hyperlink"
# The same colours as every print format's default scheme (leaflet.colours: at least 7:1).
BLACK = RGBColor.from_string(SCHEMES[DEFAULT_SCHEME].text)
LINK_BLUE = RGBColor.from_string(SCHEMES[DEFAULT_SCHEME].link)
HEADING_SIZES = {1: 1.75, 2: 1.375}  # times the body size: 28pt and 22pt at 16pt


def build(leaflet: Leaflet, size: int) -> bytes:
    """The whole .docx, byte for byte the same from run to run."""
    composed = compose_easy_read(leaflet)
    assert composed is not None
    document = docx.Document()
    _page(document)
    _styles(document, size, leaflet.meta.language)
    _properties(document, leaflet)
    ooxml.declare_fallback_font(document)
    ooxml.drop_thumbnail(document)
    hard_words = [entry.term for entry in leaflet.glossary]
    document.add_heading(composed.title, level=1)
    for line in composed.front:
        _inlines(document.add_paragraph(), line.inlines, hard_words)
    for section in composed.sections:
        document.add_heading(section.heading, level=2)
        table = _table(document, len(section.points))
        for row, point in zip(table.rows, section.points, strict=True):
            _picture(row.cells[0], point.picture)
            _words(row.cells[1], point, hard_words)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    ooxml.add_page_field(footer)


def _styles(document: Document, size: int, language: str) -> None:
    """Body, headings, footer and links: one sans-serif font, black, never smaller than the body."""
    ooxml.document_defaults(document, size * 2, language)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(size)
    ooxml.set_font(normal.element.get_or_add_rPr())
    ooxml.set_language(normal.element.get_or_add_rPr(), language)
    normal.paragraph_format.space_after = Pt(size * 0.5)
    normal.paragraph_format.line_spacing = 1.15
    for level, scale in HEADING_SIZES.items():
        heading = styles[f"Heading {level}"]
        ooxml.set_font(heading.element.get_or_add_rPr())
        heading.font.size = Pt(round(size * scale))
        heading.font.bold = True
        heading.font.italic = False
        ooxml.set_colour(heading, BLACK)
        heading.paragraph_format.space_before = Pt(size * 1.5)
        heading.paragraph_format.space_after = Pt(size * 0.75)
        heading.paragraph_format.keep_with_next = True
    styles["Footer"].font.size = Pt(size)  # page numbers at body size too
    link = styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = LINK_BLUE
    link.font.underline = True  # a link must not be told by colour alone
    link.unhide_when_used = True


def _properties(document: Document, leaflet: Leaflet) -> None:
    """Title, author, language and dates from the leaflet: no clock, so every build is the same."""
    meta = leaflet.meta
    day = meta.updated or meta.published
    stamp = datetime(day.year, day.month, day.day)
    properties = document.core_properties
    properties.title = easy_read_title(leaflet)
    properties.subject = f"Easy read version of: {meta.title}"
    properties.author = meta.publisher
    properties.last_modified_by = meta.publisher
    properties.comments = ""
    properties.keywords = "easy read"
    properties.category = "Easy read"
    properties.language = meta.language
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp


def _table(document: Document, rows: int) -> Table:
    """A two-column layout table: fixed widths, roomy cells, no row split across pages."""
    table = document.add_table(rows=rows, cols=2)
    table.autofit = False
    ooxml.cell_margins(table._tbl, top=160, side=115)
    for column, width in zip(table.columns, (PICTURE_COLUMN, WORDS_COLUMN), strict=True):
        column.width = width
    for row in table.rows:
        ooxml.keep_row_together(row)
        for cell, width in zip(row.cells, (PICTURE_COLUMN, WORDS_COLUMN), strict=True):
            cell.width = width
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    return table


def _picture(cell: _Cell, picture: Image | None) -> None:
    """The point's picture scaled into the cell, its alt text on the drawing; or nothing, for a team to fill."""
    if picture is None:
        return
    width, height = _fit(picture)
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    shape = paragraph.add_run().add_picture(io.BytesIO(raster(picture)), width=width, height=height)
    shape._inline.docPr.set("descr", picture.alt)  # alt text: what a screen reader says


def _fit(picture: Image) -> tuple[Length, Length]:
    """The picture's size with its longer side filling the picture box."""
    info = ImageInfo.from_blob(raster(picture))
    longer = max(info.px_width, info.px_height)
    return (
        Emu(round(PICTURE_BOX * info.px_width / longer)),
        Emu(round(PICTURE_BOX * info.px_height / longer)),
    )


def _words(cell: _Cell, point: EasyReadPoint, hard_words: Sequence[str]) -> None:
    """The point's words, hard words bold; then each link's address, which print cannot follow."""
    paragraph = cell.paragraphs[0]
    _inlines(paragraph, point.inlines, hard_words)
    for inline in point.inlines:
        if isinstance(inline, Link) and not shows_own_address(inline.text, inline.url):
            address = cell.add_paragraph()
            ooxml.add_hyperlink(address, display_url(inline.url), inline.url, HYPERLINK_STYLE)
    cell.paragraphs[-1].paragraph_format.space_after = Pt(0)


def _inlines(paragraph: Paragraph, inlines: Inlines, hard_words: Sequence[str]) -> None:
    for inline in inlines:
        match inline:
            case Text(text=text):
                _text(paragraph, text, hard_words)
            case Strong(text=text):
                paragraph.add_run(text).bold = True
            case LineBreak():
                paragraph.add_run().add_break()
            case Link(text=text, url=url):
                ooxml.add_hyperlink(paragraph, text, url, HYPERLINK_STYLE)
            case _:
                assert_never(inline)


def _text(paragraph: Paragraph, text: str, hard_words: Sequence[str]) -> None:
    """Plain words, with each hard word (a glossary term) in a bold run of its own."""
    position = 0
    for start, end, _term in find_terms(text, hard_words):
        if start > position:
            paragraph.add_run(text[position:start])
        paragraph.add_run(text[start:end]).bold = True
        position = end
    if position < len(text):
        paragraph.add_run(text[position:])
