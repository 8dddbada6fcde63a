"""What the talking book takes (the speech options) and what it writes for them."""

from __future__ import annotations

from dataclasses import dataclass, field

from leaflet.media.speech.options import SpeechOptions
from leaflet.writers.contract import PERSONAL


@dataclass(frozen=True, slots=True)
class Options(SpeechOptions):
    """How the book speaks (the audio format's options); ``talking=False`` makes a plain book with no speech
    (for comparisons; not a personal option)."""

    talking: bool = field(default=True, metadata={PERSONAL: False})


def files(leaflet_id: str, options: Options) -> tuple[str, ...]:
    """``<id>.epub``, the talking book; a variant names its speech as audio does: ``<id>.en-us.120wpm.epub``;
    ``<id>.plain.epub`` for a book with no speech (benchmarks)."""
    return (f"{leaflet_id}{options.suffix}.epub" if options.talking else f"{leaflet_id}.plain.epub",)
