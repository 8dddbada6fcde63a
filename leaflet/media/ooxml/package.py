"""Everything around the text: template leftovers, page, settings, properties, and reproducible saving.

The python-docx template carries leftovers (a thumbnail of an empty page,
Word 2010's copy of the styles, an empty bibliography, "python-docx" as the
author, Word for Mac as the application, US Letter paper, an en-US theme
language); each is replaced or removed here so the file says only what is
true of this leaflet. Dates come from the leaflet, never from the clock.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Length, Mm

from leaflet.core.files import reproducible_zip
from leaflet.media.ooxml.xml import el, insert_in_order

A4 = (Mm(210), Mm(297))
APPLICATION = "Leaflet publisher"
STALE_PACKAGE_RELS = (RT.THUMBNAIL,)
STALE_DOCUMENT_RELS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)
SETTINGS_ORDER = (
    *("w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime"),
    *("w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText"),
    *("w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts"),
    *("w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges"),
    *("w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors"),
    *("w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState"),
)


@dataclass(frozen=True, slots=True)
class About:
    """What the core properties say about the document."""

    title: str
    subject: str
    author: str
    language: str
    created: date
    modified: date
    identifier: str = ""
    keywords: str = ""
    category: str = ""


def clean(document: Document) -> None:
    """Drop template parts that would describe some other document."""
    for rels, stale in ((document.part.package.rels, STALE_PACKAGE_RELS), (document.part.rels, STALE_DOCUMENT_RELS)):
        for rel_id in [rid for rid, rel in rels.items() if rel.reltype in stale]:
            rels.pop(rel_id)


def page(document: Document, margin: Length, distance: Length | None = None) -> None:
    """A4 portrait with ``margin`` on every side; ``distance`` from the page edge to header and footer."""
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin
    if distance is not None:
        section.header_distance = section.footer_distance = distance


def text_width(document: Document) -> int:
    """The width between the margins, in EMU."""
    section = document.sections[0]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    assert width is not None and left is not None and right is not None, "page() sets the page and its margins"
    return width - left - right


def text_height(document: Document) -> int:
    """The height between the margins, in EMU."""
    section = document.sections[0]
    height, top, bottom = section.page_height, section.top_margin, section.bottom_margin
    assert height is not None and top is not None and bottom is not None, "page() sets the page and its margins"
    return height - top - bottom


def settings(document: Document, language: str, background: str | None = None) -> None:
    """Current Word layout, the theme's language, embedded fonts kept, no false claim that spelling was checked.

    With ``background`` (hex RGB), the page colour, which Word shows on screen
    once ``displayBackgroundShape`` is set.
    """
    root = document.settings.element
    for stale in root.findall(qn("w:proofState")):
        root.remove(stale)
    for setting in root.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # current Word layout; 14 would open in "Compatibility Mode"
    theme_language = root.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.attrib.clear()
        theme_language.set(qn("w:val"), language)
    if background is not None:
        document.element.insert(0, el("w:background", color=background))
        insert_in_order(root, el("w:displayBackgroundShape"), SETTINGS_ORDER)
    insert_in_order(root, el("w:embedTrueTypeFonts"), SETTINGS_ORDER)  # Word keeps the embedded fonts on saving


def core_properties(document: Document, about: About) -> None:
    """The core properties from ``about``; every other one emptied."""
    properties = document.core_properties
    properties.title = about.title
    properties.subject = about.subject
    properties.author = properties.last_modified_by = about.author
    properties.language = about.language
    properties.created = _midnight(about.created)
    properties.modified = _midnight(about.modified)
    properties.identifier = about.identifier
    properties.keywords = about.keywords
    properties.category = about.category
    properties.content_status = properties.comments = properties.version = ""
    properties.revision = 1


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def app_properties(company: str) -> bytes:
    """The extended properties, naming this program rather than the template's Word for Mac."""
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Template>Normal.dotm</Template><Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
    return xml.encode("utf-8")


def save(document: Document, company: str) -> bytes:
    """The document as the bytes of a .docx, the same bytes for the same document (fixed zip times and order)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), {"docProps/app.xml": app_properties(company)})
