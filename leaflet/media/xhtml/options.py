"""The web formats' personal options (``html``, ``easy-read-html``): a body size and a colour scheme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaflet.media.colours import DEFAULT_SCHEME, PrintOptions
from leaflet.options import size_and_colours

DEFAULT_SIZE = 18  # large print; 24 CSS pixels at the browser's default zoom (easy read asks for 16pt or more)
SMALLEST, LARGEST = 14, 48


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """Body size in points (at the browser's default zoom) and a colour scheme.

    The default scheme follows the reader's own light or dark setting; any other stays as chosen.
    """

    size: int = DEFAULT_SIZE

    @property
    def fixed_colours(self) -> str | None:
        return None if self.colours == DEFAULT_SCHEME else self.colours


def parse_options(values: Mapping[str, str]) -> Options:
    size, colours = size_and_colours(values, SMALLEST, LARGEST, DEFAULT_SIZE)
    return Options(size, colours)
