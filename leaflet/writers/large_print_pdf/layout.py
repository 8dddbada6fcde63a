"""The leaflet as a story of tagged flowables, in large-print proportions.

Sizes follow the body size the reader chose: headings are larger and bold,
nothing is smaller than the body, a blank line's worth of space separates
paragraphs, and each heading is kept with the first lines that follow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from reportlab.platypus import Flowable, KeepTogether, TableStyle

from leaflet.core import walk
from leaflet.core.compose import compose
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
    Text,
)
from leaflet.core.model import Table as TableBlock
from leaflet.core.text import display_url, plain, shows_own_address
from leaflet.media.pictures import raster
from leaflet.writers.large_print_pdf.boxes import callout_box
from leaflet.writers.large_print_pdf.flowables import (
    ARTIFACT,
    REGULAR,
    KeepUnlessRoomy,
    KeepWithNext,
    LinkTarget,
    ListItem,
    PaddedTable,
    Picture,
    TextBlock,
    TextStyle,
    measure,
    table_furniture,
)
from leaflet.writers.large_print_pdf.structure import Elem, Tagger
from leaflet.writers.large_print_pdf.textflow import BREAK, Piece, glue_numbers, narrowest, words

# heading size: body x scale, but at giant sizes no more than body + cap points
HEADING_SCALE = {1: (1.6, 16.0), 2: (1.35, 10.0), 3: (1.15, 5.0), 4: (1.05, 2.0)}
BULLETS = ("\u2022", "\u2013", "\u203a")  # a distinct marker at each level: bullet, dash, angle
NUMBERING = ("Decimal", "LowerAlpha", "LowerRoman")  # 1. 2. / a. b. / i. ii.
NESTED_TEXT_EMS = 8.0  # the least width a nested list's text keeps: about 14 letters, a long word whole


@dataclass(frozen=True, slots=True)
class Styles:
    """Every text style, derived from the body size and the text colour."""

    body: TextStyle
    headings: dict[int, TextStyle]
    item: TextStyle
    last_item: TextStyle
    cell: TextStyle
    header_cell: TextStyle
    front: TextStyle

    @classmethod
    def make(cls, size: float, colour: tuple[float, float, float]) -> Styles:
        leading = round(size * 1.4, 2)
        body = TextStyle(size, leading, colour, space_after=leading)  # a blank line between paragraphs
        headings = {
            level: TextStyle(
                round(min(size * scale, size + cap), 2),
                round(min(size * scale, size + cap) * 1.25, 2),
                colour,
                bold=True,
                space_before=leading * 0.5,
                space_after=leading * 0.4,
            )
            for level, (scale, cap) in HEADING_SCALE.items()
        }
        return cls(
            body=body,
            headings=headings,
            item=TextStyle(size, leading, colour, space_after=leading * 0.4),
            last_item=body,
            cell=TextStyle(size, leading, colour),
            header_cell=TextStyle(size, leading, colour, bold=True),
            front=TextStyle(size, leading, colour, space_after=leading * 0.25),
        )


class StoryBuilder:
    """Builds the flowables and, alongside, the structure elements they will fill."""

    def __init__(self, leaflet: Leaflet, styles: Styles, tagger: Tagger, column: float, page_height: float) -> None:
        self.leaflet, self.styles, self.tagger = leaflet, styles, tagger
        self.column, self.page_height = column, page_height
        self.root = tagger.root

    # the whole leaflet ---------------------------------------------------
    def story(self) -> list[Flowable]:
        composed = compose(self.leaflet)
        story: list[Flowable] = [self._heading(composed.title, 1)]
        for number, line in enumerate(composed.front, start=1):
            style = self.styles.body if number == len(composed.front) else self.styles.front
            elem = Elem("P", self.root)
            pieces, links = self._inlines(line.inlines, elem)
            story.append(TextBlock(pieces, style, elem, self.tagger, links=links))
        for section in composed.sections:
            flowables: list[Flowable] = []
            if section.heading:
                flowables.append(self._heading(section.heading, section.level))
            for number, block in enumerate(section.blocks):
                made = self._block(block, self.root)
                following = section.blocks[number + 1] if number + 1 < len(section.blocks) else None
                if isinstance(block, Paragraph) and _introduces(block, following) and isinstance(made[0], TextBlock):
                    made[0].introduces = True
                flowables.extend(made)
            # the colophon is short: it reads best on one page (unless moving it leaves a quarter of a page
            # empty: then it flows, its heading still kept with what follows it)
            if section is composed.colophon:
                flowables = [self._roomy(_keep_headings(flowables, self.page_height * 0.4, self.page_height))]
            story.extend(flowables)
        return _keep_headings(story, self.page_height * 0.4, self.page_height)

    def _roomy(self, flowables: list[Flowable]) -> KeepUnlessRoomy:
        """Kept on one page, unless moving on would leave a quarter of this page empty."""
        return KeepUnlessRoomy(flowables, self.page_height / 4)

    def _heading(self, text: str, level: int) -> TextBlock:
        style = self.styles.headings[level]
        return TextBlock(
            [Piece(glue_numbers(text))], style, Elem(f"H{level}", self.root), self.tagger, heading_level=level
        )

    # blocks ---------------------------------------------------------------
    def _block(self, block: Block, parent: Elem) -> list[Flowable]:
        match block:
            case Paragraph(inlines=inlines):
                elem = Elem("P", parent)
                pieces, links = self._inlines(inlines, elem)
                return [TextBlock(pieces, self.styles.body, elem, self.tagger, links=links)]
            case BulletList() | NumberedList():
                items = self._list(block, parent, left=0.0)
                items[-1].body.style = self.styles.last_item  # a blank line after the whole list
                return list(items)
            case TableBlock():
                return self._table(block, parent)
            case Image(alt=alt):
                figure = Elem("Figure", parent, alt=alt)
                body = self.styles.body
                picture = Picture(
                    raster(block),
                    figure,
                    self.tagger,
                    max_height=self.page_height * 0.4,
                    space_after=body.leading * 0.4,
                )
                caption = TextBlock([Piece("Picture: " + alt)], body, figure, self.tagger)
                return [KeepTogether([picture, caption])]
            case Callout():
                return [self._callout(block, parent)]
            case _:
                assert_never(block)

    def _callout(self, callout: Callout, parent: Elem) -> Flowable:
        """A labelled section (/Sect, /T the kind) in a bordered box; the label is its first words."""
        sect = Elem("Sect", parent, title=callout.label)
        body = self.styles.body
        last = TextStyle(body.size, body.leading, body.colour)  # the box's padding ends it, not a blank line
        label_elem = Elem("P", sect)
        label = TextBlock(
            [Piece(glue_numbers(callout.heading()), bold=True)], self.styles.item, label_elem, self.tagger
        )
        content: list[Flowable] = [label]
        for block in callout.blocks:
            content += self._block(block, sect)
        if isinstance(content[-1], TextBlock):
            content[-1].style = last
        elif isinstance(content[-1], ListItem):
            content[-1].body.style = last
        # it flows over a page break only with its label and the first lines after it above the break
        lead = label.wrap(self.column, 1e9)[1] + 2 * body.leading + body.size  # and the padding
        return callout_box(content, callout.kind, body, self.column, self.tagger, max(self.page_height / 4, lead))

    def _inlines(self, inlines: Inlines, owner: Elem) -> tuple[list[Piece], list[LinkTarget]]:
        """Pieces to lay out, and the links they point into; every link prints its address."""
        pieces: list[Piece] = []
        links: list[LinkTarget] = []
        for inline in inlines:
            match inline:
                case Text(text=text):
                    pieces.append(Piece(glue_numbers(text)))
                case Strong(text=text):
                    pieces.append(Piece(glue_numbers(text), bold=True))
                case LineBreak():
                    pieces.append(Piece(BREAK))
                case Link(text=text, url=url):
                    number = len(links) + 1
                    address = display_url(url)
                    pieces.append(Piece(glue_numbers(text), owner=number))
                    if not shows_own_address(text, url):
                        pieces += [Piece(" ", owner=number), Piece(f"({address})", owner=number)]
                    links.append(
                        LinkTarget(url, f"{text} ({address})" if text != address else text, Elem("Link", owner))
                    )
                case _:
                    assert_never(inline)
        return pieces, links

    def _list(self, block: BulletList | NumberedList, parent: Elem, left: float, level: int = 0) -> list[ListItem]:
        """Each level with its own marker (bullet, dash, angle; 1., a., i.) and a deeper indent."""
        numbered = isinstance(block, NumberedList)
        start = block.start if isinstance(block, NumberedList) else 1
        numbers = range(start, start + len(block.items))
        labels = [f"{_counter(n, level)}." if numbered else BULLETS[level % 3] for n in numbers]
        style = self.styles.item
        indent = max(measure(Piece(label), style.size) for label in labels) + style.size * 0.6
        numbering = NUMBERING[level % 3] if numbered else ("Disc", "Square", "Circle")[level % 3]
        elem = Elem("L", parent, attributes={"ListNumbering": numbering})
        flowables: list[ListItem] = []
        for label, item in zip(labels, block.items, strict=True):
            li = Elem("LI", elem)
            lbl, body_elem = Elem("Lbl", li), Elem("LBody", li)
            pieces, links = self._inlines(item.inlines, body_elem)
            body = TextBlock(pieces, style, body_elem, self.tagger, links=links)
            flowables.append(ListItem(label, body, self.tagger, li, indent=indent, left=left, lbl=lbl))
            for paragraph in item.more:  # further paragraphs: under the first, with no marker
                p_elem = Elem("P", body_elem)
                pieces, links = self._inlines(paragraph, p_elem)
                more = TextBlock(pieces, style, p_elem, self.tagger, links=links)
                flowables.append(ListItem("", more, self.tagger, li, indent=indent, left=left, lbl=lbl))
            if item.sublist is not None:
                flowables[-1].body.introduces = True  # kept with the sublist's first item, as a heading is
                flowables += self._list(item.sublist, body_elem, self._deeper(left, indent, style.size), level + 1)
        return flowables

    def _deeper(self, left: float, indent: float, size: float) -> float:
        """Where a nested list starts: under its parent's text, unless that would leave its own text fewer than
        ``NESTED_TEXT_EMS`` ems (at giant sizes three levels would leave a word or two a line, and long words
        broken): then no further in than that allows, its own marker (-, >) still showing its level."""
        return max(left, min(left + indent, self.column - indent - NESTED_TEXT_EMS * size))

    def _table(self, block: TableBlock, parent: Elem) -> list[Flowable]:
        table_elem = Elem("Table", parent)
        padding = self.styles.body.size * 0.4
        rows: list[list[list[TextBlock]]] = []
        for number, row in enumerate((block.header, *block.rows)):
            tr = Elem("TR", table_elem)
            header = number == 0
            cells = []
            for cell in row:
                elem = Elem("TH" if header else "TD", tr, attributes={"Scope": "Column"} if header else {})
                pieces, links = self._inlines(cell, elem)
                style = self.styles.header_cell if header else self.styles.cell
                cells.append([TextBlock(pieces, style, elem, self.tagger, links=links, repeat_as_artifact=header)])
            rows.append(cells)
        natural, minimum = _column_needs(rows, padding, self.styles.body.size)
        if (
            sum(minimum) > self.column
        ):  # words would break: stack the cells instead (elements unused so far are dropped)
            return self._stacked_table(block, table_elem)
        widths = _column_widths(natural, minimum, self.column)
        colour = self.styles.body.colour
        table = LeafletTable(
            rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT", renderCB=table_furniture(self.tagger)
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 1, colour),
                    ("LINEBELOW", (0, 0), (-1, 0), 3, colour),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONT", (0, 0), (-1, -1), REGULAR, self.styles.body.size),  # else Helvetica is listed
                    ("LEFTPADDING", (0, 0), (-1, -1), padding),
                    ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                    ("TOPPADDING", (0, 0), (-1, -1), padding / 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                ]
            )
        )
        table.spaceAfter = self.styles.body.space_after
        return [table]

    def _stacked_table(self, block: TableBlock, table_elem: Elem) -> list[Flowable]:
        """A table too wide for its words at this size, one cell a line, each labelled by its header.

        The header row is shown once, bold; each cell then repeats its
        header in bold as a label, marked as an artifact so a screen reader,
        which already knows the cell's header, does not hear it twice.
        """
        styles = self.styles
        gap = TextStyle(
            styles.body.size, styles.body.leading, styles.body.colour, space_after=styles.body.leading * 0.2
        )
        header_tr = Elem("TR", table_elem)
        labels = [plain(cell) for cell in block.header]
        flowables: list[Flowable] = []
        for number, cell in enumerate(block.header, start=1):
            elem = Elem("TH", header_tr, attributes={"Scope": "Column"})
            pieces, links = self._inlines(cell, elem)
            style = styles.item if number == len(block.header) else gap
            bold = TextStyle(style.size, style.leading, style.colour, bold=True, space_after=style.space_after)
            flowables.append(TextBlock(pieces, bold, elem, self.tagger, links=links))
        for row in block.rows:
            tr = Elem("TR", table_elem)
            cells: list[Flowable] = []
            for number, (label, cell) in enumerate(zip(labels, row, strict=False), start=1):
                elem = Elem("TD", tr)
                pieces, links = self._inlines(cell, elem)
                style = styles.body if number == len(row) else gap
                label_piece = Piece(glue_numbers(label) + ": ", bold=True, owner=ARTIFACT)
                cells.append(TextBlock([label_piece, *pieces], style, elem, self.tagger, links=links))
            flowables.append(self._roomy(cells))
        heads = len(block.header)
        return [self._roomy(flowables[: heads + 1]), *flowables[heads + 1 :]]  # the header stays with a row


class LeafletTable(PaddedTable):
    """A table that tells a heading above it how much must fit: the header and first row."""

    def lead_height(self, availWidth: float) -> float:
        self.wrap(availWidth, 1e9)
        return sum(self._rowHeights[:2])


def _column_needs(rows: list[list[list[TextBlock]]], padding: float, size: float) -> tuple[list[float], list[float]]:
    """Each column's width on one line, and its least width that breaks no word."""
    count = max(len(row) for row in rows)
    natural, minimum = [0.0] * count, [0.0] * count
    for row in rows:
        for index, (block,) in enumerate(row):
            widths = [narrowest(word, lambda p: measure(p, size)) for word, _ in words(block.pieces)] or [0.0]
            full = sum(measure(p, size) for p in block.pieces)
            natural[index] = max(natural[index], full + 2 * padding)
            minimum[index] = max(minimum[index], max(widths) + 2 * padding)
    return natural, minimum


