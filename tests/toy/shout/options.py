"""The toy format's one option, its own (no other format has it), and its file names."""

from __future__ import annotations

from dataclasses import dataclass, field

from leaflet.options import Option
from leaflet.writers.contract import OPTION

BANGS = Option("bangs", "Exclamation marks", "exclamation marks after each line", "N", minimum=1, maximum=5)


@dataclass(frozen=True, slots=True)
class Options:
    """How many exclamation marks."""

    bangs: int = field(default=1, metadata={OPTION: BANGS})


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    return (f"{leaflet_id}.shout.txt" if options.bangs == 1 else f"{leaflet_id}.shout-{options.bangs}.txt",)
