"""The renderer registry: format name -> the module that writes it.

Each format lives in its own module with one entry point, ``render``. The
registry is a literal mapping and modules are imported only when a format is
asked for, so a missing optional back end never breaks the others.

A renderer module provides:

``NAME``          the format's name, as ``--format`` takes it
``SUMMARY``       one line for ``leaflet formats``
``OPTION_NAMES``  which personal options it understands (``size``, ``colours``...)
``parse_options(values)``  validate those options into its own frozen type,
                  raising ``OptionError`` naming the allowed values
``render(leaflet, options, out_dir)``  write its files atomically, return ``Rendered``

and may provide ``audit(leaflet, out_dir) -> Audit``: read the default file it
wrote back with an independent reader and report what breaks its rules.
``leaflet check`` runs every audit; a problem makes the check fail.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from leaflet.diagnostics import Diagnostic, OptionError
from leaflet.model import Leaflet

REGISTRY: Mapping[str, str] = {
    "text": "leaflet.renderers.text",
    "large-print-pdf": "leaflet.renderers.large_print_pdf",
    "docx": "leaflet.renderers.docx",
    "easy-read": "leaflet.renderers.easy_read",
    "easy-read-print": "leaflet.renderers.easy_read_print",
    "audio": "leaflet.renderers.audio",
    "braille": "leaflet.renderers.braille",
}


@dataclass(frozen=True, slots=True)
class Rendered:
    """What a renderer wrote, and anything it wants the user to know."""

    paths: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Audit:
    """What a renderer's own checks found in a file it wrote."""

    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


class Renderer(Protocol):
    """What every module named in ``REGISTRY`` provides."""

    NAME: str
    SUMMARY: str
    OPTION_NAMES: frozenset[str]

    def parse_options(self, values: Mapping[str, str]) -> Any: ...

    def render(self, leaflet: Leaflet, options: Any, out_dir: Path) -> Rendered: ...


def names() -> tuple[str, ...]:
    """Every registered format, in the registry's order."""
    return tuple(REGISTRY)


def get(name: str) -> Renderer:
    """The renderer for ``name``; an unknown name lists the known ones."""
    try:
        module_name = REGISTRY[name]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise OptionError(f"unknown format {name!r}; choose one of: {known}") from None
    module: Renderer = importlib.import_module(module_name)  # type: ignore[assignment]
    return module
