"""The words of an imported block, paragraph by paragraph: what is kept when its shape cannot be."""

from __future__ import annotations

from typing import assert_never

from leaflet.core.model import Block, BulletList, Callout, Image, Inlines, NumberedList, Paragraph, Table, Text
from leaflet.core.walk import inline_runs
from leaflet.importers.document import Heading
from leaflet.importers.lists import MoreParagraph, TypedItem


def words_of(block: Block | Heading | TypedItem | MoreParagraph) -> list[Inlines]:
    """``block``'s paragraphs of words in reading order, as the one walk reads a model block (a list's items,
    nested ones after their item; a table's cells; a box's title, not the label every format adds, then its
    paragraphs), empty ones left out; nothing for a picture (said apart, with its alt text)."""
    match block:
        case TypedItem() | MoreParagraph():
            return [block.inlines] if block.inlines else []
        case Heading():
            return [(Text(block.text),)] if block.text else []
        case Image():
            return []
        case Paragraph() | BulletList() | NumberedList() | Table() | Callout():
            return [run for run in inline_runs(block, labels=False) if run]
        case _:
            assert_never(block)
