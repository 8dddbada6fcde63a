"""The leaflet as a Word document: one walk over the model, one python-docx call per thing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import assert_never

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from leaflet.core.compose import callout_heading, compose, introduces, table_caption
from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Image,
    Inlines,
    Leaflet,
    LineBreak,
    Link,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    Text,
)
from leaflet.core.text import display_url, plain, shows_own_address
from leaflet.media.colours import DEFAULT_SCHEME, Card, card
from leaflet.media.ooxml import fields, package, pictures, tables
from leaflet.media.ooxml.links import add_hyperlink
from leaflet.media.ooxml.numbering import Kind, Numbering, number_paragraph
from leaflet.media.ooxml.package import text_height, text_width
from leaflet.media.ooxml.styles import prune
from leaflet.media.ooxml.xml import el
from leaflet.media.pictures import raster
from leaflet.writers.contract import Output, OutputFile
from leaflet.writers.docx import styles
from leaflet.writers.docx.columns import column_widths, lines, side_by_side
from leaflet.writers.docx.options import Options, files

MAX_PICTURE_HEIGHT = Mm(150)  # a tall picture still leaves room for its words on the page
MARGIN = Mm(25)  # generous margins, as clear print asks
LINE_HEIGHT = styles.LINE_SPACING * 1.2  # a line's height in ems: the spacing times the font's own leading


def write(leaflet: Leaflet, options: Options) -> Output:
    (name,) = files(leaflet.meta.id, options)
    return Output((OutputFile(name, to_docx(leaflet, options)),))


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
    background = options.scheme.background if options.colours != DEFAULT_SCHEME else None
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
        self.boxed: Callout | None = None  # the callout being written: its paragraphs share one box
        self.colour: str | None = None  # the words' colour inside a filled card
        self.callouts = 0

    def leaflet(self, leaflet: Leaflet) -> None:
        """The logo, the title, the callouts that open the leaflet (the most important thing in it, on the first
        page), the lines under the title, then the sections, glossary and colophon."""
        composed = compose(leaflet)
        if composed.logo is not None:
            pictures.add_logo(self.document, composed.logo, self._text_width())
        title = self.document.add_heading(composed.title, level=1)
        opening = composed.opening
        if opening:
            # the title stays on the first page, under the logo: kept with the opening card, a chain taller
            # than the rest of the page (at 48pt) sent it on and left page 1 holding only the logo
            title.paragraph_format.keep_with_next = False
        for block in composed.body[0].blocks[:opening] if opening else ():
            self.block(block)
        for line in composed.front:
            self.inlines(self.document.add_paragraph(), line.inlines)
        for number, section in enumerate(composed.sections):
            if section.heading:
                self.document.add_heading(section.heading, level=section.level)
            blocks = section.blocks[opening:] if number == 0 else section.blocks
            for index, block in enumerate(blocks):
                self.block(block)
                if isinstance(block, Paragraph) and introduces(
                    block, blocks[index + 1] if index + 1 < len(blocks) else None
                ):
                    self.document.paragraphs[-1].paragraph_format.keep_with_next = True  # never apart from it

    def block(self, block: Block) -> None:
        match block:
            case Paragraph(inlines=inlines):
                self.inlines(self.paragraph(), inlines)
            case BulletList() | NumberedList():
                last = self.list(block, level=0)
                last.paragraph_format.space_after = Pt(self.options.size)  # a full line after the list
            case Table():
                self.table(block)
            case Image():
                self.image(block)
            case Callout():
                self.callout(block)
            case _:
                assert_never(block)

    def paragraph(self, style: str | None = None, *, band: bool = False) -> WordParagraph:
        """A new paragraph; inside a callout, bordered and shaded like the rest of its box (``band``: its
        label, on the care card's band)."""
        paragraph = self.document.add_paragraph(style=style)
        if self.boxed is not None:
            colours = card(self.boxed.kind, self.options.scheme)
            _box(paragraph, self.options, colours, band=band)
            # Word joins touching paragraphs with equal borders and indents into one box: a twip's
            # difference in the right indent keeps two callouts in a row as two boxes.
            paragraph.paragraph_format.right_indent = Emu(635 * (self.callouts % 2))
        return paragraph

    def callout(self, callout: Callout) -> None:
        """A labelled box drawn for its kind: the kind in bold words first ('Emergency: ...'), then its text.

        Adjacent paragraphs with the same border make one box in Word and LibreOffice; each kind has its own
        border (pattern, weight, a heavier left bar), and the NHS care cards their colours: the label on a band,
        the emergency card filled, its words in the card's own colour.
        """
        self.boxed, self.callouts = callout, self.callouts + 1
        colours = card(callout.kind, self.options.scheme)
        self.colour = colours.text if colours.fill else None
        try:
            label = self.paragraph(band=True)
            label.paragraph_format.keep_with_next = True
            self.inlines(
                label, callout_heading(callout), bold=True, colour=colours.label_text if colours.band else None
            )
            for block in callout.blocks:
                self.block(block)
        finally:
            self.boxed, self.colour = None, None

    def inlines(
        self, paragraph: WordParagraph, inlines: Inlines, *, bold: bool = False, colour: str | None = None
    ) -> None:
        """Runs and hyperlinks; in a filled card (or on its band, ``colour``) in the card's own colour."""
        colour = colour or self.colour
        for inline in inlines:
            match inline:
                case Text(text=text):
                    _run(paragraph, text, bold=bold, colour=colour)
                case Strong(text=text):
                    _run(paragraph, text, bold=True, colour=colour)
                case LineBreak():
                    paragraph.add_run().add_break()  # a line break, not a new paragraph
                case Link(text=text, url=url):
                    run = add_hyperlink(paragraph, _one_line(text), url)
                    _run_look(run, bold=bold, colour=colour)
                    if not shows_own_address(text, url):
                        # Print cannot follow a link: show the address in full beside its words.
                        _run(paragraph, f" ({display_url(url)})", bold=bold, colour=colour)
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
            last = self.paragraph(style=style.name)
            number_paragraph(last._p, num_id, level)
            self.inlines(last, item.inlines)
            for more in item.more:  # a further paragraph of the item: indented with it, no marker
                last = self.paragraph(style=style.name)
                last.paragraph_format.left_indent = Emu(self.numbering.indent(level))
                self.inlines(last, more)
            if item.sublist is not None:
                last = self.list(item.sublist, level + 1)
        assert last is not None, "the reader refuses empty lists"
        return last

    def table(self, block: Table) -> None:
        """A caption, then a grid whose first row is a header repeated on every page, or, where its columns
        could not keep their words whole side by side, its rows stacked."""
        self.tables += 1
        self.document.add_paragraph(table_caption(self.tables, block), style="Caption")
        width = len(block.header)
        rows = [(*cells, *((),) * (width - len(cells))) for cells in (block.header, *block.rows)]  # no short rows
        shown = [[_shown(cell) for cell in row] for row in rows]
        if not side_by_side(shown, self._text_width(), self.options.size):
            self.stacked_table(rows)
            return
        table = self.document.add_table(rows=1 + len(block.rows), cols=width)
        table.style = self.document.styles["Table Grid"]
        _table_properties(table, self.options, f"Table {self.tables}")
        widths = column_widths(shown, self._text_width(), self.options.size)
        for column, column_width in zip(table.columns, widths, strict=True):
            column.width = column_width  # the grid, which LibreOffice follows; cells carry it for Word
        for number, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            tables.keep_row_together(row._tr, header=number == 0)
            for cell, inlines, column_width in zip(row.cells, cells, widths, strict=True):
                cell.width = column_width
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(self.options.size / 4)
                self.inlines(paragraph, inlines, bold=number == 0)

    def stacked_table(self, rows: Sequence[tuple[Inlines, ...]]) -> None:
        """Each row a group of lines, one a cell, each labelled by its column's header in bold, as the
        large-print PDF stacks a table too wide for its words: the caption above names the columns. A row
        keeps together on a page; a line's space parts the rows."""
        labels = [plain(cell).rstrip(":") for cell in rows[0]]
        width, size = self._text_width(), self.options.size
        page = text_height(self.document) / Pt(size * LINE_HEIGHT)  # lines
        for cells in rows[1:]:
            filled = [(label, cell) for label, cell in zip(labels, cells, strict=True) if plain(cell).strip()]
            filled = filled or [(labels[0], cells[0])]  # an empty cell says nothing: a row of them, its first
            tall = sum(lines(f"{label}: {_shown(cell)}", width, size) for label, cell in filled) > page / 3
            paragraph: WordParagraph | None = None
            for label, inlines in filled:
                paragraph = self.paragraph()
                # a row of a third of a page or more (giant print) flows on, a line at least at a page's foot
                # (Word's widow control); kept whole, it left page after page half empty
                paragraph.paragraph_format.keep_with_next = not tall
                paragraph.paragraph_format.space_after = Pt(self.options.size / 4)
                if label:
                    _run(paragraph, f"{label}: ", bold=True)
                self.inlines(paragraph, inlines)
            assert paragraph is not None, "the reader refuses a table without columns"
            paragraph.paragraph_format.keep_with_next = False
            paragraph.paragraph_format.space_after = Pt(self.options.size)

    def image(self, block: Image) -> None:
        """The picture at the text's width (less if it would be very tall), its alt text on the drawing."""
        drawn = raster(block)
        width, height = pictures.fit(drawn, self._text_width(), MAX_PICTURE_HEIGHT)
        run = self.document.add_paragraph().add_run()
        pictures.add_picture(run, drawn, width, height, block.alt)

    def _text_width(self) -> int:
        return text_width(self.document)


def _box(paragraph: WordParagraph, options: Options, colours: Card, *, band: bool) -> None:
    """The callout's border, of its kind's pattern and weight, in its edge colour (a heavier left bar for
    "important"), and what is behind the words: the card's fill or, for its label, its band; the other kinds
    a pale shade of the text colour."""
    look = colours.look
    weight = _eighths(look.weight * options.size)
    sides = []
    for side in _BOX_SIDES:
        size = _eighths(look.bar * options.size) if side == "left" and look.bar else weight
        sides.append(el(f"w:{side}", val=_PATTERNS[look.pattern], sz=size, space=4, color=colours.edge))
    if colours.fill:  # the list markers too take the card's colour (Word draws them in the paragraph mark's)
        mark = el("w:rPr", el("w:color", val=colours.text))
        paragraph._p.get_or_add_pPr().append(mark)
    behind = colours.fill or (colours.band if band else None)
    if behind is None and look.tone == "text":
        behind = _shade(options.scheme.background, options.scheme.text)
    properties = paragraph._p.get_or_add_pPr()
    properties.append(el("w:pBdr", *sides))
    if behind is not None:
        properties.append(el("w:shd", val="clear", color="auto", fill=behind))
    _ppr_order(properties)


_PATTERNS = {"solid": "single", "double": "double", "dashed": "dashed", "dotted": "dotted"}


def _eighths(points: float) -> int:
    """A border's width in eighths of a point, as Word takes it (2 to 96)."""
    return max(2, min(96, round(points * 8)))


_BOX_SIDES = ("top", "left", "bottom", "right")
_PPR_ORDER = (
    *("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr"),
    *("suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap"),
    *("overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid"),
    *("spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection"),
    *("textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
)


def _ppr_order(properties: BaseOxmlElement) -> None:
    """pPr's children in schema order (python-docx added some before us)."""
    rank = {qn(f"w:{name}"): index for index, name in enumerate(_PPR_ORDER)}
    children = sorted(properties, key=lambda child: rank.get(child.tag, len(rank)))
    for child in children:
        properties.remove(child)
        properties.append(child)


def _shade(background: str, text: str) -> str:
    """The background moved 10% toward the text colour: a visible shade that keeps the contrast."""
    from leaflet.media.colours import rgb

    mixed = (round(b + (t - b) * 0.1) for b, t in zip(rgb(background), rgb(text), strict=True))
    return "".join(f"{channel:02X}" for channel in mixed)


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


def _run(paragraph: WordParagraph, text: str, *, bold: bool, colour: str | None = None) -> None:
    run = paragraph.add_run(_one_line(text))
    if bold:
        run.bold = True
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour)


def _run_look(run: BaseOxmlElement, *, bold: bool, colour: str | None) -> None:
    """A hyperlink's run bold and in ``colour`` where the words around it are (a card's label, a filled card)."""
    properties = run.find(qn("w:rPr"))
    if bold:
        properties.append(el("w:b"))
    if colour is not None:
        properties.append(el("w:color", val=colour))


def _one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space: Word's checker flags repeated spaces."""
    return re.sub(r"\s+", " ", text)


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
