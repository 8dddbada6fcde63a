"""The speech options (``--engine``, ``--voice``, ``--rate``), shared by every format that speaks.

The audio format and the talking book (``epub``) take the same options, with the same defaults, and
name their variant files the same way (``suffix``): ``<id>.en-us.120wpm.mp3``, ``<id>.en-us.120wpm.epub``.
What each option allows is declared once in ``leaflet.options``; here is what the values mean together.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.core.diagnostics import Diagnostic, OptionError
from leaflet.core.model import Leaflet
from leaflet.media.speech import DEFAULT_RATE, engines


@dataclass(frozen=True, slots=True)
class SpeechOptions:
    """Which engine, which voice (None: the leaflet's language's own) and how fast, in words a minute."""

    engine: str = engines.DEFAULT_ENGINE
    voice: str | None = None  # a voice's language code, as 'leaflet voices' lists it: 'en-gb-x-rp'
    rate: int = DEFAULT_RATE

    def __post_init__(self) -> None:
        if self.engine == "gtts" and self.voice is not None:
            raise OptionError(
                "--voice chooses an offline voice; the gtts engine has one voice per language", option="voice"
            )
        if self.engine == "gtts" and self.rate != DEFAULT_RATE:
            raise OptionError(
                "--rate sets the offline engine's pace; the gtts engine speaks at its own pace", option="rate"
            )

    @property
    def suffix(self) -> str:
        """What a variant's file names carry: '.en-us.120wpm', '.gtts'; '' for the default speech."""
        parts = [
            self.engine if self.engine != engines.DEFAULT_ENGINE else "",
            self.voice or "",
            f"{self.rate}wpm" if self.rate != DEFAULT_RATE else "",
        ]
        return "".join(f".{part}" for part in parts if part)

    def engine_for(self, language: str, cores: int) -> engines.Engine:
        """The engine that says a leaflet in ``language`` with these options, using at most ``cores`` cores."""
        voice = None
        if self.voice is not None:
            from leaflet.media.speech.voices import engine_voice

            voice = engine_voice(self.voice)
        return engines.make(self.engine, voice=voice, rate=self.rate, language=language, cores=cores)


def voice_language_warning(leaflet: Leaflet, options: SpeechOptions) -> Diagnostic | None:
    """A warning when ``--voice`` speaks another language than the leaflet's (an English leaflet in a Welsh voice)."""
    if options.voice is None:
        return None
    voice, leaflet_language = options.voice.split("-")[0].lower(), leaflet.meta.language.split("-")[0].lower()
    if voice == leaflet_language:
        return None
    return Diagnostic(
        leaflet.source_path,
        0,
        "voice-language",
        f"the voice '{options.voice}' speaks '{voice}', but the leaflet is in '{leaflet.meta.language}'; "
        f"choose a '{leaflet_language}' voice ('leaflet voices' lists them), or leave --voice out",
    )


def speech_warnings(leaflet: Leaflet, options: SpeechOptions, level_problem: str | None) -> tuple[Diagnostic, ...]:
    """What a spoken format warns of: a voice in another language, and a recording that could not be brought
    to its level (``Recording.level_problem``)."""
    level = None if level_problem is None else Diagnostic(leaflet.source_path, 0, "audio-level", level_problem)
    return tuple(w for w in (voice_language_warning(leaflet, options), level) if w is not None)
