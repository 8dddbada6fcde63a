"""The easy read as a Word document in the standard layout.

A4, the title and headings as Heading 1 and Heading 2, then one two-column
table per section: one point per row, the point's picture on the left (all
pictures the same size, each with its alt text; an empty cell where a point
has none) and its words on the right, at 16pt in Atkinson Hyperlegible (embedded in the
file; Arial declared as its fallback) in the chosen colour scheme, with the
glossary's hard words in bold. The words to know and
the note about the easy read (from ``leaflet.core.compose``, with the pictures'
credit and licence) end the document in the same layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

import docx
from docx.document import Document
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from leaflet.core.compose import compose_easy_read, no_easy_read
from leaflet.core.model import EasyReadPoint, Inlines, Leaflet, LineBreak, Link, Picture, Strong, Text
from leaflet.core.text import display_url, easy_read_title, find_terms, shows_own_address
from leaflet.media.colours import DEFAULT_SCHEME
from leaflet.media.ooxml import fields, fonts, links, package, pictures, tables
from leaflet.media.ooxml.styles import defaults_run, set_colour, set_language
from leaflet.media.ooxml.xml import half_points
from leaflet.writers.contract import Output, OutputFile
from leaflet.writers.easy_read_print.options import Options, files

PICTURE_COLUMN = Cm(5.0)
WORDS_COLUMN = Cm(12.0)  # A4 is 21 cm; 2 cm margins leave 17 cm
PICTURE_BOX = Cm(4.4)  # the largest side of a picture, inside the cell's margins
HEADING_SIZES = {1: 1.75, 2: 1.375}  # times the body size: 28pt and 22pt at 16pt


def write(leaflet: Leaflet, options: Options) -> Output:
    if leaflet.easy_read is None:
        return Output((), no_easy_read(leaflet))
    (name,) = files(leaflet.meta.id, options)
    return Output((OutputFile(name, to_docx(leaflet, options)),))


def to_docx(leaflet: Leaflet, options: Options) -> bytes:
    """The whole .docx, byte for byte the same from run to run."""
    composed = compose_easy_read(leaflet)
    assert composed is not None
    meta = leaflet.meta
    document = docx.Document()
    package.clean(document)
    package.page(document, Cm(2))
    fields.add_page_number(document.sections[0].footer.paragraphs[0])
    _styles(document, options, meta.language)
    fonts.font_table(document)
    hard_words = [entry.term for entry in leaflet.glossary]
    if composed.logo is not None:
        pictures.add_logo(document, composed.logo, package.text_width(document))
    document.add_heading(composed.title, level=1)
    for line in composed.front:
        _inlines(document.add_paragraph(), line.inlines, hard_words)
    for section in composed.sections:
        document.add_heading(section.heading, level=2)
        table = _table(document, len(section.points))
        for row, point in zip(table.rows, section.points, strict=True):
            _picture(row.cells[0], point.picture)
            _words(row.cells[1], point, hard_words)
    background = options.scheme.background if options.colours != DEFAULT_SCHEME else None
    package.settings(document, meta.language, background)
    about = package.About(
        title=easy_read_title(leaflet),
        subject=f"Easy read version of: {meta.title}",
        author=meta.publisher,
        language=meta.language,
        created=meta.published,
        modified=meta.updated or meta.published,
        keywords="easy read",
        category="Easy read",
    )
    package.core_properties(document, about)
    return package.save(document, meta.publisher)


def _styles(document: Document, options: Options, language: str) -> None:
    """Body, headings, footer and links: one sans-serif font in the scheme's colours, never smaller than the body."""
    size, scheme = options.size, options.scheme
    defaults = defaults_run(document)
    fonts.name_font(defaults)
    set_colour(defaults, scheme.text)
    set_language(defaults, language)
    for tag in ("w:sz", "w:szCs"):
        defaults.find(qn(tag)).set(qn("w:val"), str(half_points(size)))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(size)
    fonts.name_font(normal.element.get_or_add_rPr())
    set_language(normal.element.get_or_add_rPr(), language)
    normal.paragraph_format.space_after = Pt(size * 0.5)
    normal.paragraph_format.line_spacing = 1.15
    for level, scale in HEADING_SIZES.items():
        heading = styles[f"Heading {level}"]
        fonts.name_font(heading.element.get_or_add_rPr())
        heading.font.size = Pt(round(size * scale))
        heading.font.bold = True
        heading.font.italic = False
        set_colour(heading.element.get_or_add_rPr(), scheme.text)
        heading.paragraph_format.space_before = Pt(size * 1.5)
        heading.paragraph_format.space_after = Pt(size * 0.75)
        heading.paragraph_format.keep_with_next = True
    styles["Footer"].font.size = Pt(size)  # page numbers at body size too
    links.hyperlink_style(document, scheme.link)


def _table(document: Document, rows: int) -> Table:
    """A two-column layout table: fixed widths, roomy cells, no row split across pages."""
    table = document.add_table(rows=rows, cols=2)
    table.autofit = False
    tables.table_properties(table, tables.cell_margins(top=160, side=115))
    for column, width in zip(table.columns, (PICTURE_COLUMN, WORDS_COLUMN), strict=True):
        column.width = width
    for row in table.rows:
        tables.keep_row_together(row._tr)
        for cell, width in zip(row.cells, (PICTURE_COLUMN, WORDS_COLUMN), strict=True):
            cell.width = width
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    return table


def _picture(cell: _Cell, picture: Picture | None) -> None:
    """The point's picture scaled into the cell, its alt text on the drawing; or nothing, for a team to fill."""
    if picture is None:
        return
    width, height = _fit(picture)
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    pictures.add_picture(paragraph.add_run(), picture.data, width, height, picture.alt)


def _fit(picture: Picture) -> tuple[Length, Length]:
    """The picture's size with its longer side filling the picture box: every picture the same size."""
    across, down = pictures.pixels(picture.data, picture.name)
    longer = max(across, down)
    return Emu(round(PICTURE_BOX * across / longer)), Emu(round(PICTURE_BOX * down / longer))


def _words(cell: _Cell, point: EasyReadPoint, hard_words: Sequence[str]) -> None:
    """The point's words, hard words bold; then each link's address, which print cannot follow."""
    paragraph = cell.paragraphs[0]
    _inlines(paragraph, point.inlines, hard_words)
    for inline in point.inlines:
        if isinstance(inline, Link) and not shows_own_address(inline.text, inline.url):
            address = cell.add_paragraph()
            links.add_hyperlink(address, display_url(inline.url), inline.url)
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
                links.add_hyperlink(paragraph, text, url)
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
