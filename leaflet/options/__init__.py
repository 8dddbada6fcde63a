"""The personal options, each declared once: what it is called, what it takes, and how to say so.

A patient or a team may ask for a variant of a format: a print size, colours, a voice, a speed, a braille
page. Each option is one ``Option`` here (its name, a label and help in plain words, and either a range of
whole numbers or a list of choices). Everything that offers or checks an option is made from these:

- the command line's ``--NAME`` flags and their help (``leaflet.cli``);
- a format's typed options: a format declares the options it takes as the fields of its own frozen
  ``Options`` dataclass, named after these, with its own defaults (``leaflet.writers.contract``);
- the request form's fields, hints and messages, and the OpenAPI parameters (``leaflet.service``);
- every error, which carries the option and what it allows (``OptionError.option``, ``.allowed``).

A value is parsed once, here, into an ``int`` or a canonical ``str``; it travels typed from then on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from leaflet.core.diagnostics import OptionError
from leaflet.media import colours
from leaflet.media.speech import MAX_RATE, MIN_RATE

Value = int | str | None


@dataclass(frozen=True, slots=True)
class Choice:
    """One value an option offers, and what it means in plain words."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Option:
    """One personal option: a whole number from ``minimum`` to ``maximum``, or one of ``choices()``."""

    name: str  # --NAME on the command line, NAME in a request
    label: str  # what the request form calls it
    help: str  # one line for --help and the API
    metavar: str
    hint: str = ""  # a line of plain words under it on the request form
    usual: str = ""  # the request form's words for asking for nothing: each format's own default
    unit: str = ""  # what its whole numbers count, in words: 'point'
    minimum: int | None = None
    maximum: int | None = None
    # The values it takes, made when first asked for (the voices are asked of the speech engines).
    choices: Callable[[], tuple[Choice, ...]] | None = None
    # A value as written ('GMW/en-gb') -> its canonical form ('en-gb'), or None when it is not one of the
    # choices. Without one, a value must be one of the choices exactly.
    resolve: Callable[[str], str | None] | None = None
    # What the request form offers: for a whole number, values to pick before typing one; for a choice, the
    # choices patients are offered (default: every one). Made when first asked for, as ``choices`` is.
    suggested: tuple[Choice, ...] | Callable[[], tuple[Choice, ...]] = ()
    aliases: tuple[str, ...] = ()  # other spellings of the name ('colors')
    offered: bool = True  # offered on the request form (the online engine is not)
    listed: str = ""  # for a long list of choices: where they are listed, said instead of them all
    # Its default depends on the machine (the speech engine's on $LEAFLET_SPEECH_ENGINE), so its value always
    # goes into a stamp: changing the default makes the files again, though their names stay the same.
    always_stamped: bool = False

    @property
    def whole_number(self) -> bool:
        return self.choices is None

    def offers(self) -> tuple[Choice, ...]:
        """What the request form offers for this option (see ``suggested``)."""
        suggested = self.suggested() if callable(self.suggested) else self.suggested
        return suggested or (self.choices() if self.choices else ())

    def values(self) -> tuple[str, ...]:
        """What a choice option takes, in its order."""
        return tuple(c.value for c in self.choices()) if self.choices else ()

    def allowed(self) -> str:
        """What it takes, as a message says it: 'a whole number from 14 to 48', 'one of: 1, 2'."""
        if self.whole_number:
            return f"a whole number from {self.minimum} to {self.maximum}"
        return self.listed or f"one of: {', '.join(self.values())}"

    def parse(self, raw: str) -> int | str:
        """``raw`` as this option's typed value; an ``OptionError`` saying what is allowed."""
        if self.whole_number:
            return self._number(raw)
        value = self.resolve(raw) if self.resolve else (raw if raw in self.values() else None)
        if value is None:
            raise self.error(f"--{self.name} {raw!r} is not known; choose {self.allowed()}")
        return value

    def _number(self, raw: str) -> int:
        assert self.minimum is not None and self.maximum is not None
        try:
            number = int(raw.strip())
        except ValueError:
            raise self.error(f"--{self.name} {raw!r} is not a whole number; give {self.allowed()}") from None
        if not self.minimum <= number <= self.maximum:
            raise self.error(f"--{self.name} {number} is out of range; give {self.allowed()}")
        return number

    def error(self, message: str) -> OptionError:
        return OptionError(message, option=self.name, allowed=self.allowed())


def _schemes() -> tuple[Choice, ...]:
    return tuple(Choice(name, scheme_words(name)) for name in colours.SCHEMES)


def scheme_words(name: str) -> str:
    """'black-on-cream' -> 'Black text on cream'."""
    text, _, background = name.partition("-on-")
    return f"{text.capitalize()} text on {background}"


def _engines() -> tuple[Choice, ...]:
    from leaflet.media.speech import engines

    return tuple(Choice(*engine) for engine in engines.ENGINES)


def _engine(raw: str) -> str | None:
    from leaflet.media.speech import engines

    named = raw.strip().lower()
    named = engines.OLD_NAMES.get(named, named)
    return named if named in (name for name, _ in engines.ENGINES) else None


