"""Colour schemes people ask for, each checked for contrast by computation.

WCAG 2.2 asks for 4.5:1 (AA) and 7:1 (AAA) between text and background; every
scheme here must reach 7:1, so a test computes the ratio rather than trusting
the names.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]

MINIMUM_CONTRAST = 7.0  # WCAG 2.2 level AAA for body text


@dataclass(frozen=True, slots=True)
class Scheme:
    """Text and background colours for every page."""

    name: str
    text: RGB
    background: RGB

    @property
    def contrast(self) -> float:
        return contrast_ratio(self.text, self.background)


BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)
CREAM: RGB = (255, 250, 220)  # a pale cream that photocopies well
YELLOW: RGB = (255, 255, 0)  # pure yellow: the strongest yellow people ask for

SCHEMES: dict[str, Scheme] = {
    scheme.name: scheme
    for scheme in (
        Scheme("black-on-white", BLACK, WHITE),
        Scheme("black-on-cream", BLACK, CREAM),
        Scheme("black-on-yellow", BLACK, YELLOW),
        Scheme("white-on-black", WHITE, BLACK),
        Scheme("yellow-on-black", YELLOW, BLACK),
    )
}
DEFAULT_SCHEME = "black-on-white"


def _channel(value: int) -> float:
    """One sRGB channel, linearised as WCAG defines it."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: RGB) -> float:
    red, green, blue = (_channel(v) for v in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: RGB, second: RGB) -> float:
    """The WCAG contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def as_fraction(colour: RGB) -> tuple[float, float, float]:
    """reportlab's colour form: each channel from 0 to 1."""
    red, green, blue = colour
    return red / 255, green / 255, blue / 255
