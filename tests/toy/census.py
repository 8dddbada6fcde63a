"""A toy format, ``census``: writes down what its job was given (its share of cores, whether it saw an easy read).

Two records use it: ``CENSUS`` (a format that never reads the easy read) and
``CENSUS_EASY`` (one that does), so a test can see what a build sends each job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leaflet.core.model import Leaflet
from leaflet.pipeline.cores import cores
from leaflet.writers import Format, Output, OutputFile


@dataclass(frozen=True, slots=True)
class Options:
    """None."""


def parse_options(values: Mapping[str, str]) -> Options:
    return Options()


def write(leaflet: Leaflet, options: Options) -> Output:
    easy = "yes" if leaflet.easy_read is not None else "no"
    text = f"cores: {cores()}\neasy read: {easy}\n"
    return Output((OutputFile(f"{leaflet.meta.id}.census.txt", text.encode("utf-8")),))


def _names(leaflet_id: str, options: Options) -> tuple[str, ...]:
    return (f"{leaflet_id}.census.txt",)


def _easy_names(leaflet_id: str, options: Options) -> tuple[str, ...]:
    return (f"{leaflet_id}.census-easy.txt",)


CENSUS = Format("census", "what a job was given (a toy)", "tests.toy.census", None, frozenset(), _names)
CENSUS_EASY = Format(
    "census-easy", "what a job was given (a toy)", "tests.toy.census_easy", None, frozenset(), _easy_names, True
)
