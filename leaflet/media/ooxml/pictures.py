"""Pictures in the text, with their alt text where screen readers look for it (the drawing's ``docPr``)."""

from __future__ import annotations

import io
from pathlib import Path

from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
from docx.image.image import Image as ImageInfo
from docx.oxml.ns import qn
from docx.shared import Emu, Length
from docx.text.run import Run

from leaflet.core.diagnostics import BuildError

Picture = Path | bytes  # a picture file, or its bytes


def pixels(picture: Picture, name: str = "") -> tuple[int, int]:
    """The picture's width and height in pixels; a clear ``BuildError`` if Word cannot show it."""
    where = name or str(picture if isinstance(picture, Path) else "a picture")
    try:
        info = ImageInfo.from_blob(picture) if isinstance(picture, bytes) else ImageInfo.from_file(str(picture))
    except (UnrecognizedImageError, InvalidImageStreamError, UnexpectedEndOfFileError, OSError) as error:
        reason = str(error) or (
            "the file is cut short" if isinstance(error, UnexpectedEndOfFileError) else "unknown format"
        )
        raise BuildError(f"{where}: Word cannot show this picture ({reason}); save it as PNG or JPEG") from None
    return info.px_width, info.px_height


def fit(picture: Picture, width: int, height: int | None = None, name: str = "") -> tuple[Length, Length]:
    """The picture's size scaled to ``width`` EMU, or less where it would be taller than ``height``."""
    across, down = pixels(picture, name)
    shown_width, shown_height = width, round(width * down / across)
    if height is not None and shown_height > height:
        shown_width, shown_height = round(width * height / shown_height), height
    return Emu(shown_width), Emu(shown_height)


def add_picture(run: Run, picture: Picture, width: Length, height: Length, alt: str) -> None:
    """The picture in ``run`` at ``width`` by ``height``, ``alt`` as its description and title, no gap around it."""
    source = io.BytesIO(picture) if isinstance(picture, bytes) else str(picture)
    run.add_picture(source, width=width, height=height)
    for inline in run._r.iter(qn("wp:inline")):
        for side in "TBLR":  # LibreOffice adds a gap where these are absent
            inline.set(f"dist{side}", "0")
    for properties in run._r.iter(qn("wp:docPr")):
        properties.set("descr", alt)
        properties.set("title", alt)
