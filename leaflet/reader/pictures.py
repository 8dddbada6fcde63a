"""Pictures, read and checked while reading: PNG, JPEG or SVG, and truly what the name says.

The file's bytes go into the model (``Image.data``), so a writer needs no
access to the source folder. A file whose contents are not the kind its name
says (a JPEG saved as ``.png``, a web page saved as ``.svg``) is refused here,
before any output is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import Image, Leaflet, Picture, PictureType

MAX_IMAGE_BYTES = 10 * 1024 * 1024
KINDS: dict[str, PictureType] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
_NAMES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}
_ARTICLES = {"image/png": "a", "image/jpeg": "a", "image/svg+xml": "an"}


def read_picture(path: Path, line: int, source: str, folder: Path, alt: str) -> Image:
    """The picture ``source`` (as written in ``path`` at ``line``), checked and read into the model."""

    def fail(message: str) -> SourceError:
        return SourceError(path, line, message)

    if not source or "://" in source:
        raise fail("a picture must be a file in the leaflet's folder; write ![alt](picture.png)")
    target = picture_file(
        source, folder, fail, use="a leaflet picture", then=f" and write ![{alt}]({Path(source).name})"
    )
    kind = KINDS.get(target.suffix.lower())
    if kind is None:
        raise fail(
            f"the picture '{source}' is not PNG, JPEG or SVG ('{target.suffix or 'no extension'}'); save it as .png, .jpg or .svg"
        )
    data = target.read_bytes()
    problem = picture_problem(data, kind)
    if problem:
        raise fail(
            f"the picture '{source}' is not {_ARTICLES[kind]} {_NAMES[kind]} file as its name says ({problem}); "
            f"save it again as {_NAMES[kind]}, or give it the name its kind has"
        )
    return Image(target, alt, line, data, kind)


def picture_file(
    given: str | Path, folder: Path, fail: Callable[[str], SourceError], *, use: str, then: str = ""
) -> Path:
    """The file a picture line names, checked: inside the leaflet's ``folder``, there, at most 10 MB.
    ``use`` says what the picture is for, ``then`` what to write after copying it in."""
    target = (folder / given).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise fail(f"the picture '{given}' is outside the leaflet's folder; copy it into {folder}{then}")
    if not target.is_file():
        raise fail(f"the picture '{given}' does not exist; put the file in {folder} or correct its name")
    if target.stat().st_size > MAX_IMAGE_BYTES:
        raise fail(f"the picture '{given}' is over 10 MB; save it smaller ({use} needs well under 1 MB)")
    return target


def picture_problem(data: bytes, kind: PictureType) -> str | None:
    """Why ``data`` is not a good picture of ``kind``, or None."""
    if kind == "image/svg+xml":
        return _svg_problem(data)
    from PIL import Image as PILImage  # Pillow comes with reportlab

    expected = "PNG" if kind == "image/png" else "JPEG"
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            found = picture.format
            picture.verify()  # the chunks and their checksums
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.load()  # the pixels themselves: a damaged stream would fail only in a writer
    except Exception as error:  # Pillow raises many kinds for a damaged or foreign file
        return f"it cannot be read as a picture ({_reason(error)})"
    return None if found == expected else f"it holds a {found} picture"


def _svg_problem(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "it is not UTF-8 text"
    from lxml import etree  # comes with python-docx

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)  # no entity tricks
    try:
        root = etree.fromstring(text.encode(), parser)
    except etree.XMLSyntaxError as error:
        return f"it is not well-formed SVG ({_reason(error)})"
    name = etree.QName(root).localname
    if name != "svg":
        return f"its root element is <{name}>, not <svg>"
    from leaflet.media.pictures import rasterise

    try:
        rasterise(data, 64)
    except Exception as error:  # resvg's own error, whatever it is
        return f"it cannot be drawn ({_reason(error)})"
    return None


def _reason(error: Exception) -> str:
    """A library's error in words: never a Python object's repr (Pillow names its file object: '<_io.BytesIO
    object at 0x...>'), never longer than a line."""
    words = re.sub(r"\s*<[\w.]+ object at 0x[0-9a-f]+>", "", str(error)).strip().rstrip(".")
    return (words or type(error).__name__)[:160]


def share_pictures(leaflets: Iterable[Leaflet]) -> list[Leaflet]:
    """The leaflets with each easy-read picture they have in common as one object.

    Leaflets read in separate processes come back with a copy of every symbol
    each: 200 leaflets of the same 47 symbols would hold 9,400 copies (43 MB).
    As one object, a catalogue holds each picture once, and a batch of jobs
    sent to a worker carries each once (pickle writes an object it has already
    written as a reference). Equal pictures are equal in every field, so
    nothing any format writes can change.
    """
    seen: dict[Picture, Picture] = {}

    def one(picture: Picture | None) -> Picture | None:
        return None if picture is None else seen.setdefault(picture, picture)

    shared = []
    for leaflet in leaflets:
        easy = leaflet.easy_read
        if easy is not None:
            sections = tuple(
                replace(section, points=tuple(replace(point, picture=one(point.picture)) for point in section.points))
                for section in easy.sections
            )
            leaflet = replace(leaflet, easy_read=replace(easy, sections=sections))
        shared.append(leaflet)
    return shared
