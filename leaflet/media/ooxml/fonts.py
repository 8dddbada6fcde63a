"""The leaflet's font: named on every run, declared with a fallback, and carried inside the file.

Word and LibreOffice show Atkinson Hyperlegible only where it is installed,
unless the file carries it. So the regular and bold faces (the only ones a
leaflet uses: no italics) are embedded as ECMA-376 Part 1 §17.8.1 asks:
each font is a part ``word/fonts/fontN.odttf`` whose first 32 bytes are
XORed with a key (a GUID) that ``fontTable.xml`` records beside it
(``w:embedRegular``, ``w:embedBold``); settings say ``w:embedTrueTypeFonts``.
The font table also gives the font Arial's classification and names Arial
as its alternative, so an application that ignores embedded fonts still
substitutes a plain sans-serif.
"""

from __future__ import annotations

import hashlib
import uuid
from functools import cache
from pathlib import Path

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from leaflet.media.ooxml.xml import el

FONT = "Atkinson Hyperlegible"  # designed for low-vision readers
FALLBACK_FONT = "Arial"  # what Word substitutes where Atkinson Hyperlegible is neither installed nor embedded
ARIAL_PANOSE = "020B0604020202020204"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = {"embedRegular": "AtkinsonHyperlegible-Regular.ttf", "embedBold": "AtkinsonHyperlegible-Bold.ttf"}
_KEY_NAMESPACE = uuid.UUID("6f1e2a4c-5b7d-4e8f-9a0b-1c2d3e4f5a6b")  # fixed: the same font gets the same key
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def run_fonts(name: str = FONT) -> BaseOxmlElement:
    """``w:rFonts`` naming ``name`` for every script, with no theme font (a theme font would win)."""
    return el("w:rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name)


def name_font(run_properties: BaseOxmlElement, name: str = FONT) -> None:
    """Put ``run_fonts(name)`` first in a ``w:rPr`` (its place in the schema), replacing any other."""
    for old in run_properties.findall(qn("w:rFonts")):
        run_properties.remove(old)
    run_properties.insert(0, run_fonts(name))


@cache
def face(file_name: str) -> bytes:
    """The bytes of one face of Atkinson Hyperlegible, from the ``fontpkg-atkinson-hyperlegible`` package."""
    import fontpkg_atkinson_hyperlegible  # the font package has no type hints (listed in the mypy overrides)

    return (Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files" / file_name).read_bytes()


def font_key(data: bytes) -> str:
    """A GUID for ``data`` in Word's form, braces around 8-4-4-4-12 hexadecimal digits, the same every build."""
    return "{" + str(uuid.uuid5(_KEY_NAMESPACE, hashlib.sha256(data).hexdigest())).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 §17.8.1: XOR the first 32 bytes with the key's 16 bytes, taken from the GUID's end backwards.

    The same operation undoes itself, so it also reads an embedded font back.
    """
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def font_table(document: Document, *, embed: bool = True) -> None:
    """Rewrite ``fontTable.xml``: the leaflet's font (embedded when ``embed``) and its Arial fallback."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    embedded = ""
    if embed:
        for number, (element, file_name) in enumerate(FACES.items(), start=1):
            data = face(file_name)
            key = font_key(data)
            font_part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT, obfuscate(data, key))
            relationship_id = part.relate_to(font_part, RT.FONT)
            embedded += f'<w:{element} r:id="{relationship_id}" w:fontKey="{key}"/>'
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{_W}" xmlns:r="{_R}">'
        f"{_font(FONT, FALLBACK_FONT, embedded)}{_font(FALLBACK_FONT)}</w:fonts>"
    )
    part._blob = xml.encode("utf-8")  # python-docx keeps the font table as a plain part: no XML API


def _font(name: str, alternative: str = "", embedded: str = "") -> str:
    """One ``w:font`` in schema order: altName, panose1, charset, family, pitch, then the embedded faces."""
    alt = f'<w:altName w:val="{alternative}"/>' if alternative else ""
    return (
        f'<w:font w:name="{name}">{alt}<w:panose1 w:val="{ARIAL_PANOSE}"/><w:charset w:val="00"/>'
        f'<w:family w:val="swiss"/><w:pitch w:val="variable"/>{embedded}</w:font>'
    )
