"""Tagged reportlab flowables: text blocks, list items, figures and table helpers.

Each flowable draws its own lines (see ``textflow``) inside marked content
owned by its structure element, so a screen reader finds every character in
the structure tree; a block split across pages keeps pointing at the SAME
element, so a paragraph stays one P.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

from leaflet.writers.large_print_pdf.structure import Elem, Tagger
from leaflet.writers.large_print_pdf.textflow import Line, Piece, lay_out, shown

REGULAR = "AtkinsonHyperlegible"
BOLD = "AtkinsonHyperlegible-Bold"
ASCENT, DESCENT = 0.95, 0.29  # Atkinson Hyperlegible's ascender and descender, in ems
_FUZZ = 1e-6
ARTIFACT = -1  # a piece's owner when it is visual repetition a screen reader must skip


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How one kind of block looks."""

    size: float
    leading: float
    colour: tuple[float, float, float]
    bold: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    keep_lines: int = 2  # a block splits only with this many lines on each side (1 at giant sizes, see Styles)


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A link's address, its /Contents description, and its Link element."""

    url: str
    description: str
    elem: Elem


def measure(piece: Piece, size: float) -> float:
    return stringWidth(shown(piece.text), BOLD if piece.bold else REGULAR, size)


class TextBlock(Flowable):
    """Lines of text owned by one structure element (P, H1, LBody, TD...)."""

    def __init__(
        self,
        pieces: Sequence[Piece],
        style: TextStyle,
        elem: Elem,
        tagger: Tagger,
        *,
        links: Sequence[LinkTarget] = (),
        heading_level: int = 0,
        introduces: bool = False,
        repeat_as_artifact: bool = False,
        max_width: float | None = None,
    ) -> None:
        super().__init__()
        self.pieces = tuple(Piece(p.text, p.bold or style.bold, p.owner) for p in pieces)
        self.style, self.elem, self.tagger, self.links = style, elem, tagger, tuple(links)
        self.heading_level = heading_level
        self.introduces = introduces  # the sentence before a table or list: kept with its first lines
        self.repeat_as_artifact = repeat_as_artifact  # a table header row repeats on each page
        self.max_width = max_width
        self.lines: list[Line] | None = None
        self._laid_width: float | None = None
        self.first, self.last = True, True
        self.squeezed = False  # a heading near a page's foot gives up its space above to start there
        self._drawn = False

    # layout -------------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width = min(availWidth, self.max_width or availWidth)
        if self.lines is None or (self._laid_width != width and self.first and self.last):
            self.lines = lay_out(self.pieces, width, lambda p: measure(p, self.style.size))
            self._laid_width = width
        self.width, self.height = width, len(self.lines) * self.style.leading
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.style.space_before if self.first and not self.squeezed else 0.0

    def getSpaceAfter(self) -> float:
        return self.style.space_after if self.last else 0.0

    def lead_height(self, availWidth: float) -> float:
        """What a heading must keep with it: its first lines (two; one at giant sizes), or all if the block
        cannot split."""
        self.wrap(availWidth, 1e9)
        assert self.lines is not None
        lines, keep = len(self.lines), self.style.keep_lines
        if self.heading_level and lines <= 3:
            return lines * self.style.leading  # a short heading moves whole
        return (lines if lines < 2 * keep else keep) * self.style.leading

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        assert self.lines is not None
        total = len(self.lines)
        fit = int((availHeight + _FUZZ) // self.style.leading)
        if fit >= total:  # asked to split, so it does not fit (by a rounding's width): never answer [self]
            fit = total - 1
        if self.repeat_as_artifact or (self.heading_level and total <= 3):
            return []  # header cells never split, nor do headings short enough to move whole
        keep = self.style.keep_lines
        fit = min(fit, total - keep)  # no widow: at least two lines go over (one at giant sizes)
        if fit > 0 and shown("".join(p.text for p in self.lines[fit - 1].pieces)).rstrip().endswith(":"):
            fit -= 1  # a line introducing what follows ('Write to us at:') never ends a page
        if fit < keep:
            return []  # no orphan: start on the next page instead
        return [self._part(self.lines[:fit], first=self.first, last=False),
                self._part(self.lines[fit:], first=False, last=self.last)]  # fmt: skip

    def _part(self, lines: list[Line], *, first: bool, last: bool) -> TextBlock:
        part = TextBlock((), self.style, self.elem, self.tagger, links=self.links, max_width=self.max_width)
        part.lines, part._laid_width = lines, self._laid_width
        part.first, part.last = first, last
        part.heading_level = self.heading_level if first else 0
        return part

    # drawing ------------------------------------------------------------
    def baseline(self, index: int) -> float:
        """The baseline of line ``index``, centred in its line box."""
        size, leading = self.style.size, self.style.leading
        return self.height - index * leading - (leading - (ASCENT + DESCENT) * size) / 2 - ASCENT * size

    def draw(self) -> None:
        canv, style = self.canv, self.style
        assert self.lines is not None
        canv.setFillColorRGB(*style.colour)
        artifact = self.repeat_as_artifact and self._drawn
        self._drawn = True
        if artifact:
            Tagger.begin_artifact(canv, "Pagination")
        if self.heading_level and self.first:
            _, top = canv.absolutePosition(0, self.height)
            self.tagger.bookmark(canv, self.heading_level, _plain(self.pieces), top)
        if not self.lines and not artifact:  # an empty table cell: its element still takes its place (PDF/UA)
            self.tagger.begin(canv, self.elem)
            Tagger.end(canv)
        self._draw_lines(tagged=not artifact)
        if artifact:
            Tagger.end(canv)

    def _draw_lines(self, *, tagged: bool) -> None:
        """Draw every line; one marked-content sequence runs on while its owner stays the same.

        So a paragraph without links is one sequence per page, and a link that
        wraps onto the next line is one sequence with an annotation per line.
        """
        assert self.lines is not None
        open_owner: int | None = None
        for index, line in enumerate(self.lines):
            y, x = self.baseline(index), 0.0
            for group in _groups(line):
                owner = group[0].owner
                if tagged and owner != open_owner:
                    if open_owner is not None:
                        Tagger.end(self.canv)
                    if owner == ARTIFACT:
                        Tagger.begin_artifact(self.canv, "Layout")
                    else:
                        self.tagger.begin(self.canv, self.links[owner - 1].elem if owner else self.elem)
                    open_owner = owner
                start = x
                for piece in group:
                    self.canv.setFont(BOLD if piece.bold else REGULAR, self.style.size)
                    self.canv.drawString(x, y, shown(piece.text))
                    x += measure(piece, self.style.size)
                if tagged and owner > 0 and self.links[owner - 1].url:  # (an owner without an address: a TH)
                    self._link(self.links[owner - 1], start, x, y, group)
        if open_owner is not None:
            Tagger.end(self.canv)

    def _link(self, link: LinkTarget, start: float, end: float, y: float, group: list[Piece]) -> None:
        """A clickable area over this line's part of the link (its trailing space left out)."""
        trailing = len(group[-1].text) - len(group[-1].text.rstrip())
        end -= stringWidth(" ", BOLD if group[-1].bold else REGULAR, self.style.size) * trailing
        size = self.style.size
        key = self.tagger.annotation(self.canv, link.elem)
        rect = (start, y - DESCENT * size, end, y + ASCENT * size)
        self.canv.linkURL(
            link.url, rect, relative=1, thickness=0, Contents=PDFString(link.description), StructParent=key, F=4
        )


def _groups(line: Line) -> list[list[Piece]]:
    """The line's pieces in runs that share an owner."""
    groups: list[list[Piece]] = []
    for piece in line.pieces:
        if groups and groups[-1][0].owner == piece.owner:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _plain(pieces: Sequence[Piece]) -> str:
    return " ".join(shown("".join(p.text for p in pieces)).split())


class ListItem(Flowable):
    """LI > Lbl (the marker) + LBody (the words); the marker stays with the first line."""

    def __init__(
        self, label: str, body: TextBlock, tagger: Tagger, li: Elem, *, indent: float, left: float, lbl: Elem
    ) -> None:
        super().__init__()
        self.label, self.body, self.tagger, self.li, self.lbl = label, body, tagger, li, lbl
        self.indent, self.left = indent, left

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, height = self.body.wrap(availWidth - self.left - self.indent, availHeight)
        self.width, self.height = availWidth, height
        return availWidth, height

    def getSpaceBefore(self) -> float:
        return self.body.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.body.getSpaceAfter()

    def lead_height(self, availWidth: float) -> float:
        return self.body.lead_height(availWidth - self.left - self.indent)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self.body.split(availWidth - self.left - self.indent, availHeight)
        if len(parts) < 2:
            return parts
        return [
            ListItem(
                self.label if i == 0 else "", p, self.tagger, self.li, indent=self.indent, left=self.left, lbl=self.lbl
            )
            for i, p in enumerate(parts)
        ]

    def draw(self) -> None:
        canv, style = self.canv, self.body.style
        if self.label:
            canv.setFillColorRGB(*style.colour)
            self.tagger.begin(canv, self.lbl)
            canv.setFont(BOLD if style.bold else REGULAR, style.size)
            canv.drawString(self.left, self.body.baseline(0), self.label)
            Tagger.end(canv)
        self.body.drawOn(canv, self.left + self.indent, 0)


class Picture(Flowable):
    """A picture scaled to the column (and at most 40% of a page high), tagged as Figure."""

    def __init__(
        self,
        data: bytes,
        elem: Elem,
        tagger: Tagger,
        *,
        max_height: float,
        space_after: float,
        max_width: float | None = None,
    ) -> None:
        super().__init__()

        from reportlab.lib.utils import ImageReader

        self.elem, self.tagger = elem, tagger
        self.reader = ImageReader(io.BytesIO(data))
        self.natural = self.reader.getSize()
        self.max_height, self.space_after, self.max_width = max_height, space_after, max_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        natural_width, natural_height = self.natural
        width = min(availWidth, self.max_width or availWidth)
        scale = min(width / natural_width, self.max_height / natural_height)
        self.width, self.height = natural_width * scale, natural_height * scale
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.space_after

    def lead_height(self, availWidth: float) -> float:
        return self.wrap(availWidth, 1e9)[1]

    def draw(self) -> None:
        self.tagger.begin(self.canv, self.elem)
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")
        Tagger.end(self.canv)
        x0, y0 = self.canv.absolutePosition(0, 0)
        x1, y1 = self.canv.absolutePosition(self.width, self.height)
        self.elem.attributes["BBox"] = (x0, y0, x1, y1)


class KeepWithNext(CondPageBreak):
    """Start a new page before a heading (or a sentence introducing a table) unless it fits with what follows.

    What must follow it: the first lines of a block that splits; the whole of a group kept on one page (a
    picture, a box, a stacked table row), unless that group would flow here (see ``KeepUnlessRoomy``): then
    only its first lines; and through a chain of blocks that introduce the next (a sentence, then a table's
    caption, then the table), each whole and the last one's first lines. Never more than a page, and never more
    than ``cap`` for anything else, so something taller than a page cannot push a heading on for ever.
    """

    def __init__(self, heading: Flowable, following: Sequence[Flowable], cap: float, frame: float) -> None:
        super().__init__(0)
        self.heading, self.following, self.cap, self.frame = heading, tuple(following), cap, frame

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        squeezable = isinstance(self.heading, TextBlock)
        if squeezable:
            self.heading.squeezed = False  # decided afresh wherever it is placed
        before, need, cap = self._need(availWidth, availHeight)
        if before + need > availHeight and squeezable:
            # it may fit but for the space above it (the blank line after what came before is there): giving
            # that up leaves less of this page empty than moving on would (at giant sizes, a third of a page)
            self.heading.squeezed = True
            before, need, cap = self._need(availWidth, availHeight)
            if need > availHeight:
                self.heading.squeezed = False
                before, need, cap = self._need(availWidth, availHeight)
        self.height = min(before + need, cap)  # capped: something taller than a page cannot push us on for ever
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            self.height = 0  # a new page would have no more room than this one
        return super().wrap(availWidth, availHeight)

    def _need(self, availWidth: float, availHeight: float) -> tuple[float, float, float]:
        """The space above the heading, the height it needs with what must follow it, and the cap."""
        _, heading_height = self.heading.wrap(availWidth, availHeight)
        before = self.heading.getSpaceBefore()
        need, cap = heading_height, self.cap
        if self.following:
            need += self.heading.getSpaceAfter()
            follow, cap = self._following(availWidth, availHeight - before - need, availHeight)
            need += follow
        return before, need, cap

    def _following(self, availWidth: float, availHeight: float, here: float) -> tuple[float, float]:
        """The height the heading must have below it (with ``availHeight`` left after it, of ``here`` before
        it), and the cap."""
        total = 0.0
        *chain, last = self.following
        for block in chain:  # an introducing block goes whole with the heading
            _, height = block.wrapOn(self.canv, availWidth, availHeight - total)
            total += block.getSpaceBefore() + height + block.getSpaceAfter()
        left = availHeight - total
        lead = getattr(last, "lead_height", None)
        if lead is not None:  # a few lines, or a table's header and first row: however tall, keep them
            return total + lead(availWidth), self.frame
        if isinstance(last, KeepTogether):  # its wrap() answers "split me": measure its content
            last.wrapOn(self.canv, availWidth, availHeight)
            whole: float = last._H
            if whole <= left:
                return total + whole, self.frame  # it fits here: so does the heading
            first = last._content[0]
            first_lead = getattr(first, "lead_height", None)
            start = min(whole, first_lead(availWidth)) if first_lead is not None else whole
            if isinstance(last, KeepUnlessRoomy) and (here >= last.room or last.flows) and start <= left:
                # moving the heading on would leave much of this page empty: the group flows after it instead
                last.flows = True
                return total + start, self.frame
            # it moves on to the next page: the heading goes with it, unless the two could not start a page
            # together either (then moving would only leave this page empty)
            before = here - availHeight  # the heading with its space
            if before + total + start > self.frame:
                return total, self.cap
            return total + whole, self.frame
        return total + last.wrapOn(self.canv, availWidth, availHeight)[1], self.cap


class KeepUnlessRoomy(KeepTogether):
    """Kept on one page where it fits, unless moving on would leave at least ``room`` of this page empty.

    At large sizes a box or a stacked table row can be half a page: moving it
    whole to the next page would leave a near-empty page, so there it flows
    (splitting between lines) instead.
    """

    def __init__(self, flowables: Sequence[Flowable], room: float, page: float = float("inf")) -> None:
        super().__init__(list(flowables))
        self.room, self.page = room, page  # ``page``: what a page holds (taller, it cannot be kept whole anyway)
        self.flows = False  # it flows wherever it starts: a heading kept with it stayed on a roomy page

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if availHeight < self._H and (availHeight >= self.room or self.flows or self.page < self._H):
            from reportlab.platypus.doctemplate import NullActionFlowable

            return [NullActionFlowable(), *self._content]  # two or more: the frame places them one by one
        result: list[Flowable] = super().split(availWidth, availHeight)
        return result


class PaddedTable(Table):
    """A table whose rows split between lines (``splitInRow``) with each part's lines inside its cell.

    reportlab 5.1 splits a cell's flowables at the column's width, not at the
    width inside the cell's padding, so the lines of every part after a split
    ran over the right rule by the padding (a long box at 18pt: 18 points past
    it). Each cell is split here at its inner width, the side padding taken
    out, as its flowables were first wrapped.
    """

    def _splitCell(self, value: Any, style: Any, oldHeight: float, newHeight: float, width: float) -> Any:
        inner = style.copy()
        inner.leftPadding = inner.rightPadding = 0
        return super()._splitCell(value, inner, oldHeight, newHeight, width - style.leftPadding - style.rightPadding)


def table_furniture(tagger: Tagger) -> Any:
    """A reportlab Table render callback that marks rules and shading as artifacts."""

    def callback(table: Any, command: str, *args: Any) -> None:
        if command in ("startBG", "startLines"):
            Tagger.begin_artifact(table.canv, "Layout")
        elif command in ("endBG", "endLines"):
            Tagger.end(table.canv)

    return callback
