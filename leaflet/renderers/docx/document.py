"""The leaflet as a Word document: one walk over the model, one python-docx call per thing."""

from __future__ import annotations

import re
from typing import assert_never

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from leaflet.compose import compose
from leaflet.model import (
    Block,
    BulletList,
    Image,
    Inlines,
    Leaflet,
    Link,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    Text,
)
from leaflet.ooxml import fields, package, pictures, tables
from leaflet.ooxml.links import add_hyperlink
from leaflet.ooxml.numbering import Kind, Numbering, number_paragraph
from leaflet.ooxml.package import text_width
from leaflet.ooxml.styles import prune
from leaflet.ooxml.xml import el
from leaflet.renderers.docx import styles
from leaflet.renderers.docx.options import DEFAULT_COLOURS, Options
from leaflet.text import display_url, plain, shows_own_address

MAX_PICTURE_HEIGHT = Mm(150)  # a tall picture still leaves room for its words on the page
MARGIN = Mm(25)  # generous margins, as clear print asks


def to_docx(leaflet: Leaflet, options: Options) -> bytes:
    """The whole leaflet as the bytes of a .docx file, the same bytes for the same input."""
    meta = leaflet.meta
    document = docx.Document()
    package.clean(document)
    package.page(document, MARGIN, distance=Mm(12))
    _footer(document)
    styles.apply(document, options, meta.language)
    _Writer(document, options).leaflet(leaflet)
    _space_after_tables(document, options)
    prune(document, keep=("Hyperlink",))
    background = options.scheme.background if options.colours != DEFAULT_COLOURS else None
    package.settings(document, meta.language, background)
    about = package.About(
        title=meta.title,
        subject=f"Information for patients and the public from {meta.publisher}",
        author=meta.publisher,
        language=meta.language,
        created=meta.published,
        modified=meta.updated or meta.published,
        identifier=f"urn:isbn:{meta.isbn}" if meta.isbn else "",
    )
    package.core_properties(document, about)
    return package.save(document, meta.publisher)


def _footer(document: Document) -> None:
    """'Page 2 of 5' in the same place on every page, as page fields Word fills in."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    fields.add_page_number(paragraph, of_pages=True)


class _Writer:
    """Appends the model's blocks to a document; counts tables for their captions."""

    def __init__(self, document: Document, options: Options) -> None:
        self.document = document
        self.options = options
        self.numbering = Numbering(document, options.size)
        self.tables = 0

    def leaflet(self, leaflet: Leaflet) -> None:
        composed = compose(leaflet)
        self.document.add_heading(composed.title, level=1)
        for line in composed.front:
            self.inlines(self.document.add_paragraph(), line.inlines)
        for section in composed.sections:
            if section.heading:
                self.document.add_heading(section.heading, level=section.level)
            for block in section.blocks:
                self.block(block)

    def block(self, block: Block) -> None:
        match block:
            case Paragraph(inlines=inlines):
                self.inlines(self.document.add_paragraph(), inlines)
            case BulletList() | NumberedList():
                last = self.list(block, level=0)
                last.paragraph_format.space_after = Pt(self.options.size)  # a full line after the list
            case Table():
                self.table(block)
            case Image():
                self.image(block)
            case _:
                assert_never(block)

    def inlines(self, paragraph: WordParagraph, inlines: Inlines, *, bold: bool = False) -> None:
        for inline in inlines:
            match inline:
                case Text(text=text):
                    _run(paragraph, text, bold=bold)
                case Strong(text=text):
                    _run(paragraph, text, bold=True)
                case Link(text=text, url=url):
                    add_hyperlink(paragraph, _one_line(text), url)
                    if not shows_own_address(text, url):
                        # Print cannot follow a link: show the address in full beside its words.
                        _run(paragraph, f" ({display_url(url)})", bold=bold)
                case _:
                    assert_never(inline)

    def list(self, block: BulletList | NumberedList, level: int) -> WordParagraph:
        """Write a list (and its nested lists) as real Word list items; return the last paragraph."""
        kind: Kind = "number" if isinstance(block, NumberedList) else "bullet"
        start = block.start if isinstance(block, NumberedList) else 1
        num_id = self.numbering.new_list(kind, level, start)
        style = self.document.styles[styles.LIST_STYLES[(kind, level)]]
        last: WordParagraph | None = None
        for item in block.items:
            last = self.document.add_paragraph(style=style)
            number_paragraph(last._p, num_id, level)
            self.inlines(last, item.inlines)
            if item.sublist is not None:
                last = self.list(item.sublist, level + 1)
        assert last is not None, "the reader refuses empty lists"
        return last

    def table(self, block: Table) -> None:
        """A caption, then a grid whose first row is a header repeated on every page."""
        self.tables += 1
        headers = [plain(cell) for cell in block.header]
        caption = f"Table {self.tables}: {_and_list(headers)}"
        self.document.add_paragraph(caption, style="Caption")
        width = len(block.header)
        table = self.document.add_table(rows=1 + len(block.rows), cols=width)
        table.style = self.document.styles["Table Grid"]
        _table_properties(table, self.options, f"Table {self.tables}")
        rows = [(*cells, *((),) * (width - len(cells))) for cells in (block.header, *block.rows)]  # no short rows
        widths = column_widths([[_shown(cell) for cell in row] for row in rows], self._text_width(), self.options.size)
        for column, column_width in zip(table.columns, widths, strict=True):
            column.width = column_width  # the grid, which LibreOffice follows; cells carry it for Word
        for number, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            tables.keep_row_together(row._tr, header=number == 0)
            for cell, inlines, column_width in zip(row.cells, cells, widths, strict=True):
                cell.width = column_width
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(self.options.size / 4)
                self.inlines(paragraph, inlines, bold=number == 0)

    def image(self, block: Image) -> None:
        """The picture at the text's width (less if it would be very tall), its alt text on the drawing."""
        data = (
            block.data or block.path.read_bytes()
        )  # the bytes read with the source (a model made in code may lack them)
        width, height = pictures.fit(data, self._text_width(), MAX_PICTURE_HEIGHT, str(block.path))
        run = self.document.add_paragraph().add_run()
        pictures.add_picture(run, data, width, height, block.alt)

    def _text_width(self) -> int:
        return text_width(self.document)


