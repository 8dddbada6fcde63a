"""The braille writer: the composed leaflet translated by liblouis, laid out in lines and pages, as BRF bytes."""

from __future__ import annotations

from leaflet.core.compose import compose
from leaflet.core.model import Leaflet
from leaflet.core.text import plain
from leaflet.writers.braille import document, layout, louis
from leaflet.writers.braille.options import CODE_NAMES, Options, files
from leaflet.writers.contract import Output, OutputFile


def write(leaflet: Leaflet, options: Options) -> Output:
    """The leaflet as BRF bytes (pure: nothing is written to disk)."""
    translator = louis.load()
    table = louis.GRADE_TABLES[options.grade]

    def translate(text: str, typeform: tuple[int, ...] = ()) -> str:
        return translator.translate(text, table, typeform)

    composed = compose(leaflet)
    front = tuple(plain(line.inlines) for line in composed.front)
    pieces = document.pieces(composed.title, front, CODE_NAMES[options.grade], composed.sections, translate)
    pages = layout.paginate(pieces, options.cells, options.lines)
    data = layout.brf(pages, options.cells, lambda number: translate(str(number)))
    (name,) = files(leaflet.meta.id, options)
    return Output((OutputFile(name, data),))
