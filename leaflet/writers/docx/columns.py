"""How a Word table's columns share the text width, and whether its words fit side by side at all.

Word lays a table out itself; all the writer sets is each column's width.
The words' widths are estimated, not measured: an average character of 0.6
em, generous for a sans-serif font, so a column is never too narrow for its
longest word.
"""

from __future__ import annotations

import re

from docx.shared import Emu, Pt

AVERAGE_CHARACTER_EMS = 0.6
CELL_PADDING = Pt(11)  # Word's default cell margins, both sides together


def _least(column: tuple[str, ...], size: int, *, addresses: bool = True) -> float:
    """The width that keeps the column's longest word whole (``addresses``: web and email addresses too)."""
    longest = max(
        (len(word) for text in column for word in text.split() if addresses or not _ADDRESS.search(word)), default=0
    )
    return longest * AVERAGE_CHARACTER_EMS * Pt(size) + CELL_PADDING


_ADDRESS = re.compile(r"[/@]|^www\.")


def side_by_side(rows: list[list[str]], total: int, size: int) -> bool:
    """Whether every column can be as wide as its longest word within ``total`` EMU (else words would
    break inside, "Repetiti|ons", as they did at 24pt and above: the rows are better stacked). A web or email
    address is left out: one long enough breaks at any size, and stacking would not keep it whole."""
    return sum(_least(column, size, addresses=False) for column in zip(*rows, strict=True)) <= total


def column_widths(rows: list[list[str]], total: int, size: int) -> list[Emu]:
    """Widths (EMU) that keep each column's longest word whole, then share the rest by how much text each holds.

    Equal widths squeeze a column of sentences beside a column of single
    words; at large print sizes they can break a word.
    """
    columns = list(zip(*rows, strict=True))
    fair = total / len(columns)  # a word longer than this (a web address) breaks anyway
    least = [min(_least(column, size), fair) for column in columns]
    wish = [min(max(len(text) for text in column), 60) * 0.5 * Pt(size) + CELL_PADDING for column in columns]
    extra = [max(want - need, 0) for want, need in zip(wish, least, strict=True)]
    if not sum(extra):
        extra = [1] * len(columns)
    spare = total - sum(least)
    return [Emu(round(need + spare * more / sum(extra))) for need, more in zip(least, extra, strict=True)]


def lines(text: str, width: int, size: int) -> int:
    """About how many lines ``text`` takes in ``width`` EMU at ``size`` points (an average character of half
    an em, as Word's sans-serif text runs)."""
    per_line = max(1, int(width / (0.5 * Pt(size))))
    return max(1, -(-len(text) // per_line))
