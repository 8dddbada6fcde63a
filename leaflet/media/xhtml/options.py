"""The web formats' personal options (``html``, ``easy-read-html``): a body size and a colour scheme."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.media.colours import DEFAULT_SCHEME, PrintOptions


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """Body size in points at the browser's default zoom (large print's 18: 24 CSS pixels) and a colour scheme.

    The default scheme follows the reader's own light or dark setting; any other stays as chosen.
    """

    size: int = 18

    @property
    def fixed_colours(self) -> str | None:
        return None if self.colours == DEFAULT_SCHEME else self.colours
