"""What the easy read for print takes (a print size and colours) and what it writes for them."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.media.colours import PrintOptions


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """The body size in points (16 by default: easy-read guidance asks for 14 or more, 16 recommended) and colours."""

    size: int = 16


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """``<id>.easy-read.docx``; a variant names its values: ``<id>.easy-read.20pt-black-on-cream.docx``."""
    return (options.file_name(f"{leaflet_id}.easy-read", ".docx", Options().size),)
