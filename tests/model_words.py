"""The words of a leaflet's model in reading order, for comparing an import with its original."""

from __future__ import annotations

from leaflet.core.model import Block, Leaflet
from leaflet.core.text import plain, words
from leaflet.core.walk import inline_runs


def block_words(block: Block) -> list[str]:
    """A block's words as the one walk reads them: a paragraph's, a list's items (nested ones after their item),
    a table's cells, a picture's alt text, a box's title and paragraphs (not its label: a tool may print its
    own marker)."""
    return [word for run in inline_runs(block, labels=False) for word in words(plain(run))]


def body_words(leaflet: Leaflet) -> list[str]:
    """The title, then every heading and block of the body, in reading order."""
    found = words(leaflet.meta.title)
    for section in leaflet.sections:
        found += words(section.heading or "")
        for block in section.blocks:
            found += block_words(block)
    return found
