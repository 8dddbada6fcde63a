"""A PDF leaflet into a ``Document``: tagged PDFs by their structure tree, others by their layout.

pikepdf opens the file and walks the structure tree (``pdftags``); pdfplumber
reads the words, their fonts and places, the links and the pictures' places
(``pdflayout`` for a PDF without tags). Either way the PDF becomes semantic
HTML that the importer's one walker maps, as it maps a Word document or a web
page. Running headers, footers and page numbers are left out (a tagged PDF
marks them as artifacts; an untagged one repeats them at a page's edge). A
picture comes with its alt text where the tags give it; otherwise the import
asks for it. The document's properties give the title, language and dates.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from leaflet.importers.document import Document, Refused
from leaflet.importers.elements import Element
from leaflet.importers.pictures import Pictures
from leaflet.importers.properties import settle
from leaflet.importers.publisher import from_author
from leaflet.importers.walk import Walker

_HYPHENATED = re.compile("[\u2010\u00ad]\n")  # a word the layout hyphenated at a line's end (not a typed '-')
_PICTURE_DPI = 192  # twice a screen's 96: sharp enough to print, small enough to carry


def read_pdf(path: Path) -> Document:
    """Read ``path``; raise ``Refused`` for what is not a readable PDF with text."""
    import pdfplumber
    import pikepdf

    data = path.read_bytes()
    if not data.strip():
        raise Refused(f"{path} is empty; there is nothing to import")
    if not data[:1024].lstrip().startswith(b"%PDF"):
        raise Refused(f"{path} is not a PDF, whatever its name says; save or export it as PDF again")
    try:
        document = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise Refused(f"{path} is protected by a password; save a copy without the password and import that") from None
    except pikepdf.PdfError:
        raise Refused(
            f"{path} is damaged (it cannot be read as a PDF); export it as PDF again and import that"
        ) from None
    read = Document()
    pictures = Pictures()
    with document, pdfplumber.open(io.BytesIO(data)) as plumber:
        pages = [Page.of(page) for page in plumber.pages]
        if not any(page.chars for page in pages):
            raise Refused(
                f"{path} has no text, only pictures of pages (a scan); import the Word file it was made from, "
                "or run text recognition (OCR) on it first"
            )
        _properties(document, read)
        read.first_page = pages[0].plumber.extract_text().splitlines()
        body = _tagged(document, pages, pictures, read) if _is_tagged(document) else None
        if body is None:
            from leaflet.importers.pdflayout import layout

            body = layout(pages, pictures, read)
            read.said.append(
                "the PDF has no tags, so its headings, lists and tables were read from its layout: check them"
            )
        else:
            read.said.append("the PDF is tagged: its headings, lists, tables and pictures come from its tags")
    read.flow = Walker(None, pictures.image, read).blocks(body)
    return read


def _is_tagged(document: Any) -> bool:
    mark = document.Root.get("/MarkInfo")
    return "/StructTreeRoot" in document.Root and mark is not None and bool(mark.get("/Marked", False))


def _tagged(document: Any, pages: list[Page], pictures: Pictures, read: Document) -> Element | None:
    from leaflet.importers.pdftags import structure

    body = structure(document, pages, pictures, read)
    if body is None or not " ".join(body.itertext()).strip():
        return None  # tags with no words in them: read the layout instead
    return body


@dataclass
class Page:
    """One page as pdfplumber reads it: its characters (with their marked-content ids), links and pictures."""

    plumber: Any
    number: int  # from 0
    width: float
    height: float
    chars: list[dict[str, Any]]
    links: list[dict[str, Any]]

    @classmethod
    def of(cls, page: Any) -> Page:
        return cls(page, page.page_number - 1, float(page.width), float(page.height), list(page.chars),
                   [link for link in page.hyperlinks if link.get("uri")])  # fmt: skip

    def picture(self, bbox: tuple[float, float, float, float]) -> bytes | None:
        """The part of the page inside ``bbox`` (x0, top, x1, bottom) drawn as PNG; None when it is no area."""
        x0, top, x1, bottom = max(bbox[0], 0), max(bbox[1], 0), min(bbox[2], self.width), min(bbox[3], self.height)
        if x1 - x0 < 2 or bottom - top < 2:
            return None
        image = self.plumber.crop((x0, top, x1, bottom)).to_image(resolution=_PICTURE_DPI).original
        out = io.BytesIO()
        image.convert("RGB").save(out, "PNG", optimize=True)
        return out.getvalue()

    def link_at(self, char: dict[str, Any]) -> str | None:
        """The address of the link whose area holds ``char``, if any."""
        middle_x, middle_y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        for link in self.links:
            if link["x0"] - 1 <= middle_x <= link["x1"] + 1 and link["top"] - 1 <= middle_y <= link["bottom"] + 1:
                return str(link["uri"])
        return None


Run = tuple[str | None, bool, list[dict[str, Any]]]  # a link's address (or None), bold or not, the characters
_BOLD = ("bold", "black", "heavy", "semibold", "demi")


def bold(char: dict[str, Any]) -> bool:
    return any(mark in str(char.get("fontname", "")).lower() for mark in _BOLD)


def runs_of(page: Page, chars: list[dict[str, Any]], in_link: bool = False, weighted: bool = True) -> list[Run]:
    """``chars`` in runs of one kind: in a link's area (with its address; not inside a tagged link already) or
    not, bold or not (where ``weighted``: a heading's bold is its own); a space goes with the run before it."""
    runs: list[Run] = []
    for char in chars:
        address = None if in_link else page.link_at(char)
        heavy = weighted and address is None and bold(char)
        if runs and (runs[-1][:2] == (address, heavy) or char["text"].isspace()):
            runs[-1][2].append(char)
        else:
            runs.append((address, heavy, [char]))
    return runs


def text_of(chars: Iterable[dict[str, Any]]) -> str:
    """Characters as words: spaces where the gaps are, a line's end read as a space."""
    from pdfplumber.utils import extract_text

    listed = list(chars)
    text = extract_text(listed, x_tolerance=1.5) if listed else ""
    return " ".join(_HYPHENATED.sub("", text).split())


def _properties(document: Any, read: Document) -> None:
    """Title, language and dates from the PDF's own properties; its Author only when it names an organisation."""
    info = document.docinfo
    found: list[tuple[str, str, str]] = []
    with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
        title = str(xmp.get("dc:title") or "")
        publisher = str(xmp.get("dc:publisher") or "")
    found.append(("title", title or str(info.get("/Title", "")), "the PDF's title"))
    found.append(("publisher", publisher.strip("[]'\""), "the PDF's publisher"))
    found.append(("language", str(document.Root.get("/Lang", "")), "the PDF's language"))
    found.append(("published", _pdf_date(str(info.get("/CreationDate", ""))), "the date the PDF was made"))
    found.append(("updated", _pdf_date(str(info.get("/ModDate", ""))), "the date the PDF was last changed"))
    author = str(info.get("/Author", ""))
    if author:
        from_author(author, "the PDF's Author", read, found)
    read.properties, read.sources = settle(found)


def _pdf_date(value: str) -> str:
    """'D:20260325103000Z' -> '2026-03-25' (or '')."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", value)
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else ""


def element(tag: str, **attributes: str) -> Element:
    """A new HTML element for the tree the walker reads."""
    made = lxml_html.Element(tag)
    for name, value in attributes.items():
        made.set(name, value)
    return made
