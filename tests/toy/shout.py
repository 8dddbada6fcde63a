"""A toy format, ``shout``: the leaflet's title and headings in capitals. The whole writer module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaflet.core.model import Leaflet
from leaflet.options import whole_number
from leaflet.writers import Output, OutputFile
from tests.toy import record


@dataclass(frozen=True, slots=True)
class Options:
    """How many exclamation marks."""

    bangs: int = 1


def parse_options(values: Mapping[str, str]) -> Options:
    return Options(whole_number("size", values["size"], 1, 5)) if "size" in values else Options()


def write(leaflet: Leaflet, options: Options) -> Output:
    lines = [leaflet.meta.title, *(s.heading for s in leaflet.sections if s.heading)]
    text = "".join(line.upper() + "!" * options.bangs + "\n" for line in lines)
    (name,) = record.SHOUT.names(leaflet.meta.id, options)
    return Output((OutputFile(name, text.encode("utf-8")),))
