"""What an importer reads out of a document: the model's own blocks in reading order, with its headings.

Every importer (Word, saved web pages, PDF) turns its input into a
``Document``: the front matter values it found (and where), a flow of model
blocks (``leaflet.core.model``) with ``Heading`` marks between them, and each
``Loss`` (something the source format cannot carry, and where it was).
``outline.settle`` then finds the title and makes the headings sections; the
one source writer (``leaflet.reader.write``) writes the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeAlias

from leaflet.core.model import CALLOUT_LABELS, Block, CalloutKind, Definition

if TYPE_CHECKING:
    from leaflet.importers.elements import Element


class Refused(Exception):
    """An input the import will not read; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading as the input has it: level 1 for h1 / Heading 1 (ranked ``##``..``####`` later)."""

    level: int
    text: str
    title_style: bool = False  # Word's "Title" style


Flow: TypeAlias = list[Block | Heading]


class Walking(Protocol):
    """What the parts the walker hands an element to (a table, a box) may ask of it: to walk what the element
    holds, to say what is lost, and where it stands (the heading it is under, how many boxes deep)."""

    heading: str | None
    in_box: int

    def blocks(self, element: Element) -> Flow: ...

    def lose(self, what: str, words: str | None = None) -> None: ...


@dataclass(frozen=True, slots=True)
class Loss:
    """Something in the input that the source format cannot carry, and where it was."""

    what: str
    heading: str | None  # the heading it falls under (None: before the first heading)
    words: str  # the first words of the paragraph it was in

    def __str__(self) -> str:
        under = f'under "{self.heading}"' if self.heading else "before the first heading"
        return f'{under}, at "{self.words}": {self.what}' if self.words else f"{under}: {self.what}"


@dataclass
class Document:
    """A document as read: front matter values (and where each came from), its flow, and its losses."""

    properties: dict[str, str] = field(default_factory=dict)  # front matter key -> value
    sources: dict[str, str] = field(default_factory=dict)  # front matter key -> where the value came from
    flow: Flow = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # front matter key -> why it was left for the author
    said: list[str] = field(default_factory=list)  # what the import did that the author should know
    glossary: list[Definition] = field(default_factory=list)  # a "Words explained" section's words
    first_page: list[str] = field(default_factory=list)  # a PDF's first page, line by line, headers included

    def lose(self, loss: Loss) -> None:
        """Record ``loss`` once (the same thing at the same place is said once)."""
        if loss not in self.losses:
            self.losses.append(loss)


def first_words(text: str, count: int = 6) -> str:
    """The first few words of ``text``, to say where something was."""
    words = text.split()
    return " ".join(words[:count]) + ("..." if len(words) > count else "")


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
CALLOUT_KINDS: tuple[CalloutKind, ...] = tuple(CALLOUT_LABELS)
_MARKER = re.compile(r"^\s*\[!([A-Za-z-]+)\]\s*")  # a [!KIND] marker written as text (by a tool that did not know it)


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


# A box's own label in words, as every format of ours (and most teams) writes it: "Emergency: Call 999 if",
# or "Important" alone on its line; "Urgent advice:" as NHS care cards say it to screen readers.
_LABEL = re.compile(
    r"^\s*(" + "|".join(sorted(CALLOUT_KINDS, key=len, reverse=True)) + r")(?:\s+advice)?\s*(?::\s*|$)",
    re.IGNORECASE,
)


# What an NHS emergency care card says to screen readers before its heading, in place of its kind's name.
_IMMEDIATE = re.compile(r"^\s*immediate action required\s*:\s*", re.IGNORECASE)


def take_marker(text: str) -> tuple[CalloutKind | None, str]:
    """A leading ``[!KIND]`` written as text, or the kind's label ("Urgent: ...", "Urgent advice: ...",
    "Immediate action required: ..."), and the words after it."""
    immediate = _IMMEDIATE.match(text)
    if immediate:
        return "emergency", text[immediate.end() :]
    match = _MARKER.match(text) or _LABEL.match(text)
    if match and match.group(1).lower() in CALLOUT_KINDS:
        kind: CalloutKind = match.group(1).lower()  # type: ignore[assignment]  # checked just above
        return kind, text[match.end() :]
    return None, text
