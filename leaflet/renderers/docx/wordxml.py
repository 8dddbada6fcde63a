"""A small, independent reader of a .docx's XML (zipfile and ElementTree, no python-docx).

The audit uses it to see the file as Word would: styles resolved through
``basedOn`` to the document defaults, relationships, numbering, properties.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {
    "w": W,
    "r": R,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def w(name: str) -> str:
    """The Clark name of a WordprocessingML tag or attribute: w('val') -> '{...main}val'."""
    return f"{{{W}}}{name}"


@dataclass
class WordFile:
    """The parts of a .docx the audit reads, parsed."""

    document: ET.Element
    styles: ET.Element
    numbering: ET.Element | None
    settings: ET.Element
    core: ET.Element
    relationships: dict[str, ET.Element]

    @classmethod
    def open(cls, path: Path) -> WordFile:
        with zipfile.ZipFile(path) as archive:

            def part(name: str) -> ET.Element:
                return ET.fromstring(archive.read(name))

            names = set(archive.namelist())
            rels = part("word/_rels/document.xml.rels")
            return cls(
                document=part("word/document.xml"),
                styles=part("word/styles.xml"),
                numbering=part("word/numbering.xml") if "word/numbering.xml" in names else None,
                settings=part("word/settings.xml"),
                core=part("docProps/core.xml"),
                relationships={rel.get("Id", ""): rel for rel in rels.findall("rel:Relationship", NS)},
            )

    @property
    def body(self) -> ET.Element:
        body = self.document.find("w:body", NS)
        assert body is not None, "a document without a body"
        return body

    def style(self, style_id: str) -> ET.Element | None:
        return self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)

    def style_name(self, style_id: str) -> str:
        style = self.style(style_id)
        name = style.find("w:name", NS) if style is not None else None
        return name.get(w("val"), style_id) if name is not None else style_id

    def run_property(self, style_id: str | None, tag: str) -> ET.Element | None:
        """A run property as a paragraph of ``style_id`` gets it: its style, what it is based on, the defaults."""
        return self._inherited(style_id, f"w:rPr/w:{tag}", f"w:docDefaults/w:rPrDefault/w:rPr/w:{tag}")

    def paragraph_property(self, style_id: str | None, tag: str) -> ET.Element | None:
        """A paragraph property through the style chain to the defaults."""
        return self._inherited(style_id, f"w:pPr/w:{tag}", f"w:docDefaults/w:pPrDefault/w:pPr/w:{tag}")

    def _inherited(self, style_id: str | None, path: str, default_path: str) -> ET.Element | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.style(style_id)
            if style is None:
                break
            found = style.find(path, NS)
            if found is not None:
                return found
            based = style.find("w:basedOn", NS)
            style_id = based.get(w("val")) if based is not None else None
        return self.styles.find(default_path, NS)

    def core_value(self, tag: str) -> str:
        found = self.core.find(tag, NS)
        return (found.text or "") if found is not None else ""

    def list_format(self, num_id: str, level: str) -> str | None:
        """The number format ('bullet', 'decimal'...) of list ``num_id`` at ``level``, or None if undefined."""
        if self.numbering is None:
            return None
        num = self.numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract_ref = num.find("w:abstractNumId", NS) if num is not None else None
        if abstract_ref is None:
            return None
        abstract_id = abstract_ref.get(w("val"))
        found = self.numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{level}']", NS)
        fmt = found.find("w:numFmt", NS) if found is not None else None
        return fmt.get(w("val")) if fmt is not None else None


def paragraph_style(paragraph: ET.Element) -> str:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    return style.get(w("val"), "Normal") if style is not None else "Normal"


def paragraph_text(paragraph: ET.Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(w("t")))


def is_on(element: ET.Element | None) -> bool:
    """A toggle property (bold, italic...) that is switched on."""
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "off", "none")
