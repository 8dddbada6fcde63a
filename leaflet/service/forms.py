"""The request form: which format, and the settings each takes, in plain words; and its mistakes.

The formats come from the registry, so a new one appears here at once (with its own summary
until it gets plain words below). A setting a new format brings gets a plain text box.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from leaflet.core.diagnostics import OptionError
from leaflet.media.colours import DEFAULT_SCHEME, SCHEMES
from leaflet.service import jobs
from leaflet.service.core import option_named

# Plain words for each format: a name a patient knows, and what it is good for.
FORMAT_WORDS: Mapping[str, tuple[str, str]] = {
    "large-print-pdf": ("Large print", "A PDF to print or read on screen, in big clear letters."),
    "docx": ("Word document", "You can change the text size and colours yourself."),
    "audio": ("Audio", "An MP3 to listen to. It takes about a minute to make."),
    "text": ("Plain text", "For screen readers and braille displays."),
    "easy-read": ("Easy read", "Short sentences and simple words, as plain text."),
    "easy-read-print": ("Easy read to print", "A Word document with short sentences and space for pictures."),
    "easy-read-html": (
        "Easy read web page",
        "Short sentences with a picture beside each one, to read in a web browser.",
    ),
    "html": ("Web page", "A page to read in a web browser, with your own settings."),
    "epub": ("Talking e-book", "An e-book that reads itself aloud and highlights each sentence as it is read."),
    "braille": ("Braille", "A braille file (BRF) for a braille embosser or display."),
}

SIZES = (14, 16, 18, 20, 24, 28, 32, 40, 48)
RATES: Sequence[tuple[str, str]] = (
    ("", "Usual speed (150 words a minute)"),
    ("120", "Slower (120 words a minute)"),
    ("100", "Much slower (100 words a minute)"),
    ("180", "Faster (180 words a minute)"),
)
VOICES: Sequence[tuple[str, str]] = (
    ("", "The usual voice for the leaflet's language"),
    ("en-gb-x-rp", "English, southern England"),
    ("en-gb-scotland", "English, Scotland"),
    ("en-gb-x-gbclan", "English, Lancashire"),
    ("en-gb-x-gbcwmd", "English, West Midlands"),
    ("en-us", "English, America"),
)
BRAILLE_PAGE: Mapping[str, str] = {"cells": "Braille cells on a line", "lines": "Braille lines on a page"}
HIDDEN_OPTIONS = frozenset({"engine"})  # the online engine sends the text away: not offered to patients


def scheme_words(name: str) -> str:
    """'black-on-cream' -> 'Black text on cream'."""
    text, _, background = name.partition("-on-")
    return f"{text.capitalize()} text on {background}"


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    hint: str = ""
    css: str = ""  # a class that shows a sample (print size, colours)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    legend: str
    hint: str
    formats: tuple[str, ...]  # the formats that take it
    choices: tuple[Choice, ...] = ()  # none: a text box

    @property
    def applies_to(self) -> str:
        names = [lower_name(FORMAT_WORDS.get(f, (f, ""))[0]) for f in self.formats]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def lower_name(name: str) -> str:
    """'Large print' -> 'large print', but 'Word document' keeps its capital (Word is a name)."""
    return name if name.startswith("Word") else name[0].lower() + name[1:]


def format_choices(formats: Sequence[jobs.FormatInfo]) -> tuple[Choice, ...]:
    """The formats, those patients ask for most first (the order of ``FORMAT_WORDS``), then any new one."""
    order = list(FORMAT_WORDS)
    ranked = sorted(formats, key=lambda f: order.index(f.name) if f.name in order else len(order))
    return tuple(Choice(f.name, *FORMAT_WORDS.get(f.name, (f.name, f.summary))) for f in ranked)


def fields(formats: Sequence[jobs.FormatInfo]) -> tuple[Field, ...]:
    """A field for each personal option some format takes, in the command line's order."""
    made = []
    for name in jobs.option_names():
        takers = tuple(f.name for f in formats if name in f.option_names)
        if not takers or name in HIDDEN_OPTIONS:
            continue
        made.append(_field(name, takers))
    return tuple(made)


def _field(name: str, takers: tuple[str, ...]) -> Field:
    if name == "size":
        sizes = tuple(Choice(str(s), f"{s} point", css=f"sample-size-{s}") for s in SIZES)
        usual = Choice("", "The usual size", "18 point for large print, 14 point for Word, 16 point for easy read")
        return Field(name, "Print size", "Bigger letters need more pages.", takers, (usual, *sizes))
    if name == "colours":
        schemes = tuple(Choice(s, scheme_words(s), css=f"swatch-{s}") for s in SCHEMES)
        return Field(name, "Colours", "Some people find text easier to read on a coloured background.", takers, schemes)
    if name == "rate":
        return Field(name, "Speed of the voice", "", takers, tuple(Choice(v, label) for v, label in RATES))
    if name == "voice":
        return Field(name, "Voice", "", takers, tuple(Choice(v, label) for v, label in VOICES))
    if name == "grade":
        grades = (Choice("", "Grade 2, contracted (the usual)"), Choice("1", "Grade 1, uncontracted (every letter)"))
        return Field(name, "Braille grade", "", takers, grades)
    if name in BRAILLE_PAGE:
        return Field(
            name, BRAILLE_PAGE[name], "Leave empty for the usual. " + jobs.option_help(name).capitalize() + ".", takers
        )
    return Field(name, name.capitalize(), jobs.option_help(name), takers)


@dataclass
class Submission:
    """What the form sent, and what is wrong with it."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message
    format: str = ""
    options: dict[str, str] = field(default_factory=dict)  # the chosen format's own options, as the CLI takes them


def check(query: Mapping[str, str], formats: Sequence[jobs.FormatInfo], form_fields: Sequence[Field]) -> Submission:
    """Read the form; every mistake gets a message for its field, in plain words."""
    values = {k: query.get(k, "")[:64] for k in ("format", "size_other", *(f.name for f in form_fields))}
    sent = Submission(values)
    chosen = {f.name: f for f in formats}.get(values["format"])
    if chosen is None:
        sent.errors["format"] = "Select the format you need"
        return sent
    sent.format = chosen.name
    if values["size_other"].strip():
        values["size"] = values["size_other"].strip()
    for form_field in form_fields:
        if form_field.name in chosen.option_names and values.get(form_field.name):
            sent.options[form_field.name] = values[form_field.name]
    try:
        jobs.parse(chosen.name, sent.options)
    except OptionError as problem:
        name = option_named(str(problem)) or "format"
        sent.errors["size_other" if name == "size" and values["size_other"].strip() else name] = plain(
            name, str(problem)
        )
    return sent


def plain(name: str, message: str) -> str:
    """A form message for an option the command line refused."""
    if name == "size":
        return "Print size must be a whole number from 14 to 48, like 24"
    if name == "colours":
        return "Select colours from the list"
    if name == "rate":
        return "Select a speed from the list"
    if name == "voice":
        return "Select a voice from the list"
    legend = BRAILLE_PAGE.get(name, name.capitalize())
    limits = re.search(r"from (\d+) to (\d+)", message)
    if limits:
        return f"{legend} must be a whole number from {limits.group(1)} to {limits.group(2)}"
    plain_words = message.replace("--", "")
    return plain_words[:1].upper() + plain_words[1:]


def default_for(name: str) -> str:
    return DEFAULT_SCHEME if name == "colours" else ""
