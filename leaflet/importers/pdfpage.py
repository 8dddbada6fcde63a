"""What both PDF readers (``pdftags`` for tagged PDFs, ``pdflayout`` for the rest) read a page through: its
characters in runs of one kind, their words, its links and pictures; and the HTML elements they build."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

from leaflet.importers.elements import Element

_HYPHENATED = re.compile("[\u2010\u00ad]\n")  # a word the layout hyphenated at a line's end (not a typed '-')
_AT_HYPHEN = re.compile(r"(?<=\w)-\n(?=\w)")  # a hyphenated word or an address broken at its own hyphen
_PICTURE_DPI = 192  # twice a screen's 96: sharp enough to print, small enough to carry


@dataclass
class Page:
    """One page as pdfplumber reads it: its characters (with their marked-content ids), links and pictures."""

    plumber: Any
    number: int  # from 0
    width: float
    height: float
    chars: list[dict[str, Any]]
    links: list[dict[str, Any]]

    @classmethod
    def of(cls, page: Any) -> Page:
        return cls(page, page.page_number - 1, float(page.width), float(page.height), list(page.chars),
                   [link for link in page.hyperlinks if link.get("uri")])  # fmt: skip

    def picture(self, bbox: tuple[float, float, float, float]) -> bytes | None:
        """The part of the page inside ``bbox`` (x0, top, x1, bottom) drawn as PNG; None when it is no area."""
        x0, top, x1, bottom = max(bbox[0], 0), max(bbox[1], 0), min(bbox[2], self.width), min(bbox[3], self.height)
        if x1 - x0 < 2 or bottom - top < 2:
            return None
        image = self.plumber.crop((x0, top, x1, bottom)).to_image(resolution=_PICTURE_DPI).original
        out = io.BytesIO()
        image.convert("RGB").save(out, "PNG", optimize=True)
        return out.getvalue()

    def link_at(self, char: dict[str, Any]) -> str | None:
        """The address of the link whose area holds ``char``, if any."""
        middle_x, middle_y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        for link in self.links:
            if link["x0"] - 1 <= middle_x <= link["x1"] + 1 and link["top"] - 1 <= middle_y <= link["bottom"] + 1:
                return str(link["uri"])
        return None


Run = tuple[str | None, bool, list[dict[str, Any]]]  # a link's address (or None), bold or not, the characters
_BOLD = ("bold", "black", "heavy", "semibold", "demi")


def bold(char: dict[str, Any]) -> bool:
    return any(mark in str(char.get("fontname", "")).lower() for mark in _BOLD)


def runs_of(page: Page, chars: list[dict[str, Any]], in_link: bool = False, weighted: bool = True) -> list[Run]:
    """``chars`` in runs of one kind: in a link's area (with its address; not inside a tagged link already) or
    not, bold or not (where ``weighted``: a heading's bold is its own); a space goes with the run before it."""
    runs: list[Run] = []
    for char in chars:
        address = None if in_link else page.link_at(char)
        heavy = weighted and address is None and bold(char)
        if runs and (runs[-1][:2] == (address, heavy) or char["text"].isspace()):
            runs[-1][2].append(char)
        else:
            runs.append((address, heavy, [char]))
    return runs


def text_of(chars: Iterable[dict[str, Any]]) -> str:
    """Characters as words: spaces where the gaps are, a line's end read as a space (none after a hyphen that
    breaks a word: the layout's own is taken off, a typed one kept, as in 'anytown-hospitals.nhs.uk')."""
    from pdfplumber.utils import extract_text

    listed = list(chars)
    text = extract_text(listed, x_tolerance=1.5) if listed else ""
    return " ".join(_AT_HYPHEN.sub("-", _HYPHENATED.sub("", text)).split())


def element(tag: str, **attributes: str) -> Element:
    """A new HTML element for the tree the walker reads."""
    made = lxml_html.Element(tag)
    for name, value in attributes.items():
        made.set(name, value)
    return made
