"""One job: one leaflet in one format with its parsed options, made into bytes. The build and the service
both run jobs through ``run_job``, on whichever executor they were given.

A job carries everything it needs (the part of the leaflet its format reads, the format's name, its typed
options, its share of cores), so it is picklable and runs the same in this process, in a worker process
or on a Dask worker; it writes nothing. The stamp of what a job's files depend on is made here too, once,
for the build's manifest and the service's cache alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import resource
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from leaflet.core.diagnostics import LeafletError, Unreachable
from leaflet.core.model import Leaflet
from leaflet.pipeline.manifest import publisher_version
from leaflet.writers.contract import Output, Resources, Tick, no_progress

__all__ = ["Job", "Made", "entry_key", "no_progress", "run_job", "stamp", "terminal_bar"]
from leaflet.writers.registry import format_named


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs: the part of the leaflet its format reads, the format's name, its typed options,
    and how many cores it may use (its share of ``--jobs``). Picklable."""

    leaflet: Leaflet
    format: str
    options: Any
    cores: int = 1

    @property
    def label(self) -> str:
        return f"{self.leaflet.meta.id} ({self.format})"


@dataclass(frozen=True, slots=True)
class Made:
    """What a worker sends back: the output, or why there is none."""

    output: Output | None
    failure: str | None = None
    peak_memory_kib: int = 0
    retry: bool = False  # it failed because something it needs on the network cannot be reached now


def run_job(job: Job) -> Made:
    """Write one leaflet in one format, as bytes; every failure becomes a message, never a lost job."""
    resources = Resources(cores=job.cores, progress=terminal_bar if _shows_progress() else no_progress)
    try:
        output = format_named(job.format).write(job.leaflet, job.options, resources)
    except LeafletError as error:
        return Made(None, f"{job.label}: {error}", _peak_memory(), retry=isinstance(error, Unreachable))
    except Exception as error:  # a writer's bug must not hide the other jobs' results
        return Made(None, f"{job.label}: internal error ({type(error).__name__}: {error}); please report it")
    return Made(output, peak_memory_kib=_peak_memory())


def entry_key(format_name: str, values: Mapping[str, str]) -> str:
    """The manifest key of a format with its options (those that differ from its defaults): 'docx size=24'."""
    return " ".join([format_name, *(f"{k}={v}" for k, v in sorted(values.items()))])


def stamp(source: str, format_name: str, values: Mapping[str, str]) -> str:
    """The hash of everything a format's files depend on: the source's digest, the format, its options
    (as ``Format.stamped`` gives them: those that differ from its defaults, and those whose defaults depend
    on the machine) and the publisher's version."""
    data = {
        "source": source,
        "format": format_name,
        "options": dict(sorted(values.items())),
        "publisher": publisher_version(),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _shows_progress() -> bool:
    """A job's own bar is shown on a terminal, by a job running in the process the user started; in a build's
    worker processes, the build's own bar counts the jobs."""
    import multiprocessing

    return sys.stderr.isatty() and multiprocessing.parent_process() is None


@contextlib.contextmanager
def terminal_bar(total: int, label: str) -> Iterator[Tick]:
    """A progress bar on standard error for a slow step (synthesis, encoding); ``tick()`` moves it one step."""
    from tqdm import tqdm

    lock = threading.Lock()  # ticks come from worker threads
    with tqdm(total=total, desc=label, unit="step", leave=False, file=sys.stderr) as bar:

        def tick() -> None:
            with lock:
                bar.update(1)

        yield tick


def _peak_memory() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
