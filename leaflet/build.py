"""Which leaflets, which formats, what is out of date: then render, in parallel.

The order of a build:

1. every format's options are validated (a bad value writes nothing);
2. each leaflet x format gets a stamp of what its files depend on, and the
   jobs whose stamp matches the manifest are skipped (``force`` rebuilds);
3. every leaflet that needs work is read and checked before any file is
   written, so a mistake in one source leaves all outputs as they were;
4. the jobs run in worker processes; a failing job does not stop the others;
5. the manifests are updated with what was written.

Renderers write every file to a temporary name and rename it into place
(``leaflet.files``), and the whole build holds a lock on the output folder.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leaflet import renderers
from leaflet.diagnostics import Diagnostic, LeafletError, OptionError, SourceError
from leaflet.manifest import FileRecord, Manifest, entry_key, record_files, source_digest, stamp
from leaflet.reader import SOURCE_NAME, Reading, read_leaflet


@dataclass(frozen=True, slots=True)
class Target:
    """One format of one leaflet with its options, and the stamp of its inputs."""

    folder: Path
    format: str
    values: Mapping[str, str]
    source: str

    @property
    def key(self) -> str:
        return entry_key(self.format, self.values)

    @property
    def stamp(self) -> str:
        return stamp(self.source, self.format, self.values)


@dataclass(frozen=True, slots=True)
class Job:
    """A target ready to run: its leaflet read and its options parsed."""

    target: Target
    reading: Reading
    options: Any


@dataclass(frozen=True, slots=True)
class JobResult:
    """What one job wrote, or why it failed; sent back from a worker."""

    target: Target
    files: tuple[FileRecord, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    failure: str | None = None
    peak_memory_kib: int = 0


@dataclass
class Outcome:
    """What a build did."""

    results: list[JobResult] = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        return [r.failure for r in self.results if r.failure]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [w for r in self.results for w in r.warnings]


def find_leaflets(source_dir: Path, ids: Sequence[str] = ()) -> list[Path]:
    """The leaflet folders under ``source_dir`` (all, or those named), sorted."""
    if not source_dir.is_dir():
        raise OptionError(
            f"the source folder {source_dir} does not exist; give --source the folder that holds one folder per leaflet"
        )
    found = sorted(p for p in source_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not ids:
        missing = [p for p in found if not (p / SOURCE_NAME).is_file()]
        if missing:
            raise SourceError(
                missing[0] / SOURCE_NAME,
                0,
                f"the folder {missing[0].name} has no {SOURCE_NAME}; add one, or move the folder out of {source_dir}",
            )
        return found
    known = {p.name: p for p in found}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise OptionError(f"no leaflet {unknown[0]!r} in {source_dir}; known: {', '.join(known) or 'none'}")
    return [known[i] for i in dict.fromkeys(ids)]


def read_all(
    folders: Sequence[Path], strict: bool = False
) -> tuple[list[Reading], list[SourceError], list[Diagnostic]]:
    """Read every folder; return the readings, every error, and every warning."""
    from leaflet.checks import easyread as easy_read_rules  # textstat and pysbd: only when reading

    readings: list[Reading] = []
    errors: list[SourceError] = []
    warnings: list[Diagnostic] = []
    for folder in folders:
        try:
            reading = easy_read_rules.check(read_leaflet(folder))
        except SourceError as error:
            errors.append(error)
            continue
        if strict and reading.warnings:
            errors.extend(w.as_error() for w in reading.warnings)
            continue
        warnings.extend(reading.warnings)
        readings.append(reading)
    return readings, errors, warnings


def parse_options(
    formats: Sequence[str], values: Mapping[str, str], explicit: bool
) -> dict[str, tuple[dict[str, str], Any]]:
    """Each format's own options, raw and validated; refuse an option no chosen format takes."""
    parsed = {}
    for name in formats:
        module = renderers.get(name)
        own = {k: v for k, v in values.items() if k in module.OPTION_NAMES}
        parsed[name] = (own, module.parse_options(own))
    taken = {k for own, _ in parsed.values() for k in own}
    ignored = sorted(set(values) - taken)
    if explicit and ignored:
        raise OptionError(f"none of the formats asked for ({', '.join(formats)}) takes --{ignored[0]}")
    return parsed


