"""What an importer reads out of a document, before it is written as Markdown.

Both importers (Word and saved web pages) turn their input into these few
nouns; ``leaflet.importers.markdown`` writes them in the source format. They
mirror the source format, not the input: anything else is a ``Loss``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, TypeAlias


class Refused(Exception):
    """An input the import will not read; the message is one line for the user."""


# Inlines ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Words:
    text: str


@dataclass(frozen=True, slots=True)
class Bold:
    text: str


@dataclass(frozen=True, slots=True)
class Href:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Break:
    """A hard line break (as in an address)."""


Span: TypeAlias = Words | Bold | Href | Break
Spans: TypeAlias = list[Span]

# Blocks ----------------------------------------------------------------


@dataclass(slots=True)
class Heading:
    level: int  # as in the input: 1 for h1 / Heading 1; the title is found and the rest made ##..#### later
    text: str
    title_style: bool = False  # Word's "Title" style


@dataclass(slots=True)
class Para:
    spans: Spans


@dataclass(slots=True)
class Item:
    paragraphs: list[Spans]
    sublist: ListBlock | None = None


@dataclass(slots=True)
class ListBlock:
    ordered: bool
    items: list[Item]
    start: int = 1


@dataclass(slots=True)
class TableBlock:
    header: list[Spans]
    rows: list[list[Spans]]


@dataclass(slots=True)
class Picture:
    name: str  # the file written beside leaflet.md
    alt: str


@dataclass(slots=True)
class Callout:
    kind: CalloutKind
    title: str | None
    blocks: list[Block]


Block: TypeAlias = Heading | Para | ListBlock | TableBlock | Picture | Callout

CalloutKind: TypeAlias = Literal["note", "tip", "important", "warning", "caution", "non-urgent", "urgent", "emergency"]
CALLOUT_KINDS: tuple[CalloutKind, ...] = (
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "non-urgent",
    "urgent",
    "emergency",
)


@dataclass(frozen=True, slots=True)
class Loss:
    """Something in the input that the source format cannot carry, and where it was."""

    what: str
    heading: str | None  # the heading it falls under (None: before the first heading)
    words: str  # the first words of the paragraph it was in

    def __str__(self) -> str:
        under = f'under "{self.heading}"' if self.heading else "before the first heading"
        return f'{under}, at "{self.words}": {self.what}' if self.words else f"{under}: {self.what}"


@dataclass(slots=True)
class Draft:
    """A document as read: its properties, blocks, pictures and what could not be carried."""

    properties: dict[str, str] = field(default_factory=dict)  # front matter key -> value
    sources: dict[str, str] = field(default_factory=dict)  # front matter key -> where the value came from
    blocks: list[Block] = field(default_factory=list)
    pictures: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    losses: list[Loss] = field(default_factory=list)


def first_words(text: str, count: int = 6) -> str:
    """The first few words of ``text``, to say where something was."""
    words = text.split()
    return " ".join(words[:count]) + ("..." if len(words) > count else "")


def spans_text(spans: Spans) -> str:
    """The plain words of ``spans``."""
    return "".join("\n" if isinstance(s, Break) else s.text for s in spans)


# The words that say which kind of box a warning is, checked in this order (the first that matches wins).
_KIND_WORDS: tuple[tuple[CalloutKind, tuple[str, ...]], ...] = (
    ("emergency", ("999", "a&e", "a & e", "emergency", "ambulance", "immediate action")),
    ("non-urgent", ("non-urgent", "non urgent", "nonurgent")),
    ("urgent", ("111", "urgent", "same day", "as soon as possible")),
    ("warning", ("warning", "do not", "don't", "never")),
    ("caution", ("caution", "careful")),
    ("important", ("important",)),
    ("tip", ("tip:", "tip ", "tips", "hint")),
)
_MARKER = re.compile(
    r"^\s*\[!([A-Za-z-]+)\]\s*"
)  # a [!KIND] marker written as text (an alert seen by a tool that did not know it)


def callout_kind(text: str) -> CalloutKind:
    """The kind of a boxed warning, by its words ("Call 999" -> emergency); a note when they do not say."""
    lowered = " ".join(text.lower().split())
    for kind, words in _KIND_WORDS:
        if any(_has_words(lowered, w) for w in words):
            return kind
    return "note"


def _has_words(text: str, words: str) -> bool:
    start = text.find(words)
    while start >= 0:
        before = text[start - 1] if start else " "
        after_index = start + len(words)
        after = text[after_index] if after_index < len(text) else " "
        if not before.isalnum() and (not after.isalnum() or not words[-1].isalnum()):
            return True
        start = text.find(words, start + 1)
    return False


def take_marker(text: str) -> tuple[CalloutKind | None, str]:
    """A leading ``[!KIND]`` written as text, and the words after it."""
    match = _MARKER.match(text)
    if match and match.group(1).lower() in CALLOUT_KINDS:
        kind: CalloutKind = match.group(1).lower()  # type: ignore[assignment]  # checked just above
        return kind, text[match.end() :]
    return None, text
