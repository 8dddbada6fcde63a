"""Pictures found while importing: named, checked by their bytes, converted where a format needs it."""

from __future__ import annotations

import base64
import binascii
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from leaflet.importers.draft import Draft

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


class Pictures:
    """Keeps each picture's bytes under the file name it will have beside leaflet.md."""

    def __init__(self, draft: Draft, folder: Path | None = None) -> None:
        self.draft = draft
        self.folder = folder  # where a saved web page's own files are
        self._held: list[bytes] = []

    def keep(self, data: bytes, content_type: str = "") -> str:
        """Hold bytes found inside a document; the token stands for them until ``save``."""
        self._held.append(data)
        return f"{_TOKEN}{len(self._held) - 1}"

    def save(self, source: str) -> tuple[str | None, str]:
        """(file name, "") for a picture that can be carried, or (None, why not)."""
        stem = "picture"
        if source.startswith(_TOKEN):
            data = self._held[int(source[len(_TOKEN) :])]
        elif source.startswith("data:"):
            header, _, payload = source.partition(",")
            try:
                data = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
            except (binascii.Error, ValueError):
                return None, "its data in the page is damaged"
        else:
            parsed = urlparse(source)
            local = self.folder / unquote(parsed.path) if self.folder and not parsed.scheme else None
            if local is None or not local.is_file():
                where = source if len(source) < 80 else source[:77] + "..."
                return None, f"it is not saved with the page ({where}); save the picture beside leaflet.md and add it"
            data, stem = local.read_bytes(), _NAME.sub("-", local.stem.lower()).strip("-") or "picture"
        return self._store(data, stem)

    def _store(self, data: bytes, stem: str) -> tuple[str | None, str]:
        kind = sniff(data)
        if kind in ("emf", "wmf"):
            return None, "it is a Windows drawing (EMF/WMF) that the formats cannot show; save it as PNG and add it"
        if kind is None:
            return None, "its file is not a picture the import knows (PNG, JPEG, SVG, GIF, BMP, TIFF, WebP)"
        if kind not in ("png", "jpg", "svg"):
            data, kind = _to_png(data), "png"
        for name, held in self.draft.pictures.items():
            if held == data:
                return name, ""
        number = 1
        name = f"{stem}-1.{kind}" if stem == "picture" else f"{stem}.{kind}"
        while name in self.draft.pictures:
            number += 1
            name = f"{stem}-{number}.{kind}"
        self.draft.pictures[name] = data
        return name, ""


def _to_png(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        image.convert("RGBA" if image.mode in ("P", "LA", "RGBA") else "RGB").save(out, "PNG")
        return out.getvalue()
