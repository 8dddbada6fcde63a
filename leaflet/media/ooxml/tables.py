"""Table details python-docx has no API for: rows that never split, header rows, cell margins, titles."""

from __future__ import annotations

from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table

from leaflet.media.ooxml.xml import el, sort_children

TABLE_ORDER = (
    *("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize"),
    *("w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar"),
    *("w:tblLook", "w:tblCaption", "w:tblDescription"),
)
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def keep_row_together(row: CT_Row, *, header: bool = False) -> None:
    """The row never splits across two pages; a ``header`` row repeats at the top of each page."""
    properties = row.get_or_add_trPr()
    properties.append(el("w:cantSplit"))
    if header:
        properties.append(el("w:tblHeader"))


def table_properties(table: Table, *properties: BaseOxmlElement) -> None:
    """Add ``properties`` (replacing any of the same tag) to the table's, all in schema order."""
    root = table._tbl.tblPr
    for element in properties:
        root.append(element)
    sort_children(root, TABLE_ORDER)


def borders(colour: str) -> BaseOxmlElement:
    """Single lines in ``colour`` round and inside the table."""
    return el("w:tblBorders", *(el(f"w:{side}", val="single", sz=8, space=0, color=colour) for side in BORDER_SIDES))


def cell_margins(top: int, side: int) -> BaseOxmlElement:
    """Space inside every cell in twips (the template's table style has none at top and bottom)."""
    edges = (("top", top), ("left", side), ("bottom", top), ("right", side))
    return el("w:tblCellMar", *(el(f"w:{edge}", w=value, type="dxa") for edge, value in edges))
