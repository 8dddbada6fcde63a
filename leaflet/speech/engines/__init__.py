"""Speech engines behind one small interface: texts in, one waveform per text out.

``offline`` (the default) is pyttsx3 driving eSpeak NG on this machine;
``gtts`` (only when asked) sends the text to Google's online voice. Each
returns mono float32 samples at ``leaflet.speech.SAMPLE_RATE``, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # numpy is slow to import, and only synthesis needs it
    import numpy as np

ENGINES = ("offline", "gtts")
DEFAULT_ENGINE = "offline"

Tick = Callable[[], None]


class Engine(Protocol):
    """Something that says texts."""

    name: str

    def synthesise(self, texts: Sequence[str], tick: Tick) -> list[np.ndarray]:
        """One waveform per text, in order; ``tick()`` after each one is done."""
        ...


def make(name: str, *, voice: str | None, rate: int, language: str) -> Engine:
    """The engine called ``name``, ready to speak ``language``."""
    if name == "offline":
        from leaflet.speech.engines.offline import OfflineEngine, default_voice

        return OfflineEngine(voice or default_voice(language).id, rate)
    if name == "gtts":
        from leaflet.speech.engines.online import GttsEngine

        return GttsEngine(language)
    raise ValueError(f"unknown engine {name!r}")  # options are checked before this
