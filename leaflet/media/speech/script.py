"""The spoken script: what a listener hears, as a pure function of the model.

A recording is not the page fed to a speech engine. It opens with the
title, who it is from, the date, the sections and how long it lasts; it
announces each section ("Section 2 of 4: ..."); it says how many points a
list has and where each ends; it reads a link as its words and the
addresses once, at the end of the section, in words a listener can write
down; it reads tables row by row with their headers and pictures by their
alt text; and it closes by repeating where to get help.

Each spoken section becomes one chapter and one track.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import assert_never

from leaflet.core import walk
from leaflet.core.compose import Composed, callout_heading, compose, front_lines, table_caption
from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Image,
    Inlines,
    Leaflet,
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
from leaflet.core.text import plain, shows_own_address, slug, words, wrap
from leaflet.media.speech import pause_seconds
from leaflet.media.speech.numbers import phone_words
from leaflet.media.speech.say import ORDINALS, Lexicon, address, count, isbns, symbols

OPENING_TITLE = "About this recording"
INTRODUCTION_TITLE = "Introduction"
_HELP_WORDS = frozenset({"help", "support", "contact", "contacts", "advice"})
_SENTENCE_END = (".", "?", "!", ":")


@dataclass(frozen=True, slots=True)
class SpokenSection:
    """One chapter: its title as written (for players) and what is said."""

    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """What the engine is given: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def slug(self) -> str:
        return slug(self.title)


@dataclass(frozen=True, slots=True)
class Script:
    """The whole recording: its title and its spoken sections, in order."""

    title: str
    rate: int
    sections: tuple[SpokenSection, ...]

    def word_count(self) -> int:
        return sum(len(words(s.text)) for s in self.sections)

    def as_text(self) -> str:
        """The script as a team reads it: each chapter's title, then exactly what is said."""
        lines = [f"Spoken script: {self.title}", f"Read at {self.rate} words a minute; {self.word_count()} words."]
        for number, section in enumerate(self.sections, start=1):
            lines += ["", f"[Chapter {number}: {section.title}]"]
            for paragraph in section.paragraphs:
                lines += ["", *wrap(paragraph, 72)]
        return "\n".join(lines) + "\n"


