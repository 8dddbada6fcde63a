"""The words of an imported block, paragraph by paragraph: what is kept when its shape cannot be."""

from __future__ import annotations

from leaflet.core.model import BulletList, Callout, Inlines, NumberedList, Paragraph, Table, Text
from leaflet.importers.document import Heading
from leaflet.importers.lists import MoreParagraph, TypedItem


def words_of(block: object) -> list[Inlines]:
    """``block``'s paragraphs of words in reading order: a list's items (nested ones after their item),
    a table's cells, a box's title and paragraphs; nothing for a picture."""
    match block:
        case Paragraph() | TypedItem() | MoreParagraph():
            return [block.inlines]
        case Heading():
            return [(Text(block.text),)] if block.text else []
        case BulletList() | NumberedList():
            found: list[Inlines] = []
            for item in block.items:
                found.extend(item.paragraphs)
                found.extend(words_of(item.sublist) if item.sublist is not None else [])
            return found
        case Table():
            return [cell for row in (block.header, *block.rows) for cell in row if cell]
        case Callout():
            title: list[Inlines] = [(Text(block.title),)] if block.title else []
            return title + [p for inner in block.blocks for p in words_of(inner)]
    return []
