"""The easy-read text's audit, and the readability of the easy read beside the full leaflet's.

Read ``<id>.easy-read.txt`` back: lines within 60 characters, each point
starting a new line after a blank one, every word in order. The reading ease
and Flesch-Kincaid grade of the easy read and of the full leaflet are shown
as notes (textstat, offline).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leaflet.checks import error, long_lines, note, words_in_order
from leaflet.checks.readability import Readability, measure, reading_age
from leaflet.checks.readability import report as full_report
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.core.text import easy_read_words, plain

WIDTH = 60  # short lines are easier to follow
TARGET_EASE = 80  # Flesch reading ease: 80+ is easy


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    path = files[0]
    comparison = compare(leaflet)
    assert comparison is not None, "the check runs this only for a leaflet with an easy read"
    notes = tuple(note(path, "readability", line) for line in comparison_lines(comparison))
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return (error(path, "not-utf-8", "the file is not UTF-8"), *notes)
    found = long_lines(path, text, WIDTH) + words_in_order(path, easy_read_words(leaflet), text, "the easy read's")
    found += _points_not_on_own_lines(leaflet, text, path)
    return (*found, *notes)


def _points_not_on_own_lines(leaflet: Leaflet, text: str, path: Path) -> list[Diagnostic]:
    """Each point must start a line that follows a blank line."""
    assert leaflet.easy_read is not None
    starts = {" ".join(block.split()) for block in text.split("\n\n")}
    found = []
    for section in leaflet.easy_read.sections:
        for point in section.points:
            words_of_point = plain(point.inlines)
            if not any(start.startswith(words_of_point) for start in starts):
                found.append(
                    error(path, "point-start", f"the point '{words_of_point[:40]}' does not start after a blank line")
                )
    return found


@dataclass(frozen=True, slots=True)
class Comparison:
    """Readability of the easy read beside the full leaflet's."""

    easy: Readability
    full: Readability


def compare(leaflet: Leaflet) -> Comparison | None:
    """The easy read's reading ease and grade beside the full text's; None without an easy read."""
    if leaflet.easy_read is None:
        return None
    runs = [plain(point.inlines) for section in leaflet.easy_read.sections for point in section.points]
    easy = measure("easy read", runs, leaflet.meta.language)
    return Comparison(easy, full_report(leaflet)[0])


def comparison_lines(comparison: Comparison) -> list[str]:
    """The comparison as lines for ``leaflet check``."""
    lines = []
    for label, row in (("easy read", comparison.easy), ("full leaflet", comparison.full)):
        lines.append(
            f"{label}: reading ease {row.reading_ease:.0f}, Flesch-Kincaid grade {row.grade:.1f} "
            f"(reading age {reading_age(row.grade):.0f}), longest sentence {row.longest_sentence} words"
        )
    easy = comparison.easy
    if easy.reading_ease < TARGET_EASE:
        lines.append(
            f"the easy read's reading ease is below the target of {TARGET_EASE}: use shorter words and sentences"
        )
    return lines
