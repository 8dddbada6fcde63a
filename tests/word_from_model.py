"""A Word document written straight from a leaflet's model with python-docx, as a team's own Word leaflet would be.

Built-in styles only (Title, Heading n, List Bullet / List Number and their
"2" and "3" levels, a table with its header row), real hyperlinks, bold runs,
line breaks, pictures with alt text, and callouts as shaded paragraphs.
Used by the round-trip tests as the third tool beside pandoc and LibreOffice.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from leaflet.core import model
from leaflet.core.text import plain
from leaflet.media.pictures import raster


def write_word(leaflet: model.Leaflet, path: Path) -> Path:
    document = docx.Document()
    meta = leaflet.meta
    core = document.core_properties
    core.title = meta.title
    core.author = meta.publisher
    core.language = meta.language
    core.created = _datetime(meta.published)
    if meta.updated:
        core.modified = _datetime(meta.updated)
    document.add_paragraph(meta.title, style="Title")
    for section in leaflet.sections:
        if section.heading:
            document.add_heading(section.heading, level=section.level - 1)
        for block in section.blocks:
            _block(document, block)
    document.save(str(path))
    return path


def _datetime(day: Any) -> Any:
    from datetime import datetime

    return datetime(day.year, day.month, day.day, 9, 0)


def _block(document: Any, block: Any, shaded: bool = False) -> None:
    kind = type(block).__name__
    if kind == "Paragraph":
        paragraph = document.add_paragraph()
        _inlines(paragraph, block.inlines)
        if shaded:
            _shade(paragraph)
    elif kind in ("BulletList", "NumberedList"):
        _list(document, block, 1, shaded)
    elif kind == "Table":
        table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
        for row, cells in zip(table.rows, [block.header, *block.rows], strict=True):
            for cell, inlines in zip(row.cells, cells, strict=True):
                _inlines(cell.paragraphs[0], inlines)
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))
    elif kind == "Image":
        document.add_picture(io.BytesIO(raster(block)))  # Word takes no SVG: as the writers do
        document.inline_shapes[-1]._inline.docPr.set("descr", block.alt)
    elif kind == "Callout":  # a shaded box opening with its label in bold, as teams write them
        title = document.add_paragraph()
        title.add_run(block.heading()).bold = True
        _shade(title)
        for inner in block.blocks:
            _block(document, inner, shaded=True)


def _list(document: Any, block: Any, level: int, shaded: bool) -> None:
    base = "List Bullet" if type(block).__name__ == "BulletList" else "List Number"
    style = base if level == 1 else f"{base} {level}"
    for item in block.items:
        for index, inlines in enumerate(item.paragraphs if hasattr(item, "paragraphs") else (item.inlines,)):
            further = "List Continue" if level == 1 else f"List Continue {level}"
            paragraph = document.add_paragraph(style=style if index == 0 else further)
            _inlines(paragraph, inlines)
            if shaded:
                _shade(paragraph)
        if item.sublist is not None:
            _list(document, item.sublist, level + 1, shaded)


def _inlines(paragraph: Any, inlines: Any) -> None:
    for inline in inlines:
        kind = type(inline).__name__
        if kind == "Strong":
            paragraph.add_run(inline.text).bold = True
        elif kind == "Link":
            _hyperlink(paragraph, inline.text, inline.url)
        elif kind == "LineBreak":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        else:
            paragraph.add_run(inline.text)


def _hyperlink(paragraph: Any, text: str, url: str) -> None:
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def _shade(paragraph: Any) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "E8EDEE")
    paragraph._p.get_or_add_pPr().append(shd)


__all__ = ["plain", "write_word"]
