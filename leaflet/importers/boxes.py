"""A box around words (a quotation, an aside, an NHS care card, a shaded paragraph) as the model's ``Callout``.

A box holds paragraphs and lists; what else is inside it is kept as words and
reported. The parts a care card is built of (its heading's container, its
content) are the one box, never boxes of their own, so its list stays a list.
The kind comes from the box's class ('nhsuk-card--care--urgent'), a label in
its words ('Urgent advice:', '[!TIP]'), or what it says ('Call 999').
"""

from __future__ import annotations

from leaflet.core.model import (
    BulletList,
    Callout,
    CalloutKind,
    Image,
    LineBreak,
    Link,
    NumberedList,
    Paragraph,
    Strong,
    Table,
)
from leaflet.core.text import plain
from leaflet.importers.blocks import words_of
from leaflet.importers.document import Flow, Heading, Walking, callout_kind, take_marker
from leaflet.importers.elements import Element, class_kind
from leaflet.importers.inlines import cut, tidy

Kept = list[Paragraph | BulletList | NumberedList]


def box(walker: Walking, element: Element) -> Callout | None:
    """The box ``element`` is, or None when it holds no words."""
    heading = walker.heading
    walker.in_box += 1
    try:
        flow = walker.blocks(element)
    finally:
        walker.in_box -= 1
        walker.heading = heading  # a care card's heading is the card's title, not a section of the leaflet
    words = " ".join(plain(p) for block in flow for p in words_of(block))
    kind = class_kind(element) or callout_kind(words)
    marked, title, flow = _title(flow)
    kept = _kept(walker, flow)
    if not kept and not title:
        return None
    return Callout(marked or kind, title, tuple(kept))


def _title(flow: Flow) -> tuple[CalloutKind | None, str | None, Flow]:
    """The kind its label says, the box's title, and the rest: a first heading, a first paragraph that
    starts with a label ('Urgent:', '[!TIP]') and holds no link, or one that is all bold."""
    first = flow[0] if flow else None
    if isinstance(first, Heading):
        marked, rest = take_marker(first.text)
        return marked, " ".join(rest.split()) or None, flow[1:]
    if not isinstance(first, Paragraph):
        return None, None, flow
    text = plain(first.inlines)
    marked, rest = take_marker(text)
    if marked is not None:
        after = tidy(cut(list(first.inlines), len(text) - len(rest)))
        if any(isinstance(i, LineBreak) or (isinstance(i, Link) and not _dials_its_words(i)) for i in after):
            return marked, None, [Paragraph(after), *flow[1:]]  # a title cannot hold a link: the words stay
        return marked, " ".join(plain(after).split()) or None, flow[1:]
    if all(isinstance(i, Strong) for i in first.inlines):
        return None, " ".join(text.split()), flow[1:]
    return None, None, flow


def _dials_its_words(link: Link) -> bool:
    """A phone link whose words are its number ('999'): a title keeps its words and loses nothing (every format
    dials a number in a box's words)."""
    from leaflet.core.phones import same_number

    number = link.url.removeprefix("tel:")
    return link.url.startswith("tel:") and (same_number(link.text, number) or "".join(link.text.split()) == number)


def _kept(walker: Walking, flow: Flow) -> Kept:
    kept: Kept = []
    for block in flow:
        if isinstance(block, Paragraph | BulletList | NumberedList):
            kept.append(block)
        elif isinstance(block, Image):
            walker.lose(f"a picture inside a box ('{block.alt or block.path.name}') is left out")
        elif isinstance(block, Heading):
            walker.lose("a second heading inside a box (its words are kept, in bold)", block.text)
            kept.append(Paragraph((Strong(block.text),)))
        else:
            what = "a table" if isinstance(block, Table) else "a box"
            walker.lose(f"{what} inside a box (its words are kept as paragraphs, one for each cell or line)")
            kept.extend(Paragraph(p) for p in words_of(block))
    return kept
