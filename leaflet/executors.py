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
import signal
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
        workers = min(self.workers, len(jobs))
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_leave_interrupts_to_the_client)
        try:
            futures = {pool.submit(function, job): index for index, job in enumerate(jobs)}
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:  # Ctrl-C, or the client stopped early: stop the workers now, quietly
            _stop(pool)
            raise
        pool.shutdown()


def _leave_interrupts_to_the_client() -> None:
    """Ctrl-C reaches every process of the terminal's group: only the client answers it (with one line)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers without waiting for their jobs, and drop the jobs not started."""
    for process in list(pool._processes.values()):  # no public way before Python 3.14's terminate_workers()
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
