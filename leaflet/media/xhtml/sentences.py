"""A run of inlines cut into sentences, keeping bold words and links whole.

pysbd finds the sentence boundaries in the plain text; the inlines are then
cut at those places. A boundary that falls inside a link is dropped (a
link's words are one thing to hear and to highlight), and bold words that
span two sentences become two bold runs.
"""

from __future__ import annotations

from dataclasses import replace

from leaflet.core.model import Inline, Inlines, LineBreak, Link, Strong, Text
from leaflet.core.text import plain, segmenter


def boundaries(text: str, language: str = "en") -> list[int]:
    """Where each sentence after the first starts in ``text``."""
    spans = segmenter(language.split("-")[0].lower(), char_span=True).segment(text)  # type: ignore[attr-defined]
    return [span.start for span in spans[1:] if 0 < span.start < len(text)]


def split(inlines: Inlines, language: str = "en") -> list[Inlines]:
    """``inlines`` as sentences, each stripped of the spaces around it; at least one."""
    text = plain(inlines)
    cuts = [cut for cut in boundaries(text, language) if not _inside_link(inlines, cut)]
    pieces: list[Inlines] = []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        piece = _strip(_slice(inlines, start, end))
        if piece:
            pieces.append(piece)
    return pieces or [inlines]


def _inside_link(inlines: Inlines, offset: int) -> bool:
    position = 0
    for inline in inlines:
        end = position + len(inline.text)
        if isinstance(inline, Link) and position < offset < end:
            return True
        position = end
    return False


def _slice(inlines: Inlines, start: int, end: int) -> Inlines:
    """The inlines covering characters ``start`` to ``end`` of their plain text."""
    taken: list[Inline] = []
    position = 0
    for inline in inlines:
        low, high = max(start, position), min(end, position + len(inline.text))
        if low < high:
            part = inline.text[low - position : high - position]
            taken.append(inline if part == inline.text or isinstance(inline, LineBreak) else replace(inline, text=part))
        position += len(inline.text)
    return tuple(taken)


def _strip(inlines: Inlines) -> Inlines:
    """Spaces off both ends; runs left empty are dropped (a link never is: its words stay)."""
    items = list(inlines)
    if items and isinstance(items[0], Text | Strong):
        items[0] = replace(items[0], text=items[0].text.lstrip())
    if items and isinstance(items[-1], Text | Strong):
        items[-1] = replace(items[-1], text=items[-1].text.rstrip())
    return tuple(item for item in items if item.text)
