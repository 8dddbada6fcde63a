"""One small reader of .docx files for the audits: zipfile and ElementTree, independent of python-docx.

It sees a file as Word would: styles resolved through ``basedOn`` to the
document defaults, a run's bold through its paragraph's style, links with
their relationships, numbering, properties, footers and embedded fonts.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
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
EMBEDDED_FACES = ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic")


def w(name: str) -> str:
    """The Clark name of a WordprocessingML tag or attribute: w('val') -> '{...main}val'."""
    return f"{{{W}}}{name}"


def r(name: str) -> str:
    """The Clark name of a relationships attribute: r('id')."""
    return f"{{{R}}}{name}"


@dataclass(frozen=True, slots=True)
class Link:
    """A ``w:hyperlink``: its words and its relationship (None when the id leads nowhere)."""

    text: str
    relationship: ET.Element | None

    @property
    def external_address(self) -> str | None:
        rel = self.relationship
        if rel is None or rel.get("TargetMode") != "External" or not rel.get("Type", "").endswith("/hyperlink"):
            return None
        return rel.get("Target")


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell's text (paragraphs joined by a space), which characters are bold, and its pictures' alt text."""

    text: str
    bold: tuple[bool, ...]
    pictures: tuple[str, ...]


@dataclass
class WordFile:
    """The parts of a .docx the audits read, parsed."""

    blobs: dict[str, bytes]
    document: ET.Element
    styles: ET.Element
    numbering: ET.Element | None
    settings: ET.Element
    core: ET.Element
    relationships: dict[str, ET.Element]

    @classmethod
    def open(cls, path: Path) -> WordFile:
        """Read ``path``; ``zipfile.BadZipFile``, ``KeyError`` or ``ET.ParseError`` if it is no Word file."""
        with zipfile.ZipFile(path) as archive:
            blobs = {name: archive.read(name) for name in archive.namelist()}
        return cls(
            blobs=blobs,
            document=ET.fromstring(blobs["word/document.xml"]),
            styles=ET.fromstring(blobs["word/styles.xml"]),
            numbering=ET.fromstring(blobs["word/numbering.xml"]) if "word/numbering.xml" in blobs else None,
            settings=ET.fromstring(blobs["word/settings.xml"]),
            core=ET.fromstring(blobs["docProps/core.xml"]),
            relationships=_relationships(blobs, "word/document.xml"),
        )

    @property
    def body(self) -> ET.Element:
        body = self.document.find("w:body", NS)
        assert body is not None, "a document without a body"
        return body

    def footers(self) -> list[ET.Element]:
        return [ET.fromstring(data) for name, data in sorted(self.blobs.items()) if name.startswith("word/footer")]

    # Styles ------------------------------------------------------------

    def style(self, style_id: str) -> ET.Element | None:
        return self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)

    def style_name(self, style_id: str) -> str:
        style = self.style(style_id)
        name = style.find("w:name", NS) if style is not None else None
        return name.get(w("val"), style_id) if name is not None else style_id

    def style_type(self, style_id: str) -> str | None:
        style = self.style(style_id)
        return style.get(w("type")) if style is not None else None

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

    def run_is(self, paragraph: ET.Element, run: ET.Element, tag: str) -> bool:
        """Whether a toggle (``b``, ``i``...) is on for ``run``: its own, its character style's, its paragraph's."""
        own = run.find(f"w:rPr/w:{tag}", NS)
        if own is not None:
            return is_on(own)
        character = run.find("w:rPr/w:rStyle", NS)
        if character is not None:
            found = self._inherited(character.get(w("val")), f"w:rPr/w:{tag}", "w:none")
            if found is not None:
                return is_on(found)
        return is_on(self.run_property(paragraph_style(paragraph), tag))

    # Numbering, links, cells, properties ---------------------------------

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

    def links(self, within: ET.Element | None = None) -> Iterator[Link]:
        """Every hyperlink in ``within`` (the body by default), with its relationship."""
        for link in (self.body if within is None else within).iter(w("hyperlink")):
            yield Link(paragraph_text(link).strip(), self.relationships.get(link.get(r("id"), "")))

    def cell(self, tc: ET.Element) -> Cell:
        """A table cell as a reader sees it: words, which are bold, and the pictures' alt text."""
        text: list[str] = []
        bold: list[bool] = []
        for paragraph in tc.iter(w("p")):
            if text:
                text.append(" ")
                bold.append(False)
            for run in paragraph.iter(w("r")):
                is_bold = self.run_is(paragraph, run, "b")
                for piece in run.iter(w("t")):
                    text.append(piece.text or "")
                    bold.extend([is_bold] * len(piece.text or ""))
        pictures = tuple(doc_pr.get("descr", "") for doc_pr in tc.iter(f"{{{NS['wp']}}}docPr"))
        return Cell("".join(text), tuple(bold), pictures)

    def core_value(self, tag: str) -> str:
        found = self.core.find(tag, NS)
        return (found.text or "") if found is not None else ""

    # Fonts ---------------------------------------------------------------

    def embedded_fonts(self) -> dict[tuple[str, str], bytes]:
        """Each embedded font as (font name, face such as 'embedBold') -> the font file, de-obfuscated.

        ECMA-376 Part 1 §17.8.1: the first 32 bytes were XORed with the 16
        bytes of the ``fontKey`` GUID read from its end backwards.
        """
        name = "word/fontTable.xml"
        if name not in self.blobs:
            return {}
        table = ET.fromstring(self.blobs[name])
        relationships = _relationships(self.blobs, name)
        found: dict[tuple[str, str], bytes] = {}
        for font in table.findall("w:font", NS):
            for face in EMBEDDED_FACES:
                embed = font.find(f"w:{face}", NS)
                rel = relationships.get(embed.get(r("id"), "")) if embed is not None else None
                if embed is None or rel is None:
                    continue
                target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
                data = self.blobs.get(target, b"")
                key = bytes.fromhex(embed.get(w("fontKey"), "").strip("{}").replace("-", ""))[::-1]
                if len(key) == 16 and data:
                    data = bytes(b ^ key[i % 16] for i, b in enumerate(data[:32])) + data[32:]
                found[(font.get(w("name"), ""), face)] = data
        return found


