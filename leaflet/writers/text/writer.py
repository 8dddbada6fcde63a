"""The e-text writer: the composed leaflet as wrapped, underlined, plain UTF-8 lines."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import assert_never

from leaflet.core.compose import compose, table_caption
from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Image,
    Inlines,
    Leaflet,
    LineBreak,
    Link,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    Text,
)
from leaflet.core.text import display_url, plain, shows_own_address, split_lines, underlined, wrap
from leaflet.writers.contract import Output, OutputFile
from leaflet.writers.text.options import Options, files

WIDTH = 72  # comfortable on screen; well inside the 80-character limit (an address longer stands alone, unbroken)
_UNDERLINES = {2: "-", 3: "~", 4: "."}


def write(leaflet: Leaflet, options: Options) -> Output:
    (name,) = files(leaflet.meta.id, options)
    return Output((OutputFile(name, to_text(leaflet).encode("utf-8")),))


def to_text(leaflet: Leaflet) -> str:
    """The whole leaflet as e-text, ending in one newline."""
    composed = compose(leaflet)
    lines = [*underlined(composed.title, "=", WIDTH), *(line for block in composed.front for line in _block(block))]
    tables = itertools.count(1)
    for section in composed.sections:
        if section.heading:
            lines += ["", *underlined(section.heading, _UNDERLINES[section.level], WIDTH)]
        for block in section.blocks:
            lines += ["", *_block(block, tables=tables)]
    return "\n".join(lines) + "\n"


def _words(inlines: Inlines, indent: str = "", marker: str = "") -> list[str]:
    """Wrapped words, then each link's text and address on lines of their own.

    An address on its own line can be found, copied and typed whole; one
    longer than the line stands alone, unbroken.
    """
    inner = indent + " " * len(marker)
    lines: list[str] = []
    for number, line in enumerate(split_lines(inlines)):  # a hard line break starts a new line
        lines += wrap(plain(line), WIDTH, indent=inner if number else indent + marker, subsequent=inner)
    for inline in inlines:
        match inline:
            case Text() | Strong() | LineBreak():
                pass
            case Link(text=text, url=url) if shows_own_address(text, url):
                pass  # the words are the address already (a phone number, an email address)
            case Link(text=text, url=url):
                lines += wrap(f"Link: {text}", WIDTH, indent=inner, subsequent=inner + "  ")
                lines.append(inner + display_url(url))
            case _:
                assert_never(inline)
    return lines


def _block(block: Block, indent: str = "", tables: Iterator[int] | None = None) -> list[str]:
    """``block`` as lines; ``tables`` numbers the leaflet's tables in reading order."""
    match block:
        case Paragraph(inlines=inlines):
            return _words(inlines, indent)
        case BulletList() | NumberedList():
            return _list(block, indent)
        case Table():
            return _table(block, next(tables) if tables is not None else 1)
        case Image(alt=alt):
            return wrap(f"[Picture: {alt}]", WIDTH, indent=indent)
        case Callout():
            return _callout(block, indent)
        case _:
            assert_never(block)


def _callout(callout: Callout, indent: str) -> list[str]:
    """A labelled block: '[Emergency] title', its text indented, then where it ends."""
    lines = wrap(f"[{callout.heading(']')}", WIDTH, indent=indent, subsequent=indent + "    ")
    inner = indent + "    "
    for number, block in enumerate(callout.blocks):
        lines += [*([""] if number else []), *_block(block, inner)]
    return [*lines, f"{indent}[End of {callout.label.lower()}]"]


def _list(block: BulletList | NumberedList, indent: str) -> list[str]:
    count = len(block.items)
    kind = "numbered list" if isinstance(block, NumberedList) else "list"
    lines = wrap(f"A {kind} of {count} item{'s' if count != 1 else ''}:", WIDTH, indent=indent)
    for number, item in enumerate(block.items, start=getattr(block, "start", 1)):
        marker = f"{number}. " if isinstance(block, NumberedList) else "* "
        lines += _words(item.inlines, indent, marker)
        for paragraph in item.more:
            lines += _words(paragraph, indent + " " * len(marker))
        if item.sublist is not None:
            lines += _list(item.sublist, indent + " " * len(marker))
    return lines


def _table(table: Table, number: int) -> list[str]:
    """Tables read row by row, each cell with its column's header, as a screen reader would."""
    headers = [plain(cell) for cell in table.header]
    rows = len(table.rows)
    lines = wrap(f"{table_caption(number, table)}. {rows} row{'s' if rows != 1 else ''}:", WIDTH)
    for number, row in enumerate(table.rows, start=1):
        lines += wrap(f"Row {number}:", WIDTH)
        for header, cell in zip(headers, row, strict=False):
            lines += _words(cell, "    ", f"{header}: ") if cell else [f"    {header}: (empty)"]
    return lines
