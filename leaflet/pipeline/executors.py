"""Where jobs run: the seam between the build or the service and the machines that do the work.

An executor runs a picklable, pure function (``leaflet.pipeline.jobs.run_job``) in two ways, for its two
callers: ``run(function, jobs)`` runs a list of jobs and yields each result, with the job's index, as soon
as it is done, so the build can write its files and show progress while the rest run; ``submit(function,
job)`` starts one job and gives a future of its result, for the request service. A job carries its leaflet
model, its format and its options and returns bytes; it needs no source folder and writes nothing, so any
executor (a process pool here; a Dask cluster in ``leaflet.pipeline.dask_executor``) can run it. The build
or the service writes the files.

``from_options(executor, scheduler, workers)`` makes the one the user chose (``leaflet build`` or
``leaflet serve`` with ``--executor/--scheduler/--jobs``). Dask is imported only when it is chosen.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, TypeVar

from leaflet.core.diagnostics import OptionError
from leaflet.pipeline.closable import ClosedAfterUse

if TYPE_CHECKING:  # the pool is imported when a job first needs one: a one-job build never does
    from concurrent import futures
    from concurrent.futures import ProcessPoolExecutor

J = TypeVar("J")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``function`` on jobs, ``workers`` at once."""

    workers: int

    def run(self, function: Callable[[J], R], jobs: Sequence[J]) -> Iterator[tuple[int, R]]:
        """Every job; ``(index, result)`` in the order they finish."""
        ...

    def submit(self, function: Callable[[J], R], job: J) -> futures.Future[R]:
        """One job, started now (or queued); its result when it is done."""
        ...


class ManagedExecutor(Executor, Protocol):
    """An executor that may hold machines (a pool, a cluster) until it is closed; a context manager."""

    def renew(self) -> None:
        """Start afresh after a worker died (a pool is broken then); a cluster gives lost jobs to others itself."""
        ...

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


def from_options(
    executor: str | None = None, scheduler: str | None = None, workers: int = 1, *, serving: bool = False
) -> ManagedExecutor:
    """The executor the user chose: 'local' (a process pool of ``workers``; the default) or 'dask'.

    ``serving``: for the request service, whose jobs must never run in its own process (it answers other
    requests meanwhile) and whose workers leave SIGTERM to it as well as Ctrl-C.

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
        return LocalExecutor(workers, serving=serving)
    from leaflet.pipeline.dask_executor import DaskExecutor  # only here: the local path never imports Dask

    return DaskExecutor(workers, scheduler)


class LocalExecutor(ClosedAfterUse):
    """This machine: ``workers`` worker processes (or, for a build with one worker or one job, this process).

    A build's workers are forked: they start in milliseconds with the modules already imported (the build
    starts no threads of its own). The service's are spawned (it runs threads, which a fork would copy
    half-way) and kept between jobs; they leave SIGTERM to the server too.
    """

    def __init__(self, workers: int = 1, *, serving: bool = False) -> None:
        self.workers = workers
        self.serving = serving
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def run(self, function: Callable[[J], R], jobs: Sequence[J]) -> Iterator[tuple[int, R]]:
        if not self.serving and (self.workers <= 1 or len(jobs) <= 1):
            for index, job in enumerate(jobs):
                yield index, function(job)
            return
        from concurrent.futures import as_completed

        pool = self._pool_for(min(self.workers, len(jobs)))
        try:
            running = {pool.submit(function, job): index for index, job in enumerate(jobs)}
            for future in as_completed(running):
                yield running[future], future.result()
        except BaseException:  # Ctrl-C, or the client stopped early: stop the workers now, quietly
            self._stop()
            raise
        if not self.serving:
            self.close()

    def submit(self, function: Callable[[J], R], job: J) -> futures.Future[R]:
        return self._pool_for(self.workers).submit(function, job)

    def renew(self) -> None:
        """Stop the workers (one died, so the pool is broken) and drop queued jobs; the next job starts new ones."""
        self._stop()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _pool_for(self, workers: int) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn" if self.serving else "fork")
                initializer = _leave_signals_to_the_server if self.serving else _leave_interrupts_to_the_client
                self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=initializer)
            return self._pool

    def _stop(self) -> None:
        """End the workers without waiting for their jobs, and drop the jobs not started."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(pool._processes.values()):  # no public way before Python 3.14's terminate_workers()
                process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)


def _leave_interrupts_to_the_client() -> None:
    """Ctrl-C reaches every process of the terminal's group: only the client answers it (with one line)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _leave_signals_to_the_server() -> None:
    """The server stops on SIGINT or SIGTERM and then stops its workers itself, letting their jobs finish."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
