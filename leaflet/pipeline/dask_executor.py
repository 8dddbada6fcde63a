"""Jobs on a Dask cluster: a local one started here, or an operator's, reached by its scheduler's address.

Imported only when a build asks for ``--executor dask`` or ``--scheduler``
(``leaflet.pipeline.executors.from_options``), so the default local pool never loads
Dask. A job is a pure function of what it carries (the leaflet model, the
format, the option values); a worker sends back bytes and never touches a
disk this process can see, so workers on other machines need only the same
version of the publisher installed, no shared folder.

What Dask gives us and we rely on:

- a worker process that dies mid-job (killed, out of memory, its machine
  gone) has its task run again on another worker by the scheduler; a task
  that has killed ``distributed.scheduler.allowed-failures`` workers (3) is
  given up and reported as the failure of each of its jobs, the others
  carry on;
- results come back as each task finishes (``as_completed``), so the files
  are written and the progress shown as with the local pool.

A task is a batch of jobs (``run``): many jobs take a few milliseconds, and
Dask spends milliseconds on every task whatever its size.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import pickle
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from typing import Any, TypeVar

import dask
from distributed import Client, LocalCluster, as_completed
from distributed.comm import connect

from leaflet.core.diagnostics import BuildError, JobsLost
from leaflet.pipeline.closable import ClosedAfterUse

J = TypeVar("J")
R = TypeVar("R")

CONNECT_SECONDS = 5.0  # how long to try an operator's scheduler before saying it cannot be reached
TASK_SECONDS = 0.25  # what a task (a batch of jobs) should take: Dask's milliseconds per task become a few per cent
IN_FLIGHT = 2  # tasks per worker thread sent at once: one running, one ready to start
MOST_JOBS = 32  # in one task: 32 leaflets with their easy-read pictures are about 7 MB (Dask warns at 10)


def _run_batch(function: Callable[[J], R], packed: bytes) -> list[tuple[int, R, float]]:
    """Run a batch of jobs (``(index, job)`` pairs, pickled) in a worker: each one's index, result and seconds.

    The batch travels pickled once, as bytes: arguments given to Dask as they are would be unpickled by the
    scheduler and pickled again on their way to the worker, three passes over every leaflet instead of one.
    """
    batch: Sequence[tuple[int, J]] = pickle.loads(packed)
    done = []
    for index, job in batch:
        start = time.perf_counter()
        result = function(job)
        done.append((index, result, time.perf_counter() - start))
    return done


class _Timing:
    """How long the jobs done so far took, and so how many to send in the next task."""

    def __init__(self) -> None:
        self.jobs = 0
        self.seconds = 0.0

    def add(self, seconds: float) -> None:
        self.jobs += 1
        self.seconds += seconds

    def batch(self, waiting: int, slots: int) -> int:
        """Jobs for a task of about ``TASK_SECONDS``, leaving each of ``slots`` tasks its share of ``waiting``
        (the last tasks finish together), but never under an eighth of ``TASK_SECONDS`` of work: below that,
        a task costs more than the wait it saves at the end."""
        if not self.jobs:
            return 1
        each = max(self.seconds / self.jobs, 1e-6)
        least = int(TASK_SECONDS / 8 / each)
        return max(1, min(int(TASK_SECONDS / each), max(waiting // slots, least), MOST_JOBS, waiting))


# A local cluster's workers do a build's work and nothing else, for seconds or minutes. Two of Dask's defaults
# cost such a worker about 8% of its CPU on a job such as a Word file (measured, docx, 200 leaflets): the statistical
# profiler, which samples the running task's stack every 10 ms for a dashboard nobody is looking at, and
# MALLOC_TRIM_THRESHOLD_, which has the C library hand memory back to the system at every chance, so a job that
# builds and drops a document's objects pays for page faults again and again. The rest of Dask's settings for
# workers' environments (one thread for numerical libraries) are kept.
#
# And while a build reads its leaflets (here, in the local read pool), an idle cluster kept 6% of a core busy
# (measured: a local cluster of two, sleeping 10 s), most of it each process's event-loop watchdog waking every
# 20 ms, the rest psutil's system monitor every 0.5 s and each worker's memory monitor every 0.1 s, all for a
# dashboard and warnings. Less often: 1% of a core. The memory monitor still pauses or restarts a worker that
# runs out of memory, a second later at most.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set at all (Dask's rule)
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _why_lost(future: Any, result: object) -> str:
    """Why the cluster could not run a task, in one line."""
    error = result if isinstance(result, BaseException) else None
    if error is None:
        try:
            error = future.exception(timeout=5)
        except BaseException as raised:  # a cancelled task raises its reason instead of returning it
            error = raised
    return f"the Dask cluster lost this job ({type(error).__name__}: {' '.join(str(error).split())})"


class ClusterError(BuildError):
    """The cluster could not be reached or started (exit status 1)."""


async def _handshake(address: str, seconds: float) -> None:
    """Connect to ``address`` and exchange Dask's handshake, within ``seconds``, then hang up."""
    comm = await asyncio.wait_for(connect(address, timeout=seconds), seconds + 1)
    await comm.close()