def _voices() -> tuple[Choice, ...]:
    from leaflet.media.speech import voices

    return tuple(Choice(*voice) for voice in voices.choices())


def _offered_voices() -> tuple[Choice, ...]:
    from leaflet.media.speech import voices

    return tuple(Choice(*voice) for voice in voices.OFFERED)


def _voice(raw: str) -> str | None:
    from leaflet.media.speech import voices

    return voices.canonical(raw)


SIZE = Option(
    "size",
    "Print size",
    "print size in points (reflowed, never scaled)",
    "POINTS",
    hint="Bigger letters need more pages. Each size shows a sample of its letters.",
    usual="The usual size",
    unit="point",
    minimum=14,
    maximum=48,
    suggested=tuple(Choice(str(s), f"{s} point") for s in (14, 16, 18, 20, 24, 28, 32, 40, 48)),
)
COLOURS = Option(
    "colours",
    "Colours",
    "colour scheme, text on background",
    "SCHEME",
    hint="Some people find text easier to read on a coloured background.",
    choices=_schemes,
    aliases=("colors",),
)
ENGINE = Option(
    "engine",
    "Speech engine",
    "speech engine: neural (a natural British voice, on this machine), espeak (eSpeak NG: quick, robotic; "
    "'offline' is its old name) or gtts (online: sends the text to Google)",
    "ENGINE",
    choices=_engines,
    resolve=_engine,
    always_stamped=True,
    offered=False,  # the online engine sends the text away: not offered to patients
)
VOICE = Option(
    "voice",
    "Voice",
    "voice for speech ('leaflet voices' lists them)",
    "VOICE",
    usual="The usual voice: Emma, a natural British woman's voice",
    listed="one that 'leaflet voices' lists: a natural voice (emma, george, lily, ...) or an eSpeak NG voice "
    "(en-gb, en-gb-x-rp, en-gb-scotland, en-us, ...)",
    choices=_voices,
    resolve=_voice,
    suggested=_offered_voices,
)
RATE = Option(
    "rate",
    "Speed of the voice",
    "speaking rate in words per minute",
    "WPM",
    usual="Usual speed",
    unit="words a minute",
    minimum=MIN_RATE,
    maximum=MAX_RATE,
    suggested=tuple(
        Choice(str(rate), label)
        for rate, label in (
            (120, "Slower (120 words a minute)"),
            (100, "Much slower (100 words a minute)"),
            (180, "Faster (180 words a minute)"),
        )
    ),
)
GRADE = Option(
    "grade",
    "Braille grade",
    "braille grade: 2 is contracted, 1 uncontracted",
    "GRADE",
    minimum=1,
    maximum=2,
    suggested=(Choice("2", "Grade 2, contracted"), Choice("1", "Grade 1, uncontracted (every letter)")),
)
CELLS = Option("cells", "Braille cells on a line", "braille cells a line", "CELLS", minimum=20, maximum=80)
LINES = Option("lines", "Braille lines on a page", "braille lines a page", "LINES", minimum=10, maximum=50)

OPTIONS: tuple[Option, ...] = (SIZE, COLOURS, ENGINE, VOICE, RATE, GRADE, CELLS, LINES)
BY_NAME = {o.name: o for o in OPTIONS}
ALIASES = {alias: o.name for o in OPTIONS for alias in o.aliases}


def named(name: str) -> Option:
    """The option called ``name`` (or one of its aliases); an ``OptionError`` listing them all."""
    found = BY_NAME.get(ALIASES.get(name, name))
    if found is None:
        raise OptionError(
            f"--{name} is not an option; the options are {', '.join('--' + o.name for o in OPTIONS)}",
            option=None,
            allowed=", ".join(o.name for o in OPTIONS),
        )
    return found


def help_with_defaults(option: Option, defaults: Mapping[str, Value]) -> str:
    """``option``'s help for ``--help``: what it takes and each format's default (``defaults``: format -> value)."""
    parts = [option.help]
    if option.whole_number:
        parts.append(f"{option.minimum} to {option.maximum}")
    elif option.resolve is None:
        parts.append(option.allowed())
    by_value: dict[str, list[str]] = {}
    for format_name, value in defaults.items():
        usual = option.usual[:1].lower() + option.usual[1:] if option.usual else "none"  # a default of None
        by_value.setdefault(usual if value is None else str(value), []).append(format_name)
    if len(by_value) == 1:
        parts.append(f"default: {next(iter(by_value))}")
    elif by_value:
        parts.append("defaults: " + "; ".join(f"{value} for {', '.join(names)}" for value, names in by_value.items()))
    return "; ".join(parts)


__all__ = [
    "CELLS",
    "COLOURS",
    "ENGINE",
    "GRADE",
    "LINES",
    "OPTIONS",
    "RATE",
    "SIZE",
    "VOICE",
    "Choice",
    "Option",
    "OptionError",
    "named",
    "scheme_words",
]
