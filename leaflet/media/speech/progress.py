"""A progress bar on a terminal for slow steps (synthesis, encoding); silent otherwise."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """Yield ``tick()``, which moves the bar one step.

    No bar when standard error is not a terminal, nor inside a build's worker
    process, where the build's own bar counts the jobs.
    """
    if not sys.stderr.isatty() or multiprocessing.parent_process() is not None:
        yield lambda: None
        return
    from tqdm import tqdm

    lock = threading.Lock()  # ticks come from worker threads
    with tqdm(total=total, desc=label, unit="step", leave=False, file=sys.stderr) as bar:

        def tick() -> None:
            with lock:
                bar.update(1)

        yield tick
