"""Typed bullets ("•", "-", "1.") written as text in paragraphs, made into real, nested lists."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leaflet.importers.draft import Block, Callout, Item, ListBlock, Para, Spans, spans_text

MAX_DEPTH = 3  # the source format nests lists three deep
_GLYPHS = "•●▪■◦○·‣\u2043►➢"  # bullets that need no space after them
_DASHES = "\u2013\u2014-*"  # en dash, em dash, hyphen, star: only with a space after
_BULLET = re.compile(rf"^\s*[{re.escape(_GLYPHS + _DASHES)}][ \t\u00a0]+|^\s*[{_GLYPHS}](?=\S)")
_NUMBER = re.compile(r"^\s*\(?(\d{1,3})[.)][ \t\u00a0]+")


@dataclass(slots=True)
class TypedItem:
    """A paragraph that starts with a typed bullet or number; ``level`` 1 is the outermost."""

    level: int
    ordered: bool
    start: int
    spans: Spans


@dataclass(slots=True)
class MoreParagraph:
    """A further paragraph of the list item above it (a list level that shows no marker), at ``level``."""

    level: int
    spans: Spans


def typed_marker(text: str) -> tuple[bool, int, int] | None:
    """(ordered, number, length of the marker) when ``text`` starts with a typed bullet or number."""
    number = _NUMBER.match(text)
    if number:
        return True, int(number.group(1)), number.end()
    bullet = _BULLET.match(text)
    if bullet:
        return False, 1, bullet.end()
    return None


def group_typed(
    found: Sequence[Block | TypedItem | MoreParagraph], lose: Callable[[str, str | None], None]
) -> list[Block | MoreParagraph]:
    """Runs of typed items become lists nested by their level; everything else passes through."""
    out: list[Block | MoreParagraph] = []
    run: list[TypedItem] = []
    for block in [*found, None]:
        if isinstance(block, TypedItem):
            run.append(block)
            continue
        if run:
            out.extend(_nest(run, lose))
            run = []
        if block is not None:
            out.append(block)
    return out


def _nest(run: list[TypedItem], lose: Callable[[str, str | None], None]) -> list[ListBlock]:
    """Nest by indentation: a deeper level opens a list in the item above, a shallower one closes lists."""
    lists: list[ListBlock] = []
    stack: list[tuple[int, ListBlock]] = []  # (level, the open list) from the outermost in
    for typed in run:
        while stack and stack[-1][0] > typed.level:
            stack.pop()
        if stack and stack[-1][0] == typed.level and stack[-1][1].ordered != typed.ordered and len(stack) == 1:
            stack.pop()  # bullets then numbers at the outer level: two lists
        if not stack or stack[-1][0] < typed.level:
            if len(stack) >= MAX_DEPTH:
                lose("a list nested more than three deep (kept at the third level)", None)
            else:
                new = ListBlock(typed.ordered, [], typed.start)
                if stack and stack[-1][1].items:
                    parent = stack[-1][1].items[-1]
                    if parent.sublist is None:
                        parent.sublist = new
                    else:
                        new = parent.sublist
                else:
                    lists.append(new)
                stack.append((typed.level, new))
        stack[-1][1].items.append(Item([typed.spans]))
    return lists


def attach(found: Sequence[Block | MoreParagraph]) -> list[Block]:
    """Further paragraphs join their list item; a list right after a box that ends with ':' joins the box.

    Word has no list inside a shaded box or quotation: a care card's "Call 999 if you:" is followed by the
    list it introduces, so that list is taken into the box.
    """
    out: list[Block] = []
    continued = False  # the list above has just taken a further paragraph: a list of its kind next continues it
    for block in found:
        previous = out[-1] if out else None
        if continued and isinstance(block, ListBlock) and isinstance(previous, ListBlock):
            continued = False
            if previous.ordered == block.ordered:
                previous.items.extend(block.items)
                continue
        continued = False
        if isinstance(block, MoreParagraph):
            if isinstance(previous, ListBlock) and previous.items:
                item = previous.items[-1]
                for _ in range(block.level - 1):
                    if item.sublist is None or not item.sublist.items:
                        break
                    item = item.sublist.items[-1]
                while item.sublist is not None and item.sublist.items:  # words come before a nested list
                    item = item.sublist.items[-1]
                item.paragraphs.append(block.spans)
                continued = True
            else:
                out.append(Para(block.spans))
        elif isinstance(block, ListBlock) and isinstance(previous, Callout) and _introduces(previous):
            previous.blocks.append(block)
        else:
            out.append(block)
    return out


def _introduces(callout: Callout) -> bool:
    last = callout.blocks[-1] if callout.blocks else None
    if isinstance(last, ListBlock):
        return False
    text = spans_text(last.spans) if isinstance(last, Para) else callout.title or ""
    return text.rstrip().endswith(":")
