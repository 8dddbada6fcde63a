"""A callout as a bordered box: its label first, in bold, then its paragraphs and lists.

The kind is said in words ("Emergency: ...") so it never rests on colour or line weight alone, and each kind
has a border of its own (``leaflet.media.colours.LOOKS``: solid, double, dashed or dotted, of its own weight,
a heavier left bar for "important"); the NHS care cards take NHS.UK's colours: the emergency card filled red
with white words, the urgent one red-bordered, the non-urgent one blue, both with their label on a band of
their colour. The box is one table cell, so it stays on one page where it fits and splits between lines where
it cannot (or where moving it on would leave a large part of the page empty); its rules, fill and band are
marked as artifacts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, TableStyle

from leaflet.media.colours import Card, as_fraction
from leaflet.writers.large_print_pdf.flowables import (
    REGULAR,
    KeepUnlessRoomy,
    PaddedTable,
    TextStyle,
    table_furniture,
)
from leaflet.writers.large_print_pdf.structure import Tagger


def padding(style: TextStyle) -> float:
    """The space inside a box's border, around its words."""
    return style.size * 0.6


def callout_box(
    content: Sequence[Flowable],
    card: Card,
    style: TextStyle,
    column: float,
    tagger: Tagger,
    room: float,
    page: float = float("inf"),
) -> Flowable:
    """``content`` inside a box as wide as the column; on one page unless that leaves ``room`` empty."""
    pad = padding(style)
    look = card.look
    weight = style.size * look.weight
    bar = style.size * look.bar
    edge = as_fraction(card.edge)
    box = _Box([[list(content)]], colWidths=[column], splitInRow=1, hAlign="LEFT", renderCB=table_furniture(tagger))
    box.leading, box.label = style.leading, content[0]
    box._padding_sides = 2 * pad + max(weight, bar) + weight
    box._padding_ends = pad * 1.5 + weight
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), REGULAR, style.size),  # else Helvetica is listed
        ("LEFTPADDING", (0, 0), (-1, -1), pad + max(weight, bar)),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad + weight),
        ("TOPPADDING", (0, 0), (-1, -1), pad + weight / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.5 + weight / 2),
    ]
    if card.fill:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), as_fraction(card.fill)))
    if look.pattern == "double":  # two lines a third of the weight each, a third apart
        commands.append(("BOX", (0, 0), (-1, -1), weight / 3, edge, None, None, None, 2, weight / 3))
    elif look.pattern == "dashed":
        commands.append(("BOX", (0, 0), (-1, -1), weight, edge, 0, (style.size * 0.6, style.size * 0.35)))
    elif look.pattern == "dotted":  # round caps on zero-length dashes: dots as wide as the line
        commands.append(("BOX", (0, 0), (-1, -1), weight, edge, 1, (0, weight * 2.2)))
    else:
        commands.append(("BOX", (0, 0), (-1, -1), weight, edge))
    if bar:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), bar, edge, 0, []))
    box.setStyle(TableStyle(commands))
    box.spaceAfter = style.space_after
    return KeepUnlessRoomy([box], room, page)


class Band(Flowable):
    """A care card's label on a band of its colour, across the box from border to border (an artifact)."""

    def __init__(self, label: Flowable, colour: str, reach: tuple[float, float, float, float]) -> None:
        super().__init__()
        self.label, self.colour = label, as_fraction(colour)
        self.reach = reach  # how far the band goes past the label: left, right, top, bottom

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.label.wrap(availWidth, availHeight)
        self.width = availWidth
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.label.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.label.getSpaceAfter())

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # a label is a line or two: it goes whole

    def draw(self) -> None:
        left, right, top, bottom = self.reach
        canv = self.canv
        canv.saveState()
        Tagger.begin_artifact(canv, "Layout")
        canv.setFillColorRGB(*self.colour)
        canv.rect(-left, -bottom, self.width + left + right, self.height + top + bottom, stroke=0, fill=1)
        Tagger.end(canv)
        canv.restoreState()
        self.label.drawOn(canv, 0, 0)


class _Box(PaddedTable):
    """The box's one cell, split between lines; never so that only its label stays or only its bottom padding
    goes over. reportlab makes each part a new ``_Box``: the parts keep the line height, and only the first
    part has the label (a later part may well start a page with a single paragraph that fills it)."""

    leading = 0.0
    label: Flowable | None = None
    _padding_sides = 0.0  # the cell's padding and rules, left and right together
    _padding_ends = 0.0  # ... top and bottom together

    def lead_height(self, availWidth: float) -> float:
        """What must fit for the box to start on a page: its label, its first line after it, its padding."""
        self.wrap(availWidth, 1e9)
        cell = _cell(self)
        if self.label is None or len(cell) < 2:
            return float(self._height)
        inner = availWidth - self._padding_sides
        _, label_height = self.label.wrap(inner, 1e9)
        first = cell[1]
        first_lead = getattr(first, "lead_height", None)
        lead = first_lead(inner) if first_lead is not None else first.wrap(inner, 1e9)[1]
        gaps = self.label.getSpaceAfter() + self._padding_ends
        return min(float(self._height), label_height + gaps + lead)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) == 2 and not _cell(parts[1]):
            # every line fitted but the padding under them: a page would hold nothing but the box's bottom
            # rule, so the last line goes over with it
            fewer: list[Flowable] = super().split(availWidth, availHeight - self.leading)
            if fewer and all(_cell(part) for part in fewer):
                parts = fewer
        if len(parts) == 2 and self.label is not None and _cell(parts[0]) == (self.label,):
            return []  # only the label would stay ("Urgent: call 111 if:"): the box goes on to the next page
        for part in parts:
            part.leading = self.leading
        return parts


def _cell(table: Flowable) -> tuple[Flowable, ...]:
    """What the box's one cell holds."""
    return tuple(getattr(table, "_cellvalues", [[()]])[0][0])
