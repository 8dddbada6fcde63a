"""What the Word document takes (a print size and colours) and what it writes for them."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.media.colours import PrintOptions


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """Body size in points (clear print's ideal, 14, by default; a patient may ask for larger) and colours."""

    size: int = 14


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """``<id>.docx``; a variant names its values: ``<id>.24pt-black-on-cream.docx``."""
    return (options.file_name(leaflet_id, ".docx", Options().size),)
