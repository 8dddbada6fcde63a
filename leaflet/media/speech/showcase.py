"""How the voices sound: a short spoken sample of each default voice, for the README and for teams choosing.

``leaflet voices --samples DIR`` (``make`` runs it into ``outputs/voices/``)
writes ``emma.mp3`` and ``george.mp3`` (the natural voice's female and male
defaults) and ``espeak.mp3`` (eSpeak NG, for comparison), each saying the
same few sentences from a leaflet, mastered as the audio format is.
"""

from __future__ import annotations

from pathlib import Path

from leaflet.media.speech import DEFAULT_RATE, engines
from leaflet.media.speech.engines import voices as natural
from leaflet.media.speech.say import Lexicon

SAMPLE = (  # as a leaflet writes it; said through the script's rules for each engine (999, A&E, 9am)
    "Call 999 or go to A&E now if you have pain in your chest that does not stop. "
    "The doctor puts a thin, bendy tube called a catheter into a blood vessel at the top of your leg. "
    "If you have questions, phone the ward on 0 3 0 0, 1 2 3, 1 2 3 4, from 9am to 5pm on weekdays."
)


def samples() -> dict[str, tuple[engines.Engine, str]]:
    """The file name of each sample, the engine that says it and what it is given."""
    said = {
        f"{voice.name}.mp3": (
            engines.make("neural", voice=voice.id, rate=DEFAULT_RATE, language="en-GB", cores=1),
            Lexicon(neural=True).say(SAMPLE),
        )
        for voice in natural.DEFAULTS.values()
    }
    said["espeak.mp3"] = (
        engines.make("espeak", voice=None, rate=DEFAULT_RATE, language="en-GB", cores=1),
        Lexicon().say(SAMPLE),
    )
    return said


def write_samples(folder: Path) -> list[Path]:
    """Each sample as an MP3 in ``folder``; the paths written."""
    from leaflet.core.files import write_bytes_atomic
    from leaflet.media.speech.audio import speak

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (engine, text) in samples().items():
        write_bytes_atomic(folder / name, speak(engine, [text]).whole)
        written.append(folder / name)
    return written
