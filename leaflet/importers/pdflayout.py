"""An untagged PDF read from its layout: the sizes, weights and places of its words.

pdfplumber gives the lines of each page with their characters. Lines at a
page's top or bottom edge that repeat on other pages (a running header or
footer), and page numbers, are left out. The size most of the text is set in
is the body's; a larger size, or a bold line standing alone, is a heading
(ranked by size); a line that starts with a bullet or a number is a list item,
nested by how far in its bullet is (the walker makes the lists); a shaded
area's lines are a box; the rows between a table's rules are a table, its
columns where the rules meet; a photograph or a drawing is a picture, for
which the import asks alt text. Lines close together are one paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from leaflet.importers.document import Document
from leaflet.importers.elements import Element
from leaflet.importers.lists import typed_marker
from leaflet.importers.pdfpage import Page, bold, element, runs_of, text_of
from leaflet.importers.pictures import Pictures

_EDGE = 0.08  # the top and bottom share of a page where running headers and footers stand
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$", re.IGNORECASE)
_HEADING_SIZE = 1.12  # this much larger than the body is a heading
_PARAGRAPH_GAP = 0.6  # a gap between lines larger than this share of their size starts a paragraph
_HYPHENS = ("\u2010", "\u00ad")


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


@dataclass
class _Placed:
    """Something other than lines, placed on a page: a table or a picture, at ``top``."""

    page: int
    top: float
    made: Element


@dataclass
class _Layout:
    pages: list[Page]
    pictures: Pictures
    read: Document
    lines: list[Line] = field(default_factory=list)
    placed: list[_Placed] = field(default_factory=list)


def layout(pages: list[Page], pictures: Pictures, read: Document) -> Element:
    """The pages as semantic HTML, in reading order."""
    found = _Layout(pages, pictures, read)
    for page in pages:
        boxes = _boxes(page)
        tables = _tables(page)
        for table in tables:
            found.placed.append(_Placed(page.number, table.top, table.html(page)))
        for top, picture in _pictures(page, pictures, tables):
            found.placed.append(_Placed(page.number, top, picture))
        for line in page_lines(page):
            if line.text and not any(t.holds(line) for t in tables):
                line.box = next((i for i, b in enumerate(boxes) if _inside(line, b)), -1)
                found.lines.append(line)
    found.lines = _without_running_lines(found.lines, pages, read)
    return _html(found)


# Running headers, footers and page numbers ---------------------------------------------------------------------


def _without_running_lines(lines: list[Line], pages: list[Page], read: Document) -> list[Line]:
    def at_edge(line: Line) -> bool:
        height = pages[line.page].height
        return line.top < height * _EDGE or line.bottom > height * (1 - _EDGE)

    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    repeated = Counter(shape(line) for line in lines if at_edge(line))
    running = {s for s, count in repeated.items() if count >= 2 and count * 2 >= len(pages)}
    kept, left = [], []
    for line in lines:
        if at_edge(line) and (shape(line) in running or _PAGE_NUMBER.match(line.text)):
            left.append(line.text)
        else:
            kept.append(line)
    if left:
        quoted = "', '".join(dict.fromkeys(left[:3]))
        read.said.append(
            f"running headers, footers and page numbers ('{quoted}') are left out: every format makes its own"
        )
    return kept


# Boxes, tables and pictures -------------------------------------------------------------------------------------


def _boxes(page: Page) -> list[tuple[float, float, float, float]]:
    """Shaded areas (not white, not the whole page) that text stands in."""
    found = []
    for rect in page.plumber.rects:
        colour = rect.get("non_stroking_color")
        shades = colour if isinstance(colour, list | tuple) else [colour] if colour is not None else []
        pale = all(isinstance(v, int | float) and v > 0.97 for v in shades) if len(shades) in (1, 3) else False
        whole = rect["width"] > page.width * 0.75 and rect["height"] > page.height * 0.75
        if rect.get("fill") and shades and not pale and not whole and rect["height"] > 8 and rect["width"] > 40:
            found.append((float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"])))
    return _merged(found)


def _merged(areas: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Overlapping areas (a box drawn as a border and a fill) as one."""
    merged: list[tuple[float, float, float, float]] = []
    for area in sorted(areas, key=lambda a: (a[1], a[0])):
        for index, other in enumerate(merged):
            if area[0] < other[2] and other[0] < area[2] and area[1] < other[3] and other[1] < area[3]:
                merged[index] = (min(area[0], other[0]), min(area[1], other[1]), max(area[2], other[2]),
                                 max(area[3], other[3]))  # fmt: skip
                break
        else:
            merged.append(area)
    return merged


