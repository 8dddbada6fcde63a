"""One walk over the model, written once: every helper and audit that visits a leaflet's parts uses it.

In the manner of pandoc's ``Walk``: ``children`` says, for every kind of node, which nodes it holds, with a
``match`` that ends in ``assert_never``, so a new node type is a type error here rather than a part some
helper silently skips. On that one function stand:

- ``descendants(node)``: every node below ``node``, in reading order (the node's own parts first);
- ``query(node, kind)``: every descendant of one type (every ``Link``, every ``Image``);
- ``inline_runs(block)``: the runs of inlines a block reads as, in order: each paragraph, list item
  paragraph and table cell, a picture's alt text and a box's label (what text checks and counts read);
  with ``labels=False``, a box's own title without the label every format adds ('Emergency'), as the
  importers compare and keep words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeAlias, TypeVar, assert_never

from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Definition,
    EasyRead,
    EasyReadPoint,
    EasyReadSection,
    Image,
    Inline,
    Inlines,
    Leaflet,
    LineBreak,
    Link,
    ListItem,
    NumberedList,
    Paragraph,
    Pronunciation,
    Section,
    Strong,
    Table,
    Text,
)

Node: TypeAlias = (
    Leaflet
    | Section
    | Block
    | ListItem
    | Inline
    | EasyRead
    | EasyReadSection
    | EasyReadPoint
    | Definition
    | Pronunciation
)
N = TypeVar("N")


def children(node: Node) -> tuple[Node, ...]:
    """The nodes ``node`` holds, in reading order (a table's header row, then its rows, cell by cell)."""
    match node:
        case Leaflet(sections=sections, glossary=glossary, say=say, easy_read=easy_read):
            return (*sections, *glossary, *say, *((easy_read,) if easy_read else ()))
        case Section(blocks=blocks) | Callout(blocks=blocks):
            return blocks
        case Paragraph(inlines=inlines) | EasyReadPoint(inlines=inlines):
            return inlines
        case BulletList(items=items) | NumberedList(items=items):
            return items
        case ListItem():
            return (
                *(i for paragraph in node.paragraphs for i in paragraph),
                *((node.sublist,) if node.sublist else ()),
            )
        case Table(header=header, rows=rows):
            return tuple(inline for row in (header, *rows) for cell in row for inline in cell)
        case EasyRead(sections=sections):
            return sections
        case EasyReadSection(points=points):
            return points
        case Image() | Text() | Strong() | Link() | LineBreak() | Definition() | Pronunciation():
            return ()
        case _:
            assert_never(node)


def descendants(node: Node) -> Iterator[Node]:
    """Every node below ``node``, depth first, in reading order."""
    for child in children(node):
        yield child
        yield from descendants(child)


def query(node: Node, kind: type[N]) -> Iterator[N]:
    """Every node of type ``kind`` below ``node``, in reading order."""
    return (found for found in descendants(node) if isinstance(found, kind))


def body(leaflet: Leaflet) -> Iterator[Node]:
    """Every node of the leaflet's body (its sections), in reading order: not the glossary or easy read."""
    for section in leaflet.sections:
        yield section
        yield from descendants(section)


def inline_runs(block: Block | ListItem, labels: bool = True) -> Iterator[Inlines]:
    """The runs of inlines ``block`` reads as, in order: a paragraph, each list item's paragraphs (then its
    sublist's), each table cell, a picture's alt text, a box's label and title (its title alone, if any, when
    not ``labels``) then its blocks."""
    match block:
        case Paragraph(inlines=inlines):
            yield inlines
        case BulletList(items=items) | NumberedList(items=items):
            for item in items:
                yield from inline_runs(item, labels)
        case ListItem():
            yield from block.paragraphs
            if block.sublist is not None:
                yield from inline_runs(block.sublist, labels)
        case Table(header=header, rows=rows):
            for row in (header, *rows):
                yield from row
        case Image(alt=alt, line=line):
            yield (Text(alt, line),)
        case Callout(blocks=blocks, line=line):
            if labels or block.title:
                yield (Text(block.heading() if labels else block.title or "", line),)
            for inner in blocks:
                yield from inline_runs(inner, labels)
        case _:
            assert_never(block)
