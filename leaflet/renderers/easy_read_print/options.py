"""The easy-read print format's options: body size and colour scheme, and the file name they give."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.colours import DEFAULT_SCHEME, SCHEMES, Scheme

DEFAULT_SIZE = 16  # easy-read guidance: at least 14pt, 16pt recommended
SMALLEST, LARGEST = 14, 48
DEFAULT_COLOURS = DEFAULT_SCHEME


@dataclass(frozen=True, slots=True)
class Options:
    """The body size in points and the name of a colour scheme in ``leaflet.colours.SCHEMES``."""

    size: int = DEFAULT_SIZE
    colours: str = DEFAULT_COLOURS

    @property
    def scheme(self) -> Scheme:
        return SCHEMES[self.colours]


def file_name(leaflet_id: str, options: Options) -> str:
    """``<id>.easy-read.docx``; a variant names its values: ``<id>.easy-read.20pt-black-on-cream.docx``."""
    parts = []
    if options.size != DEFAULT_SIZE:
        parts.append(f"{options.size}pt")
    if options.colours != DEFAULT_COLOURS:
        parts.append(options.colours)
    return f"{leaflet_id}.easy-read.{'-'.join(parts)}.docx" if parts else f"{leaflet_id}.easy-read.docx"
