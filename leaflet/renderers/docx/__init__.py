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
from pathlib import Path

from leaflet.files import write_bytes_atomic
from leaflet.model import Leaflet
from leaflet.options import choice, only, whole_number
from leaflet.renderers import Audit, Rendered
from leaflet.renderers.docx.options import (
    DEFAULT_COLOURS,
    DEFAULT_SIZE,
    MAX_SIZE,
    MIN_SIZE,
    SCHEMES,
    Options,
    file_name,
)

NAME = "docx"
SUMMARY = "Word document (.docx) with real headings, lists, links and alt text; --size and --colours variants"
OPTION_NAMES: frozenset[str] = frozenset({"size", "colours"})

__all__ = ["NAME", "OPTION_NAMES", "SUMMARY", "Options", "audit", "parse_options", "render"]


def parse_options(values: Mapping[str, str]) -> Options:
    only(NAME, values, OPTION_NAMES)
    size = whole_number("size", values["size"], MIN_SIZE, MAX_SIZE) if "size" in values else DEFAULT_SIZE
    colours = choice("colours", values["colours"], tuple(SCHEMES)) if "colours" in values else DEFAULT_COLOURS
    return Options(size=size, colours=colours)


def render(leaflet: Leaflet, options: Options, out_dir: Path) -> Rendered:
    from leaflet.renderers.docx.document import to_docx  # lazy: python-docx only when asked for

    target = out_dir / file_name(leaflet.meta.id, options)
    return Rendered((write_bytes_atomic(target, to_docx(leaflet, options)),))


def audit(leaflet: Leaflet, out_dir: Path) -> Audit:
    """Bridge to ``leaflet.checks.docx`` until the format record names its audit module."""
    from leaflet.checks.docx import audit as check

    found = check(leaflet, out_dir)
    problems = tuple(str(d) for d in found if d.severity == "error")
    return Audit(problems=problems, notes=tuple(d.message for d in found if d.severity == "note"))
