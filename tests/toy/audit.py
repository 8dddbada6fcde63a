"""The toy format's audit, as it would stand in ``leaflet/checks/``."""

from __future__ import annotations

from pathlib import Path

from leaflet.checks import error, not_built, note
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from tests.toy.record import SHOUT


def audit(leaflet: Leaflet, out_dir: Path) -> tuple[Diagnostic, ...]:
    path = out_dir / SHOUT.file_names(leaflet.meta.id)[0]
    if not path.exists():
        return (not_built(path, leaflet.meta.id, SHOUT.name),)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if first != leaflet.meta.title.upper() + "!":
        return (error(path, "shout-title", f"the first line is {first!r}, not the title in capitals", 1),)
    return (note(path, "shout", "the title shouts"),)
