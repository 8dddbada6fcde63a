"""An HTML table as the model's ``Table``: one header row, then rows of the same width, words only in cells.

A one-cell table is a box around words (Word's way of drawing one); a table
in a table, or of one row, is kept as paragraphs; anything but words in a cell
is kept as words and reported, each place once.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.core.model import BulletList, Callout, Image, Inline, Inlines, LineBreak, NumberedList, Table, Text
from leaflet.importers.blocks import words_of
from leaflet.importers.document import Flow, Heading, Walking
from leaflet.importers.elements import Element, owner_table
from leaflet.importers.inlines import tidy


def table(walker: Walking, element: Element) -> Flow:
    rows = [r for r in element.iter("tr") if owner_table(r) is element]
    grid = [cells for row in rows if (cells := [c for c in row if c.tag in ("td", "th")])]
    if not grid:
        return []
    if _laid_out(grid):  # a page laid out with a table (as sites were): its cells are the page's parts, in order
        return [b for row in grid for cell in row for b in walker.blocks(cell)]
    if len(grid) == 1 and len(grid[0]) == 1:
        from leaflet.importers.boxes import box  # a one-cell table is a box around words

        made = box(walker, grid[0][0])
        return [made] if made is not None else []
    not_a_grid = _not_a_grid(element, grid)
    if not_a_grid:
        walker.lose(not_a_grid)
        return [b for row in grid for cell in row for b in walker.blocks(cell)]
    for loss in _shape_losses(rows, grid):
        walker.lose(loss)
    width = max(len(r) for r in grid)
    cells = [tuple(cell(walker, c) for c in row) + ((),) * (width - len(row)) for row in grid]
    return [Table(cells[0], tuple(cells[1:]))]


_PAGE_PARTS = ".//h1 | .//h2 | .//h3 | .//h4 | .//table | .//form"


def _laid_out(grid: list[list[Element]]) -> bool:
    """A table used to lay a page out: a cell holds headings, a form, another table, or many paragraphs."""
    cells = [cell for row in grid for cell in row]
    if any(cell.xpath(_PAGE_PARTS) for cell in cells):
        return True
    return len(cells) > 1 and any(len(cell.xpath("./p | ./ul | ./ol | ./div")) >= 3 for cell in cells)


def _shape_losses(rows: list[Element], grid: list[list[Element]]) -> list[str]:
    losses = []
    if not any(_in_head(r) for r in rows) and not all(c.tag == "th" for c in grid[0]):
        losses.append("the table has no header row marked; its first row is used as the header")
    if len({len(r) for r in grid}) > 1:
        losses.append("a table with merged cells (empty cells were added to keep its columns)")
    return losses


def _in_head(row: Element) -> bool:
    parent = row.getparent()
    return parent is not None and parent.tag == "thead"


def _not_a_grid(element: Element, grid: list[list[Element]]) -> str:
    """Why the table is kept as paragraphs ('' when it is a table)."""
    if element.xpath(".//table"):
        return "a table inside a table (its words are kept as paragraphs)"
    if len(grid) == 1:
        return "a table with only one row (its cells are kept as paragraphs)"
    return ""


def cell(walker: Walking, element: Element) -> Inlines:
    """A cell's words: its paragraphs one after another, a list's items separated by '; '."""
    runs: list[Inline] = []
    for block in walker.blocks(element):
        separator = "; " if isinstance(block, BulletList | NumberedList) else " "
        if isinstance(block, Image):
            walker.lose(f"a picture inside a table ('{block.alt or block.path.name}') is left out")
            continue
        if isinstance(block, BulletList | NumberedList | Callout | Heading):
            what = "a heading" if isinstance(block, Heading) else "a list or box"
            walker.lose(f"{what} inside a table cell (its words are kept, separated by ';')")
        for paragraph in words_of(block):
            runs.extend([Text(separator)] if runs else [])
            runs.extend(_without_breaks(paragraph))
    return tidy(runs)


def _without_breaks(inlines: Inlines) -> Iterator[Inline]:
    for inline in inlines:
        yield Text(" ") if isinstance(inline, LineBreak) else inline
