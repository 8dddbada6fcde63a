"""The easy read for print's audit: read the default file back with the standard library's zip and XML readers.

A thin adapter over ``leaflet.renderers.easy_read_print.readback`` until the
shared Word layer (``leaflet/ooxml/``) moves that read-back here.
"""

from __future__ import annotations

from pathlib import Path

from leaflet.checks import from_problems, not_built, note
from leaflet.diagnostics import Diagnostic
from leaflet.model import Leaflet
from leaflet.renderers import EASY_READ_PRINT


def audit(leaflet: Leaflet, out_dir: Path) -> tuple[Diagnostic, ...]:
    if leaflet.easy_read is None:
        return (note(leaflet.folder, "no-easy-read", "no easy-read.md: nothing to check"),)
    path = out_dir / EASY_READ_PRINT.file_names(leaflet.meta.id)[0]
    if not path.exists():
        return (not_built(path, leaflet.meta.id, EASY_READ_PRINT.name),)
    from leaflet.renderers.easy_read_print import DEFAULT_SIZE
    from leaflet.renderers.easy_read_print.readback import problems_and_notes

    problems, notes = problems_and_notes(leaflet, path, DEFAULT_SIZE)
    return from_problems(path, "easy-read-print", problems, notes)
