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

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.easy_read_html.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.easy_read_html.page import write

    return write(leaflet, options)


FORMAT = Format(
    name="easy-read-html",
    summary="easy read as a web page (.easy-read.html): a picture left of each point, words right, WCAG 2.2 AA",
    label="Easy read web page",
    description="Short sentences with a picture beside each one, to read in a web browser.",
    readers="the same easy read as one self-contained web page: a picture left of each point (above it on a phone), words right, 18pt, light or dark",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.easy_read_html",
    reads_easy_read=True,
)
