"""The leaflet as a story of tagged flowables, in large-print proportions.

Sizes follow the body size the reader chose: headings are larger and bold,
nothing is smaller than the body, a blank line's worth of space separates
paragraphs, and each heading is kept with the first lines that follow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import assert_never

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, TableStyle

from leaflet.core import walk
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
    Text,
)
from leaflet.core.model import Table as TableBlock
from leaflet.core.text import display_url, plain, shows_own_address
from leaflet.media.colours import Scheme, as_fraction, card
from leaflet.media.pictures import raster
from leaflet.writers.large_print_pdf.boxes import Band, callout_box, padding
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
LOGO_HEIGHT = 20 * mm  # the publisher's logo at the top of the first page, at most this tall...
LOGO_WIDTH = 0.45  # ... and this share of the column wide, at its right
GIANT_PAGE_LINES = 15  # a page holding fewer lines than this is giant print
MOST_EMPTY = 0.4  # no page but the last is left more than this share empty when what follows could start there


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
    def make(cls, size: float, colour: tuple[float, float, float], keep_lines: int = 2) -> Styles:
        """``keep_lines``: the fewest lines a block leaves on a page, or takes to the next, when it splits."""
        leading = round(size * 1.4, 2)
        body = TextStyle(size, leading, colour, space_after=leading, keep_lines=keep_lines)  # a blank line between
        headings = {
            level: TextStyle(
                round(min(size * scale, size + cap), 2),
                round(min(size * scale, size + cap) * 1.25, 2),
                colour,
                bold=True,
                space_before=leading * 0.5,
                space_after=leading * 0.4,
                keep_lines=keep_lines,
            )
            for level, (scale, cap) in HEADING_SCALE.items()
        }
        return cls(
            body=body,
            headings=headings,
            item=TextStyle(size, leading, colour, space_after=leading * 0.4, keep_lines=keep_lines),
            last_item=body,
            cell=TextStyle(size, leading, colour, keep_lines=keep_lines),
            header_cell=TextStyle(size, leading, colour, bold=True, keep_lines=keep_lines),
            front=TextStyle(size, leading, colour, space_after=leading * 0.25, keep_lines=keep_lines),
        )

    @staticmethod
    def keep_lines_for(size: float, frame_height: float) -> int:
        """Two lines kept together at a split (no orphans, no widows), but one where a page holds fewer than
        15 lines (giant print): there, two would leave pages far emptier than a lone line hurts."""
        return 2 if frame_height / (size * 1.4) >= GIANT_PAGE_LINES else 1


class StoryBuilder:
    """Builds the flowables and, alongside, the structure elements they will fill."""

    def __init__(
        self, leaflet: Leaflet, styles: Styles, tagger: Tagger, column: float, page_height: float, scheme: Scheme
    ) -> None:
        self.leaflet, self.styles, self.tagger = leaflet, styles, tagger
        self.column, self.page_height, self.scheme = column, page_height, scheme
        self.root = tagger.root
        self.tables = 0

    # the whole leaflet ---------------------------------------------------
    def story(self) -> list[Flowable]:
        """The logo, the title, the callouts that open the leaflet (the most important thing in it, on the first
        page whatever the size), the lines under the title, then the sections, glossary and colophon."""
        composed = compose(self.leaflet)
        story: list[Flowable] = [*self._logo(composed.logo), self._heading(composed.title, 1)]
        opening = composed.opening
        intro = composed.body[0].blocks if opening else ()
        story += self._blocks(intro[:opening])
        for number, line in enumerate(composed.front, start=1):
            style = self.styles.body if number == len(composed.front) else self.styles.front
            elem = Elem("P", self.root)
            pieces, links = self._inlines(line.inlines, elem)
            story.append(TextBlock(pieces, style, elem, self.tagger, links=links))
        sections = list(composed.sections)
        if opening:
            sections[0] = replace(sections[0], blocks=intro[opening:])
        for section in sections:
            flowables: list[Flowable] = []
            if section.heading:
                flowables.append(self._heading(section.heading, section.level))
            flowables += self._blocks(section.blocks)
            # the colophon is short: it reads best on one page (unless moving it leaves much of a page
            # empty: then it flows, its heading still kept with what follows it)
            if section is composed.colophon:
                flowables = [self._roomy(_keep_headings(flowables, self._most_empty, self.page_height))]
            story.extend(flowables)
        return _keep_headings(story, self._most_empty, self.page_height)

    @property
    def _most_empty(self) -> float:
        """The room below which a group moves on whole: the page is then less than ``MOST_EMPTY`` empty, the
        blank line after what came before (which a moving group leaves too) counted."""
        return self.page_height * MOST_EMPTY - self.styles.body.leading

    def _blocks(self, blocks: Sequence[Block]) -> list[Flowable]:
        flowables: list[Flowable] = []
        for number, block in enumerate(blocks):
            made = self._block(block, self.root)
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            if isinstance(block, Paragraph) and introduces(block, following) and isinstance(made[0], TextBlock):
                made[0].introduces = True
                made[0].style = replace(made[0].style, space_after=self.styles.item.space_after)  # bound to it
            flowables.extend(made)
        return flowables

    def _logo(self, logo: Image | None) -> list[Flowable]:
        """The publisher's logo, with its alt text, at the top right of the first page."""
        if logo is None:
            return []
        figure = Elem("Figure", self.root, alt=logo.alt)
        picture = Picture(
            raster(logo),
            figure,
            self.tagger,
            max_height=LOGO_HEIGHT,
            max_width=self.column * LOGO_WIDTH,
            space_after=self.styles.body.leading * 0.5,
        )
        picture.hAlign = "RIGHT"
        return [picture]

    def _roomy(self, flowables: list[Flowable]) -> KeepUnlessRoomy:
        """Kept on one page, unless moving on would leave too much of this page empty (then it flows)."""
        return KeepUnlessRoomy(flowables, self._most_empty, self.page_height)

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
        """A labelled section (/Sect, /T the kind) in a box drawn for its kind; the label is its first words,
        on a band of the card's colour for the NHS care cards, in the card's own colours inside a filled one."""
        sect = Elem("Sect", parent, title=callout.label)
        colours = card(callout.kind, self.scheme)
        outside = self.styles
        if colours.text != self.scheme.text:
            self.styles = Styles.make(outside.body.size, as_fraction(colours.text), outside.body.keep_lines)
        try:
            styles = self.styles
            body = styles.body
            last = replace(body, space_after=0.0)  # the box's padding ends it, not a blank line
            label_elem = Elem("P", sect)
            label_style = replace(styles.item, colour=as_fraction(colours.label_text), bold=True)
            pieces, links = self._inlines(callout_heading(callout), label_elem)
            label: Flowable = TextBlock(pieces, label_style, label_elem, self.tagger, links=links)
            if colours.band:
                pad = padding(body)
                weight = body.size * colours.look.weight
                reach = (pad, pad, pad + weight / 2 - 0.5, label_style.space_after * 0.5)
                label = Band(label, colours.band, reach)
            content: list[Flowable] = [label]
            for block in callout.blocks:
                content += self._block(block, sect)
            if isinstance(content[-1], TextBlock):
                content[-1].style = last
            elif isinstance(content[-1], ListItem):
                content[-1].body.style = last
        finally:
            self.styles = outside
        return callout_box(content, colours, body, self.column, self.tagger, self._most_empty, self.page_height)

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
        """The table's caption (kept with the table), then the table, or its rows stacked where its words would
        not fit side by side."""
        self.tables += 1
        table_elem = Elem("Table", parent)
        caption_elem = Elem("Caption", table_elem)
        caption_style = replace(self.styles.item, bold=True)
        caption = TextBlock(
            [Piece(glue_numbers(table_caption(self.tables, block)))],
            caption_style,
            caption_elem,
            self.tagger,
            introduces=True,
        )
        return [caption, *self._grid(block, table_elem)]

    def _grid(self, block: TableBlock, table_elem: Elem) -> list[Flowable]:
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
        table.padding = padding * 1.5
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
        """A table too wide for its words at this size, one cell a line, each labelled by its header in bold.

        The caption above already names the columns, so the header row is not shown apart: the first row's
        labels are the header cells (TH, in their own row of the structure tree, read first); every later
        row's labels are artifacts, so a screen reader, which knows each cell's header, does not hear them
        again. Each row is kept on one page where it fits.
        """
        styles = self.styles
        gap = TextStyle(
            styles.body.size,
            styles.body.leading,
            styles.body.colour,
            space_after=styles.body.leading * 0.2,
            keep_lines=styles.body.keep_lines,
        )
        header_tr = Elem("TR", table_elem)
        heads = [Elem("TH", header_tr, attributes={"Scope": "Column"}) for _ in block.header]
        labels = [plain(cell) for cell in block.header]
        flowables: list[Flowable] = []
        for row_number, row in enumerate(block.rows):
            tr = Elem("TR", table_elem)
            cells: list[Flowable] = []
            for number, (label, cell) in enumerate(zip(labels, row, strict=False), start=1):
                elem = Elem("TD", tr)
                pieces, links = self._inlines(cell, elem)
                style = styles.body if number == len(row) else gap
                if row_number == 0:  # the header cell's own words: owned by its TH, after the cell's links
                    links.append(LinkTarget("", label, heads[number - 1]))
                    owner = len(links)
                    label_pieces = [Piece(glue_numbers(label), bold=True, owner=owner)]
                    label_pieces.append(Piece(": ", bold=True, owner=ARTIFACT))
                else:
                    label_pieces = [Piece(glue_numbers(label) + ": ", bold=True, owner=ARTIFACT)]
                cells.append(TextBlock([*label_pieces, *pieces], style, elem, self.tagger, links=links))
            flowables.append(self._roomy(cells))
        return flowables


