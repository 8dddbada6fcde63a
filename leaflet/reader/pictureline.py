"""An easy-read point's ``picture:`` line, and the author's own picture files.

    picture: hospital                          a symbol, by its name
    picture: health worker "A nurse"           ... with the author's alt text
    picture: ward-phone.png "A nurse on the phone"   a PNG or JPEG in the leaflet's folder (or an SVG, drawn to PNG)
    picture: none                              no picture for this point

Every mistake is a ``SourceError`` at the line of the ``picture:`` line; an
unknown symbol name suggests the closest names.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import Picture, PictureKind
from leaflet.reader.pictures import picture_file, picture_problem

PICTURE_LINE = re.compile(r"^picture:", re.IGNORECASE)
PICTURE_HELP = (
    "write 'picture: <symbol name>' (see 'leaflet pictures <id>'), "
    "'picture: <file>.png \"what it shows\"' or 'picture: none'"
)
_SHAPE = re.compile(
    r'^picture:\s*(?P<what>[^"\u201c]*?)\s*(?:["\u201c](?P<alt>[^"\u201d]*)["\u201d])?\s*$', re.IGNORECASE
)
_FILE = re.compile(r"\.[a-z0-9]{2,5}$", re.IGNORECASE)  # a name with an extension is a file, never a symbol
_NONE = frozenset({"none", "no picture", "no"})
_KINDS: dict[str, PictureKind] = {"PNG": "image/png", "JPEG": "image/jpeg"}


@dataclass(frozen=True, slots=True)
class PictureLine:
    """What the author decided: a picture, or None for 'picture: none'."""

    picture: Picture | None


def parse_picture_line(text: str, path: Path, line: int, folder: Path) -> PictureLine:
    """The decision written on ``text`` (``path`` at ``line``), the picture read and checked."""
    shape = _SHAPE.match(text)
    if shape is None:
        raise SourceError(path, line, f"this 'picture:' line is not understood; {PICTURE_HELP}")
    what, alt = shape.group("what"), " ".join((shape.group("alt") or "").split())
    if not what:
        raise SourceError(path, line, f"this 'picture:' line names no picture; {PICTURE_HELP}")
    if what.lower() in _NONE:
        if alt:
            raise SourceError(path, line, "'picture: none' takes no alt text: there is no picture to describe")
        return PictureLine(None)
    if _FILE.search(what) or "/" in what:
        if not alt:
            raise SourceError(
                path,
                line,
                f"the picture '{what}' has no alt text; say what it shows: picture: {what} \"what the picture shows\"",
            )
        return PictureLine(own_picture(Path(what), alt, path, line, folder))
    return PictureLine(_symbol(what, alt, path, line))


def _symbol(name: str, alt: str, path: Path, line: int) -> Picture:
    from leaflet.media.symbols import suggest, symbol_named, symbol_picture
    from leaflet.media.symbols.catalogue import SET_NAME

    symbol = symbol_named(name)
    if symbol is None:
        close = suggest(name)
        hint = f"did you mean {', '.join(repr(c) for c in close)}? " if close else ""
        raise SourceError(
            path,
            line,
            f"there is no symbol called '{name}' in {SET_NAME}; {hint}"
            f"'leaflet pictures <id> --find WORD' lists names; or give your own file: picture: <file>.png \"what it shows\"",
        )
    return symbol_picture(symbol, alt or None)


def own_picture(given: Path, alt: str, path: Path, line: int, folder: Path) -> Picture:
    """The author's PNG or JPEG, its bytes exactly as they are in the leaflet's folder."""

    def fail(message: str) -> SourceError:
        return SourceError(path, line, message)

    target = picture_file(given, folder, fail, use="a picture for a point")
    data = target.read_bytes()
    name = target.relative_to(folder.resolve()).as_posix()
    if target.suffix.lower() == ".svg":
        return Picture(_drawn(data, fail, given), alt, name, "image/png")
    kind = _kind(data)
    if kind is None:
        raise fail(
            f"the picture '{given}' is not a PNG, JPEG or SVG picture; save it as PNG (best for drawings) or JPEG"
        )
    return Picture(data, alt, name, kind)


def _drawn(svg: bytes, fail: Callable[[str], SourceError], given: Path) -> bytes:
    """An SVG drawing of the author's as PNG, as wide as a symbol (the one case a picture is not used as given)."""
    from leaflet.media.pictures import draw_svg
    from leaflet.media.symbols.catalogue import PIXELS

    try:
        return draw_svg(svg.decode("utf-8-sig"), PIXELS, system_fonts=False)
    except (UnicodeDecodeError, ValueError) as error:
        raise fail(f"the drawing '{given}' cannot be drawn ({error}); save it again as SVG, or as PNG") from None


def _kind(data: bytes) -> PictureKind | None:
    """The kind of picture ``data`` holds, checked whole as every picture is (``reader.pictures``), or None."""
    from PIL import Image  # Pillow comes with reportlab

    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = _KINDS.get(picture.format or "")
    except Exception:  # Pillow raises many kinds for a damaged or foreign file
        return None
    return kind if kind is not None and picture_problem(data, kind) is None else None
