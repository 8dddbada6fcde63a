"""The request form: which format, and the settings each takes, in plain words; and its mistakes.

Everything here is made from the formats' own declarations (their labels, descriptions and options) and
the option schema (``leaflet.options``: labels, help, ranges, choices), so a new format or option appears
on the form at once, with its own words, and a message always names what the option allows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from leaflet.core.diagnostics import OptionError
from leaflet.options import Option
from leaflet.writers.contract import Format
from leaflet.writers.registry import options as options_of

SAMPLE_CLASS = {"size": "sample-size-{}", "colours": "swatch-{}"}  # a choice that shows what it looks like
HEARD = frozenset({"voice", "rate"})  # choices a patient can listen to before choosing


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
    formats: tuple[str, ...]  # the formats that take it, as patients call them
    choices: tuple[Choice, ...] = ()  # none: a text box
    other: str = ""  # a box for another whole number: its label ('Or type another ..., from 14 to 48')
    heard: bool = False  # each choice can be listened to (the voices, the speeds)

    @property
    def applies_to(self) -> str:
        names = [lower_name(f) for f in self.formats]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def other_name(self) -> str:
        return f"{self.name}_other"


def lower_name(name: str) -> str:
    """'Large print' -> 'large print', but 'Word document' keeps its capital (Word is a name)."""
    return name if name.startswith("Word") else name[0].lower() + name[1:]


def format_choices(formats: Sequence[Format[Any]]) -> tuple[Choice, ...]:
    """The formats, in the registry's order (those patients ask for most first)."""
    return tuple(Choice(f.name, f.label, f.description) for f in formats)


def fields(formats: Sequence[Format[Any]]) -> tuple[Field, ...]:
    """A field for each personal option some format takes and patients are offered, in the schema's order."""
    made = []
    for option in options_of(formats):
        takers = [f for f in formats if option.name in f.option_names]
        if takers and option.offered:
            made.append(_field(option, takers))
    return tuple(made)


def _field(option: Option, takers: Sequence[Format[Any]]) -> Field:
    defaults = {f.label: f.default(option.name) for f in takers}
    labels = tuple(f.label for f in takers)
    heard = option.name in HEARD
    if option.whole_number and not option.offers():  # a text box
        hint = f"Leave empty for the usual ({_defaults_in_words(defaults, option)}). {option.allowed().capitalize()}."
        return Field(option.name, option.label, hint, labels)
    css = SAMPLE_CLASS.get(option.name, "")
    offered = [Choice(c.value, c.label, css=css.format(c.value) if css else "") for c in option.offers()]
    shared = {str(v) for v in defaults.values()}
    if not option.whole_number and len(shared) == 1 and None not in defaults.values():
        return Field(option.name, option.label, option.hint, labels, tuple(offered), heard=heard)  # default checked
    usual = _usual(option, defaults, {c.value: c.label for c in offered})
    choices = (usual, *(c for c in offered if len(shared) > 1 or c.value not in shared))
    other = ""
    if option.whole_number:
        assert option.minimum is not None and option.maximum is not None
        if len({c.value for c in offered} | shared) <= option.maximum - option.minimum:
            other = f"Or type another, {option.allowed()}"
    return Field(option.name, option.label, option.hint, labels, choices, other=other, heard=heard)


def _usual(option: Option, defaults: Mapping[str, Any], labels: Mapping[str, str]) -> Choice:
    """The choice that asks for nothing: each format then uses its own default."""
    values = set(defaults.values())
    if len(values) > 1:
        return Choice("", option.usual, _defaults_in_words(defaults, option))
    (value,) = values
    if value is None:
        return Choice("", option.usual)
    if str(value) in labels:
        return Choice("", f"{labels[str(value)]} (the usual)")
    return Choice("", f"{option.usual} ({_defaults_in_words(defaults, option)})")


def _defaults_in_words(defaults: Mapping[str, Any], option: Option) -> str:
    """'18 point for large print, 14 point for Word document, ...'"""
    unit = f" {option.unit}" if option.unit else ""
    by_value: dict[str, list[str]] = {}
    for label, value in defaults.items():
        by_value.setdefault(f"{value}{unit}", []).append(lower_name(label))
    if len(by_value) == 1:
        return next(iter(by_value))
    return ", ".join(f"{value} for {' and '.join(labels)}" for value, labels in by_value.items())


@dataclass
class Submission:
    """What the form sent, and what is wrong with it."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message
    format: str = ""
    options: dict[str, str] = field(default_factory=dict)  # the chosen format's own options, as the CLI takes them


def check(query: Mapping[str, str], formats: Sequence[Format[Any]], form_fields: Sequence[Field]) -> Submission:
    """Read the form; every mistake gets a message for its field, in plain words."""
    names = ["format", *(f.name for f in form_fields), *(f.other_name for f in form_fields if f.other)]
    values = {name: query.get(name, "")[:64] for name in names}
    sent = Submission(values)
    chosen = {f.name: f for f in formats}.get(values["format"])
    if chosen is None:
        sent.errors["format"] = "Select the format you need"
        return sent
    sent.format = chosen.name
    typed = {f.name: f.other_name for f in form_fields if f.other and values[f.other_name].strip()}
    for form_field in form_fields:
        given = values[typed[form_field.name]].strip() if form_field.name in typed else values.get(form_field.name)
        if form_field.name in chosen.option_names and given:
            sent.options[form_field.name] = given
    try:
        chosen.parse(sent.options)
    except OptionError as problem:
        name = problem.option or "format"
        sent.errors[typed.get(name, name)] = in_plain_words(name, problem)
    return sent


def in_plain_words(name: str, problem: OptionError) -> str:
    """A form message for an option the command line refused: what the setting allows, in plain words."""
    option = next((o for o in options_of() if o.name == name), None)
    if option is None or problem.allowed is None:
        words = str(problem).replace("--", "")
        return words[:1].upper() + words[1:]
    if option.whole_number:
        example = option.offers()[len(option.offers()) // 2].value if option.offers() else ""
        return f"{option.label} must be {option.allowed()}" + (f", like {example}" if example else "")
    return f"Select the {option.label.lower()} from the list"


def default_for(form_field: Field, formats: Sequence[Format[Any]]) -> str:
    """The value the form starts with: the shared default when it is one of the choices (colours), else ''."""
    values = {f.default(form_field.name) for f in formats if form_field.name in f.option_names}
    value = str(next(iter(values))) if len(values) == 1 else ""
    return value if any(c.value == value for c in form_field.choices) else ""
