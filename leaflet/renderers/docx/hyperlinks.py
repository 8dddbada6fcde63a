"""Real Word hyperlinks: python-docx has no API for them, so write ``w:hyperlink`` here."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from leaflet.renderers.docx.xml import el

STYLE_ID = "Hyperlink"


def add_hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    """Append a link whose words are ``text``, related to ``url`` as an external target.

    The relationship is shared by every link to the same address, as Word does.
    """
    relationship_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    run = el("w:r", el("w:rPr", el("w:rStyle", val=STYLE_ID)), _text(text))
    link = el("w:hyperlink", run, history=1)
    link.set(qn("r:id"), relationship_id)
    paragraph._p.append(link)


def _text(text: str) -> BaseOxmlElement:
    element = el("w:t")
    element.text = text
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element
