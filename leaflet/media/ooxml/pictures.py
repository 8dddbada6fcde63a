"""Pictures in the text, with their alt text where screen readers look for it (the drawing's ``docPr``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
from docx.image.image import Image as ImageInfo
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm
from docx.text.run import Run

from leaflet.core.diagnostics import BuildError
from leaflet.core.model import Image

if TYPE_CHECKING:
    from docx.document import Document

Picture = Path | bytes  # a picture file, or its bytes
LOGO_HEIGHT = Mm(20)  # the publisher's logo at the top right of the first page, at most this tall...
LOGO_WIDTH = 0.45  # ... and this share of the text's width wide


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


def add_logo(document: Document, logo: Image, text_width: int) -> None:
    """The publisher's logo in a paragraph of its own at the right (the top of the first page, where it is
    added first), its alt text on the drawing; ``text_width`` in EMU."""
    from leaflet.media.pictures import raster

    drawn = raster(logo)
    width, height = fit(drawn, round(text_width * LOGO_WIDTH), LOGO_HEIGHT)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_picture(paragraph.add_run(), drawn, width, height, logo.alt)
