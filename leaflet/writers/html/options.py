"""What the web page takes (the web formats' size and colours) and what it writes for them."""

from __future__ import annotations

from leaflet.media.xhtml.options import Options

__all__ = ["Options", "files"]


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """``<id>.html``; a variant names what was chosen: ``<id>.24pt-white-on-black.html``."""
    return (options.file_name(leaflet_id, ".html", Options().size),)
