"""A web page saved from a browser into a draft: its main content only, links made absolute.

lxml parses the page. The main content is ``main`` (or ``role=main``), else
the largest ``article``, else the block that holds most of the page's text;
navigation, banners, cookie notices and footers are never taken. The page's
own address (``<base>``, its canonical link, or the "saved from" note a
browser writes) makes relative links whole.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from leaflet.importers.content import main_content
from leaflet.importers.document import Document, Refused
from leaflet.importers.elements import Element
from leaflet.importers.pictures import Pictures, sniff
from leaflet.importers.properties import settle
from leaflet.importers.publisher import from_author, organisation
from leaflet.importers.walk import Walker

_NOT_PAGES = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
_META = {
    "publisher": ("dc.publisher", "dcterms.publisher", "og:site_name"),
    "published": ("article:published_time", "dcterms.issued", "dc.date.issued", "dcterms.created", "dc.date",
                  "dcterms.date", "citation_publication_date", "date"),
    "updated": ("article:modified_time", "dcterms.modified", "dc.date.modified", "og:updated_time", "last-modified"),
    "language": ("dc.language", "dcterms.language", "content-language"),
    "isbn": ("isbn", "citation_isbn", "dc.identifier"),
}  # fmt: skip


def read_page(path: Path) -> Document:
    data = path.read_bytes()
    root = _parsed(path, data)
    address = _address(root)
    content = main_content(root, data)
    if content is None or not " ".join(content.element.itertext()).strip():
        raise Refused(f"{path} has no text in its main content; there is nothing to import")
    document = Document()
    document.said.append(f"the leaflet is {content.how}")
    if content.left_out:
        document.said.append(
            f"the page's menus, share and print links and side boxes ({content.left_out} words) were left out"
        )
    _properties(root, address, document)
    walker = Walker(address[0] if address else None, Pictures(path.parent).image, document)
    document.flow = walker.blocks(content.element)
    return document


def _parsed(path: Path, data: bytes) -> Element:
    """The page's tree; ``Refused`` for what is not a web page."""
    if not data.strip():
        raise Refused(f"{path} is empty; there is nothing to import")
    head = data[:2048]
    if head.startswith(_NOT_PAGES) or b"\0" in head or sniff(head) not in (None, "svg"):
        raise Refused(f"{path} is not a web page, whatever its name says; save the page from the browser as .html")
    if not any(mark in head.lower() for mark in (b"<html", b"<!doctype html", b"<head", b"<body", b"<meta")):
        raise Refused(
            f"{path} is not a web page (no <html>, <head> or <body>); save the page from the browser as .html"
        )
    try:
        encoding = "utf-8" if _is_utf8(data) else None
        return lxml_html.document_fromstring(data, parser=lxml_html.HTMLParser(encoding=encoding))
    except (etree.ParserError, ValueError) as error:
        raise Refused(f"{path} cannot be read as a web page ({error}); save the page from the browser again") from None


def _properties(root: Element, address: tuple[str, str] | None, document: Document) -> None:
    """Front matter values from the page's lang, meta tags, address and title (an author only if an organisation)."""
    meta = _meta(root)
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    found = [("language", lang, "the page's lang")]
    found += [
        (key, meta[name], f"the page's '{name}'") for key, names in _META.items() for name in names if name in meta
    ]
    if address:
        found.append(("url", address[0], address[1]))
    for name in ("author", "dc.creator", "dcterms.creator"):
        if name in meta:
            from_author(meta[name], f"the page's '{name}'", document, found)
    title = meta.get("og:title") or " ".join(root.findtext(".//title", default="").split())
    if title:
        found.append(("title", title, "the page's title"))
        site = re.split(r"\s+(?:\||::|-|\u2013|\u2014)\s+", title)[-1]
        if site != title and organisation(site):
            found.append(("publisher", site, "the site named in the page's title"))
    document.properties, document.sources = settle(found)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _meta(root: Element) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("http-equiv") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content and name not in values:
            values[name] = content
    return values


def _address(root: Element) -> tuple[str, str] | None:
    """The page's own address and where it was written, if the page says it."""
    for element, attribute, where in (
        (root.find(".//base[@href]"), "href", "the page's <base>"),
        (root.find(".//link[@rel='canonical']"), "href", "the page's canonical link"),
        (root.find(".//meta[@property='og:url']"), "content", "the page's 'og:url'"),
    ):
        value = (element.get(attribute) or "").strip() if element is not None else ""
        if value.startswith(("https://", "http://")):
            return value, where
    for comment in [*root.itersiblings(preceding=True), *root.iter(etree.Comment)]:
        if not isinstance(comment, etree._Comment):
            continue
        text = " ".join((comment.text or "").split())
        for lead in ("saved from url=", "url: "):
            if lead in text:
                after = text.split(lead, 1)[1]
                after = after.split(")", 1)[1] if after.startswith("(") else after  # "(0038)https://..."
                value = after.split()[0] if after.split() else ""
                if value.startswith(("https://", "http://")):
                    return value, "the browser's 'saved from' note"
    return None
