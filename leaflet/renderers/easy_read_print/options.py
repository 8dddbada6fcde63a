"""The easy-read print format's options: body size and colour scheme, and the file name they give."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.colours import DEFAULT_SCHEME, PrintOptions

DEFAULT_SIZE = 16  # easy-read guidance: at least 14pt, 16pt recommended
SMALLEST, LARGEST = 14, 48
DEFAULT_COLOURS = DEFAULT_SCHEME


def file_name(leaflet_id: str, options: Options) -> str:
    """``<id>.easy-read.docx``; a variant names its values: ``<id>.easy-read.20pt-black-on-cream.docx``."""
    return options.file_name(f"{leaflet_id}.easy-read", ".docx", DEFAULT_SIZE)


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """The body size in points (16 by default) and the name of a colour scheme in ``leaflet.colours.SCHEMES``."""

    size: int = DEFAULT_SIZE
