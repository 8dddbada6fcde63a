"""Which symbol fits a point's words: pure functions of the words and the vocabulary, nothing else.

The point's words are read left to right. At each word the longest phrase of
the curated health map wins ('heart attack' before 'heart'); otherwise the
word itself (or its singular: 'tablets' -> 'tablet') is looked up in the map,
then in the keyword index built from the set's names (a word of the symbol's
name: weight 1 when it is the whole name, 0.5 when part of it). Common words
(``COMMON``) never match through the index. Each symbol scores the weights of
the distinct entries that point to it; the highest score wins, then the one
whose words come first, then the name (so the choice never depends on order
of dictionaries or runs).

Pictures vary where they can: a symbol the point before already shows in the
same section scores ``REPEAT`` times its score, so another fitting symbol can
win, and a lone fitting symbol still does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from leaflet.media.symbols.curated import Entry

REPEAT = 0.4
INDEX_WHOLE_NAME, INDEX_PART_OF_NAME = 1.0, 0.5
_TOKEN = re.compile(r"[a-z0-9&]+")
_COMMON_WORDS = """a about after again all also am an and any are as at be because been before being but by can
    could did do does doing done each for from get gets getting give gives go goes going got had has have
    having he her here him his how i if in into is it its just know last let like made make makes many may
    me might more most much must my new no not now of off on once one only or other our out over own
    person same see she should so some still such than that the their them then there these they thing
    things this those through to too under up us very want was way we well were what when where which
    while who why will with would yet you your yours top end back soon free ok cool on left right side place
    inside watch covers"""
COMMON = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True, slots=True)
class Choice:
    """The symbol chosen for a point, and why: the point's words that matched."""

    symbol: str  # the symbol's key (``key(name)``)
    matched: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the chooser knows: the curated phrases and the keyword index."""

    phrases: Mapping[tuple[str, ...], tuple[int, Entry]]  # words -> (entry number, entry)
    index: Mapping[str, tuple[str, ...]]  # word -> symbol keys, best first
    longest: int


def vocabulary(entries: Sequence[Entry], index: Mapping[str, tuple[str, ...]]) -> Vocabulary:
    """The curated ``entries`` (their symbols by ``key``) beside the keyword ``index`` (word -> symbol keys)."""
    phrases: dict[tuple[str, ...], tuple[int, Entry]] = {}
    for number, given in enumerate(entries):
        entry = given._replace(symbol=key(given.symbol)) if given.symbol else given
        for form in entry.forms:
            phrases.setdefault(tuple(tokens(form)), (number, entry))
    return Vocabulary(phrases, index, max(len(words) for words in phrases))


def key(name: str) -> str:
    """How a symbol's name is looked up: lower case, words only ('Face_with_Head-Bandage' -> 'face with head bandage')."""
    return " ".join(_TOKEN.findall(name.lower().replace("\u2019", "").replace("'", "").replace("&", " ")))


def tokens(text: str) -> list[str]:
    """Lower-case words; apostrophes dropped ('don't' -> 'dont'), hyphens split ('check-up' -> 'check', 'up')."""
    return _TOKEN.findall(text.lower().replace("\u2019", "").replace("'", ""))


def _forms(word: str) -> Iterable[str]:
    """The word, then its likely singulars: 'arteries' -> 'artery', 'tablets' -> 'tablet'."""
    yield word
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 4:
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        yield word[:-1]


@dataclass(frozen=True, slots=True)
class _Match:
    symbol: str
    key: tuple[str, ...] | str  # what counts once: the curated entry, or the indexed word
    weight: float
    position: int
    words: str


def _matches(words: Sequence[str], vocab: Vocabulary) -> list[_Match]:
    found: list[_Match] = []
    position = 0
    while position < len(words):
        step, match = _match_at(words, position, vocab)
        if match is not None:
            found.append(match)
        position += step
    return found


def _match_at(words: Sequence[str], position: int, vocab: Vocabulary) -> tuple[int, _Match | None]:
    """How many words the match at ``position`` takes, and the match (None: no symbol for them)."""
    for length in range(min(vocab.longest, len(words) - position), 0, -1):
        span = tuple(words[position : position + length])
        candidates = [span] if length > 1 else [(form,) for form in _forms(span[0])]
        for candidate in candidates:
            if candidate in vocab.phrases:
                number, entry = vocab.phrases[candidate]
                text = " ".join(span)
                if entry.symbol is None:
                    return length, None
                return length, _Match(entry.symbol, ("entry", str(number)), entry.weight, position, text)
    word = words[position]
    if word in COMMON or word.isdigit():
        return 1, None
    for form in _forms(word):
        names = vocab.index.get(form)
        if names:
            weight = INDEX_WHOLE_NAME if names[0] == form else INDEX_PART_OF_NAME
            return 1, _Match(names[0], form, weight, position, word)
    return 1, None


def choose(text: str, vocab: Vocabulary, previous: str | None = None) -> Choice | None:
    """The best symbol for ``text``, or None when no word fits; ``previous``: the symbol of the point before."""
    by_symbol: dict[str, list[_Match]] = {}
    for match in _matches(tokens(text), vocab):
        by_symbol.setdefault(match.symbol, []).append(match)
    if not by_symbol:
        return None
    ranked = []
    for symbol, matches in by_symbol.items():
        weights = {match.key: match.weight for match in matches}
        score = sum(weights.values()) * (REPEAT if symbol == previous else 1.0)
        ranked.append((-score, matches[0].position, symbol, matches))
    ranked.sort(key=lambda item: (item[0], item[1], item[2]))
    score, _, symbol, matches = ranked[0]
    return Choice(symbol, tuple(dict.fromkeys(match.words for match in matches)), round(-score, 2))


def choose_section(texts: Sequence[str], vocab: Vocabulary, decided: Sequence[str | None] = ()) -> list[Choice | None]:
    """A choice for each point of a section, in order.

    ``decided[i]`` is None where the publisher chooses, else what the author
    decided for point ``i``: a symbol's key, or '' (their own file, or none).
    """
    choices: list[Choice | None] = []
    previous: str | None = None
    for number, text in enumerate(texts):
        author = decided[number] if number < len(decided) else None
        choice = choose(text, vocab, previous) if author is None else None
        choices.append(choice)
        previous = author or None if author is not None else (choice.symbol if choice else None)
    return choices
