"""The colour schemes people ask for in print, one table for every print format.

A patient who asks for "black on cream" gets the same cream in the PDF and
in Word. WCAG 2.2 asks for 4.5:1 (AA) and 7:1 (AAA) between text and its
background; every colour here, text and links alike, reaches 7:1, which a
test computes rather than trusting the names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from leaflet.core.model import CalloutKind

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


# The NHS care cards and the other callouts -------------------------------------------------------------
# NHS.UK's design system draws the care cards in NHS red (emergency: a red card, white bold text, a black
# outline; urgent: a red border and a red heading band) and NHS blue (non-urgent: a blue heading band). White
# text on NHS red is 5.1:1 and on NHS blue 6.4:1: AA, not the 7:1 every scheme here keeps, so text-bearing red
# and blue (the bands, the emergency card) are a shade darker (7.7:1 and 7.6:1 with white, 7.2:1 and 7.1:1
# with yellow); the edges keep NHS red and blue, which stand 4.7:1 or more from every light page (WCAG 1.4.11
# asks 3:1). On a black page NHS red and blue edges would show 4.2:1 and 3.3:1 at best, so the dark schemes
# draw them lighter, and the emergency card's outline in the scheme's text colour.

NHS_RED = "D5281B"
NHS_BLUE = "005EB8"
RED_BAND = "A21E15"  # NHS red darkened until white and yellow text on it reach 7:1
BLUE_BAND = "0053A2"  # NHS blue darkened the same way
RED_ON_DARK = "E2685F"  # NHS red lightened for an edge on a black page
BLUE_ON_DARK = "73A6D8"  # NHS blue lightened the same way
MINIMUM_EDGE_CONTRAST = 3.0  # WCAG 2.2 1.4.11: a component's edge against what is next to it

Pattern = Literal["solid", "double", "dashed", "dotted"]
Tone = Literal["red", "blue", "outline", "text"]


@dataclass(frozen=True, slots=True)
class Look:
    """How one kind of callout is drawn, whatever the colours: its border's pattern and weight (in ems of the
    body text), whose colour its edge takes, and whether its label sits on a filled band, the whole card is
    filled, or its left edge is a heavier bar. No two kinds look alike without colour."""

    pattern: Pattern
    weight: float
    tone: Tone
    band: bool = False
    filled: bool = False
    bar: float = 0.0  # the left edge's weight in ems, when heavier than the rest


LOOKS: Mapping[CalloutKind, Look] = {
    "emergency": Look("solid", 0.25, "outline", band=True, filled=True),  # a red card, white bold words
    "urgent": Look("solid", 0.25, "red", band=True),  # red border, red heading band
    "non-urgent": Look("solid", 0.15, "blue", band=True),  # blue border, blue heading band
    "important": Look("solid", 0.1, "text", bar=0.5),  # a thick bar down its left side
    "warning": Look("double", 0.3, "text"),  # two lines
    "caution": Look("dotted", 0.2, "text"),  # heavy dots
    "note": Look("solid", 0.08, "text"),  # a thin line
    "tip": Look("dashed", 0.1, "text"),  # a dashed line
}


@dataclass(frozen=True, slots=True)
class Card:
    """A callout's colours in one scheme: its edge; the band behind its label (None: no band) and the colour
    of the label on it; the fill behind the whole card (None: the page) and the colour of its words."""

    look: Look
    edge: str
    band: str | None
    label_text: str
    fill: str | None
    text: str
    link: str


def card(kind: CalloutKind, scheme: Scheme) -> Card:
    """The colours of a ``kind`` callout in ``scheme``: 7:1 for every word, 3:1 for its edge."""
    look = LOOKS[kind]
    dark = relative_luminance(scheme.background) < relative_luminance(scheme.text)
    on_band = scheme.text if dark else "FFFFFF"
    edges = {
        "red": RED_ON_DARK if dark else NHS_RED,
        "blue": BLUE_ON_DARK if dark else NHS_BLUE,
        "outline": scheme.text,
        "text": scheme.text,
    }
    band = {"red": RED_BAND, "blue": BLUE_BAND, "outline": RED_BAND}.get(look.tone) if look.band else None
    if look.filled:
        return Card(look, edges[look.tone], band, on_band, RED_BAND, on_band, on_band)
    return Card(look, edges[look.tone], band, on_band if band else scheme.text, None, scheme.text, scheme.link)
