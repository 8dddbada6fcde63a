"""Who publishes a leaflet: an organisation, never the person who typed it.

Every format says "Information from <publisher>", so a Word file's Author
("Jane Smith") or a page's author meta must not become the publisher. The
publisher comes from fields that name an organisation (Word's Company, a
custom 'publisher' property, a page's ``dc.publisher`` or ``og:site_name``),
from an author field only when it names an organisation ("Anytown NHS
Foundation Trust", "NICE"), else from a trust or health board named near the
start of the text ("Information from ...", a cover line). Otherwise it is left
for the team, with a note that says why.
"""

from __future__ import annotations

import re

from leaflet.core.model import Callout, Paragraph
from leaflet.core.text import plain, words
from leaflet.core.walk import inline_runs
from leaflet.importers.document import Document, Heading

# Words that only an organisation's name holds (a person's never does).
_ORGANISATION_WORDS = frozenset({
    "nhs", "trust", "foundation", "hospital", "hospitals", "health", "healthcare", "council", "board", "service",
    "services", "clinic", "clinics", "practice", "surgery", "centre", "center", "institute", "university",
    "college", "society", "association", "charity", "network", "partnership", "group", "department",
    "ltd", "limited", "plc", "cic", "commissioning", "icb", "ccg", "authority", "agency",
    "government", "ministry", "federation", "alliance", "directorate", "pharmacy", "medical", "community",
    "choices", "care", "company", "organisation", "organization", "office", "committee", "royal", "national",
})  # fmt: skip
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")  # NICE, RNIB, NHSBT
_NAME_WORD = r"[A-Z][A-Za-z'\u2019&.-]*"
_LINK = r"(?:\s+(?:and|of|for|the|&))?"
_TRUST = re.compile(
    rf"(?:{_NAME_WORD}{_LINK}\s+){{1,8}}(?:NHS\s+)?(?:Foundation\s+)?Trust\b"
    rf"|(?:{_NAME_WORD}{_LINK}\s+){{1,6}}(?:University\s+)?Health\s+Board\b"
    rf"|NHS(?:\s+{_NAME_WORD}){{1,4}}\s+(?:Integrated\s+Care\s+Board|ICB)\b"
)
_NOT_PART = frozenset({"information", "from", "call", "contact", "ask", "visit", "welcome", "this", "please",
                       "produced", "published", "by", "for", "leaflet", "patient", "about", "at", "the", "a", "an"})  # fmt: skip
_FIRST_WORDS = 250  # "the first page": a trust names itself on the cover or in the first lines


def organisation(name: str) -> bool:
    """Does ``name`` name an organisation ('Anytown NHS Foundation Trust', 'NICE'), not a person?"""
    said = name.strip()
    return bool(_ACRONYM.match(said)) or any(word in _ORGANISATION_WORDS for word in words(said))


def from_author(name: str, where: str, document: Document, found: list[tuple[str, str, str]]) -> None:
    """An author field: the publisher when it names an organisation; a person's name is noted, never used."""
    said = " ".join(name.split())
    if not said:
        return
    if organisation(said):
        found.append(("publisher", said, where))
    elif "publisher" not in document.notes:
        document.notes["publisher"] = (
            f"{where} is '{said}', a person, not the organisation that publishes the leaflet; write who publishes "
            "it, e.g. 'publisher: Anytown NHS Foundation Trust'"
        )


def settle_publisher(document: Document) -> None:
    """Where the document's fields name no organisation, a trust or board named near the start of its text.
    A line that only says where the leaflet is from ('Information from NICE') leaves the text: every format
    says it."""
    _without_from_line(document)
    if "publisher" in document.properties:
        document.notes.pop("publisher", None)
        return
    named = trust_named(document.first_page or _first_texts(document))
    if named is not None:
        document.properties["publisher"] = named
        where = "on its first page" if document.first_page else "near the start of the document"
        document.sources["publisher"] = f"the organisation named {where}: check it"
        document.notes.pop("publisher", None)


_FROM = re.compile(r"^(?:information|produced|published|written)\s+(?:from|by)\s+(.+?)\.?$", re.IGNORECASE)


def _without_from_line(document: Document) -> None:
    for index, piece in enumerate(document.flow[:6]):
        said = _FROM.match(" ".join(plain(piece.inlines).split())) if isinstance(piece, Paragraph) else None
        if said and organisation(said.group(1)):
            document.properties.setdefault("publisher", said.group(1))
            document.sources.setdefault("publisher", f"'{said.group(0)}', printed in the document")
            del document.flow[index]
            return


def trust_named(texts: list[str]) -> str | None:
    """The organisation a line names as the leaflet's source ('Information from NICE'), else the first trust,
    health board or ICB named in ``texts``, without the sentence's own words around it."""
    for text in texts:
        said = _FROM.match(" ".join(text.split()))
        if said and organisation(said.group(1)) and len(said.group(1).split()) <= 10:
            return said.group(1)
    for text in texts:
        for match in _TRUST.finditer(text):
            parts = match.group(0).split()
            while parts and parts[0].lower() in _NOT_PART:
                parts = parts[1:]
            if len(parts) >= 2:
                return " ".join(parts)
    return None


def _first_texts(document: Document) -> list[str]:
    texts: list[str] = []
    count = 0
    for piece in document.flow:
        if count > _FIRST_WORDS:
            break
        if isinstance(piece, Heading):
            text = piece.text
        elif isinstance(piece, Paragraph):
            text = plain(piece.inlines)
        elif isinstance(piece, Callout):
            text = " ".join(plain(run) for run in inline_runs(piece, labels=False))
        else:
            continue
        texts.append(text)
        count += len(text.split())
    return texts
