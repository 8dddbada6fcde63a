"""Word document (format ``docx``): ``<id>.docx``, built as a careful person would by hand.

Built-in styles adjusted once (Heading 1 for the title, Heading 2 and 3 for
sections, so the navigation pane shows the outline), real Word lists and
hyperlinks, a header row on every table, alt text on every picture, the
language on the styles and in the core properties, body text at clear-print
size in a sans-serif font, and byte-identical output for the same source.

Personal variants take ``--size`` (14 to 48 points) and ``--colours`` (page
background and text colour); they carry those values in the file name, such
as ``<id>.24pt-black-on-cream.docx``, and never replace the default file.
"""

from __future__ import annotations

from collections.abc import Mapping

from leaflet.core.model import Leaflet
from leaflet.options import choice, whole_number
from leaflet.writers import DOCX, Output, OutputFile
from leaflet.writers.docx.options import (
    DEFAULT_COLOURS,
    DEFAULT_SIZE,
    MAX_SIZE,
    MIN_SIZE,
    SCHEMES,
    Options,
)

__all__ = ["Options", "parse_options", "write"]


def parse_options(values: Mapping[str, str]) -> Options:
    size = whole_number("size", values["size"], MIN_SIZE, MAX_SIZE) if "size" in values else DEFAULT_SIZE
    colours = choice("colours", values["colours"], tuple(SCHEMES)) if "colours" in values else DEFAULT_COLOURS
    return Options(size=size, colours=colours)


def write(leaflet: Leaflet, options: Options) -> Output:
    from leaflet.writers.docx.document import to_docx  # lazy: python-docx only when asked for

    (name,) = DOCX.names(leaflet.meta.id, options)
    return Output((OutputFile(name, to_docx(leaflet, options)),))
