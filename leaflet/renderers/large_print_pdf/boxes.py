"""A callout as a bordered box: its label first, in bold, then its paragraphs and lists.

The kind is said in words ("Emergency: ...") so it never rests on colour or
line weight alone; the care cards and warnings get a heavier border too. The
box is one table cell, so it stays on one page where it fits and splits
between lines where it cannot (or where moving it on would leave half a page
empty); its rules are marked as artifacts.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Table, TableStyle

from leaflet.model import CalloutKind
from leaflet.renderers.large_print_pdf.flowables import REGULAR, KeepUnlessRoomy, TextStyle, table_furniture
from leaflet.renderers.large_print_pdf.structure import Tagger

HEAVY: frozenset[CalloutKind] = frozenset({"emergency", "urgent", "warning", "caution", "important"})


def callout_box(
    content: Sequence[Flowable], kind: CalloutKind, style: TextStyle, column: float, tagger: Tagger, room: float
) -> Flowable:
    """``content`` inside a box as wide as the column; on one page unless that leaves ``room`` empty."""
    padding = style.size * 0.6
    weight = style.size * (0.25 if kind in HEAVY else 0.1)
    box = Table([[list(content)]], colWidths=[column], splitInRow=1, hAlign="LEFT", renderCB=table_furniture(tagger))
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