def _column_widths(natural: list[float], minimum: list[float], column: float) -> list[float]:
    """Columns as wide as their text wants, shrunk toward their longest word when space is short."""
    if sum(natural) <= column:
        return [w + (column - sum(natural)) * w / sum(natural) for w in natural]
    base = minimum  # every column at least its longest word (the caller made sure they fit)
    spare = column - sum(base)
    wants = [max(n - b, 0.0) for n, b in zip(natural, base, strict=True)]
    return [b + spare * w / (sum(wants) or 1) for b, w in zip(base, wants, strict=True)]


def _counter(number: int, level: int) -> str:
    """A list number at ``level``: 3, then c, then iii."""
    if level % 3 == 0:
        return str(number)
    if level % 3 == 1:
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters
    numerals = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
                ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))  # fmt: skip
    roman = ""
    for numeral, value in numerals:
        count, number = divmod(number, value)
        roman += numeral * count
    return roman


def _introduces(paragraph: Paragraph, following: Block | None) -> bool:
    """A sentence ending in a colon that introduces a table, list or box: never left apart from it."""
    introduced = isinstance(following, TableBlock | BulletList | NumberedList | Callout)
    return introduced and plain(paragraph.inlines).rstrip().endswith(":")


def _keep_headings(story: list[Flowable], cap: float, frame: float) -> list[Flowable]:
    """Put a conditional page break before each heading (and introducing sentence) so it is never left alone."""
    result: list[Flowable] = []
    for index, flowable in enumerate(story):
        introduces = isinstance(flowable, ListItem) and flowable.body.introduces  # an item and its sublist
        if introduces or (isinstance(flowable, TextBlock) and (flowable.heading_level or flowable.introduces)):
            following = story[index + 1] if index + 1 < len(story) else None
            result.append(KeepWithNext(flowable, following, cap, frame))
        result.append(flowable)
    return result


def missing_characters(leaflet: Leaflet, covered: frozenset[int]) -> list[tuple[str, int]]:
    """Characters the font cannot draw, each with the first source line that uses it."""
    composed = compose(leaflet)
    texts: list[tuple[str, int]] = [(composed.title, 0), *((plain(line.inlines), 0) for line in composed.front)]
    for section in composed.sections:
        texts.append((section.heading or "", section.line))
        for block in section.blocks:
            texts += [(plain(inlines), block.line) for inlines in walk.inline_runs(block)]
    seen: dict[str, int] = {}
    for text, line in texts:
        for character in text:
            if not character.isspace() and ord(character) not in covered and character not in seen:
                seen[character] = line
    return list(seen.items())
