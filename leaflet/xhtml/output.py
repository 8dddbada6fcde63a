"""What a writer returns: files as bytes, and anything the user should know.

The writer contract of the target architecture (issue 10), kept here until
``leaflet.renderers`` provides it; then this module goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class OutputFile:
    name: str  # relative POSIX path inside outputs/<id>/
    data: bytes


@dataclass(frozen=True, slots=True)
class Output:
    files: tuple[OutputFile, ...]
    warnings: tuple[Diagnostic, ...] = ()
