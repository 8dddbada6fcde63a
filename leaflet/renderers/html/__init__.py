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

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from leaflet.colours import DEFAULT_SCHEME, PrintOptions
from leaflet.model import Leaflet
from leaflet.options import only, size_and_colours
from leaflet.renderers import Audit, Rendered
from leaflet.xhtml.output import Output, OutputFile

NAME = "html"
SUMMARY = "accessible web page (.html): large-print type, skip link, contents, light or dark, WCAG 2.2 AA"
OPTION_NAMES: frozenset[str] = frozenset({"size", "colours"})
DEFAULT_SIZE = 18
SMALLEST, LARGEST = 14, 48


@dataclass(frozen=True, slots=True)
class Options(PrintOptions):
    """Body size in points (at the browser's default zoom) and a colour scheme.

    The default scheme follows the reader's own light or dark setting; any other stays as chosen.
    """

    size: int = DEFAULT_SIZE

    @property
    def fixed_colours(self) -> str | None:
        return None if self.colours == DEFAULT_SCHEME else self.colours


def parse_options(values: Mapping[str, str]) -> Options:
    only(NAME, values, OPTION_NAMES)
    size, colours = size_and_colours(values, SMALLEST, LARGEST, DEFAULT_SIZE)
    return Options(size, colours)


def file_name(leaflet_id: str, options: Options) -> str:
    """``<id>.html``; a variant names what was chosen: ``<id>.24pt-white-on-black.html``."""
    return options.file_name(leaflet_id, ".html", DEFAULT_SIZE)


def write(leaflet: Leaflet, options: Options) -> Output:
    from leaflet.renderers.html.page import page_html

    data = page_html(leaflet, options.size, options.fixed_colours).encode("utf-8")
    return Output((OutputFile(file_name(leaflet.meta.id, options), data),))


def render(leaflet: Leaflet, options: Options, out_dir: Path) -> Rendered:
    from leaflet.files import write_bytes_atomic

    output = write(leaflet, options)
    paths = tuple(write_bytes_atomic(out_dir / f.name, f.data) for f in output.files)
    return Rendered(paths, output.warnings)


def audit(leaflet: Leaflet, out_dir: Path) -> Audit:
    """Bridge to ``leaflet.checks.html`` until the format record names its audit module."""
    from leaflet.checks.html import audit as check

    found = check(leaflet, out_dir)
    problems = tuple(str(d) for d in found if d.severity == "error")
    return Audit(problems=problems, notes=tuple(d.message for d in found if d.severity == "note"))
