"""What the benchmarks share: where the leaflets are, how many runs were asked for, and timing one action."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NICE_FOLDER = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
FOLDERS = sorted(p for p in (ROOT / "source").iterdir() if (p / "leaflet.md").is_file())


def runs_asked(default: int) -> int:
    """The number of runs the command line gives (its first argument), else ``default``."""
    return int(sys.argv[1]) if len(sys.argv) > 1 else default


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """The wall-clock seconds of each of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times
