"""The content model: one small, immutable description of a leaflet.

Every format is rendered from these nouns and nothing else. Nodes keep the
source line they came from (``line``, excluded from equality) so that later
checks can point a user at ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, TypeAlias


def _line() -> int:
    return field(default=0, compare=False, repr=False)


# Inlines ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Plain words."""

    text: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Strong:
    """Words that matter more; shown bold (large print forbids italics)."""

    text: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Link:
    """Words that lead to an address (http, https, mailto or tel)."""

    text: str
    url: str
    line: int = _line()


Inline: TypeAlias = Text | Strong | Link
Inlines: TypeAlias = tuple[Inline, ...]


# Blocks ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of sentences."""

    inlines: Inlines
    line: int = _line()


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list, with at most one nested list under it."""

    inlines: Inlines
    sublist: BulletList | NumberedList | None = None
    line: int = _line()


@dataclass(frozen=True, slots=True)
class BulletList:
    """Items whose order does not matter."""

    items: tuple[ListItem, ...]
    line: int = _line()


@dataclass(frozen=True, slots=True)
class NumberedList:
    """Items whose order matters, counted from ``start``."""

    items: tuple[ListItem, ...]
    start: int = 1
    line: int = _line()


Cell: TypeAlias = Inlines


@dataclass(frozen=True, slots=True)
class Table:
    """A simple grid: one header row, then rows of the same width."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Image:
    """A picture inside the leaflet's folder, with the words that replace it.

    ``data`` holds the file's bytes as the reader read them, so a writer (on
    any machine) needs no access to the source folder.
    """

    path: Path
    alt: str
    line: int = _line()
    data: bytes = field(default=b"", compare=False, repr=False)


Block: TypeAlias = Paragraph | BulletList | NumberedList | Table | Image


# Structure -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what follows it; the introduction has no heading."""

    heading: str | None
    level: int
    blocks: tuple[Block, ...]
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the leaflet is, who publishes it and when."""

    id: str
    title: str
    publisher: str
    published: date
    updated: date | None = None
    language: str = "en-GB"
    isbn: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Definition:
    """A hard word and its plain explanation."""

    term: str
    explanation: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Pronunciation:
    """How to say a word aloud, for speech engines."""

    word: str
    spoken: str
    line: int = _line()


PictureKind: TypeAlias = Literal["image/png", "image/jpeg"]


@dataclass(frozen=True, slots=True)
class Picture:
    """An easy-read point's picture: its bytes, what it shows, and where it comes from.

    ``name`` is the symbol's name ('hospital') or the author's file ('nurse.png');
    ``credit`` says whose pictures these are and under which licence (None for
    the author's own); ``matched`` the point's words that chose a symbol (empty
    when the author chose it).
    """

    data: bytes = field(repr=False)
    alt: str
    name: str
    kind: PictureKind = "image/png"
    credit: str | None = None
    matched: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EasyReadPoint:
    """One easy-read idea: one or two short sentences, and its picture (None: none fits, or the author wants none)."""

    inlines: Inlines
    picture: Picture | None = None
    line: int = _line()
    wants_picture: bool = True  # False where the author wrote 'picture: none'


@dataclass(frozen=True, slots=True)
class EasyReadSection:
    """An easy-read heading and its points."""

    heading: str
    points: tuple[EasyReadPoint, ...]
    line: int = _line()
    covers: tuple[str, ...] = ()  # headings of the full leaflet's sections this one tells in easy read


@dataclass(frozen=True, slots=True)
class EasyRead:
    """The easy-read version, written by people, carried beside the full text."""

    sections: tuple[EasyReadSection, ...]
    path: Path = field(default=Path(), compare=False, repr=False)
    title: str | None = None  # its own plain title, when the full leaflet's is too hard


@dataclass(frozen=True, slots=True)
class Leaflet:
    """A whole leaflet: everything any format needs."""

    meta: Metadata
    sections: tuple[Section, ...]
    glossary: tuple[Definition, ...] = ()
    say: tuple[Pronunciation, ...] = ()
    easy_read: EasyRead | None = None
    folder: Path = field(default=Path(), compare=False, repr=False)
    source_path: Path = field(default=Path(), compare=False, repr=False)
