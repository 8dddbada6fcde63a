"""Personal options a patient or team may ask for, and the helpers that check them.

The command line offers every option here; each renderer takes only the
ones named in its ``OPTION_NAMES`` and validates them into its own frozen
options type, so no format sees another's settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from leaflet.core.diagnostics import OptionError

# name -> (metavar, help); the CLI turns each into --name.
PERSONAL_OPTIONS: Mapping[str, tuple[str, str]] = {
    "size": (
        "POINTS",
        "print size in points, 14 to 48 (defaults: 18 for large print and the web page, 14 for Word, 16 for easy read)",
    ),
    "colours": ("SCHEME", "colour scheme for print, such as black-on-cream or yellow-on-black"),
    "voice": ("VOICE", "voice for speech (see 'leaflet voices')"),
    "rate": ("WPM", "speaking rate in words per minute, 80 to 250 (default 150)"),
    "engine": (
        "ENGINE",
        "speech engine: neural (the default: a natural British voice, on this machine), espeak (eSpeak NG: "
        "quick, robotic; 'offline' is its old name) or gtts (online, sends the text to Google)",
    ),
    "grade": ("GRADE", "braille grade: 2 (contracted, the default) or 1 (uncontracted)"),
    "cells": ("CELLS", "braille cells a line, 20 to 80 (default 40)"),
    "lines": ("LINES", "braille lines a page, 10 to 50 (default 25)"),
}


def whole_number(name: str, value: str, low: int, high: int) -> int:
    """``value`` as a whole number from ``low`` to ``high``, or an OptionError saying so."""
    try:
        number = int(value)
    except ValueError:
        raise OptionError(f"--{name} {value!r} is not a whole number; give a number from {low} to {high}") from None
    if not low <= number <= high:
        raise OptionError(f"--{name} {number} is out of range; give a number from {low} to {high}")
    return number


def choice(name: str, value: str, allowed: Sequence[str]) -> str:
    """``value`` if it is one of ``allowed``, or an OptionError listing them."""
    if value not in allowed:
        raise OptionError(f"--{name} {value!r} is not known; choose one of: {', '.join(allowed)}")
    return value


def only(format_name: str, values: Mapping[str, str], allowed: frozenset[str]) -> None:
    """Refuse options that ``format_name`` does not understand."""
    unknown = sorted(set(values) - allowed)
    if unknown:
        takes = ", ".join(f"--{n}" for n in sorted(allowed)) or "no options"
        raise OptionError(f"the {format_name} format does not take --{unknown[0]}; it takes {takes}")


def size_and_colours(values: Mapping[str, str], low: int, high: int, default_size: int) -> tuple[int, str]:
    """``--size`` (``low`` to ``high``, else ``default_size``) and ``--colours`` (a scheme name) for a print format."""
    from leaflet.media.colours import DEFAULT_SCHEME, SCHEMES

    size = whole_number("size", values["size"], low, high) if "size" in values else default_size
    colours = choice("colours", values["colours"], tuple(SCHEMES)) if "colours" in values else DEFAULT_SCHEME
    return size, colours
