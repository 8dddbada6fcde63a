"""How words, numbers and addresses are said: the `say:` lexicon and spoken forms.

Pure functions of text. The lexicon replaces whole words only; an entry
written in capitals (an abbreviation such as NHS) matches that exact
spelling, so 'US: U S' never turns 'us' into letters, while any other entry
(a medical word) matches in any case, so 'Catheter' at the start of a
sentence is said the same way as 'catheter'.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from leaflet.core.model import Pronunciation

# Symbols a speech engine reads badly or not at all, said as words.
_SYMBOLS = (("&", " and "), ("<", " less than "), (">", " more than "), ("%", " per cent"), ("=", " equals "))
_SPACES = re.compile(r"\s+")
# Address punctuation, said so that a listener can write the address down.
_URL_MARKS = {".": "dot", "/": "slash", "-": "dash", "_": "underscore", "@": "at", "?": "question mark",
              "=": "equals", "&": "and", "#": "hash", ":": "colon", "~": "tilde", "+": "plus", "%": "per cent"}  # fmt: skip
_URL_PIECE = re.compile(r"[A-Za-z]+|[0-9]+|.")
# Short address words that are letters, not words ('uk' is not 'yuck').
_SPELLED = {"uk", "gb", "nhs", "www", "bbc", "nhsbsa"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The `say:` entries compiled into one whole-word pattern."""

    entries: tuple[Pronunciation, ...] = ()
    neural: bool = False  # the natural voice's forms (a real word, or IPA said as '[word](/IPA/)')

    def say(self, text: str) -> str:
        """``text`` as said: lexicon words as the lexicon says; everything else with its numbers,
        units and symbols in words. The lexicon wins: its words are never touched by the rest."""
        from leaflet.media.speech.numbers import spoken_numbers

        def rest(part: str) -> str:
            return symbols(spoken_numbers(part))

        if not self.entries:
            return self._natural(rest(text))
        pattern, said, last = _pattern(self.entries), [], 0
        for match in pattern.finditer(text):
            said += [rest(text[last : match.start()]), self._spoken(match.group(0))]
            last = match.end()
        return self._natural("".join([*said, rest(text[last:])]))

    def _natural(self, said: str) -> str:
        """The natural voice reads a lone 'A' as the word 'a' (a schwa): in 'A and E' and '9 A M' it is a letter.
        The names in its own credit its front end guesses wrongly are said as their makers say them."""
        if not self.neural:
            return said
        said = _NATURAL_NAMES_FOUND.sub(lambda m: f"[{m.group(0)}]({_NATURAL_NAMES[m.group(0).lower()]})", said)
        return _A_AND_E.sub("[A](/ˈA/)", said)

    def lookup(self, word: str) -> str | None:
        """How ``word`` is said, ignoring case (for pieces of addresses), or None."""
        for entry in self.entries:
            if entry.word.lower() == word.lower():
                return entry.spoken
        return None

    def _spoken(self, found: str) -> str:
        for entry in self.entries:
            if found == entry.word or (not _exact(entry.word) and found.lower() == entry.word.lower()):
                # keep a capital where the text had one (a sentence's first word), for the script's readers
                spoken = entry.for_engine(self.neural)
                if is_ipa(spoken):  # the natural voice's front end takes '[word](/phonemes/)' as they are
                    return f"[{found}]({spoken})"
                capital = found[:1].isupper() and not entry.word[:1].isupper()
                return spoken[:1].upper() + spoken[1:] if capital else spoken
        return found  # unreachable: the pattern only matches entries


def is_ipa(spoken: str) -> bool:
    """A `say:` form written in IPA between slashes ('/stˈɛnt/')."""
    return len(spoken) > 2 and spoken.startswith("/") and spoken.endswith("/")


def _exact(word: str) -> bool:
    """Abbreviations in capitals match only as written."""
    return word.isupper()


