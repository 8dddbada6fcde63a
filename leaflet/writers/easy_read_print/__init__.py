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

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.easy_read_print.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.easy_read_print.layout import write  # python-docx only when asked for

    return write(leaflet, options)


FORMAT = Format(
    name="easy-read-print",
    summary="easy read for print (.easy-read.docx): a picture left of each point, words right, 16pt",
    label="Easy read to print",
    description="A Word document with short sentences and a picture beside each one.",
    readers="the same easy read in the standard print layout (a picture left of each point, words right, 16pt), in Word so a team can finish it",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.easy_read_print",
    reads_easy_read=True,
)
