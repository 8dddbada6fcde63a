"""Speech engines behind one small interface: texts in, one WAV file per text out.

``offline`` (the default) is pyttsx3 driving eSpeak NG on this machine;
``gtts`` (only when asked) sends the text to Google's online voice. Each
writes 16-bit mono WAV files at ``leaflet.media.speech.SAMPLE_RATE`` into a folder
it is given and yields their paths in order, each as soon as it is ready, so
the audio can be measured while later texts are still being said, and no
recording is ever held in memory whole.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Protocol

# (name, what it is) for every engine, the default first
ENGINES: tuple[tuple[str, str], ...] = (
    ("offline", "eSpeak NG, on this machine"),
    ("gtts", "Google's online voice (sends the text to Google)"),
)
DEFAULT_ENGINE = ENGINES[0][0]

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
    if name == "offline":
        from leaflet.media.speech.engines.offline import OfflineEngine

        return OfflineEngine(voice, rate, language, cores)
    if name == "gtts":
        from leaflet.media.speech.engines.online import GttsEngine

        return GttsEngine(language)
    raise ValueError(f"unknown engine {name!r}")  # options are checked before this
