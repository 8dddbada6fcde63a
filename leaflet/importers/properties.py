"""A document's own properties into front matter values; nothing is guessed.

Word keeps them in ``docProps/core.xml`` (title, creator, dates, language),
``docProps/app.xml`` (company) and ``docProps/custom.xml`` (any name, as
pandoc writes a Markdown file's metadata); the language of the text may be
in ``word/styles.xml``. Each value found says where it came from.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from leaflet.importers.document import Document
from leaflet.importers.publisher import from_author
from leaflet.importers.wordxml import NS

_CORE = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Names a tool writes when nobody typed one: not a publisher.
_PLACEHOLDERS = {"python-docx", "microsoft office user", "un-named", "unknown", "administrator", "user", "author"}
_KEYS = ("title", "publisher", "published", "updated", "review", "reference", "department", "language", "isbn", "url")


def word_properties(parts: dict[str, bytes], document: Document) -> None:
    """The document's front matter values (and where each came from) from a .docx's parts."""
    found: list[tuple[str, str, str]] = []  # (key, value, where) in order of preference
    custom = _custom(parts.get("docProps/custom.xml"))
    for key in _KEYS:
        if key in custom:
            found.append((key, custom[key], f"the custom property '{key}'"))
    core = _xml(parts.get("docProps/core.xml"))
    app = _xml(parts.get("docProps/app.xml"))
    if core is not None:
        for key, path in (("title", "dc:title"), ("language", "dc:language"), ("isbn", "dc:identifier")):
            found.append((key, core.findtext(path, default="", namespaces=_CORE), f"the document's {path[3:]}"))
    if app is not None:
        found.append(("publisher", app.findtext(f"{_APP}Company", default=""), "the document's Company"))
    if core is not None:
        creator = core.findtext("dc:creator", default="", namespaces=_CORE) or ""
        if normal("publisher", creator):
            from_author(creator, "the document's Author", document, found)
        found.append(
            ("published", core.findtext("dcterms:created", default="", namespaces=_CORE), "the date it was created")
        )
        found.append(
            ("updated", core.findtext("dcterms:modified", default="", namespaces=_CORE), "the date it was last saved")
        )
    styles = _xml(parts.get("word/styles.xml"))
    if styles is not None:
        lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
        if lang is not None:
            found.append(("language", lang.get(f"{{{NS['w']}}}val") or "", "the language of the document's text"))
    document.properties, document.sources = settle(found)


def settle(found: list[tuple[str, str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """The first usable value of each key, made the form the source format wants."""
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for key, raw, where in found:
        value = normal(key, raw)
        if value and key not in values:
            values[key], sources[key] = value, where
    if "updated" in values and ("published" not in values or values["updated"] <= values["published"]):
        del values["updated"], sources["updated"]  # not later than published: not an update
    return values, sources


def normal(key: str, raw: str) -> str | None:
    value = " ".join((raw or "").split())
    if not value:
        return None
    if key in ("published", "updated", "review"):
        return iso_day(value)
    if key == "language":
        value = value.replace("_", "-")
        return value if _LANGUAGE.match(value) and value.lower() not in ("x-none", "und") else None
    if key == "publisher" and value.lower() in _PLACEHOLDERS:
        return None
    if key == "url" and not value.startswith(("https://", "http://")):
        return None
    if key == "isbn" and sum(c.isdigit() for c in value) not in (10, 13):
        return None
    return value


def iso_day(value: str) -> str | None:
    """YYYY-MM-DD from a W3C date-time ('2026-02-10T09:00:00Z') or a date; None if it is neither."""
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _xml(data: bytes | None) -> etree._Element | None:
    if not data:
        return None
    try:
        return etree.fromstring(data)
    except etree.XMLSyntaxError:
        return None


def _custom(data: bytes | None) -> dict[str, str]:
    root = _xml(data)
    if root is None:
        return {}
    values: dict[str, str] = {}
    for prop in root.iterfind(f"{_CUSTOM}property"):
        name = (prop.get("name") or "").strip().lower()
        text = " ".join("".join(child.itertext()) for child in prop)
        if name in _KEYS and text.strip():
            values[name] = text
    return values
