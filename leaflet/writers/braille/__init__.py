"""Braille (format ``braille``): ``<id>.brf``, Unified English Braille for an embosser or display.

Grade 2 (contracted) by default, ``--grade 1`` for uncontracted braille;
40 cells by 25 lines unless ``--cells`` and ``--lines`` say otherwise. The
translation is liblouis's (``en-ueb-g2.ctb`` / ``en-ueb-g1.ctb``), loaded
only when braille is asked for, so every other format works without it.

- ``louis``      liblouis through ctypes: translate and back-translate
- ``document``   the leaflet as pieces of print with their place on the page
- ``layout``     lines, indents, pages, page numbers, BRF bytes

The words around the body (the lines under the title, "Words explained",
"About this leaflet") come from ``leaflet.core.compose`` as model sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaflet.core.model import Leaflet
from leaflet.core.text import plain
from leaflet.options import choice, whole_number
from leaflet.writers import BRAILLE, Output, OutputFile

DEFAULT_GRADE, DEFAULT_CELLS, DEFAULT_LINES = 2, 40, 25
CELLS_RANGE, LINES_RANGE = (20, 80), (10, 50)
CODE_NAMES = {1: "Unified English Braille, uncontracted (grade 1)", 2: "Unified English Braille, contracted (grade 2)"}


@dataclass(frozen=True, slots=True)
class Options:
    """Braille grade, cells a line and lines a page."""

    grade: int = DEFAULT_GRADE
    cells: int = DEFAULT_CELLS
    lines: int = DEFAULT_LINES


def parse_options(values: Mapping[str, str]) -> Options:
    grade = int(choice("grade", values["grade"], ("1", "2"))) if "grade" in values else DEFAULT_GRADE
    cells = whole_number("cells", values["cells"], *CELLS_RANGE) if "cells" in values else DEFAULT_CELLS
    lines = whole_number("lines", values["lines"], *LINES_RANGE) if "lines" in values else DEFAULT_LINES
    return Options(grade, cells, lines)


def write(leaflet: Leaflet, options: Options) -> Output:
    """The leaflet as BRF bytes (pure: nothing is written to disk)."""
    from leaflet.core.compose import compose
    from leaflet.writers.braille import document, layout, louis

    translator = louis.load()
    table = louis.GRADE_TABLES[options.grade]

    def translate(text: str, typeform: tuple[int, ...] = ()) -> str:
        return translator.translate(text, table, typeform)

    composed = compose(leaflet)
    front = tuple(plain(line.inlines) for line in composed.front)
    pieces = document.pieces(composed.title, front, CODE_NAMES[options.grade], composed.sections, translate)
    pages = layout.paginate(pieces, options.cells, options.lines)
    data = layout.brf(pages, options.cells, lambda number: translate(str(number)))
    (name,) = BRAILLE.names(leaflet.meta.id, options)
    return Output((OutputFile(name, data),))
