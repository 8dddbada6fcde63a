"""Jobs for the service: each variant made once however many ask (single flight), in a bounded queue.

A request for a file that is not kept yet starts a job (or joins the one already running for
the same key) and waits a little for it; a request that finds the queue full is told to come
back later. Jobs run in worker processes, so a slow client holds no worker: it only waits on
a future. A job that fails is not kept; its message is remembered for a minute, so a page
that asks again says what went wrong instead of starting it again and again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Literal

from anyio import to_thread

from leaflet.core.diagnostics import LeafletError, Unreachable
from leaflet.pipeline import executors
from leaflet.service import jobs
from leaflet.service.cache import DiskCache, Entry

log = logging.getLogger("leaflet.service")
FAILURE_MEMORY_SECONDS = 60.0
FAILURES_KEPT = 256


@dataclass(frozen=True, slots=True)
class Spec:
    """What to make: the cache key, and the call that makes the bytes in a worker with what it is given."""

    key: str
    label: str  # for the log: leaflet and format, never a request's personal options
    call: Callable[[Any], jobs.Made]
    job: Any
    variant: jobs.Variant | None = None  # a leaflet's variant: where the build may have made it already


@dataclass(frozen=True, slots=True)
class State:
    """Where a request stands."""

    status: Literal["ready", "making", "busy", "failed", "unavailable", "unreachable"]
    entry: Entry | None = None
    message: str = ""


class Runner:
    """Single-flight jobs over a pool of worker processes, with a bounded queue and a disk cache."""

    def __init__(
        self,
        cache: DiskCache,
        workers: int,
        queue_limit: int,
        executor: str | None = None,
        scheduler: str | None = None,
    ) -> None:
        self.cache = cache
        self.workers = workers
        self.queue_limit = queue_limit
        self.executor = executors.from_options(executor, scheduler, workers, serving=True)
        self.inflight: dict[str, asyncio.Task[State]] = {}
        self.failures: OrderedDict[str, tuple[float, State]] = OrderedDict()
        self.made = 0
        self.failed = 0
        self.closing = False

    def warm_up(self) -> None:
        """Start every worker and import the writers in it, so the first request is quick."""
        for _ in range(self.workers):
            self.executor.submit(jobs.warm_up, None)

    def start(self, spec: Spec) -> State | asyncio.Task[State]:
        """A finished state (kept, failed lately, queue full), or the job making ``spec``'s file."""
        entry = self.cache.get(spec.key) or self._built(spec)
        if entry is not None:
            return State("ready", entry)
        failure = self._recent_failure(spec.key)
        if failure is not None:
            return failure
        task = self.inflight.get(spec.key)
        if task is not None:
            return task
        if self.closing or len(self.inflight) >= self.queue_limit:
            return State("busy", message="The service is busy making other files. Try again in a few seconds.")
        task = asyncio.get_running_loop().create_task(self._run(spec))
        self.inflight[spec.key] = task
        task.add_done_callback(lambda _: self.inflight.pop(spec.key, None))
        return task

    async def request(self, spec: Spec, wait: float) -> State:
        """``spec``'s state after waiting at most ``wait`` seconds for a job to finish."""
        started = self.start(spec)
        if isinstance(started, State):
            return started
        done, _ = await asyncio.wait({started}, timeout=wait)  # waiting never cancels the job
        if not done:
            return State("making")
        if started.cancelled():  # the server is stopping
            return State("busy", message="The service is stopping. Try again in a minute.")
        return started.result()

    async def _run(self, spec: Spec) -> State:
        began = time.monotonic()
        try:
            future = self.executor.submit(spec.call, spec.job)
            made = await asyncio.wrap_future(future)
            entry = await to_thread.run_sync(self.cache.put, spec.key, made.name, made.data)
        except jobs.NotAvailable as error:
            return self._fail(spec, State("unavailable", message=str(error)))
        except Unreachable as error:
            log.warning("job %s: %s", spec.label, error)
            return self._fail(spec, State("unreachable", message="A service this file needs cannot be reached now."))
        except LeafletError as error:
            log.warning("job %s failed: %s", spec.label, error)
            return self._fail(spec, State("failed", message=str(error)))
        except BrokenProcessPool:
            log.error("job %s: a worker process died; starting new workers", spec.label)
            self.executor.renew()
            return self._fail(spec, State("failed", message="the program making the file stopped unexpectedly"))
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.exception("job %s failed", spec.label)
            return self._fail(spec, State("failed", message=f"an internal error ({type(error).__name__})"))
        self.made += 1
        log.info("made %s in %.2f s", spec.label, time.monotonic() - began)
        return State("ready", entry)

    def _fail(self, spec: Spec, state: State) -> State:
        self.failed += state.status == "failed"
        self.failures[spec.key] = (time.monotonic(), state)
        self.failures.move_to_end(spec.key)
        while len(self.failures) > FAILURES_KEPT:
            self.failures.popitem(last=False)
        return state

    def _recent_failure(self, key: str) -> State | None:
        remembered = self.failures.get(key)
        if remembered is None:
            return None
        when, state = remembered
        if time.monotonic() - when > FAILURE_MEMORY_SECONDS:
            del self.failures[key]
            return None
        return state

    def _built(self, spec: Spec) -> Entry | None:
        """The file ``leaflet build`` made for ``spec``, when its manifest says it is current."""
        found = jobs.built(spec.variant) if spec.variant is not None else None
        if found is None:
            return None
        path, sha256 = found
        try:
            size = path.stat().st_size
        except OSError:
            return None
        return Entry(spec.key, path.name, size, sha256, path)

    async def close(self, grace: float) -> None:
        """Take no new jobs, let running ones finish (queued ones are dropped), and stop the workers."""
        self.closing = True
        await to_thread.run_sync(self.executor.close)
        pending = list(self.inflight.values())
        if pending:
            await asyncio.wait(pending, timeout=grace)  # their files are written (atomically) or not at all
