"""The leaflet as pieces of print to set in braille, in reading order.

A title page (title, publisher, date, the braille code used), then the main
heading centred, the leaflet's sections, "Words explained" and "About this
leaflet". Each block becomes print text with its bold spans and a place on
the page; ``translate`` turns the text into braille with liblouis.

- lists: each item on a new line, its print bullet or number kept;
- tables: what the columns are, then one labelled line a row ("Time: Morning. What happens: ...");
- links: their words, then the address in brackets (unless the words are it);
- pictures: "Picture: " and their description.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import assert_never

from leaflet.core.compose import table_caption
from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    NumberedList,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)
from leaflet.core.text import display_url, plain, shows_own_address, split_lines
from leaflet.writers.braille.layout import Piece

BULLET = "\u2022"
PARAGRAPH_FIRST = 2  # cell 3
ITEM_STEP = 2  # each deeper list level, and each runover, two cells further in
HEADING_INDENT = {2: 0, 3: 4}  # cell 1 for sections, cell 5 below them (and deeper)


@dataclass(frozen=True, slots=True)
class Words:
    """Print to set: text, the spans of it that are bold, and its place on the page."""

    text: str
    bold: tuple[tuple[int, int], ...] = ()
    first: int = 0
    runover: int = 0
    centred: bool = False
    blank_before: bool = False
    heading: bool = False
    new_page: bool = False


Translate = Callable[[str, tuple[int, ...]], str]


def pieces(
    title: str, front: tuple[str, ...], code: str, sections: tuple[Section, ...], translate: Translate
) -> Iterator[Piece]:
    """Every piece of the leaflet in braille, title page first."""
    for words in print_pieces(title, front, code, sections):
        yield Piece(
            braille=translate(words.text, _typeform(words)),
            first=words.first,
            runover=words.runover,
            centred=words.centred,
            blank_before=words.blank_before,
            heading=words.heading,
            new_page=words.new_page,
        )


def print_pieces(title: str, front: tuple[str, ...], code: str, sections: tuple[Section, ...]) -> Iterator[Words]:
    yield Words(title, centred=True, heading=True)
    for number, line in enumerate(front):
        yield Words(line, centred=True, blank_before=number == 0)
    yield Words(code, centred=True, blank_before=True)
    yield Words(title, centred=True, heading=True, new_page=True)
    tables = itertools.count(1)  # the tables, numbered through the leaflet as every format numbers them
    after_heading = True  # a blank line follows the centred main heading, none follows a section heading
    first_block = True
    for section in sections:
        if section.heading:
            indent = HEADING_INDENT.get(section.level, HEADING_INDENT[3])
            yield Words(section.heading, first=indent, runover=indent, blank_before=True, heading=True)
            after_heading = False
        after_list = False
        for number, block in enumerate(section.blocks):
            is_list = isinstance(block, BulletList | NumberedList | Table)
            for count, words in enumerate(_block(block, tables)):
                opens_list = is_list and count == 0 and not (number == 0 and section.heading)
                if (first_block and after_heading) or opens_list or (after_list and count == 0 and not is_list):
                    words = _spaced(words)
                first_block = False
                yield words
            after_list = is_list


def _spaced(words: Words) -> Words:
    return Words(words.text, words.bold, words.first, words.runover, words.centred, True, words.heading)


def _block(block: Block, tables: Iterator[int], depth: int = 0) -> Iterator[Words]:
    match block:
        case Paragraph(inlines=inlines):
            yield from _lines(inlines, first=PARAGRAPH_FIRST)
        case BulletList() | NumberedList():
            yield from _list(block, depth)
        case Table():
            yield from _table(block, next(tables))
        case Image(alt=alt):
            yield Words(f"Picture: {alt}", first=PARAGRAPH_FIRST)
        case Callout():  # the kind in bold words first, as in print
            heading = block.heading()
            yield Words(heading, ((0, len(heading)),), PARAGRAPH_FIRST)
            for inner in block.blocks:
                yield from _block(inner, tables, depth)
        case _:
            assert_never(block)


def _list(block: BulletList | NumberedList, depth: int) -> Iterator[Words]:
    start = block.start if isinstance(block, NumberedList) else 1
    for number, item in enumerate(block.items, start=start):
        marker = f"{number}. " if isinstance(block, NumberedList) else f"{BULLET} "
        indent = depth * ITEM_STEP
        yield from _lines((Text(marker), *item.inlines), first=indent, runover=indent + ITEM_STEP)
        for more in item.more:  # the item's further paragraphs, under its words
            yield from _lines(more, first=indent + ITEM_STEP, runover=indent + ITEM_STEP)
        if item.sublist is not None:
            yield from _list(item.sublist, depth + 1)


def _table(table: Table, number: int) -> Iterator[Words]:
    headers = [plain(cell) for cell in table.header]
    rows = len(table.rows)
    caption = table_caption(number, table)
    yield Words(f"{caption}. {rows} row{'s' if rows != 1 else ''}, one a line:", runover=ITEM_STEP)
    for row in table.rows:
        inlines: list[Inline] = []
        for index, (header, cell) in enumerate(zip(headers, row, strict=False)):
            if index:
                inlines.append(Text(" " if inlines and _ends_sentence(plain(tuple(inlines))) else ". "))
            inlines.append(Text(f"{header}: "))
            inlines.extend(cell or (Text("empty"),))
        yield _inline_words(tuple(inlines), first=0, runover=ITEM_STEP)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?"))


def _lines(inlines: Inlines, first: int = 0, runover: int = 0) -> Iterator[Words]:
    """The words of ``inlines``, a new line at each hard line break (an address keeps its lines): the first
    line from ``first``, the others, and every runover, from ``runover``."""
    for number, line in enumerate(split_lines(inlines)):
        yield _inline_words(line, first=first if number == 0 else runover, runover=runover)


def _inline_words(inlines: Inlines, first: int = 0, runover: int = 0) -> Words:
    """The words of ``inlines``, each link followed by its address, with the bold spans marked."""
    text = ""
    bold: list[tuple[int, int]] = []
    for inline in inlines:
        match inline:
            case Text(text=words):
                text += words
            case LineBreak():
                text += " "
            case Strong(text=words):
                bold.append((len(text), len(text) + len(words)))
                text += words
            case Link(text=words, url=url):
                text += words if shows_own_address(words, url) else f"{words} ({display_url(url)})"
            case _:
                assert_never(inline)
    return Words(text.translate(_BLANKS), tuple(bold), first, runover)


_BLANKS = str.maketrans("\n\t\r", "   ")  # same length, so the bold spans still fit


def _typeform(words: Words) -> tuple[int, ...]:
    """liblouis's typeform: 4 (bold) for every bold character, else 0; empty when nothing is bold."""
    if not words.bold:
        return ()
    from leaflet.writers.braille.louis import BOLD

    forms = [0] * len(words.text)
    for start, end in words.bold:
        forms[start:end] = [BOLD] * (end - start)
    return tuple(forms)
