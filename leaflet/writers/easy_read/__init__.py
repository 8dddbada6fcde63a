"""Easy-read text (format ``easy-read``): ``<id>.easy-read.txt``.

The easy read written in ``easy-read.md``, as plain UTF-8 at most 60
characters a line: the title and each heading on lines of their own
(underlined), each point starting a new line with a blank line between
points, each link's address on a line of its own, then "Words to know": the
glossary words the easy read uses, with what they mean.

Pictures are left out: in easy read they support the words, and the words
stand alone. A leaflet with no ``easy-read.md`` gets a warning and no file.
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.easy_read.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.easy_read.writer import write

    return write(leaflet, options)


FORMAT = Format(
    name="easy-read",
    summary="easy read as plain text (.easy-read.txt): short points, 60-character lines, words to know",
    label="Easy read",
    description="Short sentences and simple words, as plain text.",
    readers="people with a learning disability or low literacy: the authored easy read as short plain-text points",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.easy_read",
    reads_easy_read=True,
)
