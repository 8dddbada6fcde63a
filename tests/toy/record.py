"""The toy format's one record, as it would stand in ``leaflet.writers.FORMATS``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaflet.writers import Format

if TYPE_CHECKING:
    from tests.toy.shout import Options


def _names(leaflet_id: str, options: Options) -> tuple[str, ...]:
    return (f"{leaflet_id}.shout.txt" if options.bangs == 1 else f"{leaflet_id}.shout-{options.bangs}.txt",)


SHOUT = Format(
    name="shout",
    summary="the title and headings in capitals (a toy)",
    writer="tests.toy.shout",
    audit="tests.toy.audit",
    option_names=frozenset({"size"}),
    names=_names,
)
