"""What a speech engine is: something that says texts into WAV files, one by one, ticking as it goes."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Protocol

Tick = Callable[[], None]


class Engine(Protocol):
    """Something that says texts, using at most ``cores`` cores."""

    name: str
    cores: int

    def synthesise(
        self, texts: Sequence[str], folder: Path, tick: Tick, runs: Sequence[int] = ()
    ) -> Generator[Path, None, None]:
        """One WAV file per text, written in ``folder`` and yielded in order; ``tick()`` after each is done.
        ``runs``: the lengths of runs of consecutive texts an engine may say one after another, as one
        talk (a talking book's sentences of a document); empty, each text on its own."""
        ...