@functools.cache
def _pattern(entries: tuple[Pronunciation, ...]) -> re.Pattern[str]:
    # Longest first, so 'heart transplant' wins over 'heart'.
    ordered = sorted(entries, key=lambda e: (-len(e.word), e.word))
    alternatives = [re.escape(e.word) if _exact(e.word) else f"(?i:{re.escape(e.word)})" for e in ordered]
    return re.compile(rf"(?<![\w'\u2019])(?:{'|'.join(alternatives)})(?!\w)")


_A_AND_E = re.compile(r"(?<![\w\[])A(?= and E\b| M\b)")  # A and E; 9 A M
# The natural voice's credit (engines/voices.py) names its model and its export, which hibari's G2P guesses
# as 'kuh-KOR-oh' and 'onks' (Whisper heard 'Kakoro', 'Onks'): Kokoro with the full vowel of the Japanese
# word, koh-KOR-oh (the flat KOH-koh-roh was heard 'co-corro'), and ONNX as its makers say it, 'onyx'.
_NATURAL_NAMES = {"kokoro": "/kəʊkˈɔːɹəʊ/", "onnx": "/ˈɒnɪks/"}
_NATURAL_NAMES_FOUND = re.compile(rf"(?<![\w\[/])(?i:{'|'.join(_NATURAL_NAMES)})(?![\w\]])")


def symbols(text: str) -> str:
    """Symbols said as words, and runs of spaces (line breaks too) made one space; ends kept."""
    for symbol, words in _SYMBOLS:
        text = text.replace(symbol, words)
    return _SPACES.sub(" ", text)


def digits(text: str) -> str:
    """A number to be written down, said digit by digit in its groups: '0300 123' -> '0 3 0 0, 1 2 3'."""
    groups = [group for group in re.split(r"[\s\-.]+", text.strip()) if group]
    return ", ".join(" ".join(group) for group in groups)


def isbn(value: str) -> str:
    """An ISBN said digit by digit, in the groups its hyphens mark."""
    return digits(value.replace("-", " "))


_ISBN_NUMBER = re.compile(r"(?<![\w-])97[89](?:-?\d){10}(?![\w-])")
_ISBN_WORD = re.compile(r"\bISBN\b")


def isbns(text: str) -> str:
    """Each ISBN in ``text`` said digit by digit in its groups, and the word 'ISBN' as letters."""
    return _ISBN_WORD.sub("I S B N", _ISBN_NUMBER.sub(lambda match: isbn(match.group(0)), text))


def address(url: str, lexicon: Lexicon) -> str:
    """A web or email address in words a listener can write down.

    'https://www.nhs.uk/conditions/' -> 'N H S dot U K slash conditions'.
    The scheme, 'www.' and a trailing slash are left out: browsers add them.
    """
    if url.startswith("mailto:"):
        return _pieces(url.removeprefix("mailto:"), lexicon)
    if url.startswith("tel:"):
        from leaflet.media.speech.numbers import phone_words

        return phone_words(url.removeprefix("tel:"))
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    rest = parts.path.rstrip("/")
    if parts.query:
        rest += f"?{parts.query}"
    if parts.fragment:
        rest += f"#{parts.fragment}"
    return _pieces(host + rest, lexicon)


def _pieces(text: str, lexicon: Lexicon) -> str:
    said: list[str] = []
    for piece in _URL_PIECE.findall(text):
        if piece in _URL_MARKS:
            said.append(_URL_MARKS[piece])
        elif piece.isdigit():
            said.append(" ".join(piece) if len(piece) > 2 else piece)
        elif piece.isalpha():
            said.append(_address_word(piece, lexicon))
        else:
            said.append(piece)
    return " ".join(said)


def _address_word(word: str, lexicon: Lexicon) -> str:
    spoken = lexicon.lookup(word)
    if spoken is not None and re.fullmatch(r"[A-Za-z]( [A-Za-z])+", spoken):
        return spoken  # letters ('N H S'); a sounded-out word would be written down wrongly
    if word.lower() in _SPELLED or not re.search(r"[aeiouy]", word, re.IGNORECASE):
        return " ".join(word.upper())
    return word.lower()


def count(number: int, one: str, many: str) -> str:
    """'1 point', '7 points'."""
    return f"{number} {one if number == 1 else many}"


ORDINALS: Sequence[str] = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
)
