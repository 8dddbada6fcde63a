"""The Word document's audit: read the default .docx back with mammoth and the raw XML.

A thin adapter over ``leaflet.renderers.docx.readback`` until the shared Word
layer (``leaflet/ooxml/``) moves that read-back here.
"""

from __future__ import annotations

from pathlib import Path

from leaflet.checks import from_problems
from leaflet.diagnostics import Diagnostic
from leaflet.model import Leaflet
from leaflet.renderers import DOCX


def audit(leaflet: Leaflet, out_dir: Path) -> tuple[Diagnostic, ...]:
    from leaflet.renderers.docx.options import Options
    from leaflet.renderers.docx.readback import audit_file

    path = out_dir / DOCX.file_names(leaflet.meta.id)[0]
    found = audit_file(leaflet, path, Options())
    return from_problems(path, "docx", found.problems, found.notes)
