"""Two toy formats, ``census`` and ``census-easy``: each writes down what its job was given (its share of
cores, whether it saw an easy read), so a test can see what a build sends each job. ``census-easy`` reads
the easy read; ``census`` never does."""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, OutputFile, Resources


@dataclass(frozen=True, slots=True)
class Options:
    """None."""


def _census(name: str) -> Format[Options]:
    def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
        return (f"{leaflet_id}.{name}.txt",)

    def write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
        easy = "yes" if leaflet.easy_read is not None else "no"
        text = f"cores: {resources.cores}\neasy read: {easy}\n"
        return Output((OutputFile(files(leaflet.meta.id, options)[0], text.encode("utf-8")),))

    return Format(
        name, "what a job was given (a toy)", name, "", "tests", Options, files, write, None, name == "census-easy"
    )


CENSUS = _census("census")
CENSUS_EASY = _census("census-easy")
