"""Large-print PDF (format ``large-print-pdf``): ``<id>.large-print.pdf``.

A4, one column, Atkinson Hyperlegible at 18pt by default (UKAAF's ideal for
large print), tagged for screen readers to the machine-checkable part of
PDF/UA-1. A patient may ask for another size (14-48pt, reflowed) or colour
scheme; that variant names its options in its file name, for example
``<id>.large-print-24pt-white-on-black.pdf``, and never replaces the default.

- ``options``    the options it takes and the files it names
- ``writer``     one call: lay out, draw, tag, warn
- ``textflow``   line breaking by the large-print rules (no markup involved)
- ``flowables``  tagged reportlab flowables
- ``layout``     the model as a story of flowables
- ``document``   fonts, page, footer, one reportlab pass
- ``structure``  the record of what was drawn for which structure element
- ``tagging``    the structure tree, outline and metadata, with pikepdf
The audit that reads the file back lives in ``leaflet/checks/large_print_pdf.py``.
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.large_print_pdf.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.large_print_pdf.writer import write

    return write(leaflet, options)


FORMAT = Format(
    name="large-print-pdf",
    summary="large-print PDF (A4, 18pt Atkinson Hyperlegible), tagged for screen readers (PDF/UA-1)",
    label="Large print",
    description="A PDF to print or read on screen, in big clear letters.",
    readers="partially sighted readers, screen magnifiers and screen readers: 18pt A4, tagged PDF/UA-1",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.large_print_pdf",
)
