"""The e-text's audit: read ``<id>.txt`` back as bytes; UTF-8, every word in order, lines within 80 characters."""

from __future__ import annotations

from pathlib import Path

from leaflet.checks import error, not_built, note
from leaflet.diagnostics import Diagnostic
from leaflet.model import Leaflet
from leaflet.renderers import TEXT
from leaflet.text import first_missing_word, leaflet_words, words

MAX_LINE = 80  # an address longer than this stands alone on its line, unbroken


def audit(leaflet: Leaflet, out_dir: Path) -> tuple[Diagnostic, ...]:
    target = out_dir / TEXT.file_names(leaflet.meta.id)[0]
    if not target.exists():
        return (not_built(target, leaflet.meta.id, TEXT.name),)
    try:
        text = target.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return (error(target, "not-utf-8", "the file is not UTF-8"),)
    found = [
        error(target, "line-length", f"line of {len(line)} characters (at most {MAX_LINE})", number)
        for number, line in enumerate(text.splitlines(), start=1)
        if len(line) > MAX_LINE and " " in line.strip()
    ]
    missing = first_missing_word(leaflet_words(leaflet), words(text))
    if missing is not None:
        found.append(
            error(
                target,
                "words-out-of-order",
                f"the source's words are not all there in order; first missing: {missing!r}",
            )
        )
    if not found:
        found.append(note(target, "text", f"{len(text.splitlines())} lines, every word in order"))
    return tuple(found)