@dataclass
class _Addresses:
    """Links met in one section: each address once, with the words that led to it (and the tables counted,
    for their captions: numbered through the leaflet, as every format numbers them)."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    tables: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def next_table(self) -> int:
        return next(self.tables)

    def add(self, url: str, text: str) -> None:
        seen = self.texts.setdefault(url, [])
        if text not in seen:
            seen.append(text)


def build(leaflet: Leaflet, rate: int, *, neural: bool = False, credit: str | None = None) -> Script:
    """The spoken script of ``leaflet``, to be read at ``rate`` words a minute; ``neural``: the `say:` lexicon's
    forms for the natural voice (real words, IPA), else eSpeak NG's (respellings); ``credit``: the voice's,
    said last, in 'About this leaflet'.

    Every chapter is a section and a track, numbered alike: the opening is section 1, the leaflet's own
    sections and the glossary follow, and the closing (phone numbers and email addresses again, then
    "About this leaflet") is the last; each is named for what it holds.
    """
    lexicon = Lexicon(leaflet.say, neural)
    composed = compose(leaflet, credit)
    # body and glossary are chapters; the colophon closes the recording, after the contacts said again
    chapters = list(_chapters([s for s in composed.sections if s is not composed.colophon]))
    contacts = _contacts(leaflet)
    closing_title = _closing_title(contacts, composed.colophon.heading or "")
    titles = [OPENING_TITLE, *(title for title, _ in chapters), closing_title]
    total = len(titles)
    tables = itertools.count(1)
    body = [
        _chapter(title, sections, number, total, lexicon, tables)
        for number, (title, sections) in enumerate(chapters, 2)
    ]
    closing = _closing(leaflet, composed, closing_title, titles, contacts, lexicon)
    spoken_words = sum(len(words(s.text)) for s in (*body, closing)) + 60  # the opening's own words, roughly
    seconds = spoken_words / rate * 60 + pause_seconds(total)
    opening = _opening(leaflet, composed, titles, seconds, lexicon)
    return Script(composed.title, rate, (opening, *body, closing))


def said_words(leaflet: Leaflet, *, neural: bool = False) -> list[str]:
    """Every word of the leaflet's title, headings and body as the script says it, in order.

    For checks: the script must hold these words in this order (with its own
    announcements between them).
    """
    lexicon = Lexicon(leaflet.say, neural)
    pieces = [lexicon.say(leaflet.meta.title)]
    for section in leaflet.sections:
        if section.heading:
            pieces.append(lexicon.say(section.heading))
        for block in section.blocks:
            pieces += [_inlines(inlines, lexicon, _Addresses()) for inlines in walk.inline_runs(block)]
    return words(" ".join(pieces))


def _chapters(sections: Sequence[Section]) -> Iterator[tuple[str, list[Section]]]:
    """Top-level sections, each with its subsections; the introduction has a title of its own."""
    current: tuple[str, list[Section]] | None = None
    for section in sections:
        if current is None or section.heading is None or section.level <= 2:
            if current is not None:
                yield current
            current = (section.heading or INTRODUCTION_TITLE, [section])
        else:
            current[1].append(section)
    if current is not None:
        yield current


def _opening(
    leaflet: Leaflet, composed: Composed, titles: list[str], seconds: float, lexicon: Lexicon
) -> SpokenSection:
    """The title, who it is from and when, how long it lasts, and every section by its number (its track's)."""
    lines = front_lines(leaflet, filing=False)  # the review date and reference are said at the end
    front = " ".join(_sentence(_inlines(line.inlines, lexicon, _Addresses())) for line in lines)
    listing = " ".join(
        _sentence(f"{n}, {lexicon.say(t)}{', this one' if n == 1 else ''}") for n, t in enumerate(titles, start=1)
    )
    paragraphs = (
        _sentence(lexicon.say(composed.title)),
        front,
        f"This recording has {count(len(titles), 'section', 'sections')} and lasts {_minutes(seconds)}. "
        "Each section is its own chapter and track, numbered as its track is, so you can skip between them.",
        f"The sections are: {listing}",
    )
    return SpokenSection(OPENING_TITLE, paragraphs)


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return "less than a minute"
    return f"about {count(minutes, 'minute', 'minutes')}"


def _chapter(
    title: str, sections: list[Section], number: int, total: int, lexicon: Lexicon, tables: Iterator[int]
) -> SpokenSection:
    paragraphs = [_sentence(f"Section {number} of {total}: {lexicon.say(title)}")]
    addresses = _Addresses(tables=tables)
    part = title
    for section in sections:
        if section.heading and section is not sections[0]:
            heading = lexicon.say(section.heading)
            if section.level >= 4:  # a '####' heading belongs to the part above it
                paragraphs.append(_sentence(f"Within {part}: {heading}"))
            else:
                paragraphs.append(_sentence(f"Part of this section: {heading}"))
                part = heading
        for block in section.blocks:
            paragraphs += _block(block, lexicon, addresses)
    if addresses.texts:
        paragraphs.append(_addresses(addresses, lexicon))
    return SpokenSection(title, tuple(paragraphs))


def _block(block: Block, lexicon: Lexicon, addresses: _Addresses) -> list[str]:
    match block:
        case Paragraph(inlines=inlines):
            return [_sentence(_inlines(inlines, lexicon, addresses))]
        case BulletList() | NumberedList():
            return _list(block, lexicon, addresses)
        case Table():
            return _table(block, addresses.next_table(), lexicon, addresses)
        case Image(alt=alt):
            return [_sentence(f"Picture: {lexicon.say(alt)}")]
        case Callout():
            return _callout(block, lexicon, addresses)
        case _:
            assert_never(block)


def _callout(callout: Callout, lexicon: Lexicon, addresses: _Addresses) -> list[str]:
    """The kind said first ('Important: ...', 'Emergency: ...'), on its own so a pause follows it."""
    said = [paragraph for block in callout.blocks for paragraph in _block(block, lexicon, addresses)]
    if callout.title:
        return [_sentence(f"{callout.label}: {lexicon.say(callout.title)}"), *said]
    if said and isinstance(callout.blocks[0], Paragraph):
        return [f"{callout.label}: {said[0]}", *said[1:]]
    return [_sentence(callout.label), *said]


def _inlines(inlines: Inlines, lexicon: Lexicon, addresses: _Addresses) -> str:
    """The words as said; a link is said as its words and its address kept for later."""
    said: list[str] = []
    for inline in inlines:
        match inline:
            case Text(text=text) | Strong(text=text):
                said.append(isbns(lexicon.say(text)))
            case LineBreak():  # an address's lines: a short pause between them
                said.append(" " if "".join(said).rstrip().endswith((",", ".", ":", ";")) else ", ")
            case Link(text=text, url=url) if shows_own_address(text, url):
                said.append(_contact(text, url, lexicon))  # words that are the address: said so it can be written
            case Link(text=text, url=url):
                said.append(lexicon.say(text))
                addresses.add(url, text)
            case _:
                assert_never(inline)
    return symbols("".join(said)).strip()


def _contact(text: str, url: str, lexicon: Lexicon) -> str:
    """A phone number in the groups its words show, or an email or web address, said to be written down."""
    if url.startswith("tel:") and all(c.isdigit() or c in " +-" for c in text):
        return phone_words(text)
    return address(url, lexicon)


def _list(block: BulletList | NumberedList, lexicon: Lexicon, addresses: _Addresses) -> list[str]:
    numbered = isinstance(block, NumberedList)
    label = "Step" if numbered else "Point"
    start = block.start if isinstance(block, NumberedList) else 1
    kind = (
        count(len(block.items), "numbered step", "numbered steps")
        if numbered
        else count(len(block.items), "point", "points")
    )
    said = [f"{'There is' if len(block.items) == 1 else 'There are'} {kind} in this list."]
    for number, item in enumerate(block.items, start=start):
        said.append(_sentence(f"{label} {number}. {_item(item, lexicon, addresses)}"))
        if item.sublist is not None:
            said += _sublist(item, f"{label.lower()} {number}", lexicon, addresses)
    said.append("That is the end of the list.")
    return said


def _item(item: ListItem, lexicon: Lexicon, addresses: _Addresses) -> str:
    """An item's paragraphs, each a sentence of its own."""
    return " ".join(_sentence(_inlines(p, lexicon, addresses)) for p in item.paragraphs)


def _sublist(item: ListItem, name: str, lexicon: Lexicon, addresses: _Addresses) -> list[str]:
    """A nested list, briefly: where it starts and how many points it has ('Under step 2: 3 points.'), then
    its points ('First: ...'); the next item, or the list's end, says where it stops."""
    assert item.sublist is not None
    items = item.sublist.items
    said = [f"Under {name}: {count(len(items), 'point', 'points')}."]
    for index, sub in enumerate(items):
        lead = ORDINALS[index] if index < len(ORDINALS) else f"Number {index + 1}"
        said.append(_sentence(f"{lead}: {_item(sub, lexicon, addresses)}"))
        if sub.sublist is not None:
            said += _sublist(sub, f"the {lead.lower()} point", lexicon, addresses)
    return said


def _table(table: Table, number: int, lexicon: Lexicon, addresses: _Addresses) -> list[str]:
    """Its caption, then row by row, each cell after its column's header, as a screen reader reads it."""
    headers = [lexicon.say(plain(cell)) for cell in table.header]
    said = [
        f"{_sentence(lexicon.say(table_caption(number, table)))} It has "
        f"{count(len(headers), 'column', 'columns')} and {count(len(table.rows), 'row', 'rows')}."
    ]
    for number, row in enumerate(table.rows, start=1):
        cells = [
            f"{h}: {_inlines(cell, lexicon, addresses) if cell else 'empty'}"
            for h, cell in zip(headers, row, strict=False)
        ]
        said.append(f"Row {number}. " + " ".join(_sentence(cell) for cell in cells))
    said.append("That is the end of the table.")
    return said


def _addresses(found: _Addresses, lexicon: Lexicon) -> str:
    lines = [
        f"Here {'is the address' if len(found.texts) == 1 else 'are the addresses'} from this section, to write down."
    ]
    for url, texts in found.texts.items():
        kind = (
            "phone number"
            if url.startswith("tel:")
            else "email address"
            if url.startswith("mailto:")
            else "web address"
        )
        names = " and ".join(lexicon.say(t).strip() for t in texts)
        lines.append(f"The {kind} for {names} is: {_sentence(address(url, lexicon))}")
    return " ".join(lines)


def _closing(
    leaflet: Leaflet,
    composed: Composed,
    title: str,
    titles: list[str],
    contacts: list[Link],
    lexicon: Lexicon,
) -> SpokenSection:
    """The last section: where the recording ends, where help was, every phone number and email address
    again, then "About this leaflet" (its review date and reference among it)."""
    say = lexicon.say
    paragraphs = [
        _sentence(f"Section {len(titles)} of {len(titles)}: {say(title)}"),
        f"That is the end of {_sentence(say(composed.title))}",
    ]
    for number, chapter in enumerate(titles[1:-1], start=2):
        if _HELP_WORDS & set(words(chapter)):
            paragraphs.append(
                f"To hear where to get help again, go back to section {number}: {_sentence(say(chapter))}"
            )
    for link in contacts:
        if link.url.startswith("tel:"):
            paragraphs.append(f"To phone, call {_contact(link.text, link.url, lexicon)}.")
        else:
            paragraphs.append(f"To email, write to {address(link.url, lexicon)}.")
    colophon = composed.colophon
    paragraphs.append(_sentence(say(colophon.heading or "")))
    for block in colophon.blocks:
        paragraphs += _block(block, lexicon, _Addresses())
    return SpokenSection(title, tuple(paragraphs))


def _closing_title(contacts: list[Link], colophon: str) -> str:
    """The last section's name, for what it holds: 'Phone numbers and email addresses again, and about this
    leaflet' (or only the colophon's heading when the leaflet gives no number or address)."""
    kinds = [
        kind
        for kind, scheme in (("phone numbers", "tel:"), ("email addresses", "mailto:"))
        if any(link.url.startswith(scheme) for link in contacts)
    ]
    if not kinds:
        return colophon
    said = " and ".join(kinds)
    return f"{said[:1].upper()}{said[1:]} again, and {colophon[:1].lower()}{colophon[1:]}"


def _contacts(leaflet: Leaflet) -> list[Link]:
    """Every phone number and email address in the leaflet, once each, in reading order: the links, and the
    numbers in the callouts' first lines ('Emergency: Call 999 ...')."""
    found: dict[str, Link] = {}
    for section in leaflet.sections:
        for block in section.blocks:
            runs = [callout_heading(block)] if isinstance(block, Callout) else []
            for inlines in (*runs, *walk.inline_runs(block)):
                for inline in inlines:
                    if isinstance(inline, Link) and inline.url.startswith(("tel:", "mailto:")):
                        key = _dialled(inline.url)
                        found.setdefault(key, inline)
    return list(found.values())


def _dialled(url: str) -> str:
    """One key per phone number however it is written (tel:0113 496 0123, tel:01134960123), or the address."""
    if url.startswith("tel:"):
        return "tel:" + "".join(c for c in url if c.isdigit() or c == "+")
    return url.lower()


def _sentence(text: str) -> str:
    """``text`` ending in a stop, so the engine pauses and the next words do not run on."""
    text = text.strip()
    return text if text.endswith(_SENTENCE_END) else f"{text}."


def said(inlines: Inlines, lexicon: Lexicon) -> str:
    """One run of inlines as the script says it, ending in a stop: for a talking book's text fragments.

    A link is said by its words; a phone number or email address so it can
    be written down; symbols and lexicon words as everywhere else.
    """
    return _sentence(_inlines(inlines, lexicon, _Addresses()))
