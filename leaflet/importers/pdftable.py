"""A table in an untagged PDF, drawn with horizontal rules, read by its columns and the gaps between its rows.

Two or more rules across the same columns, with text between, are a table;
the points where a rule's pieces meet are its columns' edges. Each line of
text between the rules is cut at the edges into pieces, one per column. A
cell's wrapped lines stand as close together as a paragraph's lines (the
layout's leading); a row ends where every column leaves a wider gap, so a row
whose cells wrap onto different numbers of lines, or are set at the top, the
middle or the bottom of their row, is one row. The rows above the first rule
below the top one are the header (one row); a table ruled only above and
below takes its first row as the header. A table whose rows stand no further
apart than its wrapped lines (no padding) starts a row at each line that
has words in its first column.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from leaflet.importers.elements import Element
from leaflet.importers.pdflines import Line, put_words
from leaflet.importers.pdfpage import Page, element

_TOLERANCE = 0.15  # a gap this share of the text's size wider than the leading is no longer the same cell


@dataclass
class Piece:
    """The words of one printed line that stand in one column."""

    column: int
    top: float
    bottom: float
    size: float
    chars: list[dict[str, Any]]

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class RuledTable:
    """A table drawn with horizontal rules: its rules' heights and its columns' edges."""

    rules: list[float]
    edges: list[float]  # the columns' left edges, then the right edge of the last

    @property
    def top(self) -> float:
        return self.rules[0]

    def holds(self, line: Line) -> bool:
        middle = (line.top + line.bottom) / 2
        return self.rules[0] <= middle <= self.rules[-1] and self.edges[0] - 2 <= line.x0 <= self.edges[-1]

    def pieces(self, lines: list[Line]) -> list[Piece]:
        """Each of ``lines`` cut at the columns' edges (a character goes where its middle is)."""
        found = []
        for line in lines:
            for column, (left, right) in enumerate(pairwise(self.edges)):
                chars = [c for c in line.chars if left - 1 <= (c["x0"] + c["x1"]) / 2 < right]
                if any(not c["text"].isspace() for c in chars):
                    found.append(Piece(column, line.top, line.bottom, line.size, chars))
        return found

    def rows(self, lines: list[Line], leading: float | None) -> list[list[Piece]]:
        """The table's rows, the header first: each a list of pieces in reading order."""
        pieces = self.pieces(lines)
        if not pieces:
            return []
        limit = _cell_gap(pieces, leading)
        inner = self.rules[1:-1]  # the rules between the top and the bottom one
        bands = [[p for p in pieces if sum(p.middle >= rule for rule in inner) == n] for n in range(len(inner) + 1)]
        bands = [band for band in bands if band]
        head = bands.pop(0) if len(bands) >= 2 else None  # the header: the rows above the second rule, as one
        rows = [row for band in bands for row in by_gaps(band, limit)]
        if len(rows) == 1 and len(bands) == 1:
            rows = by_first_column(rows[0])  # rows no further apart than wrapped lines
        return [head, *rows] if head is not None else rows

    def html(self, page: Page, lines: list[Line], leading: float | None) -> Element:
        """The table as HTML: its header row of ``th``, then rows of ``td``, a cell's lines one after another."""
        table = element("table")
        for index, pieces in enumerate(self.rows(lines, leading)):
            row = element("tr")
            for column in range(len(self.edges) - 1):
                cell = element("th" if index == 0 else "td")
                mine = sorted((p for p in pieces if p.column == column), key=lambda p: p.top)
                for number, piece in enumerate(mine):
                    put_words(page, cell, piece.chars, first=number == 0, weighted=index > 0)
                row.append(cell)
            table.append(row)
        return table


def _cell_gap(pieces: list[Piece], leading: float | None) -> float:
    """The widest gap between two lines of one cell: the layout's leading (or, where no paragraph wraps, the
    table's own narrowest gap between lines of one column), and a little more."""
    gaps = [
        below.top - above.bottom
        for column in {p.column for p in pieces}
        for above, below in pairwise(sorted((p for p in pieces if p.column == column), key=lambda p: p.top))
        if below.top > above.bottom
    ]
    known = [gap for gap in (leading, min(gaps, default=None)) if gap is not None]
    size = max(p.size for p in pieces)
    return min(known, default=0.0) + _TOLERANCE * size


def by_gaps(pieces: list[Piece], limit: float) -> list[list[Piece]]:
    """``pieces`` in rows: a column's pieces no further apart than ``limit`` are one cell, and a row is as tall
    as its tallest cell (cells of one row overlap, however each is aligned in it)."""
    cells: list[tuple[float, float]] = []
    for column in sorted({p.column for p in pieces}):
        mine = sorted((p for p in pieces if p.column == column), key=lambda p: p.top)
        start, end = mine[0].top, mine[0].bottom
        for piece in mine[1:]:
            if piece.top - end > limit:
                cells.append((start, end))
                start = piece.top
            end = max(end, piece.bottom)
        cells.append((start, end))
    spans: list[tuple[float, float]] = []
    for top, bottom in sorted(cells):
        if spans and top < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], bottom))
        else:
            spans.append((top, bottom))
    return [[p for p in pieces if top <= p.middle <= bottom] for top, bottom in spans]


def by_first_column(pieces: list[Piece]) -> list[list[Piece]]:
    """``pieces`` in rows, a row starting at each line with words in the first column."""
    starts = sorted({p.top for p in pieces if p.column == 0})
    if len(starts) < 2:
        return [pieces]
    rows: list[list[Piece]] = [[] for _ in starts]
    for piece in pieces:
        index = max((i for i, top in enumerate(starts) if top <= piece.top + 1), default=0)
        rows[index].append(piece)
    return rows


def ruled_tables(page: Page) -> list[RuledTable]:
    """Tables ruled with horizontal lines: two or more rules across the same columns, with text between."""
    rules = [line for line in page.plumber.lines if abs(line["top"] - line["bottom"]) < 1 and line["width"] > 20]
    by_height: dict[float, list[tuple[float, float]]] = {}
    for rule in rules:
        by_height.setdefault(round(float(rule["top"]), 0), []).append((float(rule["x0"]), float(rule["x1"])))
    spans: dict[tuple[float, ...], list[float]] = {}
    for height, found in sorted(by_height.items()):
        edges = sorted({round(x, 0) for piece in found for x in piece})
        spans.setdefault(tuple(edges), []).append(height)
    return [RuledTable(sorted(heights), list(edges)) for edges, heights in spans.items()
            if len(heights) >= 2 and len(edges) >= 3]  # fmt: skip