def _relationships(blobs: dict[str, bytes], part: str) -> dict[str, ET.Element]:
    folder, name = posixpath.split(part)
    rels = blobs.get(f"{folder}/_rels/{name}.rels")
    if rels is None:
        return {}
    return {rel.get("Id", ""): rel for rel in ET.fromstring(rels).findall("rel:Relationship", NS)}


def paragraph_style(paragraph: ET.Element) -> str:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    return style.get(w("val"), "Normal") if style is not None else "Normal"


def paragraph_text(element: ET.Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def used_styles(*parts: ET.Element) -> set[str]:
    """The paragraph and character styles ``parts`` use (Normal is used by every unstyled paragraph)."""
    used = {"Normal"}
    for part in parts:
        for tag in ("pStyle", "rStyle"):
            used.update(element.get(w("val"), "") for element in part.iter(w(tag)))
    return used


def is_on(element: ET.Element | None) -> bool:
    """A toggle property (bold, italic...) that is switched on."""
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "off", "none")


def font_family(data: bytes) -> str:
    """The family name (name ID 1) a TrueType font file gives itself, or '' if it is not one."""
    import struct

    try:
        tables = struct.unpack(">H", data[4:6])[0]
        for index in range(tables):
            tag, _checksum, offset, _length = struct.unpack(">4sIII", data[12 + 16 * index : 28 + 16 * index])
            if tag != b"name":
                continue
            _format, count, strings = struct.unpack(">HHH", data[offset : offset + 6])
            for record in range(count):
                start = offset + 6 + 12 * record
                platform, _encoding, _language, name_id, length, at = struct.unpack(">HHHHHH", data[start : start + 12])
                if name_id == 1 and platform == 3:
                    raw = data[offset + strings + at : offset + strings + at + length]
                    return raw.decode("utf-16-be")
    except (struct.error, UnicodeDecodeError):
        return ""
    return ""
