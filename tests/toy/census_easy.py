"""The ``census-easy`` toy format: ``census`` under its own file name, for a record that reads the easy read."""

from __future__ import annotations

from dataclasses import replace

from leaflet.core.model import Leaflet
from leaflet.writers import Output
from tests.toy import census
from tests.toy.census import Options, parse_options

__all__ = ["Options", "parse_options", "write"]


def write(leaflet: Leaflet, options: Options) -> Output:
    (made,) = census.write(leaflet, options).files
    return Output((replace(made, name=f"{leaflet.meta.id}.census-easy.txt"),))
