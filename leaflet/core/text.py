"""Small, pure text helpers that every renderer may share.

Renderers never import each other; what two of them need in common about
words (the plain text of inlines, dates in words, wrapping that never
breaks an address, sentences) lives here.
"""

from __future__ import annotations

import functools
import re
import textwrap
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date

from leaflet.core import phones, walk
from leaflet.core.model import (
    Definition,
    Inline,
    Inlines,
    Leaflet,
    LineBreak,
    Link,
)

_APOSTROPHE = "\u2019"  # the typographer's apostrophe, as in "body\u2019s"
_WORD = re.compile(rf"[\w'{_APOSTROPHE}]+", re.UNICODE)


def plain(inlines: Inlines) -> str:
    """The words of ``inlines`` as one string, with no markup."""
    return "".join(inline.text for inline in inlines)


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, for comparing text across formats."""
    return [w.lower().replace(_APOSTROPHE, "'") for w in _WORD.findall(text)]


def long_date(day: date) -> str:
    """A date the way people say it in the UK: 25 March 2026."""
    return f"{day.day} {day:%B %Y}"


def slug(text: str, *, limit: int = 48) -> str:
    """A lower-case, hyphenated, ASCII name for files: 'Some questions' -> 'some-questions'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "section"


NO_BREAK = "\u00a0"  # a space that never breaks a line
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_UNIT_NAMES = r"kg/m²|kg/m2|mmol/mol|mmol/l|mmol/L|mmHg|°C|°F|mcg|µg|mg|kg|ml|mL|cm|mm|km|bpm|g|l|m|%"
# What a line must never split: a phone number (9 digits or more, or a service number in two groups),
# a date, and a value with its unit or sign ('40 kg/m²', '≥ 40', '5 to 10 mg').
_KEEP_TOGETHER = re.compile(
    r"(?<![\w+])\+?\d{2,5}(?: \d{2,4}){1,3}(?!\w)"
    rf"|\b\d{{1,2}} (?:{_MONTH_NAMES}) \d{{4}}\b"
    rf"|(?:[≥≤<>] ?)?\d+(?:\.\d+)?(?: ?(?:{_UNIT_NAMES})(?![\w²])| (?=[≥≤]))"
    r"|[≥≤<>] \d"
)


def keep_together(text: str) -> str:
    """``text`` with the spaces inside phone numbers, dates and values with units made unbreakable."""

    def glue(match: re.Match[str]) -> str:
        found = match.group(0)
        is_phone = found[:1].isdigit() or found[:1] == "+"
        if is_phone and re.fullmatch(r"\+?[\d ]+", found) and sum(c.isdigit() for c in found) < 9:
            return found if found not in ("116 123", "116 117") else found.replace(" ", NO_BREAK)
        return found.replace(" ", NO_BREAK)

    return _KEEP_TOGETHER.sub(glue, text)


