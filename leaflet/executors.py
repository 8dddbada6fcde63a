"""Where jobs run: the seam between the build and the machines that do the work.

An executor runs a picklable, pure function over a list of jobs and yields
each result, with the job's index, as soon as it is done, so the client can
write its files and show progress while the rest run. The job function takes
a leaflet model, a format name and option values and returns bytes; it needs
no source folder and writes nothing, so any executor (a process pool here; a
cluster later) can run it. The client that called ``build`` writes the files.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Protocol, TypeVar

J = TypeVar("J")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``function`` over ``jobs``; yields ``(index, result)`` in the order they finish."""

    def run(self, function: Callable[[J], R], jobs: Sequence[J]) -> Iterator[tuple[int, R]]: ...


class LocalExecutor:
    """This machine: one job at a time in this process, or ``workers`` forked worker processes."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers

    def run(self, function: Callable[[J], R], jobs: Sequence[J]) -> Iterator[tuple[int, R]]:
        if self.workers <= 1 or len(jobs) <= 1:
            for index, job in enumerate(jobs):
                yield index, function(job)
            return
        # fork: workers start in milliseconds with the modules already imported. The
        # build starts no threads of its own (the progress bar's monitor is off).
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)), mp_context=context) as pool:
            futures = {pool.submit(function, job): index for index, job in enumerate(jobs)}
            for future in as_completed(futures):
                yield futures[future], future.result()
