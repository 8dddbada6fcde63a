"""The speech options (``--engine``, ``--voice``, ``--rate``), shared by every format that speaks.

The audio format and the talking book (``epub``) take the same options, with the same defaults, and
name their variant files the same way (``suffix``): ``<id>.george.120wpm.mp3``, ``<id>.espeak.en-us.epub``.
What each option allows is declared once in ``leaflet.options``; here is what the values mean together:
a natural voice ('george') is the neural engine's, an eSpeak NG voice ('en-us') the espeak engine's, and a
voice asked for without an engine chooses its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from leaflet.core.diagnostics import Diagnostic, OptionError
from leaflet.core.model import Leaflet
from leaflet.media.speech import DEFAULT_RATE, engines
from leaflet.media.speech.engines import voices as natural


@dataclass(frozen=True, slots=True)
class SpeechOptions:
    """Which engine, which voice (None: the engine's default for the leaflet's language) and how fast, in
    words a minute. The default engine is ``engines.default()``: the natural voice, or what
    ``$LEAFLET_SPEECH_ENGINE`` says."""

    engine: str = field(default_factory=engines.default)
    voice: str | None = None  # as 'leaflet voices' lists it and file names carry it: 'george', 'en-gb-x-rp'
    rate: int = DEFAULT_RATE

    def __post_init__(self) -> None:
        if self.engine == "gtts" and self.voice is not None:
            raise OptionError(
                "--voice chooses a voice of this machine; the gtts engine has one voice per language", option="voice"
            )
        if self.engine == "gtts" and self.rate != DEFAULT_RATE:
            raise OptionError(
                "--rate sets this machine's voices' pace; the gtts engine speaks at its own pace", option="rate"
            )
        if self.voice is None or self.engine == "gtts":
            return
        names = ", ".join(v.name for v in natural.VOICES)
        if natural.find(self.voice) is not None and self.engine != "neural":
            raise OptionError(
                f"--voice {self.voice!r} is a natural voice; leave out --engine {self.engine}, or choose an "
                "eSpeak NG voice ('leaflet voices' lists them)",
                option="voice",
            )
        if natural.find(self.voice) is None and self.engine == "neural":
            raise OptionError(
                f"--voice {self.voice!r} is an eSpeak NG voice; write --engine espeak, or choose a natural "
                f"voice: {names}",
                option="voice",
            )

    @classmethod
    def given(cls, **values: object) -> SpeechOptions:
        """The options asked for (typed, by name): a voice asked for without ``--engine`` chooses its engine."""
        voice = values.get("voice")
        if isinstance(voice, str) and "engine" not in values:
            values["engine"] = "neural" if natural.find(voice) is not None else "espeak"
        return cls(**values)  # type: ignore[arg-type]

    @property
    def suffix(self) -> str:
        """What a variant's file names carry: '.george', '.espeak.en-us.120wpm', '.gtts'; '' for the default."""
        parts = [
            self.engine if self.engine != engines.default() else "",
            self.voice or "",
            f"{self.rate}wpm" if self.rate != DEFAULT_RATE else "",
        ]
        return "".join(f".{part}" for part in parts if part)

    def spoken_by(self, language: str) -> str:
        """The engine that really says a leaflet in ``language``: eSpeak NG where the natural voice cannot."""
        return "espeak" if self.engine == "neural" and not natural.speaks(language) else self.engine

    def credit(self, language: str) -> str | None:
        """The colophon's credit for the voice that reads a leaflet in ``language``, or None (eSpeak NG and
        gTTS are not credited)."""
        return natural.credit(self._engine_voice()) if self.spoken_by(language) == "neural" else None

    def narrator(self, language: str) -> str:
        """Who reads a talking book in ``language``, as its metadata says (``media:narrator``)."""
        spoken_by = self.spoken_by(language)
        return natural.narrator(spoken_by, self._engine_voice() if spoken_by == self.engine else None)

    def engine_for(self, language: str, cores: int) -> engines.Engine:
        """The engine that says a leaflet in ``language`` with these options, using at most ``cores`` cores."""
        name = self.spoken_by(language)
        voice = self._engine_voice() if name == self.engine else None  # a natural voice means nothing to eSpeak
        return engines.make(name, voice=voice, rate=self.rate, language=language, cores=cores)

    def _engine_voice(self) -> str | None:
        """The engine's own id for the voice: 'bm_george', 'gmw/en-gb-x-rp'; None for the default."""
        if self.voice is None:
            return None
        from leaflet.media.speech.voices import engine_voice

        return engine_voice(self.voice)


def fallback_warning(leaflet: Leaflet, options: SpeechOptions) -> Diagnostic | None:
    """A warning when the natural voice was asked for but cannot read the leaflet's language."""
    if options.engine != "neural" or options.spoken_by(leaflet.meta.language) == "neural":
        return None
    return Diagnostic(
        leaflet.source_path,
        0,
        "voice-language",
        f"the natural voice speaks English only and the leaflet is in '{leaflet.meta.language}', so eSpeak NG "
        f"reads it; to choose a voice yourself, write --engine espeak (and --voice, as 'leaflet voices' lists)",
    )


def voice_language_warning(leaflet: Leaflet, options: SpeechOptions) -> Diagnostic | None:
    """A warning when ``--voice`` speaks another language than the leaflet's (an English leaflet in a Welsh voice)."""
    if options.voice is None or options.engine == "neural":
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
    found = (voice_language_warning(leaflet, options), fallback_warning(leaflet, options), level)
    return tuple(w for w in found if w is not None)
