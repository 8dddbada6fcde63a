"""Typed bullets ("•", "-", "1.") written as text in paragraphs, made into real, nested lists."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leaflet.importers.draft import Block, Item, ListBlock, Spans

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


def typed_marker(text: str) -> tuple[bool, int, int] | None:
    """(ordered, number, length of the marker) when ``text`` starts with a typed bullet or number."""
    number = _NUMBER.match(text)
    if number:
        return True, int(number.group(1)), number.end()
    bullet = _BULLET.match(text)
    if bullet:
        return False, 1, bullet.end()
    return None


def group_typed(found: Sequence[Block | TypedItem], lose: Callable[[str, str | None], None]) -> list[Block]:
    """Runs of typed items become lists nested by their level; everything else passes through."""
    out: list[Block] = []
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
