"""The few WordprocessingML details python-docx has no API for: fonts, language, links, fields.

Each helper edits the document's XML in the place Word expects, so the file
opens cleanly in Word and LibreOffice and stays editable by a team.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.run import CT_R
from docx.shared import RGBColor
from docx.styles.style import BaseStyle
from docx.table import _Row
from docx.text.paragraph import Paragraph

FONT = "Atkinson Hyperlegible"  # designed for low-vision readers
FALLBACK_FONT = "Arial"  # what Word uses where Atkinson Hyperlegible is not installed
_FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")


def set_font(rpr: object, name: str = FONT) -> None:
    """Name the font on every script of a run-properties element, dropping theme fonts (which would win)."""
    rfonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    rfonts.attrib.clear()
    for attribute in _FONT_ATTRIBUTES:
        rfonts.set(qn(attribute), name)


def set_language(rpr: object, language: str) -> None:
    """Set the language of a run-properties element (spelling, hyphenation, screen-reader voice)."""
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:val"), language)


def set_colour(style: BaseStyle, rgb: RGBColor) -> None:
    """A plain colour on a style, with the template's theme colour removed (which would win)."""
    rpr = style.element.get_or_add_rPr()
    old = rpr.find(qn("w:color"))
    if old is not None:
        rpr.remove(old)
    style.font.color.rgb = rgb  # type: ignore[attr-defined]


def document_defaults(document: Document, size_half_points: int, language: str) -> None:
    """Font, size and language for every run that does not say otherwise."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(rpr)
    set_language(rpr, language)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(size_half_points))
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def declare_fallback_font(document: Document) -> None:
    """Tell Word what Atkinson Hyperlegible is like, so it falls back to Arial where it is missing."""
    part = next(p for p in document.part.package.iter_parts() if p.partname.endswith("/fontTable.xml"))
    fonts = parse_xml(part.blob)
    entry = parse_xml(
        f'<w:font {nsdecls("w")} w:name="{FONT}"><w:altName w:val="{FALLBACK_FONT}"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    )
    fonts.append(entry)
    from lxml import etree  # python-docx's own XML library

    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)  # no public setter


def drop_thumbnail(document: Document) -> None:
    """Remove the template's preview picture: it shows a blank page, not this document."""
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package_rels.pop(rel_id)


def add_hyperlink(paragraph: Paragraph, text: str, url: str, style_id: str) -> CT_R:
    """A real, clickable link around ``text``; returns its run so the caller can format it."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), style_id)
    rpr.append(rstyle)
    run.append(rpr)
    run_text = OxmlElement("w:t")
    run_text.set(qn("xml:space"), "preserve")
    run_text.text = text
    run.append(run_text)
    link.append(run)
    paragraph._p.append(link)
    return run


def add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word fills in each page's number."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def keep_row_together(row: _Row) -> None:
    """A point never splits across two pages."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def cell_margins(table_element: object, top: int, side: int) -> None:
    """Space inside every cell, in twentieths of a point (the template's table style has none at top and bottom)."""
    tblpr = table_element.tblPr  # type: ignore[attr-defined]
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # the schema puts tblCellMar before tblLook
    else:
        tblpr.append(margins)
