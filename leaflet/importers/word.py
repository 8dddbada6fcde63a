"""A Word document (.docx) into a ``Document``: mammoth for the text, lxml for what mammoth does not see.

The document's XML is given its roles first (``wordxml``); mammoth then
turns it into semantic HTML with a style map that knows those roles, and
the shared walker turns that HTML into model blocks. The properties (core,
app and custom) give the front matter; what they do not give is left out.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from leaflet.importers.document import Document, Refused
from leaflet.importers.pictures import Pictures
from leaflet.importers.properties import word_properties
from leaflet.importers.walk import Walker
from leaflet.importers.wordxml import NS, read_styles, rewrite, unmarked_levels, w

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def _style_map() -> str:
    lines = ["p.LeafletTitle => h1.title:fresh", "p.LeafletDrop => !"]
    lines += [f"p.LeafletH{n} => h{n}:fresh" for n in range(1, 7)]
    for letter in "AB":
        box = f"div.callout-{letter.lower()}"
        for kind, tag in (("unordered-list", "ul"), ("ordered-list", "ol")):
            lines.append(f"p.LeafletBox{letter}:{kind}(1) => {box} > {tag} > li:fresh")
            lines.append(f"p.LeafletBox{letter}:{kind}(2) => {box} > ul|ol > li > {tag} > li:fresh")
            lines.append(f"p.LeafletBox{letter}:{kind}(3) => {box} > ul|ol > li > ul|ol > li > {tag} > li:fresh")
        lines.append(f"p.LeafletBox{letter} => {box} > p:fresh")
    lines += [f"p.LeafletTyped{n} => p.typed-{n}:fresh" for n in range(1, 7)]
    lines += [f"p.LeafletMore{n} => p.list-more-{n}:fresh" for n in range(1, 4)]
    for kind, tag in (("U", "ul"), ("O", "ol")):
        lines.append(f"p.LeafletList{kind}2 => ul|ol > li > {tag} > li:fresh")
        lines.append(f"p.LeafletList{kind}3 => ul|ol > li > ul|ol > li > {tag} > li:fresh")
    lines += ["p[style-name='Image Caption'] => p.caption:fresh", "p[style-name='Caption'] => p.caption:fresh"]
    lines += ["u => u", "strike => s", "comment-reference => !"]
    return "\n".join(lines)


STYLE_MAP = _style_map()


def read_word(path: Path) -> Document:
    """Read ``path``; raise ``Refused`` for what is not a readable, finished .docx."""
    data = path.read_bytes()
    if not data.strip(b"\0 \n\r\t"):
        raise Refused(f"{path} is empty; there is nothing to import")
    if data.startswith(OLE_SIGNATURE):
        if _ENCRYPTION_INFO in data:
            raise Refused(
                f"{path} is encrypted (protected by a password); save a copy without the password and import that"
            )
        raise Refused(f"{path} is an old Word 97-2003 document, not a .docx; open it in Word and save it as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = {name: archive.read(name) for name in archive.namelist() if name.endswith((".xml", ".rels"))}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError):
        raise Refused(f"{path} is not a Word document, whatever its name says; save it from Word as .docx") from None
    document = parts.get("word/document.xml")
    if document is None:
        raise Refused(
            f"{path} is a zip archive but not a Word document (no word/document.xml); save it from Word as .docx"
        )
    try:
        styles = read_styles(parts.get("word/styles.xml"))
        comments = _notes(parts.get("word/comments.xml"), "comment")
        unmarked = unmarked_levels(parts.get("word/numbering.xml"))
        result = rewrite(document, styles, comments, _all_notes(parts), unmarked)
    except etree.XMLSyntaxError as error:
        raise Refused(f"{path} is damaged ({error}); open it in Word, save it again and import that") from None
    if result.tracked:
        first = result.tracked[0]
        raise Refused(
            f"{path} has {len(result.tracked)} tracked change(s) (the first {str(first).split(':')[0]}); "
            "accept or reject them in Word (Review > Accept or Reject) and import again"
        )
    has_pictures = any(name.startswith("word/media/") for name in archive.namelist())
    if not result.text.strip() and not has_pictures:
        raise Refused(f"{path} has no text; there is nothing to import")
    read = Document()
    for loss in result.losses:
        read.lose(loss)
    word_properties(parts, read)
    pictures = Pictures()
    html = _mammoth(archive, result.xml, _lean_styles(parts.get("word/styles.xml")), pictures)
    body = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="body")
    read.flow = Walker(None, pictures.image, read).blocks(body)
    return read


def _mammoth(archive: zipfile.ZipFile, document: bytes, styles: bytes | None, pictures: Pictures) -> str:
    import mammoth

    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_STORED) as out:
        for info in archive.infolist():
            if info.filename == "word/document.xml":
                out.writestr(info.filename, document)
            elif info.filename == "word/styles.xml" and styles is not None:
                out.writestr(info.filename, styles)
            else:
                out.writestr(info.filename, archive.read(info.filename))
    rebuilt.seek(0)

    def image(picture: Any) -> dict[str, str]:
        with picture.open() as stream:
            return {"src": pictures.keep(stream.read(), str(picture.content_type or ""))}

    result = mammoth.convert_to_html(
        rebuilt, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(image), ignore_empty_paragraphs=True
    )
    return str(result.value)


def _lean_styles(xml: bytes | None) -> bytes | None:
    """styles.xml with only what mammoth reads (names, inheritance, paragraph properties), for its slow parser.

    Latent styles and table styles' borders and shading are thousands of elements in Word's own template.
    """
    if not xml:
        return None
    root = etree.fromstring(xml)
    for latent in root.findall("w:latentStyles", NS):
        root.remove(latent)
    for style in root.iterfind("w:style", NS):
        for child in style.findall("*"):
            if child.tag not in (w("name"), w("basedOn"), w("pPr")):
                style.remove(child)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _notes(xml: bytes | None, kind: str) -> dict[str, str]:
    if not xml:
        return {}
    root = etree.fromstring(xml)
    return {
        note.get(w("id")) or "": " ".join("".join(t.text or "" for t in note.iter(w("t"))).split())
        for note in root.iterfind(f"w:{kind}", NS)
    }


def _all_notes(parts: dict[str, bytes]) -> dict[str, str]:
    notes: dict[str, str] = {}
    for kind in ("footnote", "endnote"):
        for key, text in _notes(parts.get(f"word/{kind}s.xml"), kind).items():
            notes[f"{kind}:{key}"] = text
    return notes
