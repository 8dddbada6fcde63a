"""Everything around the text: page, colours, footer, settings and properties.

The python-docx template carries leftovers (a thumbnail of an empty page,
Word 2010's copy of the styles, an empty bibliography, "python-docx" as the
author, US Letter paper, an en-US theme language); each is replaced or
removed here so the file says only what is true of this leaflet.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

from leaflet.model import Leaflet
from leaflet.renderers.docx.options import DEFAULT_COLOURS, Options
from leaflet.renderers.docx.xml import el

A4 = (Mm(210), Mm(297))
MARGIN = Mm(25)  # generous margins, as clear print asks
STALE_PACKAGE_RELS = (RT.THUMBNAIL,)
STALE_DOCUMENT_RELS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)
APPLICATION = "Leaflet publisher"


def clean(document: Document) -> None:
    """Drop template parts that would describe some other document."""
    for rels, stale in ((document.part.package.rels, STALE_PACKAGE_RELS), (document.part.rels, STALE_DOCUMENT_RELS)):
        for rel_id in [rid for rid, rel in rels.items() if rel.reltype in stale]:
            rels.pop(rel_id)


def page(document: Document, options: Options) -> None:
    """A4 with generous margins, the scheme's page colour, and page numbers at body size."""
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Mm(12)
    _footer(document)
    if options.colours != DEFAULT_COLOURS:
        # The page colour; Word shows it on screen once displayBackgroundShape is set.
        document.element.insert(0, el("w:background", color=options.scheme.background))


def _footer(document: Document) -> None:
    """'Page 2 of 5' in the same place on every page, as page fields Word fills in."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.add_run("Page ")
    paragraph._p.append(_field("PAGE", "1"))
    paragraph.add_run(" of ")
    paragraph._p.append(_field("NUMPAGES", "1"))


def _field(instruction: str, shown: str) -> object:
    text = el("w:t")
    text.text = shown
    return el("w:fldSimple", el("w:r", text), instr=f" {instruction} ")


def settings(document: Document, options: Options, language: str) -> None:
    """Current Word layout, the theme's language, page colour on screen, no false claim that spelling was checked."""
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
    if options.colours != DEFAULT_COLOURS:
        zoom = root.find(qn("w:zoom"))
        shape = el("w:displayBackgroundShape")
        if zoom is not None:
            zoom.addnext(shape)
        else:
            root.insert(0, shape)


def core_properties(document: Document, leaflet: Leaflet) -> None:
    """Title, subject, author, language and dates from the leaflet, never from the clock."""
    meta = leaflet.meta
    properties = document.core_properties
    properties.title = meta.title
    properties.subject = f"Information for patients and the public from {meta.publisher}"
    properties.author = properties.last_modified_by = meta.publisher
    properties.language = meta.language
    properties.created = _midnight(meta.published)
    properties.modified = _midnight(meta.updated or meta.published)
    properties.identifier = f"urn:isbn:{meta.isbn}" if meta.isbn else ""
    properties.keywords = properties.category = properties.content_status = ""
    properties.comments = properties.version = ""
    properties.revision = 1


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def app_properties(leaflet: Leaflet) -> bytes:
    """The extended properties, naming this program rather than the template's Word for Mac."""
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Template>Normal.dotm</Template><Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(leaflet.meta.publisher)}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
    return xml.encode("utf-8")
