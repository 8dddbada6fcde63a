"""How many cores the job running now may use: ``--jobs`` shared out among the jobs running at once.

A build of one leaflet's audio with ``--jobs 2`` lets that one job say two
sections at once; a catalogue build with ``--jobs 2`` runs two jobs at once
and each says one section at a time, so the build never asks for more cores
than it was given (``--jobs 1`` uses one). The build sets the share for each
job (``allowing``); the speech layer asks for it (``cores``). Nothing here
changes what a job makes, only how many things it does at once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar

_SHARE: ContextVar[int | None] = ContextVar("leaflet_cores", default=None)


def usable() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cores() -> int:
    """The cores the job running in this thread may use: its share, or every usable core when none was set."""
    return _SHARE.get() or usable()


def share(workers: int, jobs: int) -> int:
    """Each job's share of ``workers`` cores when ``jobs`` jobs run on them: the cores left idle by too few jobs
    go to the jobs there are (2 workers, 1 job: 2 cores); with as many jobs as workers or more, one each."""
    return max(1, workers // max(1, min(workers, jobs)))


@contextlib.contextmanager
def allowing(count: int) -> Iterator[None]:
    """Within this block, the job running in this thread may use ``count`` cores (0: every usable core)."""
    token = _SHARE.set(count or None)
    try:
        yield
    finally:
        _SHARE.reset(token)
