"""Dates and codes a leaflet prints about itself, read into its front matter.

NHS leaflets print their review date, their reference and often their
publication date on the page ("Review date: March 2027", "Ref: URO-014",
"Published: June 2025", "Next review due: 02/10/2016"). A paragraph made only
of such facts becomes ``review``, ``reference`` and ``published`` (where the
document's own properties did not give them) and leaves the text: every format
prints them from the front matter. A date without its day ("March 2027") is
taken as the 1st, and the report says so. "Page last reviewed" lines are left
out the same way (the front matter says when the leaflet was updated). The
lines our own formats print about a leaflet ("Published by ... on ...",
"ISBN ...", "Web address: ...", "Department: ...") are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from leaflet.core.compose import DEPARTMENT_LABEL
from leaflet.core.model import Paragraph
from leaflet.core.text import plain
from leaflet.importers.document import Document, Flow

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}"
    r"|\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
)
_LABELS = {
    "review": r"(?:next\s+)?review(?:\s+date|\s+due(?:\s+date)?|\s+by)?|date\s+(?:for|of)\s+(?:next\s+)?review",
    "published": r"(?:date\s+)?published(?:\s+on)?|publication\s+date|date\s+of\s+(?:issue|publication)|issue\s+date|issued",
    "updated": r"(?:page\s+)?(?:last\s+)?updated(?:\s+on)?",
    "reviewed": r"(?:page\s+)?last\s+reviewed",
    "reference": r"(?:leaflet\s+)?(?:ref(?:erence)?(?:\s+(?:no|number))?\.?|(?:leaflet|pil)\s+(?:code|number|no\.?))",
}  # fmt: skip
_FACT = re.compile(
    r"(?P<label>" + "|".join(f"(?P<{key}>{label})" for key, label in _LABELS.items()) + r")\s*[:\-]?\s*"
    rf"(?P<value>{_DATE}|(?<=[:\s])[A-Z0-9][A-Za-z0-9/._-]*(?:\s?[0-9][A-Za-z0-9/._-]*)?)",
    re.IGNORECASE,
)
# The furniture our own formats print (and many leaflets do): "Published by NICE on 25 March 2026.",
# "ISBN 978-1-4731-9396-3", "Web address: https://www.nice.org.uk", "Department: Urology".
_PUBLISHED_BY = re.compile(rf"^published by (?P<publisher>.+?) on (?P<value>{_DATE})\.?$", re.IGNORECASE)
_ISBN = re.compile(r"^ISBN\s*:?\s*(?P<value>(?:97[89][- ]?)?\d[\d -]{7,15}[\dX])\.?$", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?:web\s*(?:site|address)|website|online)\s*:\s*(?P<value>https?://\S+?)\.?$", re.IGNORECASE)
_DEPARTMENT = re.compile(rf"^{DEPARTMENT_LABEL}\s*:\s*(?P<value>[^.:;]{{2,80}}?)\.?$", re.IGNORECASE)
_SEPARATORS = re.compile("^[\\s|;,.\u00b7\u2022\u2013-]*$")


@dataclass(frozen=True, slots=True)
class Fact:
    key: str  # review, published, updated, reviewed, reference, publisher, department, isbn or url
    value: str  # as the front matter wants it
    printed: str  # as the document prints it
    day_taken: bool = False  # a month and year only: the 1st is taken


def read_printed(document: Document) -> None:
    """Take each paragraph that only prints facts about the leaflet out of the flow, into the front matter."""
    flow: Flow = []
    for piece in document.flow:
        facts = printed_facts(plain(piece.inlines)) if isinstance(piece, Paragraph) else None
        if not facts:
            flow.append(piece)
            continue
        for fact in facts:
            _record(document, fact)
    document.flow = flow


def printed_facts(text: str) -> list[Fact] | None:
    """The facts ``text`` prints, when it prints nothing else (None otherwise)."""
    said = " ".join(text.split())
    if match := _PUBLISHED_BY.match(said):
        day = parse_date(match.group("value"))
        return (
            [Fact("publisher", match.group("publisher"), said), Fact("published", day.isoformat(), said)]
            if day
            else None
        )
    if match := _ISBN.match(said):
        return [Fact("isbn", match.group("value").strip(), said)]
    if match := _ADDRESS.match(said):
        return [Fact("url", match.group("value"), said)]
    if match := _DEPARTMENT.match(said):
        return [Fact("department", match.group("value").strip(), said)]
    found: list[Fact] = []
    rest = text
    for match in _FACT.finditer(text):
        fact = _fact(match)
        if fact is None:
            return None
        found.append(fact)
        rest = rest.replace(match.group(0), " ", 1)
    return found if found and _SEPARATORS.match(rest) else None


def _fact(match: re.Match[str]) -> Fact | None:
    key = next(k for k in _LABELS if match.group(k))
    printed, value = " ".join(match.group(0).split()), match.group("value")
    if key == "reference":
        return None if re.fullmatch(_DATE, value, re.IGNORECASE) else Fact(key, value, printed)
    day = parse_date(value)
    if day is None:
        return None
    has_day = re.match(r"^\d{1,2}(?:st|nd|rd|th)?\s|^\d{1,2}[/.]\d{1,2}[/.]\d{4}$|^\d{4}-", value)
    return Fact(key, day.isoformat(), printed, day_taken=not has_day)


def parse_date(text: str) -> date | None:
    """A printed date: '2 October 2016', 'March 2027', '02/10/2016' (day first, as in the UK), '10/2016',
    '2016-10-02'; None when it is none of these or no real day."""
    text = text.strip().lower().replace(".", "/") if re.match(r"^\d", text) else text.strip().lower()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
            return date(int(match.group(2)), int(match.group(1)), 1)
        parts = text.replace(",", " ").split()
        month = _MONTHS.get(parts[-2].rstrip(".")) if len(parts) >= 2 else None
        if month is None or not parts[-1].isdigit():
            return None
        day = int(re.sub(r"\D", "", parts[0])) if len(parts) == 3 else 1
        return date(int(parts[-1]), month, day)
    except ValueError:
        return None


def _record(document: Document, fact: Fact) -> None:
    printed = f"'{fact.printed}', printed in the document"
    if fact.key == "reviewed":
        document.said.append(f"'{fact.printed}' is left out of the text (the front matter says when it was updated)")
        return
    if fact.key in document.properties:
        document.said.append(
            f"'{fact.printed}' is left out of the text ({fact.key} is {document.properties[fact.key]}, from {document.sources[fact.key]})"
        )
        return
    published = document.properties.get("published")
    if fact.key == "updated" and published is not None and fact.value <= published:
        document.said.append(f"'{fact.printed}' is left out of the text (it is not after the day it was published)")
        return
    document.properties[fact.key] = fact.value
    document.sources[fact.key] = printed + (
        "; no day is printed, so the 1st is taken: check it" if fact.day_taken else ""
    )
