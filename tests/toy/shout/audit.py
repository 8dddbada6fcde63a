"""The toy format's audit, as a real one stands in ``leaflet/checks/``."""

from __future__ import annotations

from pathlib import Path

from leaflet.checks import error, note
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    path = files[0]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if first != leaflet.meta.title.upper() + "!":
        return (error(path, "shout-title", f"the first line is {first!r}, not the title in capitals", 1),)
    return (note(path, "shout", "the title shouts"),)
