"""The words of a leaflet's model in reading order, for comparing an import with its original."""

from __future__ import annotations

from leaflet.core.model import BulletList, Callout, Image, Leaflet, NumberedList, Paragraph, Table
from leaflet.core.text import plain, words


def block_words(block: object) -> list[str]:
    """A block's words: a paragraph's, a list's items (nested ones after their item), a table's cells, a
    picture's alt text, a box's title and paragraphs (not its label: a tool may print its own marker)."""
    match block:
        case Paragraph():
            return words(plain(block.inlines))
        case BulletList() | NumberedList():
            found: list[str] = []
            for item in block.items:
                for paragraph in item.paragraphs:
                    found += words(plain(paragraph))
                found += block_words(item.sublist) if item.sublist is not None else []
            return found
        case Table():
            return [w for row in (block.header, *block.rows) for cell in row for w in words(plain(cell))]
        case Image():
            return words(block.alt)
        case Callout():
            return words(block.title or "") + [w for inner in block.blocks for w in block_words(inner)]
    return []


def body_words(leaflet: Leaflet) -> list[str]:
    """The title, then every heading and block of the body, in reading order."""
    found = words(leaflet.meta.title)
    for section in leaflet.sections:
        found += words(section.heading or "")
        for block in section.blocks:
            found += block_words(block)
    return found
