"""What the easy-read web page takes (the web formats' size and colours) and what it writes for them."""

from __future__ import annotations

from leaflet.media.xhtml.options import Options

__all__ = ["Options", "files"]


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """``<id>.easy-read.html``; a variant names what was chosen: ``<id>.easy-read.24pt-black-on-cream.html``."""
    return (options.file_name(f"{leaflet_id}.easy-read", ".html", Options().size),)
