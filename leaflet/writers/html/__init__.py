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
from leaflet.media.xhtml.options import Options, parse_options
from leaflet.writers import HTML, Output, OutputFile

__all__ = ["Options", "parse_options", "write"]  # the writer's contract; the options are the web formats' own


def write(leaflet: Leaflet, options: Options) -> Output:
    from leaflet.writers.html.page import page_html

    (name,) = HTML.names(leaflet.meta.id, options)
    data = page_html(leaflet, options.size, options.fixed_colours).encode("utf-8")
    return Output((OutputFile(name, data),))
