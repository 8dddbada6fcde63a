"""Web page (format ``html``): ``<id>.html``, one self-contained, accessible page.

Semantic HTML5 from the model: the language, a title, one ``h1``, a skip
link, a table of contents, sections with headings in order inside ``main``,
real lists and tables (a caption, column headers with ``scope``), pictures
with their alt text, the glossary as a description list and the colophon
in the footer. Styles, the large-print typeface and pictures are inside the
file, so it reads offline and loads nothing from the network.

It reads like large print (18pt, Atkinson Hyperlegible, short left-aligned
lines, no italics) and follows the reader's light or dark setting. A patient
may ask for another size or colour scheme: ``--size 24 --colours
black-on-cream`` writes ``<id>.24pt-black-on-cream.html`` beside the default (a scheme
chosen is kept whatever the reader's setting; black on white, the default, follows it).
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.html.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.html.page import write

    return write(leaflet, options)


FORMAT = Format(
    name="html",
    summary="accessible web page (.html): large-print type, skip link, contents, light or dark, WCAG 2.2 AA",
    label="Web page",
    description="A page to read in a web browser, with your own settings.",
    readers="anyone on a phone or computer, screen-reader users, people who zoom or change colours: one self-contained web page",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.html",
)
