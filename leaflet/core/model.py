"""The content model: one small, immutable description of a leaflet.

Every format is rendered from these nouns and nothing else. Nodes keep the
source line they came from (``line``, excluded from equality) so that later
checks can point a user at ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Literal, TypeAlias

SOURCE_NAME = "leaflet.md"  # a leaflet's source, in its own folder under source/
EASY_READ_NAME = "easy-read.md"  # a leaflet's easy read, beside its leaflet.md: where to write one when it has none
APPROVED_NAME = "easy-read-approved.yaml"  # the pictures a person approved for the easy read, beside it


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


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A line break the author asked for (backslash or two spaces at a line's end), as in an address.

    Print starts a new line; e-text starts a new line; audio makes a short pause.
    """

    line: int = _line()

    @property
    def text(self) -> str:
        """Where plain text is wanted, a hard break reads as a line end."""
        return "\n"


Inline: TypeAlias = Text | Strong | Link | LineBreak
Inlines: TypeAlias = tuple[Inline, ...]


# Blocks ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of sentences."""

    inlines: Inlines
    line: int = _line()


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list: its first paragraph, any further paragraphs, then at most one nested list.

    Lists nest three levels deep at most (a list, a list inside one of its
    items, and one more inside that).
    """

    inlines: Inlines
    sublist: BulletList | NumberedList | None = None
    line: int = _line()
    more: tuple[Inlines, ...] = ()  # the item's further paragraphs, after ``inlines`` and before ``sublist``

    @property
    def paragraphs(self) -> tuple[Inlines, ...]:
        """Every paragraph of the item, in order."""
        return (self.inlines, *self.more)


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


PictureType: TypeAlias = Literal["image/png", "image/jpeg", "image/svg+xml"]


@dataclass(frozen=True, slots=True)
class Image:
    """A picture inside the leaflet's folder, with the words that replace it.

    ``data`` holds the file's bytes as read (checked to be the kind its name
    says), so a writer needs no access to the source folder; ``kind`` says
    which. An SVG drawing is rasterised by ``leaflet.media.pictures`` for formats
    that need pixels.
    """

    path: Path
    alt: str
    line: int = _line()
    data: bytes = field(default=b"", compare=False, repr=False)
    kind: PictureType = "image/png"


CalloutKind: TypeAlias = Literal["note", "tip", "important", "warning", "caution", "non-urgent", "urgent", "emergency"]
CALLOUT_LABELS: dict[CalloutKind, str] = {
    "note": "Note",
    "tip": "Tip",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "non-urgent": "Non-urgent",  # NHS care cards: ask for help soon
    "urgent": "Urgent",  # ... ask for help now (111)
    "emergency": "Emergency",  # ... call 999 or go to A&E
}
# The boxes every format draws with a heavier border: what must not be missed
HEAVY_CALLOUTS: frozenset[CalloutKind] = frozenset({"emergency", "urgent", "warning", "caution", "important"})


@dataclass(frozen=True, slots=True)
class Callout:
    """A boxed message a reader must not miss: a note, a warning, or an NHS care card.

    Written ``> [!KIND] optional title`` then ``>`` lines. ``label`` is the
    word every format shows or says first ("Important", "Emergency"), so the
    kind never rests on colour alone; ``title`` is the author's own words
    after the marker, if any. ``blocks`` are paragraphs and lists only.
    """

    kind: CalloutKind
    title: str | None
    blocks: tuple[Paragraph | BulletList | NumberedList, ...]
    line: int = _line()

    @property
    def label(self) -> str:
        return CALLOUT_LABELS[self.kind]

    def heading(self, mark: str = ":") -> str:
        """Its label and title as one line: 'Emergency: Call 999 if you:' (the label alone if untitled)."""
        return f"{self.label}{mark} {self.title}" if self.title else f"{self.label}{mark}".rstrip(":")


Block: TypeAlias = Paragraph | BulletList | NumberedList | Table | Image | Callout


# Structure -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what follows it; the introduction has no heading.

    ``level`` is 2 for ``##``, 3 for ``###`` and 4 for ``####`` (1 only for the introduction).
    """

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
    review: date | None = None  # when the leaflet is next reviewed (NHS and PIF TICK ask for it on every leaflet)
    reference: str | None = None  # the leaflet's own code in the publisher's catalogue, e.g. 'URO-014'
    department: str | None = None  # the team or department it comes from, e.g. 'Urology'
    no_easy_read: str | None = None  # why no easy read is planned, when the team says so ('easy-read: none - why')
    logo: Image | None = None  # the publisher's logo, with its alt text: on the first page of print and the web page
    certifier: str | None = None  # who certified the accessibility of its digital formats, when someone did


@dataclass(frozen=True, slots=True)
class Definition:
    """A hard word and its plain explanation."""

    term: str
    explanation: str
    line: int = _line()


@dataclass(frozen=True, slots=True)
class Pronunciation:
    """How to say a word aloud: ``spoken`` for eSpeak NG (a respelling), ``neural`` for the natural voice
    (a real word, or IPA between slashes: '/stˈɛnt/'); None where the natural voice says ``spoken`` too."""

    word: str
    spoken: str
    line: int = _line()
    neural: str | None = None

    def for_engine(self, neural: bool) -> str:
        """What the engine is given for the word: the natural voice's form, or eSpeak NG's."""
        return self.neural if neural and self.neural is not None else self.spoken


PictureKind: TypeAlias = Literal["image/png", "image/jpeg"]


@dataclass(frozen=True, slots=True)
class Picture:
    """An easy-read point's picture: its bytes, what it shows, and where it comes from.

    ``name`` is the symbol's name ('hospital') or the author's file ('nurse.png');
    ``credit`` says whose pictures these are and under which licence (None for
    the author's own); ``matched`` the point's words that chose a symbol (empty
    when the author chose it); ``approved`` is False for a symbol the publisher
    chose that no person has approved yet (a release refuses it).
    """

    data: bytes = field(repr=False)
    alt: str
    name: str
    kind: PictureKind = "image/png"
    credit: str | None = None
    matched: tuple[str, ...] = ()
    approved: bool = True


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

    def without_easy_read(self) -> Leaflet:
        """The leaflet as the formats that never look at the easy read see it (its pictures are most of a
        leaflet's bytes, and every job sent to a worker carries its leaflet)."""
        return self if self.easy_read is None else replace(self, easy_read=None)


# Pickling ---------------------------------------------------------------
# Every job carries its part of a leaflet to a worker process, pickled. Python pickles a frozen dataclass
# with slots by asking ``fields()`` of every object, there and back: most of the time spent sending a
# leaflet. Each class here is rebuilt from its field values in order instead (its own ``__init__`` takes
# them as they are), three to four times quicker.


def _rebuilt_from_fields(cls: type) -> None:
    names = [f.name for f in fields(cls)]
    values = attrgetter(*names)
    one = len(names) == 1

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        found = values(self)
        return cls, (found,) if one else found

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]


for _class in [c for c in list(globals().values()) if isinstance(c, type) and is_dataclass(c)]:
    if _class.__module__ == __name__:
        _rebuilt_from_fields(_class)
