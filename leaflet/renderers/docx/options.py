"""The Word format's own options: print size and colour scheme (the record in ``leaflet.renderers`` names the file)."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.colours import DEFAULT_SCHEME, SCHEMES, Scheme

MIN_SIZE, MAX_SIZE = 14, 48
DEFAULT_SIZE = 14  # clear print's ideal; a patient may ask for larger
DEFAULT_COLOURS = DEFAULT_SCHEME


@dataclass(frozen=True, slots=True)
class Options:
    """Body size in points and the name of a colour scheme in ``SCHEMES``."""

    size: int = DEFAULT_SIZE
    colours: str = DEFAULT_COLOURS

    @property
    def scheme(self) -> Scheme:
        return SCHEMES[self.colours]
