"""Real Word hyperlinks (python-docx has no API for them) and the character style they wear."""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from leaflet.media.ooxml.styles import STYLE_TAIL
from leaflet.media.ooxml.xml import el, replace_child, text

STYLE_ID = "Hyperlink"  # the name Word's own links use


def add_hyperlink(paragraph: Paragraph, words: str, url: str) -> BaseOxmlElement:
    """Append a link whose words are ``words``, related to ``url`` as an external target; return its run.

    The relationship is shared by every link to the same address, as Word does.
    """
    relationship_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    run = el("w:r", el("w:rPr", el("w:rStyle", val=STYLE_ID)), text(words))
    link = el("w:hyperlink", run, history=1)
    link.set(qn("r:id"), relationship_id)
    paragraph._p.append(link)
    return run


def hyperlink_style(document: Document, colour: str) -> None:
    """The ``Hyperlink`` character style (python-docx's template lacks it): ``colour``, never underlined.

    No underline, as clear print and easy read both ask; every format shows a
    link's address in full beside or below its words, so a reader knows it is
    a link without relying on colour.
    """
    style = document.styles.add_style(STYLE_ID, WD_STYLE_TYPE.CHARACTER)
    style.base_style = document.styles["Default Paragraph Font"]
    style.priority = 99
    style.unhide_when_used = True
    properties = el("w:rPr", el("w:color", val=colour), el("w:u", val="none"))
    replace_child(style.element, properties, before=STYLE_TAIL)
