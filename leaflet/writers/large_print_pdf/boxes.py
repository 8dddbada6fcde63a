"""A callout as a bordered box: its label first, in bold, then its paragraphs and lists.

The kind is said in words ("Emergency: ...") so it never rests on colour or
line weight alone; the care cards and warnings get a heavier border too. The
box is one table cell, so it stays on one page where it fits and splits
between lines where it cannot (or where moving it on would leave half a page
empty); its rules are marked as artifacts.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, TableStyle

from leaflet.core.model import HEAVY_CALLOUTS, CalloutKind
from leaflet.writers.large_print_pdf.flowables import (
    REGULAR,
    KeepUnlessRoomy,
    PaddedTable,
    TextStyle,
    table_furniture,
)
from leaflet.writers.large_print_pdf.structure import Tagger


def callout_box(
    content: Sequence[Flowable], kind: CalloutKind, style: TextStyle, column: float, tagger: Tagger, room: float
) -> Flowable:
    """``content`` inside a box as wide as the column; on one page unless that leaves ``room`` empty."""
    padding = style.size * 0.6
    weight = style.size * (0.25 if kind in HEAVY_CALLOUTS else 0.1)
    box = _Box([[list(content)]], colWidths=[column], splitInRow=1, hAlign="LEFT", renderCB=table_furniture(tagger))
    box.leading, box.label = style.leading, content[0]
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), weight, style.colour),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), REGULAR, style.size),  # else Helvetica is listed
                ("LEFTPADDING", (0, 0), (-1, -1), padding + weight),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding + weight),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 0.5),
            ]
        )
    )
    box.spaceAfter = style.space_after
    return KeepUnlessRoomy([box], room)


class _Box(PaddedTable):
    """The box's one cell, split between lines; never so that only its label stays or only its bottom padding
    goes over. reportlab makes each part a new ``_Box``: the parts keep the line height, and only the first
    part has the label (a later part may well start a page with a single paragraph that fills it)."""

    leading = 0.0
    label: Flowable | None = None

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
