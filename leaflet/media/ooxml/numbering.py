"""Real Word list numbering: one abstract definition per kind, one ``w:num`` per list.

All paragraphs that share a ``w:num`` share one count, so every list gets its
own ``w:num`` with a start override: each numbered list starts at its own
number, and a nested list restarts under each item.
"""

from __future__ import annotations

from typing import Literal

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from leaflet.media.ooxml.xml import el, twips

Kind = Literal["bullet", "number"]
BULLETS = ("\u2022", "\u25e6", "\u25aa")  # a filled bullet, a hollow one, then a small square
NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")  # 1. then a. then i.
LEVELS = (0, 1, 2)  # lists nest three deep
BULLET_FONT = "Arial"  # has both bullet shapes; a font without them would show boxes


class Numbering:
    """The document's numbering part, with this leaflet's two abstract definitions added."""

    def __init__(self, document: Document, size: int) -> None:
        self._root = document.part.numbering_part.element
        self._hanging = twips(size * 1.8)  # room for "10." at any print size
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in self._root.findall(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"))) for n in self._root.findall(qn("w:num"))]
        self._next_num = max(num_ids, default=0) + 1
        first = max(abstract_ids, default=-1) + 1
        self._abstract: dict[Kind, int] = {"bullet": first, "number": first + 1}
        for kind, abstract_id in self._abstract.items():
            self._add_abstract(kind, abstract_id)

    def indent(self, level: int) -> int:
        """The text indent of a list item at ``level``, in EMU (for the item's further paragraphs)."""
        return int(self._hanging * (level + 1) * 635)  # 635 EMU to the twip

    def new_list(self, kind: Kind, level: int, start: int = 1) -> int:
        """A fresh ``w:num`` for one list at ``level`` (0, 1 or 2), counting from ``start``; returns its id."""
        num_id = self._next_num
        self._next_num += 1
        override = el("w:lvlOverride", el("w:startOverride", val=start), ilvl=level)
        self._root.append(el("w:num", el("w:abstractNumId", val=self._abstract[kind]), override, numId=num_id))
        return num_id

    def _add_abstract(self, kind: Kind, abstract_id: int) -> None:
        levels = [self._level(kind, level) for level in LEVELS]
        nsid = f"{0x1EAF1E70 + abstract_id:08X}"  # fixed, so the file is the same every build
        abstract = el(
            "w:abstractNum",
            el("w:nsid", val=nsid),
            el("w:multiLevelType", val="hybridMultilevel"),
            *levels,
            abstractNumId=abstract_id,
        )
        # Abstract definitions must all come before the first w:num.
        first_num = self._root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._root.append(abstract)

    def _level(self, kind: Kind, level: int) -> BaseOxmlElement:
        left = self._hanging * (level + 1)
        if kind == "bullet":
            format_parts = [el("w:numFmt", val="bullet"), el("w:lvlText", val=BULLETS[level])]
            run = el("w:rPr", el("w:rFonts", ascii=BULLET_FONT, hAnsi=BULLET_FONT, hint="default"))
        else:
            format_parts = [el("w:numFmt", val=NUMBER_FORMATS[level]), el("w:lvlText", val=f"%{level + 1}.")]
            run = el("w:rPr", el("w:b", val=0))
        return el(
            "w:lvl",
            el("w:start", val=1),
            *format_parts,
            el("w:lvlJc", val="left"),
            el("w:pPr", el("w:tabs", el("w:tab", val="num", pos=left)), el("w:ind", left=left, hanging=self._hanging)),
            run,
            ilvl=level,
        )


def number_paragraph(paragraph_element: BaseOxmlElement, num_id: int, level: int) -> None:
    """Make a paragraph an item of list ``num_id`` at ``level`` (python-docx keeps schema order)."""
    numbering = paragraph_element.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id
