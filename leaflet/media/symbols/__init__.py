"""Pictures for easy read: an open symbol set, a chooser, a person's approval, and the pictures they give the model.

- ``catalogue``: OpenMoji's drawings named by Unicode's emoji names, drawn to PNG.
- ``curated``: the health vocabulary: ideas, the words that say them, the symbol for each.
- ``choose``: which symbol shows what a point says, how sure, and why; pure and deterministic.
- ``report``: the review sheet a person approves from (``leaflet pictures ID``).

``decide(sections, approved)`` says, for every point, where its picture comes
from: the author (a ``picture:`` line or their own file), a person's approval
(``easy-read-approved.yaml``, keyed by the point's words), or the chooser.
``with_pictures`` gives the model those pictures; ``warnings`` what a person
must still do: a point with no picture (and what was considered), and an
automatic choice no person has approved (``--strict`` and releases refuse it).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from leaflet.core.model import EasyReadPoint, EasyReadSection, Leaflet, Picture
from leaflet.core.text import plain
from leaflet.media.symbols.catalogue import CREDIT, Symbol, catalogue, render
from leaflet.media.symbols.choose import Choice, Vocabulary, choose_section, key, read, vocabulary
from leaflet.media.symbols.curated import ALT, HEALTH_WORDS

__all__ = [
    "CREDIT",
    "Choice",
    "Decision",
    "approved_only",
    "decide",
    "find",
    "suggest",
    "symbol_picture",
    "vocab",
    "with_pictures",
]

Source = Literal["author", "approved", "chosen"]
NONE = "none"  # an approval of no picture


@functools.cache
def vocab() -> Vocabulary:
    """The health vocabulary beside the keyword index of the whole set (built once a process)."""
    return vocabulary(HEALTH_WORDS, catalogue().index)


def symbol_named(name: str) -> Symbol | None:
    return catalogue().find(name)


def suggest(name: str) -> list[str]:
    """Close names for a name not in the set, the health symbols first."""
    return catalogue().suggest(name, frozenset(key(symbol) for symbol in ALT))


def symbol_picture(
    symbol: Symbol, alt: str | None = None, matched: tuple[str, ...] = (), approved: bool = True
) -> Picture:
    """The symbol drawn to PNG, with the author's alt text or the one that says what it shows."""
    return Picture(
        data=render(symbol.code),
        alt=alt or ALT.get(symbol.name, symbol.description),
        name=symbol.name,
        credit=CREDIT,
        matched=matched,
        approved=approved,
    )


def words_of(point: EasyReadPoint) -> str:
    """A point's words as an approval keys them: its plain text, spaces made single."""
    return " ".join(plain(point.inlines).split())


@dataclass(frozen=True, slots=True)
class Decision:
    """One point's picture and where it comes from: the author, a person's approval, or the chooser (``choice``)."""

    point: EasyReadPoint  # with its picture (None: no picture) as every format shows it
    source: Source
    choice: Choice | None = None  # the chooser's, for a point neither the author nor an approval decided


def decide(sections: Sequence[EasyReadSection], approved: Mapping[str, str]) -> list[list[Decision]]:
    """Every point's decision, section by section. ``approved``: a point's words -> the approved symbol's name or
    ``NONE``. A point whose picture was chosen by this function before (its ``matched`` words) is chosen again, so
    ``decide`` gives the same answer for sections as read and for sections already given their pictures."""
    words, symbols = vocab(), catalogue().symbols
    result = []
    for section in sections:
        decisions = [_person(point, approved) for point in section.points]
        decided = [None if d is None else _as_previous(d.point.picture) for d in decisions]
        texts = [plain(point.inlines) for point in section.points]
        choices = choose_section(texts, words, decided)
        section_decisions = []
        for point, person, choice in zip(section.points, decisions, choices, strict=True):
            if person is not None:
                section_decisions.append(person)
                continue
            assert choice is not None
            picture = None
            if choice.symbol is not None:
                picture = symbol_picture(symbols[choice.symbol], matched=choice.matched, approved=False)
            section_decisions.append(Decision(replace(point, picture=picture, wants_picture=True), "chosen", choice))
        result.append(section_decisions)
    return result


def _person(point: EasyReadPoint, approved: Mapping[str, str]) -> Decision | None:
    """The decision a person made for ``point`` (None: the chooser decides)."""
    name = approved.get(words_of(point))
    if (point.picture is not None and not point.picture.matched) or (not point.wants_picture and name != NONE):
        return Decision(point, "author")  # ('none' by the author and by an approval are the same to a reader)
    if name is None:
        return None
    if name == NONE:
        return Decision(replace(point, picture=None, wants_picture=False), "approved")
    symbol = symbol_named(name)
    if symbol is None:  # approved under an older symbol set that no longer has it: the chooser decides again
        return None
    ideas = read(plain(point.inlines), vocab())
    matched = tuple(dict.fromkeys(i.words for i in ideas if i.symbol == key(symbol.name))) or ("approved",)
    picture = symbol_picture(symbol, matched=matched, approved=True)
    return Decision(replace(point, picture=picture, wants_picture=True), "approved")


def _as_previous(picture: Picture | None) -> str:
    """A person's decision as the chooser's 'previous' symbol: the symbol's key, or '' for none or a file."""
    return key(picture.name) if picture is not None and picture.credit == CREDIT else ""


def with_pictures(sections: Sequence[EasyReadSection], approved: Mapping[str, str] = {}) -> tuple[EasyReadSection, ...]:
    """``sections`` with each point's decided picture."""
    return tuple(
        EasyReadSection(section.heading, tuple(d.point for d in decisions), section.line, section.covers)
        for section, decisions in zip(sections, decide(sections, approved), strict=True)
    )


def warnings(decisions: Sequence[Sequence[Decision]]) -> Iterator[tuple[int, str, str]]:
    """(line, code, message) for each point a person must still look at."""
    for decision in (d for section in decisions for d in section):
        point, choice = decision.point, decision.choice
        if choice is None:
            continue
        words = words_of(point)
        short = words if len(words) <= 60 else words[:57].rstrip() + "..."
        if point.picture is None:
            yield (
                point.line,
                "no-picture",
                f"the point '{short}' has no picture: {choice.reason}; under it write "
                "'picture: <symbol name>' (see 'leaflet pictures <id>'), 'picture: <file>.png \"what it shows\"' or "
                "'picture: none', or approve it as it is with 'leaflet pictures <id> --accept'",
            )
        else:
            yield (
                point.line,
                "picture-unreviewed",
                f"the picture '{point.picture.name}' for '{short}' was chosen by the publisher "
                f"({choice.reason}; confidence {choice.confidence:.2f}) and no person has approved it; "
                "look at it on the review sheet ('leaflet pictures <id>') and approve it with "
                "'leaflet pictures <id> --accept', or write 'picture: ...' under the point",
            )


def approved_only(leaflet: Leaflet) -> Leaflet:
    """``leaflet`` with no picture no person has approved: what is served to a patient (its point shows none)."""
    easy = leaflet.easy_read
    if easy is None or all(p.picture is None or p.picture.approved for s in easy.sections for p in s.points):
        return leaflet
    sections = tuple(
        replace(section, points=tuple(_approved_point(point) for point in section.points)) for section in easy.sections
    )
    return replace(leaflet, easy_read=replace(easy, sections=sections))


def _approved_point(point: EasyReadPoint) -> EasyReadPoint:
    return point if point.picture is None or point.picture.approved else replace(point, picture=None)