class LeafletTable(PaddedTable):
    """A table that tells a heading above it how much must fit: the header and the first row's first lines
    (a row splits between lines, keeping as many each side as a paragraph does)."""

    padding = 0.0  # the cells' padding, above and below together

    def lead_height(self, availWidth: float) -> float:
        self.wrap(availWidth, 1e9)
        if len(self._rowHeights) < 2:
            return float(sum(self._rowHeights))
        first = [
            block for cell in self._cellvalues[1] for block in (cell if isinstance(cell, list | tuple) else [cell])
        ]
        styles = [block.style for block in first if isinstance(block, TextBlock)]
        lines = max((style.keep_lines * style.leading for style in styles), default=self._rowHeights[1])
        return float(self._rowHeights[0] + min(self._rowHeights[1], lines + self.padding))


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


def _keep_headings(story: list[Flowable], cap: float, frame: float) -> list[Flowable]:
    """Put a conditional page break before each heading (and introducing sentence) so it is never left alone,
    and never apart from a chain of introducing blocks after it (a sentence, a table's caption) and what they
    introduce."""
    result: list[Flowable] = []
    for index, flowable in enumerate(story):
        if _keeps_next(flowable):
            following: list[Flowable] = []
            for after in story[index + 1 :]:
                following.append(after)
                if not (isinstance(after, TextBlock) and after.introduces):
                    break
            result.append(KeepWithNext(flowable, following, cap, frame))
        result.append(flowable)
    return result


def _keeps_next(flowable: Flowable) -> bool:
    """A heading, a sentence introducing what follows, or a list item that opens a sublist."""
    if isinstance(flowable, ListItem):
        return flowable.body.introduces
    return isinstance(flowable, TextBlock) and bool(flowable.heading_level or flowable.introduces)


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
