"""A picture's pixels for the formats that need them: PNG and JPEG as they are, SVG drawn.

Writers call ``raster(image)``; they never read the source folder themselves
when the model already carries the bytes.
"""

from __future__ import annotations

import functools

from leaflet.core.model import Image

SVG_WIDTH = 1600  # pixels: sharp at the widest large-print column, small enough to embed


def raster(image: Image) -> bytes:
    """PNG or JPEG bytes for the picture: an SVG drawing is rendered to PNG on white. The bytes are the
    model's, as the reader read them: a writer never opens the source folder (a Dask worker has none)."""
    if not image.data:
        raise ValueError(f"{image.path}: the model carries no bytes for this picture (read it with the reader)")
    if image.kind == "image/svg+xml":
        return rasterise(image.data, SVG_WIDTH)
    return image.data


@functools.lru_cache(maxsize=16)
def rasterise(svg: bytes, width: int) -> bytes:
    """An SVG drawing as PNG bytes ``width`` pixels wide, on white (no transparency to lose)."""
    return draw_svg(svg.decode("utf-8-sig"), width, background="#ffffff")


def draw_svg(
    svg: str, width: int, *, height: int | None = None, background: str | None = None, system_fonts: bool = True
) -> bytes:
    """The one SVG rasteriser (resvg): PNG bytes ``width`` pixels wide (and ``height`` high, if given).

    ``background`` fills what is transparent (None keeps it transparent);
    ``system_fonts=False`` draws without loading the machine's fonts (faster,
    and the same bytes on every machine, for drawings with no text).
    """
    import resvg_py

    drawn = resvg_py.svg_to_bytes(
        svg_string=svg, width=width, height=height, background=background, skip_system_fonts=not system_fonts
    )
    return bytes(drawn)