def _inside(line: Line, area: tuple[float, float, float, float]) -> bool:
    middle = (line.top + line.bottom) / 2
    return area[0] - 1 <= line.x0 and line.x1 <= area[2] + 1 and area[1] <= middle <= area[3]


@dataclass
class _Table:
    """A table drawn with horizontal rules: its rules' heights and its columns' edges."""

    rules: list[float]
    edges: list[float]  # the columns' left edges, then the right edge of the last

    @property
    def top(self) -> float:
        return self.rules[0]

    def holds(self, line: Line) -> bool:
        middle = (line.top + line.bottom) / 2
        return self.rules[0] <= middle <= self.rules[-1] and self.edges[0] - 2 <= line.x0 <= self.edges[-1]

    def html(self, page: Page) -> Element:
        """Each text line between the rules a row (the first band's rows the header), cut at the edges."""
        table = element("table")
        rows = [line for line in page_lines(page) if self.holds(line)]
        for line in rows:
            row = element("tr")
            header = line.top < self.rules[1]
            for left, right in zip(self.edges, self.edges[1:], strict=False):
                cell = element("th" if header else "td")
                cell.text = text_of(c for c in line.chars if left - 1 <= (c["x0"] + c["x1"]) / 2 < right)
                row.append(cell)
            table.append(row)
        return table


def _tables(page: Page) -> list[_Table]:
    """Tables ruled with horizontal lines: two or more rules across the same columns, with text between."""
    rules = [line for line in page.plumber.lines if abs(line["top"] - line["bottom"]) < 1 and line["width"] > 20]
    by_height: dict[float, list[tuple[float, float]]] = {}
    for rule in rules:
        by_height.setdefault(round(float(rule["top"]), 0), []).append((float(rule["x0"]), float(rule["x1"])))
    spans: dict[tuple[float, ...], list[float]] = {}
    for height, pieces in sorted(by_height.items()):
        edges = sorted({round(x, 0) for piece in pieces for x in piece})
        spans.setdefault(tuple(edges), []).append(height)
    return [_Table(sorted(heights), list(edges)) for edges, heights in spans.items()
            if len(heights) >= 2 and len(edges) >= 3]  # fmt: skip


def _pictures(page: Page, pictures: Pictures, tables: list[_Table]) -> list[tuple[float, Element]]:
    """Photographs, and drawings made of curves, as pictures with no alt text (the import asks for it)."""
    areas = [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in page.plumber.images]
    curves = [(float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])) for c in page.plumber.curves]
    areas += _merged([(x0 - 36, top - 4, x1 + 36, bottom + 4) for x0, top, x1, bottom in curves])
    found = []
    for area in _merged(areas):
        data = page.picture(area)
        if data is not None and not any(t.rules[0] <= area[1] <= t.rules[-1] for t in tables):
            found.append((area[1], element("img", src=pictures.keep(data))))
    return found


# Lines into HTML ------------------------------------------------------------------------------------------------