def _space_after_tables(document: Document, options: Options) -> None:
    """A line's space between a table and what follows (tables have no spacing of their own)."""
    for table in document.element.body.iter(qn("w:tbl")):
        following = table.getnext()
        if following is not None and following.tag == qn("w:p"):
            WordParagraph(following, document._body).paragraph_format.space_before = Pt(options.size)


def _shown(inlines: Inlines) -> str:
    """The words as the document shows them: each link's address after its words."""
    return "".join(
        f"{inline.text} ({display_url(inline.url)})"
        if isinstance(inline, Link) and not shows_own_address(inline.text, inline.url)
        else inline.text
        for inline in inlines
    )


def column_widths(rows: list[list[str]], total: int, size: int) -> list[Emu]:
    """Widths (EMU) that keep each column's longest word whole, then share the rest by how much text each holds.

    Equal widths squeeze a column of sentences beside a column of single
    words; at large print sizes they can break a word. Estimates assume an
    average character of 0.6 em, generous for a sans-serif font.
    """
    padding = Pt(11)  # Word's default cell margins, both sides
    em = Pt(size)
    columns = list(zip(*rows, strict=True))
    fair = total / len(columns)  # a word longer than this (a web address) breaks anyway
    longest = [max(len(word) for text in column for word in text.split() or [""]) for column in columns]
    least = [min(chars * 0.6 * em + padding, fair) for chars in longest]
    wish = [min(max(len(text) for text in column), 60) * 0.5 * em + padding for column in columns]
    extra = [max(want - need, 0) for want, need in zip(wish, least, strict=True)]
    if not sum(extra):
        extra = [1] * len(columns)
    spare = total - sum(least)
    return [Emu(round(need + spare * more / sum(extra))) for need, more in zip(least, extra, strict=True)]


def _run(paragraph: WordParagraph, text: str, *, bold: bool) -> None:
    run = paragraph.add_run(_one_line(text))
    if bold:
        run.bold = True


def _one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space: Word's checker flags repeated spaces."""
    return re.sub(r"\s+", " ", text)


def _and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _table_properties(table: WordTable, options: Options, title: str) -> None:
    """Full width, borders in the text colour, header row marked, and a short title for screen readers.

    The title ("Table 1") points to the caption just read; no description, as
    it would repeat the caption.
    """
    tables.table_properties(
        table,
        el("w:tblW", w=5000, type="pct"),
        tables.borders(options.scheme.text),
        el("w:tblLook", val="0420", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1),
        el("w:tblCaption", val=title),
    )
