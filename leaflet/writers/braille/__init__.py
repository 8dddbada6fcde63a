"""Braille (format ``braille``): ``<id>.brf``, Unified English Braille for an embosser or display.

Grade 2 (contracted) by default, ``--grade 1`` for uncontracted braille;
40 cells by 25 lines unless ``--cells`` and ``--lines`` say otherwise. The
translation is liblouis's (``en-ueb-g2.ctb`` / ``en-ueb-g1.ctb``), loaded
only when braille is asked for, so every other format works without it.

- ``options``    the options it takes and the files it names
- ``writer``     one call: compose, translate, lay out
- ``louis``      liblouis through ctypes: translate and back-translate
- ``document``   the leaflet as pieces of print with their place on the page
- ``layout``     lines, indents, pages, page numbers, BRF bytes

The words around the body (the lines under the title, "Words explained",
"About this leaflet") come from ``leaflet.core.compose`` as model sections.
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.braille.options import Options, files
from leaflet.writers.contract import Format, Output, Resources


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.braille.writer import write  # liblouis only when braille is asked for

    return write(leaflet, options)


FORMAT = Format(
    name="braille",
    summary="Unified English Braille (.brf), grade 2, 40 cells by 25 lines, for an embosser or braille display",
    label="Braille",
    description="A braille file (BRF) for a braille embosser or display.",
    readers="braille readers, on paper from an embosser or on a braille display: Unified English Braille, grade 2, 40 cells by 25 lines",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.braille",
)
