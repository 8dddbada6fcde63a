"""The e-text's audit: read ``<id>.txt`` back as bytes; UTF-8, every word in order, lines within 80 characters."""

from __future__ import annotations

from pathlib import Path

from leaflet.checks import error, long_lines, note, words_in_order
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.core.text import leaflet_words

MAX_LINE = 80  # an address longer than this stands alone on its line, unbroken


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    target = files[0]
    try:
        text = target.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return (error(target, "not-utf-8", "the file is not UTF-8"),)
    found = long_lines(target, text, MAX_LINE) + words_in_order(target, leaflet_words(leaflet), text, "the source's")
    if not found:
        found.append(note(target, "text", f"{len(text.splitlines())} lines, every word in order"))
    return tuple(found)
