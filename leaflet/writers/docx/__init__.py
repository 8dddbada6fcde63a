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

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.docx.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.docx.document import write  # python-docx only when asked for

    return write(leaflet, options)


FORMAT = Format(
    name="docx",
    summary="Word document (.docx) with real headings, lists, links and alt text; --size and --colours variants",
    label="Word document",
    description="You can change the text size and colours yourself.",
    readers="people who read in Word, with a screen reader or their own font and size; teams who edit and re-share",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.docx",
)
