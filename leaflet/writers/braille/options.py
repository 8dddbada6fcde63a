"""What braille takes (a grade, cells a line, lines a page) and what it writes for them."""

from __future__ import annotations

from dataclasses import dataclass

CODE_NAMES = {1: "Unified English Braille, uncontracted (grade 1)", 2: "Unified English Braille, contracted (grade 2)"}


@dataclass(frozen=True, slots=True)
class Options:
    """Braille grade (2, contracted, by default), cells a line and lines a page (40 by 25: an embosser's page)."""

    grade: int = 2
    cells: int = 40
    lines: int = 25


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """``<id>.brf``; a variant names what differs: ``<id>.grade1.brf``, ``<id>.grade1-32x20.brf``."""
    default = Options()
    parts = [f"grade{options.grade}"] if options.grade != default.grade else []
    if (options.cells, options.lines) != (default.cells, default.lines):
        parts.append(f"{options.cells}x{options.lines}")
    return (f"{leaflet_id}.{'-'.join(parts)}.brf" if parts else f"{leaflet_id}.brf",)
