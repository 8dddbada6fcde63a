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
from pathlib import Path
from typing import Any

from leaflet.importers.document import Document, Refused
from leaflet.importers.elements import Element
from leaflet.importers.pdflayout import layout
from leaflet.importers.pdfpage import Page
from leaflet.importers.pdftags import structure
from leaflet.importers.pictures import Pictures
from leaflet.importers.properties import settle
from leaflet.importers.publisher import from_author
from leaflet.importers.walk import Walker


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
    body = structure(document, pages, pictures, read)
    if body is None or not " ".join(body.itertext()).strip():
        return None  # tags with no words in them: read the layout instead
    return body


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
