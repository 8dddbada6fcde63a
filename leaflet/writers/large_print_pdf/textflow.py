"""Breaking text into lines by the large-print rules, without reportlab's markup.

We lay out lines ourselves rather than through reportlab's ``Paragraph``:
its mini-XML would have to be escaped (PITFALLS.md), it writes no space at
line ends (screen readers then run words together), and it cannot promise
that a phone number or web address stays whole. Here:

- lines break only at spaces, so nothing is hyphenated and no word splits;
- a phone number's spaces are glued, so the number moves to the next line whole;
- a word longer than the whole line (a long web address) breaks only after
  a ``/``, an email address only before its ``@``; only a piece still too
  long (giant print) breaks before a ``-`` or ``.`` (so no line ends as a
  sentence or a hyphenated word would), and as a last resort between letters;
- every line but the last keeps its trailing space, drawn invisibly, so the
  text read back in order is spaced;
- a ``BREAK`` piece (the author's hard line break) ends the line there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leaflet.core.text import keep_together

GLUE = "\u00a0"  # a space that never breaks; drawn as an ordinary space
BREAK = "\n"  # a piece of this text ends its line (an address, opening hours)
_SLASH = r"(?<=/)(?!/)"


@dataclass(frozen=True, slots=True)
class Piece:
    """Some characters in one weight, owned by one structure element.

    ``owner`` is 0 for the block itself, or n for the block's n-th link.
    """

    text: str
    bold: bool = False
    owner: int = 0


@dataclass(frozen=True, slots=True)
class Line:
    """One laid-out line: its pieces, merged where weight and owner agree."""

    pieces: tuple[Piece, ...]


Measure = Callable[[Piece], float]


def glue_numbers(text: str) -> str:
    """``text`` with the spaces inside phone numbers, dates and values with their units made unbreakable."""
    return keep_together(text)


def unbreakable(text: str, bold: bool = False, owner: int = 0) -> Piece:
    """A piece whose spaces never break (an ISBN with its label, a short address)."""
    return Piece(text.replace(" ", GLUE), bold, owner)


def words(pieces: Sequence[Piece]) -> list[tuple[list[Piece], Piece | None]]:
    """Split pieces into words, each with the space that follows it (or None)."""
    result: list[tuple[list[Piece], Piece | None]] = []
    current: list[Piece] = []
    for piece in pieces:
        for chunk in re.split(r"( +|\n+)", piece.text.replace("\t", " ")):
            if not chunk:
                continue
            if chunk.isspace():
                gap = BREAK if BREAK in chunk else " "
                if current:
                    result.append((current, Piece(gap, piece.bold, piece.owner)))
                    current = []
                elif result and (result[-1][1] is None or gap == BREAK):
                    result[-1] = (result[-1][0], Piece(gap, piece.bold, piece.owner))
            else:
                current.append(Piece(chunk, piece.bold, piece.owner))
    if current:
        result.append((current, None))
    return result


def lay_out(pieces: Sequence[Piece], width: float, measure: Measure) -> list[Line]:
    """Greedy line filling: as many whole words on each line as fit in ``width``."""
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0.0
    pending_space: Piece | None = None
    for word, space in words(pieces):
        for part in _fit(word, width, measure):
            part_width = sum(measure(p) for p in part)
            gap = measure(pending_space) if pending_space and line else 0.0
            if line and used + gap + part_width > width:
                if pending_space:
                    line.append(pending_space)  # the line-end space, kept for text extraction
                lines.append(line)
                line, used, gap = [], 0.0, 0.0
            elif line and pending_space:
                line.append(pending_space)
            line.extend(part)
            used += gap + part_width
            pending_space = None
        if space is not None and space.text == BREAK:
            lines.append([*line, Piece(" ", space.bold, space.owner)])  # the line-end space, for extraction
            line, used, space = [], 0.0, None
        pending_space = space
    if line:
        lines.append(line)
    return [Line(_merge(pieces_of_line)) for pieces_of_line in lines]


def _fit(word: list[Piece], width: float, measure: Measure) -> list[list[Piece]]:
    """The word whole if it fits; otherwise broken after '/', then before '-' or '.', then anywhere."""
    if sum(measure(p) for p in word) <= width:
        return [word]
    if "@" in "".join(p.text for p in word[1:] if p.text) or "@" in word[0].text[1:]:
        halves = _break_at(word, r"(?=@)", 0.0, measure)  # an email address: its two halves, whole if they fit
        if len(halves) > 1:
            return [part for half in halves for part in _fit(half, width, measure)]
    return _fit_at(word, width, measure, _ADDRESS_BREAKS)


# Where a web address may break, best first: after a slash (not inside "//"); before a dot or hyphen, so
# the next line starts with it and no line ends as a sentence or a hyphenated word would; anywhere.
_ADDRESS_BREAKS = (_SLASH, r"(?=[-.])", r"(?<=.)")


def _fit_at(word: list[Piece], width: float, measure: Measure, patterns: Sequence[str]) -> list[list[Piece]]:
    """``word`` in pieces as wide as fit, broken where the first pattern allows; a piece still too wide is
    broken where the next allows, and so on: the rest of the address keeps its better breaks."""
    parts = _break_at(word, patterns[0], width, measure)
    if len(patterns) == 1:
        return parts
    return [
        piece
        for part in parts
        for piece in ([part] if sum(measure(p) for p in part) <= width else _fit_at(part, width, measure, patterns[1:]))
    ]


def narrowest(word: list[Piece], measure: Measure) -> float:
    """The least width ``word`` can take without breaking anywhere but after a '/'."""
    parts = _break_at(word, _SLASH, 0.0, measure)  # width 0: every piece on its own
    return max((sum(measure(p) for p in part) for part in parts), default=0.0)


def _break_at(word: list[Piece], pattern: str, width: float, measure: Measure) -> list[list[Piece]]:
    """Greedy pieces of ``word`` split only where ``pattern`` matches, each as wide as fits."""
    atoms: list[Piece] = []
    for p in word:
        for text in re.split(pattern, p.text):
            if atoms and text and not any(ch.isalnum() for ch in text) and atoms[-1].owner == p.owner:
                atoms[-1] = Piece(atoms[-1].text + text, p.bold, p.owner)  # a closing ")" or "." stays on
            elif text:
                atoms.append(Piece(text, p.bold, p.owner))
    parts: list[list[Piece]] = [[]]
    used = 0.0
    for atom in atoms:
        atom_width = measure(atom)
        if parts[-1] and used + atom_width > width:
            parts.append([])
            used = 0.0
        parts[-1].append(atom)
        used += atom_width
    return parts


def _merge(pieces: list[Piece]) -> tuple[Piece, ...]:
    merged: list[Piece] = []
    for piece in pieces:
        if merged and merged[-1].bold == piece.bold and merged[-1].owner == piece.owner:
            merged[-1] = Piece(merged[-1].text + piece.text, piece.bold, piece.owner)
        else:
            merged.append(piece)
    return tuple(merged)


def shown(text: str) -> str:
    """What is drawn for ``text``: glued spaces become ordinary spaces."""
    return text.replace(GLUE, " ")
