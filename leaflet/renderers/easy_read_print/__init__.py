"""Easy read for print (format ``easy-read-print``): ``<id>.easy-read.docx``.

Word rather than PDF, because an easy read is finished by people: a team
adds its own pictures to the empty picture cells, checks the words with
readers, and prints it. See ``layout`` for the page; its audit reads the
file back (``leaflet/checks/easy_read_print.py``).

Option: ``--size POINTS`` (14 to 48; 16 is the default, 20 suits readers with
sight loss) writes ``<id>.easy-read.<size>pt.docx`` beside the default file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaflet.model import Leaflet
from leaflet.options import whole_number
from leaflet.reader.rules import no_easy_read
from leaflet.renderers import EASY_READ_PRINT, Output, OutputFile

DEFAULT_SIZE = 16  # easy-read guidance: at least 14pt, 16pt recommended
SMALLEST, LARGEST = 14, 48


@dataclass(frozen=True, slots=True)
class Options:
    """The body size in points."""

    size: int = DEFAULT_SIZE


def parse_options(values: Mapping[str, str]) -> Options:
    if "size" in values:
        return Options(whole_number("size", values["size"], SMALLEST, LARGEST))
    return Options()


def write(leaflet: Leaflet, options: Options) -> Output:
    if leaflet.easy_read is None:
        return Output((), (no_easy_read(leaflet),))
    from leaflet.renderers.easy_read_print.layout import build  # python-docx only when asked for

    (name,) = EASY_READ_PRINT.names(leaflet.meta.id, options)
    return Output((OutputFile(name, build(leaflet, options.size)),))
