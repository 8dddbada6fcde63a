"""The toy format's writer."""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Output, OutputFile
from tests.toy.shout.options import Options, files


def write(leaflet: Leaflet, options: Options) -> Output:
    lines = [leaflet.meta.title, *(s.heading for s in leaflet.sections if s.heading)]
    text = "".join(line.upper() + "!" * options.bangs + "\n" for line in lines)
    (name,) = files(leaflet.meta.id, options)
    return Output((OutputFile(name, text.encode("utf-8")),))
