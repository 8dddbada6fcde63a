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

# What every engine is lives in a module of its own: the engines import it, and this package imports them.
from leaflet.media.speech.engines.base import Engine, Tick

# (name, what it is) for every engine, the default first
ENGINES: tuple[tuple[str, str], ...] = (
    ("neural", "the natural British voice (Kokoro), on this machine"),
    ("espeak", "eSpeak NG, on this machine: quick and robotic, for drafts and other languages"),
    ("gtts", "Google's online voice (sends the text to Google)"),
)
DEFAULT_ENGINE = ENGINES[0][0]
OLD_NAMES = {"offline": "espeak"}  # what --engine took before the natural voice came
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


__all__ = ["DEFAULT_ENGINE", "ENGINES", "OLD_NAMES", "Engine", "Tick", "default", "make"]


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
