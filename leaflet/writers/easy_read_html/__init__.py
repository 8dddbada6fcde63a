"""Easy read as a web page (format ``easy-read-html``): ``<id>.easy-read.html``, one self-contained page.

The easy read (``leaflet.core.compose.compose_easy_read``) in the standard layout:
each point a row, its picture on the left (every picture the same size, with
its alt text) and its words on the right; on a narrow screen (or zoomed in)
the picture stands above its words. Hard words are bold; "Words to know" and
"About this easy read" (with the pictures' credit and licence) end it. Type,
colours, fonts and the page shell are the web page's (``leaflet.media.xhtml``), so
it reads offline and follows the reader's light or dark setting.

Options, as the ``html`` format takes them: ``--size POINTS`` (14 to 48;
18, the default, is 24 CSS pixels) and ``--colours SCHEME`` write a variant
such as ``<id>.easy-read.24pt-black-on-cream.html`` beside the default. A
leaflet with no ``easy-read.md`` gets a warning and no file, as the other
easy-read formats do.
"""

from __future__ import annotations

from leaflet.core.compose import no_easy_read
from leaflet.core.model import Leaflet
from leaflet.media.xhtml.options import Options, parse_options
from leaflet.writers import EASY_READ_HTML, Output, OutputFile

__all__ = ["Options", "parse_options", "write"]  # the writer's contract; the options are the web formats' own


def write(leaflet: Leaflet, options: Options) -> Output:
    if leaflet.easy_read is None:
        return Output((), (no_easy_read(leaflet),))
    from leaflet.writers.easy_read_html.page import page_html

    (name,) = EASY_READ_HTML.names(leaflet.meta.id, options)
    data = page_html(leaflet, options.size, options.fixed_colours).encode("utf-8")
    return Output((OutputFile(name, data),))
