"""A document's runs of words made the model's inlines, in the form the reader gives them.

An importer collects runs as it finds them (``Text``, ``Strong``, ``Link`` and
``LineBreak`` with the document's own spacing); ``tidy`` folds white space,
trims the ends and the edges of line breaks, joins neighbours of one kind,
keeps bold words bold in Markdown, and makes bare addresses links as the reader
would. What ``tidy`` returns is what reading the written source gives back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar, assert_never

from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListItem,
    NumberedList,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)
from leaflet.core.text import plain

_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # a no-break space typed on purpose stays


def tidy(runs: Iterable[Inline]) -> Inlines:
    """``runs`` in the reader's form (see the module's docstring); () when they hold no words."""
    out: list[Inline] = []
    for run in _unstyled_edges(runs):
        _append(out, run)
    return _trimmed(_bold_flanks(out))


def _unstyled_edges(runs: Iterable[Inline]) -> Iterable[Inline]:
    """Spaces folded; bold without spaces at its edges (they become words); links with words."""
    for run in runs:
        if isinstance(run, Text):
            yield Text(_SPACES.sub(" ", run.text))
        elif isinstance(run, Strong):
            text = _SPACES.sub(" ", run.text)
            core = " ".join(text.split())
            if not core:
                yield Text(text)
                continue
            yield Text(" " if text[:1].isspace() else "")
            yield Strong(core)
            yield Text(" " if text[-1:].isspace() else "")
        elif isinstance(run, Link):
            yield Link(_address_words(run.text, run.url) or run.url, web_address(run.url))
        else:
            yield run


def _address_words(text: str, url: str) -> str:
    """A link's words, spaces folded; an address printed as its words, broken over lines, whole again
    ('www.example.org/a/ b' for https://www.example.org/a/b)."""
    joined = "".join(text.split())
    bare = re.sub(r"^(?:https?://|mailto:)", "", url.strip(), flags=re.IGNORECASE).rstrip("/").lower()
    printed = re.sub(r"^(?:https?://)", "", joined, flags=re.IGNORECASE).rstrip("/").lower()
    address = bare and not url.lower().startswith("tel:")  # a phone number keeps the spaces it is written with
    return joined if joined != text and address and printed == bare else " ".join(text.split())


def _append(out: list[Inline], run: Inline) -> None:
    last = out[-1] if out else None
    if isinstance(run, Text) and not run.text:
        return
    if isinstance(run, Text) and isinstance(last, Text):
        out[-1] = Text(_SPACES.sub(" ", last.text + run.text))
    elif isinstance(run, Strong) and isinstance(last, Strong):
        out[-1] = Strong(f"{last.text}{run.text}")
    elif isinstance(run, Strong) and isinstance(last, Text) and not last.text.strip() and len(out) > 1:
        before = out[-2]
        if isinstance(before, Strong):  # **a** **b**: one bold run
            out[-2:] = [Strong(f"{before.text} {run.text}")]
        else:
            out.append(run)
    elif isinstance(run, LineBreak) and (last is None or isinstance(last, LineBreak)):
        return  # a break first, or twice, breaks nothing more
    else:
        out.append(run)


def _bold_flanks(runs: list[Inline]) -> list[Inline]:
    """Punctuation at bold's edge, right against a letter, moved outside it: Markdown would not read it bold."""
    out: list[Inline] = []
    for index, run in enumerate(runs):
        if not isinstance(run, Strong):
            out.append(run)
            continue
        before = runs[index - 1].text[-1:] if index and not isinstance(runs[index - 1], LineBreak) else " "
        after_run = runs[index + 1] if index + 1 < len(runs) else None
        after = after_run.text[:1] if after_run is not None and not isinstance(after_run, LineBreak) else " "
        text, lead, trail = run.text, "", ""
        while text and before.isalnum() and _punctuation(text[0]):
            lead, text = lead + text[0], text[1:]
        while text and after.isalnum() and _punctuation(text[-1]):
            trail, text = text[-1] + trail, text[:-1]
        for piece in (Text(lead), Strong(text.strip()) if text.strip() else Text(text), Text(trail)):
            _append(out, piece)
    return out


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _trimmed(runs: list[Inline]) -> Inlines:
    """No space at a paragraph's ends or around a break; no break at the end; addresses made links."""
    from leaflet.reader.write import with_bare_links

    out: list[Inline] = []
    for index, run in enumerate(runs):
        if isinstance(run, Text):
            text = run.text
            if index == 0 or isinstance(runs[index - 1], LineBreak):
                text = text.lstrip()
            if index == len(runs) - 1 or isinstance(runs[index + 1], LineBreak):
                text = text.rstrip()
            for piece in with_bare_links(text):
                _append(out, piece)
        else:
            _append(out, run)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    from leaflet.core.phones import phone_links  # a number written as text: a tel: link, as the reader makes it

    return phone_links(tuple(out)) if has_words(out) else ()


def web_address(url: str) -> str:
    """An address as the reader keeps it: 'www.' given its https://, unsafe characters percent-encoded."""
    from leaflet.reader.markdown import link_address

    url = url.strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    return link_address(url)


def has_words(runs: Iterable[Inline]) -> bool:
    return any(not isinstance(r, LineBreak) and r.text.strip() for r in runs)


def trim(runs: list[Inline]) -> list[Inline]:
    """``runs`` without breaks or blank words at either end."""
    while runs and (isinstance(runs[0], LineBreak) or not runs[0].text.strip()):
        runs = runs[1:]
    while runs and (isinstance(runs[-1], LineBreak) or not runs[-1].text.strip()):
        runs = runs[:-1]
    return runs


def cut(runs: list[Inline], count: int) -> list[Inline]:
    """``runs`` without their first ``count`` characters (a typed bullet)."""
    out: list[Inline] = []
    for run in runs:
        if count > 0 and not isinstance(run, LineBreak):
            take = min(count, len(run.text))
            count -= take
            rest = run.text[take:]
            if rest:
                out.append(Link(rest, run.url) if isinstance(run, Link) else type(run)(rest))
            continue
        out.append(run)
    return trim(out)


def words(runs: Iterable[Inline]) -> str:
    """The plain words of ``runs``, a break read as a space."""
    return " ".join(plain(tuple(runs)).split())


_SQUARE = str.maketrans("[]", "()")
B = TypeVar("B", bound=Block)


def round_brackets(section: Section) -> tuple[Section, list[str]]:
    """``section`` with square brackets in its words made round (the source format reads a square bracket as
    a link gone wrong), and the words of each paragraph that had one. A transformation over every kind of
    block (the one walk only reads), so a new kind is a type error here too."""
    changed: list[str] = []

    def runs(inlines: Inlines) -> Inlines:
        if not any(not isinstance(i, LineBreak) and ("[" in i.text or "]" in i.text) for i in inlines):
            return inlines
        changed.append(words(inlines))
        return tuple(i if isinstance(i, LineBreak) else replace(i, text=i.text.translate(_SQUARE)) for i in inlines)

    def block(found: B) -> B:
        match found:
            case Paragraph():
                return replace(found, inlines=runs(found.inlines))
            case BulletList() | NumberedList():
                return replace(found, items=tuple(item(i) for i in found.items))
            case Table():
                return replace(found, header=tuple(map(runs, found.header)),
                               rows=tuple(tuple(map(runs, row)) for row in found.rows))  # fmt: skip
            case Callout():
                title = found.title.translate(_SQUARE) if found.title else found.title
                return replace(found, title=title, blocks=tuple(block(b) for b in found.blocks))
            case Image():
                return found  # its alt text is no link
            case _:
                assert_never(found)

    def item(found: ListItem) -> ListItem:
        sublist = block(found.sublist) if found.sublist is not None else None
        return replace(found, inlines=runs(found.inlines), more=tuple(map(runs, found.more)), sublist=sublist)

    heading = section.heading.translate(_SQUARE) if section.heading else section.heading
    return replace(section, heading=heading, blocks=tuple(block(b) for b in section.blocks)), changed
