"""A toy format, ``shout``: the leaflet's title and headings in capitals, with as many "!" as asked.

This folder is everything a format is: its declaration here, its options and file names (``options``),
its writer (``writer``) and its audit (``audit``). Put into the registry, it is built, listed, validated,
recorded in the manifest, offered by the service and audited by ``leaflet check``; its own option,
``--bangs``, appears on the command line, the request form and the API with nothing else changed.
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from tests.toy.shout.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from tests.toy.shout.writer import write

    return write(leaflet, options)


FORMAT = Format(
    name="shout",
    summary="the title and headings in capitals (a toy)",
    label="Shouting",
    description="The headings, loudly.",
    readers="nobody: it proves that a format is one folder",
    options=Options,
    files=files,
    writer=_write,
    audit="tests.toy.shout.audit",
)
