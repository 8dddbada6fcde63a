"""Pictures found while importing: named, checked by their bytes, converted where a format needs it."""

from __future__ import annotations

import base64
import binascii
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from leaflet.core.model import Image, PictureType

_TOKEN = "leaflet-picture:"
_NAME = re.compile(r"[^a-z0-9]+")


def sniff(data: bytes) -> str | None:
    """The picture's kind by its first bytes: png, jpg, svg, gif, bmp, tiff, webp, emf, wmf; or None."""
    head = data[:512]
    kinds = (
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xff\xd8\xff", "jpg"),
        (b"GIF8", "gif"),
        (b"BM", "bmp"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"\xd7\xcd\xc6\x9a", "wmf"),
        (b"\x01\x00\x09\x00", "wmf"),
    )
    for magic, kind in kinds:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"\x01\x00\x00\x00" and b" EMF" in head[:64]:
        return "emf"
    if b"<svg" in head.lower():
        return "svg"
    return None


_KINDS: dict[str, PictureType] = {"png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}


class Pictures:
    """Names each picture by the file it will be beside leaflet.md (the same bytes twice: one file)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder  # where a saved web page's own files are
        self.names: dict[str, bytes] = {}  # file name -> bytes
        self._held: list[bytes] = []

    def keep(self, data: bytes, content_type: str = "") -> str:
        """Hold bytes found inside a document; the token stands for them until ``save``."""
        self._held.append(data)
        return f"{_TOKEN}{len(self._held) - 1}"

    def image(self, source: str, alt: str) -> Image | str:
        """The picture at ``source`` (a token, a data: address or a file beside the page) as the model's
        ``Image`` with its file name, or why it cannot be carried."""
        stem = "picture"
        if source.startswith(_TOKEN):
            data = self._held[int(source[len(_TOKEN) :])]
        elif source.startswith("data:"):
            header, _, payload = source.partition(",")
            try:
                data = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
            except (binascii.Error, ValueError):
                return "its data in the page is damaged"
        else:
            parsed = urlparse(source)
            local = self.folder / unquote(parsed.path) if self.folder and not parsed.scheme else None
            if local is None or not local.is_file():
                where = source if len(source) < 80 else source[:77] + "..."
                return f"it is not saved with the page ({where}); save the picture beside leaflet.md and add it"
            data, stem = local.read_bytes(), _NAME.sub("-", local.stem.lower()).strip("-") or "picture"
        return self.store(data, alt, stem)

    def store(self, data: bytes, alt: str, stem: str = "picture") -> Image | str:
        """``data`` as an ``Image`` named after ``stem`` (PNG, JPEG and SVG as they are, others made PNG)."""
        kind = sniff(data)
        if kind in ("emf", "wmf"):
            return "it is a Windows drawing (EMF/WMF) that the formats cannot show; save it as PNG and add it"
        if kind is None:
            return "its file is not a picture the import knows (PNG, JPEG, SVG, GIF, BMP, TIFF, WebP)"
        if kind not in _KINDS:
            data, kind = _to_png(data), "png"
        name = next((n for n, held in self.names.items() if held == data), None) or self._new_name(stem, kind)
        self.names[name] = data
        return Image(Path(name), alt, data=data, kind=_KINDS[kind])

    def _new_name(self, stem: str, kind: str) -> str:
        number = 1
        name = f"{stem}-1.{kind}" if stem == "picture" else f"{stem}.{kind}"
        while name in self.names:
            number += 1
            name = f"{stem}-{number}.{kind}"
        return name


def _to_png(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        image.convert("RGBA" if image.mode in ("P", "LA", "RGBA") else "RGB").save(out, "PNG")
        return out.getvalue()
