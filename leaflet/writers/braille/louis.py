"""liblouis through ctypes: forward and back translation with its own UEB tables.

liblouis has no PyPI package. Debian ships the library (``liblouis20``), its
tables (``liblouis-data``) and a binding (``python3-louis``) for the system
Python only; the project's Python may be another, so this module loads
``liblouis.so.20`` itself and names the tables by file name, which liblouis
finds on its own table path. Where the library or its tables are missing,
``load`` raises ``BrailleUnavailable`` with the one command that installs them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from collections.abc import Callable, Sequence

from leaflet.core.diagnostics import BuildError

INSTALL = "apt-get install liblouis20 liblouis-data"
LIBRARY_NAMES = ("liblouis.so.20", "liblouis.so")
LIBRARY_VARIABLE = "LEAFLET_LIBLOUIS"
GRADE_TABLES = {1: "en-ueb-g1.ctb", 2: "en-ueb-g2.ctb"}  # Unified English Braille, as used in the UK
BOLD = 4  # liblouis typeform: the third emphasis class, which the UEB tables name bold


# BRF is written in upper-case braille ASCII (0x20-0x5F); liblouis's UEB tables read the lower-case form.
_UNFOLD = str.maketrans("@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^", "`abcdefghijklmnopqrstuvwxyz{|}~")


class BrailleUnavailable(BuildError):
    """liblouis or its UEB tables are not installed (the braille format cannot be built)."""


class Louis:
    """One loaded liblouis: translate print to braille ASCII and back."""

    def __init__(self, library: ctypes.CDLL) -> None:
        self._lib = library
        self.char_size = int(library.lou_charSize())
        if self.char_size not in (2, 4):
            raise BrailleUnavailable(
                f"liblouis uses {self.char_size}-byte characters, which this publisher cannot read"
            )
        self._encoding = "utf-32-le" if self.char_size == 4 else "utf-16-le"
        library.lou_version.restype = ctypes.c_char_p
        library.lou_checkTable.argtypes = (ctypes.c_char_p,)
        library.lou_checkTable.restype = ctypes.c_int
        for name in ("lou_translateString", "lou_backTranslateString"):
            function = getattr(library, name)
            function.argtypes = (
                ctypes.c_char_p,
                ctypes.c_char_p,
                ctypes.POINTER(ctypes.c_int),
                ctypes.c_char_p,
                ctypes.POINTER(ctypes.c_int),
                ctypes.POINTER(ctypes.c_uint16),
                ctypes.c_char_p,
                ctypes.c_int,
            )
            function.restype = ctypes.c_int

    @property
    def version(self) -> str:
        raw: bytes = self._lib.lou_version()
        return raw.decode("ascii")

    def has_table(self, table: str) -> bool:
        return bool(self._lib.lou_checkTable(table.encode()))

    def translate(self, text: str, table: str, typeform: Sequence[int] = ()) -> str:
        """``text`` in braille ASCII (liblouis writes lower case), by ``table``."""
        return self._call(self._lib.lou_translateString, text, table, typeform)

    def back_translate(self, braille: str, table: str) -> str:
        """Braille ASCII back to print, by ``table``."""
        return self._call(self._lib.lou_backTranslateString, braille.translate(_UNFOLD), table, ())

    def _call(self, function: Callable[..., int], text: str, table: str, typeform: Sequence[int]) -> str:
        if not text:
            return ""
        data = text.encode(self._encoding, "surrogatepass")
        length = len(data) // self.char_size
        room = length * 8 + 64  # every character undefined would take an escape of this order
        in_len, out_len = ctypes.c_int(length), ctypes.c_int(room)
        out = ctypes.create_string_buffer(room * self.char_size)
        forms = None
        if typeform:
            forms = (ctypes.c_uint16 * room)(*typeform)
        if not function(table.encode(), data, ctypes.byref(in_len), out, ctypes.byref(out_len), forms, None, 0):
            raise BuildError(f"liblouis could not translate with {table}: {text[:60]!r}")
        return out.raw[: out_len.value * self.char_size].decode(self._encoding, "surrogatepass")


def load() -> Louis:
    """The installed liblouis with both UEB tables, or BrailleUnavailable naming the install command.

    ``LEAFLET_LIBLOUIS`` names the library file to load instead of searching
    the usual names (for a liblouis built elsewhere, or to show what a
    machine without it does).
    """
    chosen = os.environ.get(LIBRARY_VARIABLE)
    return _load((chosen,) if chosen else LIBRARY_NAMES, search=not chosen)


@functools.cache
def _load(names: tuple[str, ...], search: bool) -> Louis:
    library = _open(names, search)
    if library is None:
        raise BrailleUnavailable(f"braille needs liblouis, which is not installed; run: {INSTALL}")
    louis = Louis(library)
    missing = [table for table in GRADE_TABLES.values() if not louis.has_table(table)]
    if missing:
        raise BrailleUnavailable(f"liblouis has no {missing[0]} table; run: {INSTALL}")
    return louis


def _open(names: Sequence[str], search: bool) -> ctypes.CDLL | None:
    found = ctypes.util.find_library("louis") if search else None
    for name in (*names, *([found] if found else [])):
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None
