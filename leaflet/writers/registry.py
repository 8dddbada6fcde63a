"""The registry: every format's folder, in one literal list, in the order patients ask for them.

Each folder declares its own ``FORMAT`` (``leaflet.writers.contract``). Importing this is cheap: a format's
``__init__`` names its modules but imports them only when it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from leaflet.core.diagnostics import OptionError
from leaflet.options import OPTIONS, Option
from leaflet.writers import (
    audio,
    braille,
    docx,
    easy_read,
    easy_read_html,
    easy_read_print,
    epub,
    html,
    large_print_pdf,
    text,
)
from leaflet.writers.contract import Format

FORMATS: tuple[Format[Any], ...] = (
    large_print_pdf.FORMAT,
    docx.FORMAT,
    audio.FORMAT,
    text.FORMAT,
    easy_read.FORMAT,
    easy_read_print.FORMAT,
    easy_read_html.FORMAT,
    html.FORMAT,
    epub.FORMAT,
    braille.FORMAT,
)


def names() -> tuple[str, ...]:
    """Every registered format's name, in the registry's order."""
    return tuple(f.name for f in FORMATS)


def options(formats: Sequence[Format[Any]] | None = None) -> tuple[Option, ...]:
    """Every personal option some format takes (of ``formats``, default all): the schema's, in its order, then
    any a format brings itself."""
    taken = {option.name: option for f in (FORMATS if formats is None else formats) for option in f.takes}
    return (*(o for o in OPTIONS if o.name in taken), *(o for o in taken.values() if o not in OPTIONS))


def option_named(name: str) -> Option:
    """The option some format takes called ``name`` (or one of its aliases); an ``OptionError`` lists them."""
    known = options()
    for option in known:
        if name in (option.name, *option.aliases):
            return option
    offered = ", ".join("--" + o.name for o in known)
    raise OptionError(f"--{name} is not an option; the options are {offered}", option=None, allowed=offered)


def format_named(name: str) -> Format[Any]:
    """The format called ``name``; an unknown name lists the known ones."""
    for candidate in FORMATS:
        if candidate.name == name:
            return candidate
    raise OptionError(f"unknown format {name!r}; choose one of: {', '.join(names())}", option="format")


def markdown_table() -> list[str]:
    """The README's table of formats: each name, the files its defaults write, and who it is for."""
    rows = ["| format (`--format`) | file in `outputs/<id>/` | for |", "| --- | --- | --- |"]
    for known in FORMATS:
        files = ", ".join(f"`{name}`" for name in known.files("<id>", known.defaults()))
        rows.append(f"| `{known.name}` | {files} | {known.readers} |")
    return rows