def wrap(text: str, width: int, *, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Wrap at ``width`` without ever breaking a word, address, phone number, date or value and unit.

    A word longer than the line (a long web address) stands alone, unbroken.
    """
    wrapper = textwrap.TextWrapper(
        width=width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    had_no_break = NO_BREAK in text
    lines = wrapper.wrap(keep_together(text)) or [indent.rstrip()]
    return lines if had_no_break else [line.replace(NO_BREAK, " ") for line in lines]


def underlined(text: str, underline: str, width: int) -> list[str]:
    """A plain-text heading: ``text`` wrapped at ``width``, then ``underline`` as long as its longest line."""
    wrapped = wrap(text, width)
    return [*wrapped, underline * max(len(line) for line in wrapped)]


def leaflet_links(leaflet: Leaflet) -> Iterator[Link]:
    """Every link in the leaflet's body, in reading order."""
    return (node for node in walk.body(leaflet) if isinstance(node, Link))


def display_url(url: str) -> str:
    """An address as a reader types it: mailto: and tel: prefixes dropped."""
    for prefix in ("mailto:", "tel:"):
        if url.startswith(prefix):
            return url[len(prefix) :]
    return url


def shows_own_address(text: str, url: str) -> bool:
    """True when a link's words are its address already (a phone number, an email address, a
    web address written bare), so the address need not be given again. Spaces, case, the
    scheme and a closing slash do not count, nor the form of a phone number ('0300 123 1234'
    calls tel:+443001231234)."""
    if _bare(text) == _bare(display_url(url)):
        return True
    if url.lower().startswith("tel:") and any(ch.isdigit() for ch in text):
        return phones.same_number(text, url[4:])
    return False


def _bare(address: str) -> str:
    squeezed = "".join(address.split()).lower()
    for scheme in ("https://", "http://"):
        squeezed = squeezed.removeprefix(scheme)
    return squeezed.rstrip("/")


def split_lines(inlines: Inlines) -> list[Inlines]:
    """``inlines`` cut at each hard line break, the breaks left out (always at least one line)."""
    lines: list[list[Inline]] = [[]]
    for inline in inlines:
        if isinstance(inline, LineBreak):
            lines.append([])
        else:
            lines[-1].append(inline)
    return [tuple(line) for line in lines]


def leaflet_text(leaflet: Leaflet) -> str:
    """The leaflet's title and body as one plain string, in reading order."""
    pieces: list[str] = [leaflet.meta.title]
    for section in leaflet.sections:
        if section.heading:
            pieces.append(section.heading)
        for block in section.blocks:
            pieces.extend(plain(inlines) for inlines in walk.inline_runs(block))
    return " ".join(pieces)


def leaflet_words(leaflet: Leaflet) -> list[str]:
    """Every word of the leaflet's title and body, in reading order."""
    return words(leaflet_text(leaflet))


def first_missing_word(expected: list[str], found: list[str]) -> str | None:
    """The first of ``expected`` not found in ``found`` in order (words may sit between), or None."""
    remaining = iter(found)
    for word in expected:
        if not any(word == candidate for candidate in remaining):
            return word
    return None


_SEGMENTERS = threading.local()  # pysbd's Segmenter keeps the text it is splitting: one per thread


def segmenter(language: str, *, char_span: bool = False) -> object:
    """pysbd's segmenter for ``language`` (a code such as 'en') in this thread, giving strings or, with
    ``char_span``, spans with their offsets; English rules for a language pysbd does not know (Welsh,
    say), whose sentences end with the same marks."""
    import pysbd  # lazy: only the checks, easy read and talking book need sentences
    from pysbd.languages import LANGUAGE_CODES

    known = language if language in LANGUAGE_CODES else "en"
    made: dict[tuple[str, bool], object] | None = getattr(_SEGMENTERS, "made", None)
    if made is None:
        made = _SEGMENTERS.made = {}
    if (known, char_span) not in made:
        made[known, char_span] = pysbd.Segmenter(language=known, clean=False, char_span=char_span)
    return made[known, char_span]


# Anything pysbd might split an English text at (its full stops, question and exclamation marks, the
# full-width ones too): without one of these before its closing marks, a text is one sentence.
_MAY_SPLIT = re.compile(r"[.!?\u2026\n\r);:\u2022\u3002\uff0e\uff01\uff1f]")
_CLOSING_MARKS = ".!?\"'\u2019\u201d "


def sentences(text: str, language: str = "en") -> list[str]:
    """Split ``text`` into sentences with pysbd (rule-based, works offline).

    An English text with nothing pysbd could split at before its closing
    marks (most easy-read points: 'You stay in hospital.') is one sentence,
    said so without pysbd, which takes a third of a millisecond for each text.
    Other languages end sentences with other marks too, so pysbd reads them.
    """
    code = language.split("-")[0].lower()
    whole = text.strip()
    if code == "en" and not _MAY_SPLIT.search(whole.rstrip(_CLOSING_MARKS)):
        return [whole] if whole else []
    return [s.strip() for s in segmenter(code).segment(text) if s.strip()]  # type: ignore[attr-defined]


# Hard words and easy read ----------------------------------------------


@functools.cache
def term_pattern(term: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for ``term`` and its plural ('artery', 'arteries')."""
    *first, last = term.split()
    forms = {last, last + "s", last + "es"}
    if last.endswith("y"):
        forms.add(last[:-1] + "ies")
    ending = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    lead = "".join(re.escape(part) + r"\s+" for part in first)
    return re.compile(rf"(?<![\w-]){lead}(?:{ending})(?![\w-])", re.IGNORECASE)


def find_terms(text: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where each of ``terms`` occurs in ``text``: (start, end, term), in order, never overlapping.

    Where two terms overlap ('heart' and 'heart transplant') the longer one wins.
    """
    found = [(m.start(), m.end(), term) for term in terms for m in term_pattern(term).finditer(text)]
    found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, str]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def easy_read_title(leaflet: Leaflet) -> str:
    """The easy read's own title, or the leaflet's when it has none."""
    easy = leaflet.easy_read
    return easy.title if easy and easy.title else leaflet.meta.title


def easy_read_words(leaflet: Leaflet) -> list[str]:
    """Every word of the easy read (title, headings, points), in reading order."""
    if leaflet.easy_read is None:
        return []
    pieces = [easy_read_title(leaflet)]
    for section in leaflet.easy_read.sections:
        pieces.append(section.heading)
        pieces.extend(plain(point.inlines) for point in section.points)
    return words(" ".join(pieces))


def easy_read_terms(leaflet: Leaflet) -> list[Definition]:
    """The glossary entries the easy read uses, in the order it first uses them."""
    if leaflet.easy_read is None:
        return []
    text = " ".join(plain(point.inlines) for section in leaflet.easy_read.sections for point in section.points)
    first_use: dict[str, int] = {}
    for start, _end, term in find_terms(text, (entry.term for entry in leaflet.glossary)):
        first_use.setdefault(term, start)
    return sorted((e for e in leaflet.glossary if e.term in first_use), key=lambda e: first_use[e.term])