class DaskExecutor(ClosedAfterUse):
    """Runs jobs on a Dask cluster: ``scheduler`` ('tcp://HOST:PORT'), or else a local cluster of ``workers`` processes.

    Nothing starts until the first ``run`` (a build with nothing to do needs no
    cluster); ``close`` stops a local cluster and disconnects from a remote one.
    Safe to share between threads (the request service builds from several).
    """

    def __init__(
        self, workers: int = 1, scheduler: str | None = None, connect_seconds: float = CONNECT_SECONDS
    ) -> None:
        # The jobs run at once, for each job's share of cores (leaflet.pipeline.cores): a local cluster's processes;
        # on an operator's cluster one each, as its workers run a thread a core (README) on machines unseen here.
        self.workers = 1 if scheduler else max(1, workers)
        self.scheduler = scheduler
        self.connect_seconds = connect_seconds
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._pool: futures.Executor | None = None  # for submit(): the client's concurrent.futures face
        self._lock = threading.Lock()

    def client(self) -> Client:
        """The connected client, connecting (or starting the local cluster) the first time."""
        with self._lock:
            if self._client is None:
                self._client = self._connect() if self.scheduler else self._start_local()
            return self._client

    def _connect(self) -> Client:
        address = self.scheduler or ""
        try:
            # One handshake first: a Client that fails half-way spends seconds more closing itself.
            asyncio.run(_handshake(address, self.connect_seconds))
            return Client(address, timeout=f"{self.connect_seconds}s", set_as_default=False)
        except Exception as error:  # refused, timed out, no such host, or not a Dask scheduler at all
            if isinstance(error, OSError | TimeoutError):
                reason = " ".join(str(error).split()) or type(error).__name__
            else:  # something answered, but not in Dask's protocol
                reason = f"what answered there is not a Dask scheduler: {type(error).__name__}"
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} within {self.connect_seconds:g} s ({reason}); "
                "start one with 'dask scheduler', or check --scheduler"
            ) from None

    def _start_local(self) -> Client:
        logging.getLogger("distributed").setLevel(logging.ERROR)  # a build's own messages only
        self._scratch = tempfile.TemporaryDirectory(prefix="leaflet-dask-")
        try:
            with dask.config.set(LOCAL_WORKER_CONFIG):  # read once, when each worker's nanny is made
                self._cluster = self._local_cluster()
            return Client(self._cluster, set_as_default=False)
        except Exception as error:  # whatever stopped the processes starting, said in one line
            self.close()
            raise ClusterError(f"cannot start a local Dask cluster: {' '.join(str(error).split())}") from None

    def _local_cluster(self) -> LocalCluster:
        assert self._scratch is not None
        return LocalCluster(
            n_workers=self.workers,
            threads_per_worker=1,  # a job is CPU-bound Python: one at a time per process, like the pool
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its health page: any free port
            host="127.0.0.1",
            local_directory=self._scratch.name,
            silence_logs=logging.ERROR,
            preload=["leaflet.pipeline.build"],  # what every job needs, imported while the cluster starts
        )

    def run(self, function: Callable[[J], R], jobs: Sequence[J]) -> Iterator[tuple[int, R]]:
        """Send the jobs in batches; yield ``(index, result)`` as each batch finishes; then raise ``JobsLost``
        for every job the cluster lost.

        Dask spends milliseconds on every task, whatever it does, and a catalogue
        has many jobs of a few milliseconds (a text file). So a task is a batch of
        jobs sized to take about ``TASK_SECONDS`` (from how long the jobs done so
        far took: the first tasks are one job each), never more than leaves every
        worker its share of what remains, so the last tasks finish together. At
        most ``IN_FLIGHT`` tasks per worker thread are out at once: the rest wait
        here, not on the scheduler, and each batch's jobs share one copy of what
        they carry (a leaflet's formats are next to each other in ``jobs``). The
        jobs of a batch the cluster lost (its workers kept dying) are sent again,
        one a task with nothing else out, so only a job that fails on its own is
        reported lost.
        """
        if not jobs:
            return
        client = self.client()
        slots = max(1, sum(client.nthreads().values())) * IN_FLIGHT
        waiting = deque(enumerate(jobs))
        alone: deque[tuple[int, J]] = deque()  # the jobs of a lost task: sent again, one a task
        isolated: set[int] = set()  # the jobs sent so
        run_id, tasks = uuid.uuid4().hex[:12], itertools.count()
        sent: dict[Any, list[int]] = {}
        timing = _Timing()

        def send() -> Any:
            if alone:
                batch = [alone.popleft()]
                isolated.add(batch[0][0])
            else:
                size = timing.batch(len(waiting), slots)
                batch = [waiting.popleft() for _ in range(min(size, len(waiting)))]
            packed = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
            # pure=False: the same job asked for twice is run twice (a --force build means it)
            key = f"leaflet-{run_id}-{next(tasks)}"
            future = client.submit(_run_batch, function, packed, key=key, pure=False, retries=1)
            sent[future] = [index for index, _ in batch]
            return future

        lost: dict[int, str] = {}
        # with_results: results come back as they finish, not one round trip each
        flow = as_completed(
            [send() for _ in range(min(slots, len(waiting)))], with_results=True, raise_errors=False, loop=client.loop
        )
        for future, result in flow:
            indices = sent.pop(future)
            finished = future.status == "finished"
            if not finished:  # its workers kept dying, or it was cancelled, or could not be sent or run
                for index in indices:  # which job was it? each again, on its own; lost if it fails so too
                    if index in isolated:
                        lost[index] = _why_lost(future, result)
                    else:
                        alone.append((index, jobs[index]))
            future.release()
            if finished:
                for _, _, seconds in result:
                    timing.add(seconds)
            # more work out first: the caller writes this batch's files while the workers carry on
            while (waiting or alone) and len(sent) < slots:
                if alone:  # a lost batch's jobs go one at a time with nothing else out, so a job that kills its
                    if not sent:  # worker takes no other with it (Dask blames every task that was on that worker)
                        flow.add(send())
                    break
                flow.add(send())
            if finished:
                for index, value, _ in result:
                    yield index, value
        if lost:
            raise JobsLost(lost)

    def submit(self, function: Callable[[J], R], job: J) -> futures.Future[R]:
        """One job on the cluster, as a ``concurrent.futures`` future (the request service's calls)."""
        return (self._pool or self._start_pool()).submit(function, job)

    def _start_pool(self) -> futures.Executor:
        client = self.client()
        with self._lock:
            if self._pool is None:
                self._pool = client.get_executor(pure=False)
            return self._pool

    def renew(self) -> None:
        """The scheduler gives a lost job to another worker itself: nothing to renew."""

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pending: Any = getattr(pool, "_futures", ())  # the Dask futures it has handed out
            if self._client is not None:
                self._client.cancel(list(pending))
            pool.shutdown(wait=False)
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None
            if self._cluster is not None:
                self._cluster.close()
                self._cluster = None
            if self._scratch is not None:
                self._scratch.cleanup()
                self._scratch = None
