"""Speech engines behind one small interface: texts in, one WAV file per text out.

``neural`` (the default) is the natural British voice, Kokoro-82M run by
onnxruntime on this machine (``engines.neural``); ``espeak`` is eSpeak NG
through pyttsx3, quick and robotic, for drafts, tests and the languages the
natural voice does not speak (``engines.offline``; ``offline`` is its old
name, still taken); ``gtts`` (only when asked) sends the text to Google's
online voice. Each writes 16-bit mono WAV files at
``leaflet.media.speech.SAMPLE_RATE`` into a folder it is given and yields
their paths in order, each as soon as it is ready, so the audio can be
measured while later texts are still being said, and no recording is ever
held in memory whole.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Protocol

# (name, what it is) for every engine, the default first
ENGINES: tuple[tuple[str, str], ...] = (
    ("neural", "the natural British voice (Kokoro), on this machine"),
    ("espeak", "eSpeak NG, on this machine: quick and robotic, for drafts and other languages"),
    ("gtts", "Google's online voice (sends the text to Google)"),
)
DEFAULT_ENGINE = ENGINES[0][0]
OLD_NAMES = {"offline": "espeak"}  # what --engine took before the natural voice came
NATURAL_IDS = frozenset(
    {"bf_emma", "bf_isabella", "bf_alice", "bf_lily", "bm_george", "bm_lewis", "bm_daniel", "bm_fable"}
)
DEFAULT_VARIABLE = "LEAFLET_SPEECH_ENGINE"  # an operator's (or the tests') default instead: 'espeak' for drafts


def default() -> str:
    """The engine the default files are said by: ``$LEAFLET_SPEECH_ENGINE`` if set (``espeak`` makes quick
    drafts, and lets the test suite build every format without the natural voice's minutes), else neural.
    Whichever it is goes into every speaking format's stamp, so changing it makes those files again."""
    import os

    named = os.environ.get(DEFAULT_VARIABLE, "").strip().lower()
    named = OLD_NAMES.get(named, named)
    if not named:
        return DEFAULT_ENGINE
    if named not in ("neural", "espeak"):
        from leaflet.core.diagnostics import OptionError

        raise OptionError(f"${DEFAULT_VARIABLE} is {named!r}; set it to neural or espeak, or unset it", option="engine")
    return named


Tick = Callable[[], None]


class Engine(Protocol):
    """Something that says texts, using at most ``cores`` cores."""

    name: str
    cores: int

    def synthesise(
        self, texts: Sequence[str], folder: Path, tick: Tick, runs: Sequence[int] = ()
    ) -> Generator[Path, None, None]:
        """One WAV file per text, written in ``folder`` and yielded in order; ``tick()`` after each is done.
        ``runs``: the lengths of runs of consecutive texts an engine may say one after another, as one
        talk (a talking book's sentences of a document); empty, each text on its own."""
        ...


def make(name: str, *, voice: str | None, rate: int, language: str, cores: int) -> Engine:
    """The engine called ``name``, ready to speak ``language`` with at most ``cores`` cores."""
    if name == "neural":
        from leaflet.media.speech.engines.neural import NeuralEngine

        return NeuralEngine(voice, rate, cores)
    if name == "espeak":
        from leaflet.media.speech.engines.offline import OfflineEngine

        return OfflineEngine(voice, rate, language, cores)
    if name == "gtts":
        from leaflet.media.speech.engines.online import GttsEngine

        return GttsEngine(language)
    raise ValueError(f"unknown engine {name!r}")  # options are checked before this
