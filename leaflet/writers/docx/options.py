"""The Word format's own options: print size and colour scheme (the record in ``leaflet.writers`` names the file)."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.media.colours import DEFAULT_SCHEME, SCHEMES, PrintOptions

__all__ = ["DEFAULT_COLOURS", "DEFAULT_SIZE", "MAX_SIZE", "MIN_SIZE", "SCHEMES", "Options"]

MIN_SIZE, MAX_SIZE = 14, 48
DEFAULT_SIZE = 14  # clear print's ideal; a patient may ask for larger
DEFAULT_COLOURS = DEFAULT_SCHEME


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """Body size in points (clear print's 14 by default) and the name of a colour scheme in ``SCHEMES``."""

    size: int = DEFAULT_SIZE
