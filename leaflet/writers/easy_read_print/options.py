"""The easy-read print format's options: body size and colour scheme (the record in ``leaflet.writers`` names the file)."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.media.colours import DEFAULT_SCHEME, PrintOptions

DEFAULT_SIZE = 16  # easy-read guidance: at least 14pt, 16pt recommended
SMALLEST, LARGEST = 14, 48
DEFAULT_COLOURS = DEFAULT_SCHEME


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """The body size in points (16 by default) and the name of a colour scheme in ``leaflet.media.colours.SCHEMES``."""

    size: int = DEFAULT_SIZE
