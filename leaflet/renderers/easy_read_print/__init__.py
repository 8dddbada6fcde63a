"""Easy read for print (format ``easy-read-print``): ``<id>.easy-read.docx``.

Word rather than PDF, because an easy read is finished by people: a team
adds its own pictures to the empty picture cells, checks the words with
readers, and prints it. See ``layout`` for the page and ``audit`` for the
checks made on the file written.

Options: ``--size POINTS`` (14 to 48; 16 is the default, 20 suits readers with
sight loss) and ``--colours SCHEME`` (the same schemes as every print format)
write a variant such as ``<id>.easy-read.20pt-black-on-cream.docx`` beside
the default file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from leaflet.checks import easyread as rules
from leaflet.files import write_bytes_atomic
from leaflet.model import Leaflet
from leaflet.options import only, size_and_colours
from leaflet.renderers import Audit, Rendered
from leaflet.renderers.easy_read_print.options import (
    DEFAULT_SIZE,
    LARGEST,
    SMALLEST,
    Options,
    file_name,
)

NAME = "easy-read-print"
SUMMARY = "easy read for print (.easy-read.docx): pictures left, words right, 16pt, for teams to add pictures"
OPTION_NAMES: frozenset[str] = frozenset({"size", "colours"})
DEFAULTS = Options()


def parse_options(values: Mapping[str, str]) -> Options:
    only(NAME, values, OPTION_NAMES)
    size, colours = size_and_colours(values, SMALLEST, LARGEST, DEFAULT_SIZE)
    return Options(size=size, colours=colours)


def target(leaflet: Leaflet, out_dir: Path, options: Options = DEFAULTS) -> Path:
    """The default file, or a personal variant named by its size and colours."""
    return out_dir / file_name(leaflet.meta.id, options)


def render(leaflet: Leaflet, options: Options, out_dir: Path) -> Rendered:
    if leaflet.easy_read is None:
        return Rendered((), (rules.no_easy_read(leaflet),))
    from leaflet.renderers.easy_read_print.layout import build  # python-docx only when asked for

    return Rendered((write_bytes_atomic(target(leaflet, out_dir, options), build(leaflet, options)),))


def audit(leaflet: Leaflet, out_dir: Path) -> Audit:
    """Bridge to ``leaflet.checks.easy_read_print`` until the format record names its audit module."""
    from leaflet.checks.easy_read_print import audit as check

    found = check(leaflet, out_dir)
    problems = tuple(str(d) for d in found if d.severity == "error")
    return Audit(problems=problems, notes=tuple(d.message for d in found if d.severity == "note"))