def _html(found: _Layout) -> Element:
    body = element("div")
    if not found.lines:
        return body
    body_size = Counter(round(line.size) for line in found.lines for _ in line.text).most_common(1)[0][0]
    sizes = sorted({round(line.size) for line in found.lines if line.size >= body_size * _HEADING_SIZE}, reverse=True)
    bullets = sorted({round(line.x0) for line in found.lines if typed_marker(line.text) is not None})
    order = sorted([(line.page, line.top, 0, line) for line in found.lines] + [(p.page, p.top, 1, p) for p in found.placed],
                   key=lambda entry: entry[:3])  # fmt: skip
    current: Element | None = None
    previous: Line | None = None
    boxes: dict[tuple[int, int], Element] = {}
    item: tuple[int, float] | None = None  # the list item being read: its level and where its words start
    for _, _, _, piece in order:
        if isinstance(piece, _Placed):
            body.append(piece.made)
            current, previous = None, None
            continue
        into = _container(body, boxes, piece)
        tag = _tag(piece, sizes, body_size)
        if current is None or previous is None or not _continues(previous, piece, current, tag, into):
            current = element(tag)
            marker = typed_marker(piece.text) if tag == "p" else None
            if marker is not None:
                item = (_level(piece, bullets), _words_start(piece, marker[2]))
                current.set("class", f"typed-{item[0]}")
            elif tag == "p" and item is not None and piece.x0 >= item[1] - 2:
                current.set("class", f"list-more-{min(item[0], 3)}")  # a further paragraph of the item above
            else:
                item = None
            into.append(current)
            _words(found.pages[piece.page], current, piece, first=True)
        else:
            _words(found.pages[piece.page], current, piece, first=False)
        previous = piece
    return body


def _container(body: Element, boxes: dict[tuple[int, int], Element], line: Line) -> Element:
    if line.box < 0:
        return body
    key = (line.page, line.box)
    if key not in boxes:
        boxes[key] = element("blockquote")
        body.append(boxes[key])
    return boxes[key]


def _tag(line: Line, sizes: list[int], body_size: int) -> str:
    if round(line.size) in sizes:
        return f"h{min(sizes.index(round(line.size)) + 1, 6)}"
    if (
        line.bold
        and round(line.size) >= body_size
        and len(line.text.split()) <= 12
        and not line.text.endswith((".", ",", ";"))
    ):
        return f"h{min(len(sizes) + 1, 6)}"
    return "p"


def _continues(previous: Line, line: Line, current: Element, tag: str, into: Element) -> bool:
    """Is ``line`` more of the paragraph (or heading) ``current``, begun by lines ending with ``previous``?"""
    if current.getparent() is not into or current.tag != tag or line.page != previous.page:
        return False
    if tag == "p" and typed_marker(line.text) is not None:
        return False  # a new list item
    if current.get("class", "").startswith(("typed-", "list-more-")) and line.x0 < previous.x0 - 2:
        return False  # back out to the margin: the item has ended
    return line.top - previous.bottom <= _PARAGRAPH_GAP * line.size


def _words_start(line: Line, marker: int) -> float:
    """Where a list item's words start, after its bullet or number."""
    inked = [c for c in line.chars if not c["text"].isspace()]
    marks = len("".join(line.text[:marker].split()))
    return float(inked[marks]["x0"]) if len(inked) > marks else line.x0


def _level(line: Line, bullets: list[int]) -> int:
    return min(bullets.index(round(line.x0)) + 1, 6) if round(line.x0) in bullets else 1


def _words(page: Page, into: Element, line: Line, first: bool) -> None:
    """A line's words into ``into``: its links as links; a space before it, unless a word was split."""
    ending = _last_text(into)
    joined = ending.endswith((*_HYPHENS, "://"))
    if ending.endswith(_HYPHENS):
        _trim_last(into)
    runs = runs_of(page, line.chars, weighted=into.tag == "p")
    for index, (address, heavy, chars) in enumerate(runs):
        if index == 0:
            space = "" if first or joined else " "
        else:
            space = " " if runs[index - 1][2][-1]["text"].isspace() else ""
        _put_run(into, (address, heavy), text_of(chars), space, new_line=index == 0)


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
        last.tail = last.tail.rstrip("".join(_HYPHENS))
    elif last is not None:
        last.text = (last.text or "").rstrip("".join(_HYPHENS))
    else:
        into.text = (into.text or "").rstrip("".join(_HYPHENS))


def _append_text(into: Element, text: str) -> None:
    if not text:
        return
    if len(into):
        into[-1].tail = (into[-1].tail or "") + text
    else:
        into.text = (into.text or "") + text
