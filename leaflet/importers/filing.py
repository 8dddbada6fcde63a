"""What NHS leaflets print for filing, read from the document's own words into front matter.

A trust's leaflet says its review date, reference and department in the text ("Review date: March 2027",
"Ref: URO-014", "Department: Urology"), often together on one line or at the foot of the last page. A
paragraph that says only such things becomes front matter (``review``, ``reference``, ``department``) and
leaves the body, since every format prints them from the front matter; one that says more stays as it is.
"""

from __future__ import annotations

import re
from datetime import datetime

from leaflet.importers.draft import Break, Draft, Para, Span

_REVIEW = re.compile(r"^(?:next\s+)?review(?:\s+date)?(?:\s+due)?\s*(?::|-|\u2013|\s)\s*(?P<value>.+)$", re.IGNORECASE)
_REFERENCE = re.compile(
    r"^(?:leaflet\s+|document\s+|patient\s+information\s+)?(?:ref(?:erence)?\.?(?:\s+(?:no|number)\.?)?)\s*(?::|-|\u2013|\s)\s*"
    r"(?P<value>[A-Za-z0-9][A-Za-z0-9 ./_-]{0,39})$",
    re.IGNORECASE,
)
_DEPARTMENT = re.compile(r"^(?:department|service)\s*:\s*(?P<value>.{2,80})$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|•·]\s+|\s*;\s+")
_DAY_FORMATS = ("%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")
_MONTH_FORMATS = ("%B %Y", "%b %Y", "%m/%Y", "%m.%Y")


def take_filing(draft: Draft) -> None:
    """Move the review date, reference and department the text states into ``draft.properties``."""
    kept = []
    for block in draft.blocks:
        found = _facts(block) if isinstance(block, Para) else None
        if not found:
            kept.append(block)
            continue
        for key, (value, said) in found.items():
            if key not in draft.properties:
                draft.properties[key] = value
                draft.sources[key] = f"the text '{said}'" + (
                    " (the first day of that month)" if key == "review" and _month_only(said) else ""
                )
    draft.blocks[:] = kept


def _facts(paragraph: Para) -> dict[str, tuple[str, str]] | None:
    """The filing facts a paragraph states, each with the words that said it; None unless it states only them."""
    facts: dict[str, tuple[str, str]] = {}
    for line in _lines(paragraph.spans):
        for part in _SEPARATORS.split(line):
            part = " ".join(part.split()).rstrip(".")
            if not part:
                continue
            fact = _fact(part)
            if fact is None:
                return None
            facts[fact[0]] = (fact[1], part)
    return facts or None


def _fact(part: str) -> tuple[str, str] | None:
    if match := _REVIEW.match(part):
        day = review_day(match.group("value"))
        return ("review", day) if day else None
    if (match := _REFERENCE.match(part)) and any(c.isdigit() for c in match.group("value")):  # a code, not words
        return "reference", match.group("value").strip()
    if match := _DEPARTMENT.match(part):
        return "department", match.group("value").strip()
    return None


def review_day(text: str) -> str | None:
    """A review date as the text gives it ('March 2027', '1 March 2027', '03/2027', '01/03/2027'), as
    YYYY-MM-DD (a month alone: its first day); None if it is not a date."""
    text = " ".join(text.replace(",", " ").split())
    for formats in (_DAY_FORMATS, _MONTH_FORMATS):
        for pattern in formats:
            try:
                return datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
    return None


def _month_only(said: str) -> bool:
    value = _REVIEW.match(said)
    text = " ".join(value.group("value").replace(",", " ").split()) if value else ""
    return any(_parses(text, pattern) for pattern in _MONTH_FORMATS)


def _parses(text: str, pattern: str) -> bool:
    try:
        datetime.strptime(text, pattern)
    except ValueError:
        return False
    return True


def _lines(spans: list[Span]) -> list[str]:
    """The paragraph's text, a line for each hard break."""
    lines = [""]
    for span in spans:
        if isinstance(span, Break):
            lines.append("")
        else:
            lines[-1] += span.text
    return lines
