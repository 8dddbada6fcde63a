"""Where jobs run: the seam between the build and the machines that do the work.

An executor runs a picklable, pure function over a list of jobs and yields
each result, with the job's index, as soon as it is done, so the client can
write its files and show progress while the rest run. The job function takes
a leaflet model, a format name and option values and returns bytes; it needs
no source folder and writes nothing, so any executor (a process pool here; a
Dask cluster in ``leaflet.pipeline.dask_executor``) can run it. The client that called
``build`` writes the files.

``from_options(executor, scheduler, workers)`` makes the one the user chose
(``leaflet build --executor/--scheduler/--jobs``; the request service calls
it with its own settings). Dask is imported only when it is chosen.
"""

from __future__ import annotations

import argparse
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from concurrent.futures import ProcessPoolExecutor, as_completed
from types import TracebackType
from typing import Protocol, TypeVar

from leaflet.core.diagnostics import OptionError
from leaflet.pipeline.closable import ClosedAfterUse

J = TypeVar("J")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``function`` over ``jobs``, ``workers`` at once; yields ``(index, result)`` in the order they finish."""

    workers: int

    def run(self, function: Callable[[J], R], jobs: Sequence[J]) -> Iterator[tuple[int, R]]: ...


class ManagedExecutor(Executor, Protocol):
    """An executor that may hold machines (a cluster) until it is closed; a context manager."""

    def close(self) -> None: ...

    def __enter__(self) -> ManagedExecutor: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...


EXECUTORS = ("local", "dask")


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--executor`` and ``--scheduler``, as ``leaflet build`` and ``leaflet serve`` both take them."""
    parser.add_argument(
        "--executor",
        choices=EXECUTORS,
        default=None,
        help="where jobs run: 'local' processes (the default) or a 'dask' cluster started here with --jobs workers",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the jobs on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (implies --executor dask)",
    )


def from_options(executor: str | None = None, scheduler: str | None = None, workers: int = 1) -> ManagedExecutor:
    """The executor the user chose: 'local' (a process pool of ``workers``; the default) or 'dask'.

    'dask' without ``scheduler`` starts a local Dask cluster of ``workers``
    processes when first used; with ``scheduler`` ('tcp://HOST:PORT') it sends
    the jobs to that cluster. A scheduler alone implies 'dask'. Close what this
    returns (or use it in a ``with``) to stop a cluster it started.
    """
    if executor is None:
        executor = "local" if scheduler is None else "dask"
    if executor not in EXECUTORS:
        raise OptionError(f"unknown executor {executor!r}; choose one of: {', '.join(EXECUTORS)}")
    if scheduler is not None and executor == "local":
        raise OptionError("--scheduler sends jobs to a Dask cluster; it cannot be used with --executor local")
    if scheduler is not None and "://" not in scheduler:
        raise OptionError(
            f"--scheduler takes a Dask scheduler's address such as tcp://10.0.0.5:8786, not {scheduler!r}"
        )
    if executor == "local":
        return LocalExecutor(workers)
    from leaflet.pipeline.dask_executor import DaskExecutor  # only here: the local path never imports Dask

    return DaskExecutor(workers, scheduler)


def pool_from_options(executor: str | None, scheduler: str | None, workers: int) -> futures.Executor | None:
    """For a caller that submits calls one by one (the request service): the Dask cluster chosen, as a
    ``concurrent.futures`` executor, or None when the choice is local (the caller keeps its own pool)."""
    chosen = from_options(executor, scheduler, workers)
    if isinstance(chosen, LocalExecutor):
        return None
    from leaflet.pipeline.dask_executor import DaskExecutor, DaskPool

    assert isinstance(chosen, DaskExecutor)
    return DaskPool(chosen)


class LocalExecutor(ClosedAfterUse):
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
