"""Easy read for print (format ``easy-read-print``): ``<id>.easy-read.docx``.

Word rather than PDF, because an easy read is finished by people: a team
checks the words and pictures with readers, may swap a picture for one of its
own (or name another in ``easy-read.md``), and prints it. Each point's picture
(``leaflet.media.symbols``) sits left of its words, all the same size; the credit
for the pictures ends the document. See ``layout`` for the page; its audit reads the
file back (``leaflet/checks/easy_read_print.py``).

Options: ``--size POINTS`` (14 to 48; 16 is the default, 20 suits readers with
sight loss) and ``--colours SCHEME`` (the same schemes as every print format)
write a variant such as ``<id>.easy-read.20pt-black-on-cream.docx`` beside
the default file.
"""

from __future__ import annotations

from collections.abc import Mapping

from leaflet.core.compose import no_easy_read
from leaflet.core.model import Leaflet
from leaflet.options import size_and_colours
from leaflet.writers import EASY_READ_PRINT, Output, OutputFile
from leaflet.writers.easy_read_print.options import DEFAULT_SIZE, LARGEST, SMALLEST, Options

__all__ = ["Options", "parse_options", "write"]


def parse_options(values: Mapping[str, str]) -> Options:
    size, colours = size_and_colours(values, SMALLEST, LARGEST, DEFAULT_SIZE)
    return Options(size=size, colours=colours)


def write(leaflet: Leaflet, options: Options) -> Output:
    if leaflet.easy_read is None:
        return Output((), (no_easy_read(leaflet),))
    from leaflet.writers.easy_read_print.layout import build  # python-docx only when asked for

    (name,) = EASY_READ_PRINT.names(leaflet.meta.id, options)
    return Output((OutputFile(name, build(leaflet, options)),))
