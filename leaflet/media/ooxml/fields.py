"""Fields Word fills in as it lays the pages out: the page number and the number of pages."""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from leaflet.media.ooxml.xml import el, text


def field(instruction: str, shown: str = "1") -> BaseOxmlElement:
    """A simple field (``PAGE``, ``NUMPAGES``...) showing ``shown`` until the application updates it."""
    return el("w:fldSimple", el("w:r", text(shown, preserve=False)), instr=f" {instruction} ")


def add_page_number(paragraph: Paragraph, *, of_pages: bool = False) -> None:
    """'Page 2', or 'Page 2 of 5' with ``of_pages``, at the end of ``paragraph``, in its style."""
    paragraph.add_run("Page ")
    paragraph._p.append(field("PAGE"))
    if of_pages:
        paragraph.add_run(" of ")
        paragraph._p.append(field("NUMPAGES"))
