"""What the large-print PDF takes (a print size and colours) and what it writes for them."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.media.colours import PrintOptions

LARGE_PRINT_MINIMUM = 16  # UKAAF: below this it is clear print, not large print


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """Print size in points (large print's ideal, 18, by default) and a colour scheme's name."""

    size: int = 18


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """``<id>.large-print.pdf``; a variant names both its values: ``<id>.large-print-24pt-white-on-black.pdf``."""
    if options == Options():
        return (f"{leaflet_id}.large-print.pdf",)
    return (f"{leaflet_id}.large-print-{options.size}pt-{options.colours}.pdf",)
