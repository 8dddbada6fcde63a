"""Plain e-text (format ``text``): ``<id>.txt`` for screen readers and braille displays.

Plain UTF-8 at most 80 characters a line. Headings are underlined so a
search for '===' or '---' finds them; each list says how many items it has;
every link is written out as its address; "Words explained" and "About
this leaflet" (from ``leaflet.core.compose``) come last. The writer is ``writer``.
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.text.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.text.writer import write

    return write(leaflet, options)


FORMAT = Format(
    name="text",
    summary="plain e-text (.txt) for screen readers and braille displays",
    label="Plain text",
    description="For screen readers and braille displays.",
    readers="screen-reader and braille-display users: plain UTF-8 e-text",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.text",
)
