"""The personal speech options (``--engine``, ``--voice``, ``--rate``), shared by every format that speaks.

The audio format and the talking book (``epub``) take the same options,
checked here by the same code, and name their variant files the same way
(``suffix``): ``<id>.george.120wpm.mp3``, ``<id>.espeak.en-us.epub``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from leaflet.core.diagnostics import Diagnostic, OptionError
from leaflet.core.model import Leaflet
from leaflet.media.speech import DEFAULT_RATE, MAX_RATE, MIN_RATE, engines
from leaflet.media.speech.engines import voices as natural
from leaflet.options import choice, whole_number

NAMES = frozenset({"voice", "rate", "engine"})  # the options a speaking format takes


@dataclass(frozen=True, slots=True)
class SpeechOptions:
    """Which engine, which voice (None: the engine's default for the leaflet's language) and how fast."""

    engine: str = field(default_factory=engines.default)
    voice: str | None = None  # a natural voice's style file 'bm_george', or an eSpeak NG voice id 'gmw/en-gb-x-rp'
    voice_name: str | None = None  # as file names carry it: 'george', 'en-gb-x-rp'
    rate: int = DEFAULT_RATE

    @property
    def suffix(self) -> str:
        """What a variant's file names carry: '.george', '.espeak.en-us.120wpm', '.gtts'; '' for the default."""
        parts = [
            self.engine if self.engine != engines.default() else "",
            self.voice_name or "",
            f"{self.rate}wpm" if self.rate != DEFAULT_RATE else "",
        ]
        return "".join(f".{part}" for part in parts if part)

    def spoken_by(self, language: str) -> str:
        """The engine that really says a leaflet in ``language``: eSpeak NG where the natural voice cannot."""
        return "espeak" if self.engine == "neural" and not natural.speaks(language) else self.engine

    def credit(self, language: str) -> str | None:
        """The colophon's credit for the voice that reads a leaflet in ``language``, or None (eSpeak NG and
        gTTS are not credited, as before the natural voice)."""
        return natural.credit(self.voice) if self.spoken_by(language) == "neural" else None

    def narrator(self, language: str) -> str:
        return natural.narrator(
            self.spoken_by(language), self.voice if self.spoken_by(language) == self.engine else None
        )

    def engine_for(self, language: str) -> engines.Engine:
        """The engine that says a leaflet in ``language`` with these options."""
        name = self.spoken_by(language)
        voice = self.voice if name == self.engine else None  # a natural voice means nothing to eSpeak NG
        return engines.make(name, voice=voice, rate=self.rate, language=language)


def parse_speech_options(values: Mapping[str, str]) -> SpeechOptions:
    """``--engine``, ``--voice`` and ``--rate`` from ``values`` (others are ignored); an OptionError names the fix."""
    given = values.get("engine")
    if given is not None:
        given = engines.OLD_NAMES.get(given, given)
        choice("engine", given, engines.ENGINES)
    rate = whole_number("rate", values["rate"], MIN_RATE, MAX_RATE) if "rate" in values else DEFAULT_RATE
    engine = given or engines.default()
    if engine == "gtts":
        if "voice" in values:
            raise OptionError("--voice chooses a voice of this machine; the gtts engine has one voice per language")
        if rate != DEFAULT_RATE:
            raise OptionError("--rate sets this machine's voices' pace; the gtts engine speaks at its own pace")
        return SpeechOptions(engine=engine)
    if "voice" not in values:
        return SpeechOptions(engine=engine, rate=rate)
    return _with_voice(values["voice"], given, rate)


def _with_voice(name: str, given: str | None, rate: int) -> SpeechOptions:
    """--voice: a natural voice ('george') for the neural engine, or an eSpeak NG voice ('en-us'), which
    chooses the espeak engine when --engine is not given."""
    found = natural.find(name)
    if found is not None:
        if given not in (None, "neural"):
            raise OptionError(
                f"--voice {name!r} is a natural voice; leave out --engine {given}, or choose an eSpeak NG voice"
            )
        return SpeechOptions(engine="neural", voice=found.id, voice_name=found.name, rate=rate)
    from leaflet.media.speech.engines.offline import find_voice

    voice = find_voice(name)
    names = ", ".join(v.name for v in natural.VOICES)
    if voice is None:
        raise OptionError(
            f"--voice {name!r} is not known; choose one that 'leaflet voices' lists: a natural voice ({names}), "
            "or an eSpeak NG voice such as en-gb, en-gb-x-rp, en-gb-scotland, en-us"
        )
    if given == "neural":
        raise OptionError(
            f"--voice {name!r} is an eSpeak NG voice; write --engine espeak, or choose a natural voice: {names}"
        )
    return SpeechOptions(engine="espeak", voice=voice.id, voice_name=voice.short, rate=rate)


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
    if options.voice_name is None or options.engine == "neural":
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
    found = (voice_language_warning(leaflet, options), fallback_warning(leaflet, options), level)
    return tuple(w for w in found if w is not None)
