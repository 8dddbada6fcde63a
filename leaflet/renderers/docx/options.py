"""The Word format's own options: print size and colour scheme, and the file name they give."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

MIN_SIZE, MAX_SIZE = 14, 48
DEFAULT_SIZE = 14  # clear print's ideal; a patient may ask for larger
DEFAULT_COLOURS = "black-on-white"


@dataclass(frozen=True, slots=True)
class Scheme:
    """Page background, text and link colours as hex RGB (each at least 7:1 against the page)."""

    background: str
    text: str
    link: str


SCHEMES: Mapping[str, Scheme] = {
    "black-on-white": Scheme(background="FFFFFF", text="000000", link="1A3D8F"),
    "black-on-cream": Scheme(background="FFF8DC", text="000000", link="1A3D8F"),
    "black-on-yellow": Scheme(background="FFFF66", text="000000", link="1A3D8F"),
    "white-on-black": Scheme(background="000000", text="FFFFFF", link="9CD2FF"),
    "yellow-on-black": Scheme(background="000000", text="FFFF00", link="9CD2FF"),
}


@dataclass(frozen=True, slots=True)
class Options:
    """Body size in points and the name of a colour scheme in ``SCHEMES``."""

    size: int = DEFAULT_SIZE
    colours: str = DEFAULT_COLOURS

    @property
    def scheme(self) -> Scheme:
        return SCHEMES[self.colours]


def file_name(leaflet_id: str, options: Options) -> str:
    """``<id>.docx`` for the defaults; otherwise the chosen values in the name: ``<id>.24pt-black-on-cream.docx``."""
    parts = []
    if options.size != DEFAULT_SIZE:
        parts.append(f"{options.size}pt")
    if options.colours != DEFAULT_COLOURS:
        parts.append(options.colours)
    return f"{leaflet_id}.{'-'.join(parts)}.docx" if parts else f"{leaflet_id}.docx"


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two hex RGB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(hex_rgb: str) -> float:
    channels = [int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
