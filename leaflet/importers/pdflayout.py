"""An untagged PDF read from its layout: the sizes, weights and places of its words.

pdfplumber gives the lines of each page with their characters (``pdflines``).
Lines at a page's top or bottom edge that repeat on other pages (a running
header or footer), and page numbers, are left out. The size most of the text
is set in is the body's; a larger size, or a bold line standing alone, is a
heading (ranked by size); a line that starts with a bullet or a number is a
list item, nested by how far in its bullet is (the walker makes the lists); a
shaded area's lines are a box, one box where a page break cut it; a table
drawn with rules is read by its columns and the gaps between its rows
(``pdftable``); a photograph or a drawing is a picture, for which the import
asks alt text. Lines close together are one paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from leaflet.importers.document import Document, take_marker
from leaflet.importers.elements import Element
from leaflet.importers.lists import typed_marker
from leaflet.importers.pdflines import PARAGRAPH_GAP, Line, leading, page_lines, put_words
from leaflet.importers.pdfpage import Page, element
from leaflet.importers.pdftable import RuledTable, ruled_tables
from leaflet.importers.pictures import Pictures

_EDGE = 0.08  # the top and bottom share of a page where running headers and footers stand
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$", re.IGNORECASE)
_HEADING_SIZE = 1.12  # this much larger than the body is a heading
Area = tuple[float, float, float, float]  # x0, top, x1, bottom


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
    boxes: dict[int, list[Area]] = field(default_factory=dict)  # each page's shaded areas


def layout(pages: list[Page], pictures: Pictures, read: Document) -> Element:
    """The pages as semantic HTML, in reading order."""
    found = _Layout(pages, pictures, read)
    lines = {page.number: [line for line in page_lines(page) if line.text] for page in pages}
    spacing = leading([line for page in lines.values() for line in page])
    for page in pages:
        boxes = found.boxes[page.number] = _boxes(page)
        tables = ruled_tables(page)
        for table in tables:
            held = [line for line in lines[page.number] if table.holds(line)]
            found.placed.append(_Placed(page.number, table.top, table.html(page, held, spacing)))
        for top, picture in _pictures(page, pictures, tables):
            found.placed.append(_Placed(page.number, top, picture))
        for line in lines[page.number]:
            if not any(t.holds(line) for t in tables):
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


def _boxes(page: Page) -> list[Area]:
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


def _merged(areas: list[Area]) -> list[Area]:
    """Overlapping areas (a box drawn as a border and a fill) as one."""
    merged: list[Area] = []
    for area in sorted(areas, key=lambda a: (a[1], a[0])):
        for index, other in enumerate(merged):
            if area[0] < other[2] and other[0] < area[2] and area[1] < other[3] and other[1] < area[3]:
                merged[index] = (min(area[0], other[0]), min(area[1], other[1]), max(area[2], other[2]),
                                 max(area[3], other[3]))  # fmt: skip
                break
        else:
            merged.append(area)
    return merged


def _inside(line: Line, area: Area) -> bool:
    middle = (line.top + line.bottom) / 2
    return area[0] - 1 <= line.x0 and line.x1 <= area[2] + 1 and area[1] <= middle <= area[3]


def _pictures(page: Page, pictures: Pictures, tables: list[RuledTable]) -> list[tuple[float, Element]]:
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
    last: Line | _Placed | None = None  # what came just before, a line or not
    boxes: dict[tuple[int, int], Element] = {}
    item: tuple[int, float] | None = None  # the list item being read: its level and where its words start
    for _, _, _, piece in order:
        if isinstance(piece, _Placed):
            body.append(piece.made)
            current, previous, last = None, None, piece
            continue
        into = _container(
            body, boxes, piece, last if isinstance(last, Line) and _box_goes_on(found, last, piece) else None
        )
        last = piece
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
            put_words(found.pages[piece.page], current, piece.chars, first=True, weighted=tag == "p")
        else:
            put_words(found.pages[piece.page], current, piece.chars, first=False, weighted=tag == "p")
        previous = piece
    return body


def _container(body: Element, boxes: dict[tuple[int, int], Element], line: Line, before: Line | None) -> Element:
    """The box ``line`` stands in (the one ``before`` stands in, when the page break cut it), else ``body``."""
    if line.box < 0:
        return body
    key = (line.page, line.box)
    if key not in boxes and before is not None:
        boxes[key] = boxes[(before.page, before.box)]
    elif key not in boxes:
        boxes[key] = element("blockquote")
        body.append(boxes[key])
    return boxes[key]


def _box_goes_on(found: _Layout, before: Line, line: Line) -> bool:
    """Does ``line``, first on its page, go on with the box the page before ended in? The same width, and
    no label of a box of its own ('[!TIP]', 'Urgent:') at its start."""
    if before.box < 0 or line.box < 0 or line.page != before.page + 1:
        return False
    ended, opens = found.boxes[before.page][before.box], found.boxes[line.page][line.box]
    return abs(ended[0] - opens[0]) <= 2 and abs(ended[2] - opens[2]) <= 2 and take_marker(line.text)[0] is None


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
    return line.top - previous.bottom <= PARAGRAPH_GAP * line.size


def _words_start(line: Line, marker: int) -> float:
    """Where a list item's words start, after its bullet or number."""
    inked = [c for c in line.chars if not c["text"].isspace()]
    marks = len("".join(line.text[:marker].split()))
    return float(inked[marks]["x0"]) if len(inked) > marks else line.x0


def _level(line: Line, bullets: list[int]) -> int:
    return min(bullets.index(round(line.x0)) + 1, 6) if round(line.x0) in bullets else 1