def targets(folders: Sequence[Path], parsed: Mapping[str, tuple[dict[str, str], Any]]) -> list[Target]:
    """Every leaflet x format, stamped with a hash of its inputs."""
    digests = {folder: source_digest(folder) for folder in folders}
    return [Target(folder, name, own, digests[folder]) for folder in folders for name, (own, _) in parsed.items()]


def out_of_date(all_targets: Sequence[Target], out_dir: Path) -> list[Target]:
    """The targets whose files are missing or were built from other inputs."""
    manifests = {folder: Manifest.load(out_dir / folder.name) for folder in {t.folder for t in all_targets}}
    return [t for t in all_targets if not manifests[t.folder].is_current(t.key, t.stamp)]


def run(
    jobs: Sequence[Job], out_dir: Path, workers: int, progress: Callable[[JobResult], None] | None = None
) -> Outcome:
    """Run every job (in ``workers`` processes when there is more than one job)."""
    outcome = Outcome()
    if workers <= 1 or len(jobs) <= 1:
        results = (run_job(job, out_dir) for job in jobs)
        for result in results:
            outcome.results.append(result)
            if progress:
                progress(result)
        return outcome
    # fork: workers start in milliseconds with the modules already imported. The
    # build starts no threads of its own (the progress bar's monitor is off).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {pool.submit(run_job, job, out_dir): n for n, job in enumerate(jobs)}
        finished: dict[int, JobResult] = {}
        for future in as_completed(futures):
            finished[futures[future]] = result = future.result()
            if progress:
                progress(result)
    outcome.results = [finished[n] for n in range(len(jobs))]
    return outcome


def run_job(job: Job, out_dir: Path) -> JobResult:
    """Render one job; every failure becomes a message, never a lost job."""
    leaflet = job.reading.leaflet
    where = out_dir / leaflet.meta.id
    label = f"{leaflet.meta.id} ({job.target.format})"
    try:
        rendered = renderers.get(job.target.format).render(leaflet, job.options, where)
        files = tuple(record_files(rendered.paths, where))
    except LeafletError as error:
        return JobResult(job.target, failure=f"{label}: {error}", peak_memory_kib=_peak_memory())
    except OSError as error:  # a full disk or a blocked folder: the machine's problem, not a bug
        return JobResult(job.target, failure=f"{label}: cannot write {error.filename or where}: {error.strerror}")
    except Exception as error:  # a renderer's bug must not hide the other jobs' results
        return JobResult(
            job.target, failure=f"{label}: internal error ({type(error).__name__}: {error}); please report it"
        )
    return JobResult(job.target, files, rendered.warnings, peak_memory_kib=_peak_memory())


def record(outcome: Outcome, out_dir: Path, source_warnings: Mapping[Path, list[Diagnostic]]) -> list[Path]:
    """Add what each successful job wrote, and the warnings it gave, to its leaflet's manifest."""
    by_folder: dict[Path, list[JobResult]] = {}
    for result in outcome.results:
        if result.failure is None:
            by_folder.setdefault(result.target.folder, []).append(result)
    written = []
    for folder, results in sorted(by_folder.items()):
        manifest = Manifest.load(out_dir / folder.name)
        manifest.data["source_warnings"] = [str(w) for w in source_warnings.get(folder, [])]
        for result in results:
            target = result.target
            warnings = [str(w) for w in result.warnings]
            manifest.record(target.key, target.format, target.values, target.stamp, list(result.files), warnings)
        written.append(manifest.save(folder.name, results[0].target.source))
    return written


def replayed_warnings(current: Sequence[Target], out_dir: Path) -> list[str]:
    """The warnings up-to-date jobs gave when they were built, so a no-op build still shows them."""
    manifests = {folder: Manifest.load(out_dir / folder.name) for folder in {t.folder for t in current}}
    return list(dict.fromkeys(w for t in current for w in manifests[t.folder].warnings(t.key)))


def default_workers() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _peak_memory() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
