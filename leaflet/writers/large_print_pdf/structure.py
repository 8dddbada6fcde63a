"""Recording the structure tree while reportlab draws.

Open-source reportlab writes no structure tree. Our flowables wrap what they
draw in marked content (``/P <</MCID n>> BDC ... EMC``) and record here which
structure element owns each (page, MCID) pair and each link annotation.
``tagging.py`` turns the record into a real tree with pikepdf afterwards.

Elements join their parent the first time they draw something, so the tree's
order is the drawing order, which in one column is the reading order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Marked:
    """One marked-content sequence: page index (from 0) and MCID."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """A link annotation, found afterwards by its /StructParent key."""

    page: int
    key: int


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A heading's place, for the outline."""

    level: int
    title: str
    page: int
    top: float


@dataclass(eq=False)
class Elem:
    """A structure element: a role, attributes, and kids in reading order."""

    role: str
    parent: Elem | None = None
    alt: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    title: str | None = None  # /T: a callout's kind ("Emergency"), which assistive technology may announce
    kids: list[Elem | Marked | Annotation] = field(default_factory=list)
    attached: bool = False

    def attach(self) -> None:
        """Join the parent's kids (and the parent its own), once."""
        if self.attached or self.parent is None:
            return
        self.parent.attach()
        self.parent.kids.append(self)
        self.attached = True

    def walk(self) -> Iterator[Elem]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Elem):
                yield from kid.walk()


class Tagger:
    """Hands out MCIDs and annotation keys and remembers who owns them."""

    def __init__(self) -> None:
        self.root = Elem("Document", attached=True)
        self._next_mcid: dict[int, int] = {}
        self.annotation_count = 0
        self.bookmarks: list[Bookmark] = []

    def begin(self, canv: Any, elem: Elem) -> None:
        """Open a marked-content sequence owned by ``elem`` on the current page."""
        page = canv.getPageNumber() - 1
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        elem.attach()
        elem.kids.append(Marked(page, mcid))
        canv.addLiteral(f"/{elem.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(canv: Any) -> None:
        canv.addLiteral("EMC")

    @staticmethod
    def begin_artifact(canv: Any, kind: str = "Pagination", subtype: str | None = None) -> None:
        """Open page furniture that a screen reader must skip."""
        extra = f" /Subtype /{subtype}" if subtype else ""
        canv.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")

    def annotation(self, canv: Any, elem: Elem) -> int:
        """A /StructParent key for a new link annotation owned by ``elem``."""
        key = self.annotation_count
        self.annotation_count += 1
        elem.attach()
        elem.kids.append(Annotation(canv.getPageNumber() - 1, key))
        return key

    def bookmark(self, canv: Any, level: int, title: str, top: float) -> None:
        self.bookmarks.append(Bookmark(level, title, canv.getPageNumber() - 1, top))
