"""An untagged page's lines of text, and a line's words put into an HTML element (a paragraph, a table's cell).

pdfplumber finds the lines; each keeps its characters (in reading order), its
place, the size most of it is set in and whether it is all bold. ``leading``
is the gap the layout leaves between the lines of one paragraph, which tells
a wrapped line from the next paragraph or a table's next row. ``put_words``
writes a line's words with their links and bold, joining a word the layout
split at the line's end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from leaflet.importers.elements import Element
from leaflet.importers.pdfpage import Page, bold, element, runs_of, text_of

PARAGRAPH_GAP = 0.6  # a gap between lines larger than this share of their size starts a paragraph
LAYOUT_HYPHENS = ("\u2010", "\u00ad")  # the hyphens a layout adds where it splits a word (taken off again)


@dataclass
class Line:
    """One line of text: its characters, place, size and weight."""

    page: int
    chars: list[dict[str, Any]]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    box: int = -1  # the shaded area (box) it stands in, if any

    @classmethod
    def of(cls, page: int, found: dict[str, Any], chars: list[dict[str, Any]]) -> Line:
        """A line pdfplumber found, with the page's own characters in its area (its list of them repeats a
        ligature such as 'fl')."""
        inked = [c for c in chars if not c["text"].isspace()] or chars
        sizes = Counter(round(float(c["size"]), 1) for c in inked)
        heavy = all(bold(c) for c in inked)
        return cls(page, chars, float(found["x0"]), float(found["x1"]), float(found["top"]),
                   float(found["bottom"]), sizes.most_common(1)[0][0], heavy, text_of(chars))  # fmt: skip


def page_lines(page: Page) -> list[Line]:
    lines = []
    for found in page.plumber.extract_text_lines(strip=True):
        top, bottom, x0, x1 = found["top"] - 1, found["bottom"] + 1, found["x0"] - 1, found["x1"] + 1
        chars = [c for c in page.chars if top <= c["top"] and c["bottom"] <= bottom and x0 <= c["x0"] and c["x1"] <= x1]
        chars.sort(key=lambda c: float(c["x0"]))  # in reading order (a list's marker may be drawn after its words)
        if chars:
            lines.append(Line.of(page.number, found, chars))
    return lines


def leading(lines: list[Line]) -> float | None:
    """The gap the layout most often leaves between two lines of one paragraph (None: no paragraph wraps)."""
    gaps: Counter[float] = Counter()
    ordered = sorted(lines, key=lambda line: (line.page, line.top))
    for above, below in pairwise(ordered):
        gap = below.top - above.bottom
        same = above.page == below.page and above.size == below.size and above.x0 < below.x1 and below.x0 < above.x1
        if same and 0 <= gap <= PARAGRAPH_GAP * below.size:
            gaps[round(gap * 2) / 2] += 1
    return min(gaps.most_common(), key=lambda counted: (-counted[1], counted[0]))[0] if gaps else None


def put_words(page: Page, into: Element, chars: list[dict[str, Any]], first: bool, weighted: bool = True) -> None:
    """A line's characters into ``into`` as words: its links as links, bold as bold (where ``weighted``: a
    heading's bold is its own); a space before them, unless a word was split at the line's end."""
    ending = _last_text(into)
    start = next((c["text"] for c in chars if not c["text"].isspace()), "")
    joined = ending.endswith((*LAYOUT_HYPHENS, "://")) or split_at_hyphen(ending, start)
    if ending.endswith(LAYOUT_HYPHENS):
        _trim_last(into)
    runs = runs_of(page, chars, weighted=weighted)
    for index, (address, heavy, run) in enumerate(runs):
        if index == 0:
            space = "" if first or joined else " "
        else:
            space = " " if runs[index - 1][2][-1]["text"].isspace() else ""
        _put_run(into, (address, heavy), text_of(run), space, new_line=index == 0)


def split_at_hyphen(ending: str, start: str) -> bool:
    """Did the layout break a hyphenated word or an address at its own hyphen ('anytown-' then 'hospitals')?
    The hyphen stays and no space comes between."""
    return ending.endswith("-") and ending[-2:-1].isalnum() and start[:1].isalnum()


def _put_run(into: Element, kind: tuple[str | None, bool], text: str, space: str, new_line: bool) -> None:
    address, heavy = kind
    last = into[-1] if len(into) else None
    if address is None and heavy:
        _append_text(into, space)
        strong = element("strong")
        strong.text = text
        into.append(strong)
    elif address is None:
        _append_text(into, space + text)
    elif last is not None and last.tag == "a" and last.get("href") == address and not last.tail:
        last.text = (last.text or "") + ("" if new_line and " " not in text else space) + text  # an address goes on
    else:
        _append_text(into, space)
        link = element("a", href=address)
        link.text = text
        into.append(link)


def _last_text(into: Element) -> str:
    last = into[-1] if len(into) else None
    return (last.tail or last.text or "") if last is not None else (into.text or "")


def _trim_last(into: Element) -> None:
    last = into[-1] if len(into) else None
    if last is not None and last.tail:
        last.tail = last.tail.rstrip("".join(LAYOUT_HYPHENS))
    elif last is not None:
        last.text = (last.text or "").rstrip("".join(LAYOUT_HYPHENS))
    else:
        into.text = (into.text or "").rstrip("".join(LAYOUT_HYPHENS))


def _append_text(into: Element, text: str) -> None:
    if not text:
        return
    if len(into):
        into[-1].tail = (into[-1].tail or "") + text
    else:
        into.text = (into.text or "") + text
