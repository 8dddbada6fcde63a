"""Helpers on draft spans and blocks shared by the walker: trimming, cutting a typed bullet, plain words."""

from __future__ import annotations

from leaflet.importers.draft import (
    Block,
    Break,
    Callout,
    Heading,
    Href,
    Item,
    ListBlock,
    Para,
    Picture,
    Spans,
    TableBlock,
    Words,
    spans_text,
)
from leaflet.importers.lists import MoreParagraph, TypedItem


def without_repeated_captions(blocks: list[Block | MoreParagraph]) -> list[Block | MoreParagraph]:
    """A caption that only repeats the picture's alt text (as pandoc writes one) is said once."""
    out: list[Block | MoreParagraph] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, Para)
            and isinstance(previous, Picture)
            and " ".join(spans_text(block.spans).split()) == previous.alt
        ):
            continue
        out.append(block)
    return out


def has_words(spans: Spans) -> bool:
    return any(not isinstance(s, Break) and s.text.strip() for s in spans)


def trim(spans: Spans) -> Spans:
    while spans and (isinstance(spans[0], Break) or not spans[0].text.strip()):
        spans = spans[1:]
    while spans and (isinstance(spans[-1], Break) or not spans[-1].text.strip()):
        spans = spans[:-1]
    return spans


def cut(spans: Spans, count: int) -> Spans:
    """``spans`` without their first ``count`` characters (a typed bullet)."""
    out: Spans = []
    for span in spans:
        if count > 0 and not isinstance(span, Break):
            take = min(count, len(span.text))
            count -= take
            rest = span.text[take:]
            if rest:
                out.append(type(span)(rest) if not isinstance(span, Href) else Href(rest, span.url))
            continue
        out.append(span)
    return trim(out)


def words_of(block: Block | TypedItem) -> list[Spans]:
    if isinstance(block, Para):
        return [block.spans]
    if isinstance(block, Heading):
        return [[Words(block.text)]]
    if isinstance(block, TypedItem):
        return [block.spans]
    if isinstance(block, ListBlock):
        return [p for item in block.items for p in [*item.paragraphs, *_sub(item)]]
    if isinstance(block, TableBlock):
        return [c for row in [block.header, *block.rows] for c in row if c]
    if isinstance(block, Callout):
        title: list[Spans] = [[Words(block.title)]] if block.title else []
        return title + [p for b in block.blocks for p in words_of(b)]
    return []


def _sub(item: Item) -> list[Spans]:
    return words_of(item.sublist) if item.sublist is not None else []
