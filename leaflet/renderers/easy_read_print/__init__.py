"""Easy read for print (format ``easy-read-print``): ``<id>.easy-read.docx``.

Word rather than PDF, because an easy read is finished by people: a team
adds its own pictures to the empty picture cells, checks the words with
readers, and prints it. See ``layout`` for the page and ``audit`` for the
checks made on the file written.

Option: ``--size POINTS`` (14 to 48; 16 is the default, 20 suits readers with
sight loss) writes ``<id>.easy-read.<size>pt.docx`` beside the default file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from leaflet.checks import easyread as rules
from leaflet.files import write_bytes_atomic
from leaflet.model import Leaflet
from leaflet.options import only, whole_number
from leaflet.renderers import Audit, Rendered

NAME = "easy-read-print"
SUMMARY = "easy read for print (.easy-read.docx): pictures left, words right, 16pt, for teams to add pictures"
OPTION_NAMES: frozenset[str] = frozenset({"size"})
DEFAULT_SIZE = 16  # easy-read guidance: at least 14pt, 16pt recommended
SMALLEST, LARGEST = 14, 48


@dataclass(frozen=True, slots=True)
class Options:
    """The body size in points."""

    size: int = DEFAULT_SIZE


def parse_options(values: Mapping[str, str]) -> Options:
    only(NAME, values, OPTION_NAMES)
    if "size" in values:
        return Options(whole_number("size", values["size"], SMALLEST, LARGEST))
    return Options()


def target(leaflet: Leaflet, out_dir: Path, options: Options = Options()) -> Path:
    """The default file, or a personal variant named by its size."""
    variant = "" if options.size == DEFAULT_SIZE else f".{options.size}pt"
    return out_dir / f"{leaflet.meta.id}.easy-read{variant}.docx"


def render(leaflet: Leaflet, options: Options, out_dir: Path) -> Rendered:
    if leaflet.easy_read is None:
        return Rendered((), (rules.no_easy_read(leaflet),))
    from leaflet.renderers.easy_read_print.layout import build  # python-docx only when asked for

    return Rendered((write_bytes_atomic(target(leaflet, out_dir, options), build(leaflet, options.size)),))


def audit(leaflet: Leaflet, out_dir: Path) -> Audit:
    """Read the default file back with the standard library's zip and XML readers, not python-docx."""
    if leaflet.easy_read is None:
        return Audit(notes=("no easy-read.md: nothing to check",))
    path = target(leaflet, out_dir)
    if not path.exists():
        return Audit(problems=(f"{path} has not been built; run 'leaflet build {leaflet.meta.id} --format {NAME}'",))
    from leaflet.renderers.easy_read_print.readback import problems_and_notes

    problems, notes = problems_and_notes(leaflet, path, DEFAULT_SIZE)
    return Audit(problems=tuple(problems), notes=tuple(notes))
