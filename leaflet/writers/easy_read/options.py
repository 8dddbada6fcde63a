"""What the easy-read text takes and what it writes: no personal options."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """Easy-read text has no personal options."""


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    return (f"{leaflet_id}.easy-read.txt",)
