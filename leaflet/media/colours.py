"""The colour schemes people ask for in print, one table for every print format.

A patient who asks for "black on cream" gets the same cream in the PDF and
in Word. WCAG 2.2 asks for 4.5:1 (AA) and 7:1 (AAA) between text and its
background; every colour here, text and links alike, reaches 7:1, which a
test computes rather than trusting the names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

MINIMUM_CONTRAST = 7.0  # WCAG 2.2 level AAA for body text
DEFAULT_SCHEME = "black-on-white"


@dataclass(frozen=True, slots=True)
class Scheme:
    """Text, background and link colours as hex RGB ('FFFADC')."""

    name: str
    text: str
    background: str
    link: str

    @property
    def contrast(self) -> float:
        """The contrast of the text on the background."""
        return contrast_ratio(self.text, self.background)


SCHEMES: Mapping[str, Scheme] = {
    scheme.name: scheme
    for scheme in (
        Scheme("black-on-white", text="000000", background="FFFFFF", link="1A3D8F"),
        Scheme(
            "black-on-cream", text="000000", background="FFFADC", link="1A3D8F"
        ),  # a pale cream that photocopies well
        Scheme(
            "black-on-yellow", text="000000", background="FFFF00", link="1A3D8F"
        ),  # the strongest yellow people ask for
        Scheme("white-on-black", text="FFFFFF", background="000000", link="9CD2FF"),
        Scheme("yellow-on-black", text="FFFF00", background="000000", link="9CD2FF"),
    )
}


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """A print format's personal options: body size in points and a scheme's name in ``SCHEMES``.

    Each format subclasses it to give ``size`` its own default.
    """

    size: int
    colours: str = DEFAULT_SCHEME

    @property
    def scheme(self) -> Scheme:
        return SCHEMES[self.colours]

    def file_name(self, stem: str, extension: str, default_size: int) -> str:
        """``<stem><extension>`` for the defaults, else with the values chosen: ``<stem>.24pt-black-on-cream.docx``."""
        parts = [f"{self.size}pt"] if self.size != default_size else []
        if self.colours != DEFAULT_SCHEME:
            parts.append(self.colours)
        return f"{stem}.{'-'.join(parts)}{extension}" if parts else f"{stem}{extension}"


def rgb(hex_rgb: str) -> tuple[int, int, int]:
    """'FFFADC' -> (255, 250, 220)."""
    return int(hex_rgb[0:2], 16), int(hex_rgb[2:4], 16), int(hex_rgb[4:6], 16)


def as_fraction(hex_rgb: str) -> tuple[float, float, float]:
    """reportlab's colour form: each channel from 0 to 1."""
    red, green, blue = rgb(hex_rgb)
    return red / 255, green / 255, blue / 255


def relative_luminance(hex_rgb: str) -> float:
    """Relative luminance as WCAG defines it, from 0 (black) to 1 (white)."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb(hex_rgb))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two hex colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
