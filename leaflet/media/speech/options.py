"""The personal speech options (``--engine``, ``--voice``, ``--rate``), shared by every format that speaks.

The audio format and the talking book (``epub``) take the same options,
checked here by the same code, and name their variant files the same way
(``suffix``): ``<id>.en-us.120wpm.mp3``, ``<id>.en-us.120wpm.epub``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaflet.core.diagnostics import Diagnostic, OptionError
from leaflet.core.model import Leaflet
from leaflet.media.speech import DEFAULT_RATE, MAX_RATE, MIN_RATE, engines
from leaflet.options import choice, whole_number

NAMES = frozenset({"voice", "rate", "engine"})  # the options a speaking format takes


@dataclass(frozen=True, slots=True)
class SpeechOptions:
    """Which engine, which voice (None: the leaflet's language) and how fast."""

    engine: str = engines.DEFAULT_ENGINE
    voice: str | None = None  # an eSpeak NG voice id, 'gmw/en-gb-x-rp'
    voice_name: str | None = None  # its language code, for file names: 'en-gb-x-rp'
    rate: int = DEFAULT_RATE

    @property
    def suffix(self) -> str:
        """What a variant's file names carry: '.en-us.120wpm', '.gtts'; '' for the default speech."""
        parts = [
            self.engine if self.engine != engines.DEFAULT_ENGINE else "",
            self.voice_name or "",
            f"{self.rate}wpm" if self.rate != DEFAULT_RATE else "",
        ]
        return "".join(f".{part}" for part in parts if part)

    def engine_for(self, language: str) -> engines.Engine:
        """The engine that says a leaflet in ``language`` with these options."""
        return engines.make(self.engine, voice=self.voice, rate=self.rate, language=language)


def parse_speech_options(values: Mapping[str, str]) -> SpeechOptions:
    """``--engine``, ``--voice`` and ``--rate`` from ``values`` (others are ignored); an OptionError names the fix."""
    engine = choice("engine", values.get("engine", engines.DEFAULT_ENGINE), engines.ENGINES)
    rate = whole_number("rate", values["rate"], MIN_RATE, MAX_RATE) if "rate" in values else DEFAULT_RATE
    if engine == "gtts":
        if "voice" in values:
            raise OptionError("--voice chooses an offline voice; the gtts engine has one voice per language")
        if rate != DEFAULT_RATE:
            raise OptionError("--rate sets the offline engine's pace; the gtts engine speaks at its own pace")
        return SpeechOptions(engine=engine)
    if "voice" not in values:
        return SpeechOptions(engine=engine, rate=rate)
    from leaflet.media.speech.engines.offline import find_voice

    voice = find_voice(values["voice"])
    if voice is None:
        raise OptionError(
            f"--voice {values['voice']!r} is not known; choose one that 'leaflet voices' lists, "
            "for example: en-gb, en-gb-x-rp, en-gb-scotland, en-us"
        )
    return SpeechOptions(engine=engine, voice=voice.id, voice_name=voice.short, rate=rate)


def voice_language_warning(leaflet: Leaflet, options: SpeechOptions) -> Diagnostic | None:
    """A warning when ``--voice`` speaks another language than the leaflet's (an English leaflet in a Welsh voice)."""
    if options.voice_name is None:
        return None
    voice, leaflet_language = options.voice_name.split("-")[0].lower(), leaflet.meta.language.split("-")[0].lower()
    if voice == leaflet_language:
        return None
    return Diagnostic(
        leaflet.source_path,
        0,
        "voice-language",
        f"the voice '{options.voice_name}' speaks '{voice}', but the leaflet is in '{leaflet.meta.language}'; "
        f"choose a '{leaflet_language}' voice ('leaflet voices' lists them), or leave --voice out",
    )


def speech_warnings(leaflet: Leaflet, options: SpeechOptions, level_problem: str | None) -> tuple[Diagnostic, ...]:
    """What a spoken format warns of: a voice in another language, and a recording that could not be brought
    to its level (``Recording.level_problem``)."""
    level = None if level_problem is None else Diagnostic(leaflet.source_path, 0, "audio-level", level_problem)
    return tuple(w for w in (voice_language_warning(leaflet, options), level) if w is not None)
