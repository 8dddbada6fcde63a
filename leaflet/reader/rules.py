"""The rules an easy read must keep before anything is published.

Part of reading: ``read_leaflet`` applies them to every leaflet, so a broken
rule stops the build before any file is written:

- error: a sentence over 20 words; warning: over 15 (easy read aims at 10-15).
- error: a point of more than two sentences (one idea a point).
- warning: a glossary word whose first use is not explained in that point or
  the next ('A catheter is ...', '... is called a catheter').
- warning: an all-capitals abbreviation that is never spelled out or explained.
- error: a ``##`` section of the full leaflet that no easy-read section covers
  (named by a ``covers:`` line under an easy-read heading, or the same heading).

The pictures' warnings (a point with no picture, a picture no person has
approved) come from choosing them (``leaflet.media.symbols.warnings``).

Sentences come from pysbd (``leaflet.core.text.sentences``), offline. The
readability of the easy read beside the full leaflet's is shown by its audit
(``leaflet.checks.easy_read``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from leaflet.core.diagnostics import Diagnostic, SourceError, SourceErrors
from leaflet.core.model import EasyRead, EasyReadPoint, Leaflet
from leaflet.core.text import plain, sentences, term_pattern

MOST_WORDS = 20  # a longer sentence is an error
AIM_WORDS = 15  # a longer sentence is a warning
MOST_SENTENCES = 2  # in one point

_ABBREVIATION = re.compile(r"(?<![\w-])([A-Z]{2,})(?:s|'s|\u2019s)?(?![\w-])")
_SMALL_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "to", "a", "an", "&"})
_DEFINING_AFTER = r"\s*(?:\(|:|\s(?:is|are|was|were|means|mean|stands\s+for)\b)"
_DEFINING_BEFORE = r"(?:\b(?:called|named|means|meaning)\s+(?:an?\s+|the\s+)?|\(\s*)"


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule: an error stops the build, a warning is reported."""

    error: bool
    line: int
    code: str
    message: str
    in_leaflet: bool = False  # about leaflet.md rather than easy-read.md


def check_easy_read(leaflet: Leaflet) -> tuple[Diagnostic, ...]:
    """The easy read's warnings; its broken error rules raise ``SourceErrors`` (every one of them)."""
    if leaflet.easy_read is None:
        return ()
    findings = list(broken_rules(leaflet))
    errors = [f for f in findings if f.error]
    if errors:  # every one, so that the count the build prints is the count there is
        raise SourceErrors([SourceError(_path(leaflet, f), f.line, f.message) for f in errors])
    return tuple(Diagnostic(_path(leaflet, f), f.line, f.code, f.message) for f in findings)


def broken_rules(leaflet: Leaflet) -> Iterator[Finding]:
    """Every broken rule in the leaflet's easy read, in the order of the rules above."""
    easy = leaflet.easy_read
    if easy is None:
        return
    language = leaflet.meta.language
    points = [point for section in easy.sections for point in section.points]
    for point in points:
        yield from _sentence_rules(point, language)
    yield from _unexplained_words(leaflet, points)
    yield from _abbreviations(easy)
    yield from _coverage(leaflet, easy)


def _path(leaflet: Leaflet, finding: Finding) -> Path:
    assert leaflet.easy_read is not None
    return leaflet.source_path if finding.in_leaflet else leaflet.easy_read.path


def word_count(sentence: str) -> int:
    """Words as a reader counts them: 'check-up' and '0300 123 1234' are as written."""
    return sum(1 for token in sentence.split() if any(c.isalnum() for c in token))


def _sentence_rules(point: EasyReadPoint, language: str) -> Iterator[Finding]:
    found = sentences(plain(point.inlines), language)
    if len(found) > MOST_SENTENCES:
        yield Finding(
            True,
            point.line,
            "easy-read-point",
            f"this point has {len(found)} sentences; a point is one idea in one or two short sentences, so split it into {len(found)} points ('- ...' each)",
        )
    for sentence in found:
        count = word_count(sentence)
        if count > MOST_WORDS:
            yield Finding(
                True,
                point.line,
                "easy-read-sentence",
                f"this sentence has {count} words (easy read allows at most {MOST_WORDS}, and aims at {AIM_WORDS}): '{sentence}'; split it into shorter sentences, one idea each",
            )
        elif count > AIM_WORDS:
            yield Finding(
                False,
                point.line,
                "easy-read-long-sentence",
                f"this sentence has {count} words (easy read aims at {AIM_WORDS} at most): '{sentence}'; shorten it or split it",
            )


