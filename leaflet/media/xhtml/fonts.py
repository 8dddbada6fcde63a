"""Atkinson Hyperlegible (regular and bold), the large-print typeface, as bytes to embed.

It comes from the ``fontpkg-atkinson-hyperlegible`` package (SIL Open Font
Licence, which allows embedding), the same files the large-print PDF uses.
"""

from __future__ import annotations

import functools
from pathlib import Path

FAMILY = "Atkinson Hyperlegible"
FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")


@functools.cache
def font_bytes() -> tuple[bytes, bytes]:
    """The regular and bold TrueType files."""
    import fontpkg_atkinson_hyperlegible

    folder = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
    regular, bold = ((folder / name).read_bytes() for name in FILES)
    return regular, bold
