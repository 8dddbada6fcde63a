"""What the e-text takes and what it writes: no personal options (readers choose their own size and voice)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """E-text has no personal options."""


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    return (f"{leaflet_id}.txt",)