def explains(text: str, term: str) -> bool:
    """True when ``text`` says what ``term`` means: 'A catheter is ...', '... called a catheter', 'catheter (a tube)'."""
    core = term_pattern(term).pattern
    after = re.compile(rf"{core}{_DEFINING_AFTER}", re.IGNORECASE)
    before = re.compile(rf"{_DEFINING_BEFORE}{core}", re.IGNORECASE)
    return bool(after.search(text) or before.search(text))


def _unexplained_words(leaflet: Leaflet, points: list[EasyReadPoint]) -> Iterator[Finding]:
    """Each glossary word must be explained where it is first used: in that point or the next."""
    texts = [plain(point.inlines) for point in points]
    for entry in leaflet.glossary:
        pattern = term_pattern(entry.term)
        first = next((i for i, text in enumerate(texts) if pattern.search(text)), None)
        if first is None or any(explains(text, entry.term) for text in texts[first : first + 2]):
            continue
        yield Finding(
            False,
            points[first].line,
            "easy-read-hard-word",
            f"'{entry.term}' is a hard word (it is in the glossary) and is not explained where it is first used; "
            f"say what it means in the next sentence, for example 'A {entry.term} is ...' (the glossary says: {entry.explanation})",
        )


def _abbreviations(easy: EasyRead) -> Iterator[Finding]:
    """Each all-capitals abbreviation must be spelled out ('NHS stands for ...') somewhere in the easy read."""
    runs: list[tuple[int, str]] = [(1, easy.title)] if easy.title else []
    for section in easy.sections:
        runs.append((section.line, section.heading))
        runs.extend((point.line, plain(point.inlines)) for point in section.points)
    everything = " ".join(text for _, text in runs)
    seen: set[str] = set()
    for line, text in runs:
        for match in _ABBREVIATION.finditer(text):
            abbreviation = match.group(1)
            if abbreviation in seen:
                continue
            seen.add(abbreviation)
            if _spelled_out(abbreviation, everything):
                continue
            yield Finding(
                False,
                line,
                "easy-read-abbreviation",
                f"'{abbreviation}' is an abbreviation that the easy read never spells out; "
                f"say once what it is, for example '{abbreviation} stands for ...' or '{abbreviation} is ...'",
            )


def _spelled_out(abbreviation: str, text: str) -> bool:
    """True when ``text`` explains ``abbreviation``, or holds its words ('National Health Service')."""
    if explains(text, abbreviation):
        return True
    tokens = re.findall(r"[A-Za-z&]+", text)
    for start, token in enumerate(tokens):
        if not token[0].isupper() or token.isupper():
            continue
        initials = ""
        for word in tokens[start:]:
            if word.lower() in _SMALL_WORDS:
                continue
            if not word[0].isupper() or len(initials) == len(abbreviation):
                break
            initials += word[0]
        if initials == abbreviation:
            return True
    return False


def _key(heading: str) -> str:
    return " ".join(heading.casefold().split())


def _coverage(leaflet: Leaflet, easy: EasyRead) -> Iterator[Finding]:
    """Every ``##`` section of the full leaflet is told by some easy-read section."""
    headings = {_key(s.heading): s.heading for s in leaflet.sections if s.heading}
    covered: set[str] = set()
    for section in easy.sections:
        covered.add(_key(section.heading))
        for name in section.covers:
            if _key(name) not in headings:
                known = "; ".join(headings.values()) or "none"
                yield Finding(
                    True,
                    section.line,
                    "easy-read-covers",
                    f"the section '{section.heading}' says 'covers: {name}', but leaflet.md has no heading '{name}'; write one of: {known}",
                )
            covered.add(_key(name))
    for full in leaflet.sections:
        if full.level == 2 and full.heading and _key(full.heading) not in covered:
            yield Finding(
                True,
                full.line,
                "easy-read-missing-section",
                f"the section '{full.heading}' has no easy-read counterpart; in easy-read.md, write 'covers: {full.heading}' under the easy-read heading that tells it, or add a section for it",
                in_leaflet=True,
            )
