"""Typed bullets ("•", "-", "1.") written as text made into real, nested lists; a list item's further
paragraphs joined to it; a list that a box introduces ("Call 999 if you:") taken into the box."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from leaflet.core.model import BulletList, Callout, Inlines, ListItem, NumberedList, Paragraph
from leaflet.core.text import plain
from leaflet.importers.document import Flow

MAX_DEPTH = 3  # the source format nests lists three deep
_GLYPHS = "•●▪■◦○·‣\u2043►➢"  # bullets that need no space after them
_DASHES = "\u2013\u2014-*"  # en dash, em dash, hyphen, star: only with a space after
_BULLET = re.compile(rf"^\s*[{re.escape(_GLYPHS + _DASHES)}][ \t\u00a0]+|^\s*[{_GLYPHS}](?=\S)")
_NUMBER = re.compile(r"^\s*\(?(\d{1,3})[.)][ \t\u00a0]+")
AnyList: TypeAlias = BulletList | NumberedList


@dataclass(frozen=True, slots=True)
class TypedItem:
    """A paragraph that starts with a typed bullet or number; ``level`` 1 is the outermost."""

    level: int
    ordered: bool
    start: int
    inlines: Inlines


@dataclass(frozen=True, slots=True)
class MoreParagraph:
    """A further paragraph of the list item above it (a list level that shows no marker)."""

    inlines: Inlines


def typed_marker(text: str) -> tuple[bool, int, int] | None:
    """(ordered, number, length of the marker) when ``text`` starts with a typed bullet or number."""
    number = _NUMBER.match(text)
    if number:
        return True, int(number.group(1)), number.end()
    bullet = _BULLET.match(text)
    if bullet:
        return False, 1, bullet.end()
    return None


def make_list(ordered: bool, items: Sequence[ListItem], start: int = 1) -> AnyList:
    return NumberedList(tuple(items), start) if ordered else BulletList(tuple(items))


def group_typed(found: Sequence[object], lose: Callable[[str], None]) -> list[object]:
    """Runs of typed items become lists nested by their level; everything else passes through."""
    out: list[object] = []
    run: list[TypedItem] = []
    for piece in [*found, None]:
        if isinstance(piece, TypedItem):
            run.append(piece)
            continue
        if run:
            out.extend(_nest(run, lose))
            run = []
        if piece is not None:
            out.append(piece)
    return out


@dataclass
class _Open:
    """A list being built: its level, kind, start and items (each with the list open inside it, if any)."""

    level: int
    ordered: bool
    start: int
    items: list[tuple[Inlines, _Open | None]] = field(default_factory=list)

    def frozen(self) -> AnyList:
        items = [ListItem(inlines, inner.frozen() if inner else None) for inlines, inner in self.items]
        return make_list(self.ordered, items, self.start)


def _nest(run: list[TypedItem], lose: Callable[[str], None]) -> list[AnyList]:
    """Nest by indentation: a deeper level opens a list in the item above, a shallower one closes lists."""
    lists: list[_Open] = []
    stack: list[_Open] = []  # the open lists, from the outermost in
    for typed in run:
        while stack and stack[-1].level > typed.level:
            stack.pop()
        if stack and stack[-1].level == typed.level and stack[-1].ordered != typed.ordered and len(stack) == 1:
            stack.pop()  # bullets then numbers at the outer level: two lists
        if not stack or stack[-1].level < typed.level:
            _open(stack, lists, typed, lose)
        stack[-1].items.append((typed.inlines, None))
    return [opened.frozen() for opened in lists]


def _open(stack: list[_Open], lists: list[_Open], typed: TypedItem, lose: Callable[[str], None]) -> None:
    if len(stack) >= MAX_DEPTH:
        lose("a list nested more than three deep (kept at the third level)")
        return
    new = _Open(typed.level, typed.ordered, typed.start)
    if stack and stack[-1].items:
        inlines, inner = stack[-1].items[-1]
        if inner is None:
            stack[-1].items[-1] = (inlines, new)
        else:
            new = inner
    else:
        lists.append(new)
    stack.append(new)


def attach(found: Sequence[object]) -> Flow:
    """Further paragraphs join their list item; a list right after a box that ends with ':' joins the box.

    Word has no list inside a shaded box or quotation: a care card's "Call 999 if you:" is followed by the
    list it introduces, so that list is taken into the box.
    """
    out: Flow = []
    continued = False  # the list above has just taken a further paragraph: a list of its kind next continues it
    for piece in found:
        previous = out[-1] if out else None
        if continued and isinstance(piece, AnyList) and type(previous) is type(piece):
            out[-1] = replace(previous, items=(*previous.items, *piece.items))
        elif isinstance(piece, MoreParagraph) and isinstance(previous, AnyList) and previous.items:
            out[-1] = with_more(previous, piece.inlines)
        elif isinstance(piece, MoreParagraph):
            out.append(Paragraph(piece.inlines))
        elif isinstance(piece, AnyList) and isinstance(previous, Callout) and _introduces(previous):
            out[-1] = replace(previous, blocks=(*previous.blocks, piece))
        else:
            assert not isinstance(piece, TypedItem)
            out.append(piece)  # type: ignore[arg-type]  # a block or a heading
        continued = isinstance(piece, MoreParagraph) and isinstance(previous, AnyList)
    return out


def with_more(block: AnyList, inlines: Inlines) -> AnyList:
    """``block`` with ``inlines`` as a further paragraph of its last item; words come before a nested list
    in the source format, so a paragraph after one goes to the nested list's last item."""
    last = block.items[-1]
    if last.sublist is not None and last.sublist.items:
        last = replace(last, sublist=with_more(last.sublist, inlines))
    else:
        last = replace(last, more=(*last.more, inlines))
    return replace(block, items=(*block.items[:-1], last))


def _introduces(callout: Callout) -> bool:
    last = callout.blocks[-1] if callout.blocks else None
    if isinstance(last, AnyList):
        return False
    text = plain(last.inlines) if isinstance(last, Paragraph) else callout.title or ""
    return text.rstrip().endswith(":")
