"""Pictures for easy read: an open symbol set, a chooser, and the pictures they give the model.

- ``catalogue``: OpenMoji's drawings named by Unicode's emoji names, drawn to PNG.
- ``curated``: the health words and the symbol for each (doctor, tablets, heart...).
- ``choose``: which symbol fits a point's words; pure and deterministic.

``with_pictures(sections)`` is what the reader calls: every point the author
has not decided gets the best symbol for its words (or stays without one when
nothing fits, which ``leaflet check`` reports).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from leaflet.core.model import EasyReadSection, Picture
from leaflet.core.text import plain
from leaflet.media.symbols.catalogue import CREDIT, Symbol, catalogue, render
from leaflet.media.symbols.choose import Choice, Vocabulary, choose_section, key, vocabulary
from leaflet.media.symbols.curated import ALT, HEALTH_WORDS

__all__ = ["CREDIT", "Choice", "find", "suggest", "symbol_picture", "vocab", "with_pictures"]


@functools.cache
def vocab() -> Vocabulary:
    """The curated health words beside the keyword index of the whole set (built once a process)."""
    return vocabulary(HEALTH_WORDS, catalogue().index)


def find(name: str) -> Symbol | None:
    return catalogue().find(name)


def suggest(name: str) -> list[str]:
    """Close names for a name not in the set, the health symbols first."""
    return catalogue().suggest(name, frozenset(key(symbol) for symbol in ALT))


def symbol_picture(symbol: Symbol, alt: str | None = None, matched: tuple[str, ...] = ()) -> Picture:
    """The symbol drawn to PNG, with the author's alt text or the one that says what it shows."""
    return Picture(
        data=render(symbol.code),
        alt=alt or ALT.get(symbol.name, symbol.description),
        name=symbol.name,
        credit=CREDIT,
        matched=matched,
    )


def with_pictures(sections: Sequence[EasyReadSection]) -> tuple[EasyReadSection, ...]:
    """``sections`` with a chosen symbol for each point the author left to the publisher."""
    words = vocab()
    symbols = catalogue().symbols
    result = []
    for section in sections:
        decided = [
            _decided(point.picture) if point.picture or not point.wants_picture else None for point in section.points
        ]
        choices = choose_section([plain(point.inlines) for point in section.points], words, decided)
        points = tuple(
            point
            if choice is None
            else type(point)(point.inlines, symbol_picture(symbols[choice.symbol], matched=choice.matched), point.line)
            for point, choice in zip(section.points, choices, strict=True)
        )
        result.append(EasyReadSection(section.heading, points, section.line, section.covers))
    return tuple(result)


def _decided(picture: Picture | None) -> str:
    """What the author decided, as the chooser's 'previous' symbol: the symbol's key, or '' for none or a file."""
    return key(picture.name) if picture is not None and picture.credit == CREDIT else ""
