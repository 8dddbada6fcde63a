"""One build function and one check function: everything between the command line and the files.

``build(request)`` runs the whole sequence, in this order:

1. every format's options are validated (a bad value writes nothing);
2. the output folder is locked, and a killed build's temporary files swept;
3. each leaflet x format gets a stamp of what its files depend on, and the
   jobs whose stamp matches the manifest are skipped (``force`` rebuilds);
4. every leaflet that needs work is read and checked before any file is
   written, so a mistake in one source leaves all outputs as they were;
5. the jobs run on an executor (``leaflet.pipeline.executors``); each returns bytes,
   and this process writes them, each file atomically (``leaflet.core.files``),
   as each job finishes; a failing job does not stop the others;
6. the manifests are updated with what was written.

``check(request)`` reads every leaflet the same way, then shows its
readability and runs every format's audit, remembering results in the
manifest. Neither prints anything: the caller shows what they return.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from leaflet.core.diagnostics import Diagnostic, JobsLost, OptionError, SourceError
from leaflet.core.files import locked, sweep_temporary, write_bytes_atomic
from leaflet.core.model import EASY_READ_NAME, Leaflet
from leaflet.pipeline import checking as cached
from leaflet.pipeline import cores
from leaflet.pipeline.checking import FormatCheck
from leaflet.pipeline.executors import Executor, LocalExecutor
from leaflet.pipeline.folders import empty_folders, find_leaflets, usable_out
from leaflet.pipeline.jobs import Job, Made, entry_key, run_job, stamp
from leaflet.pipeline.manifest import MANIFEST_NAME, Entry, FileRecord, Manifest, source_digest
from leaflet.pipeline.reading import read_all
from leaflet.reader import Reading
from leaflet.writers import registry
from leaflet.writers.contract import Output


@dataclass(frozen=True, slots=True)
class Request:
    """What to build or check, and how."""

    source: Path = Path("source")
    out: Path = Path("outputs")
    ids: tuple[str, ...] = ()  # leaflet folder names; empty: every leaflet
    formats: tuple[str, ...] = ()  # empty: every format
    options: Mapping[str, str] = field(default_factory=dict)  # personal options, by name
    strict: bool = False  # warnings are errors
    force: bool = False  # rebuild what is up to date
    prune: bool = False  # remove the outputs of leaflets no longer in the source folder
    workers: int = 1
    executor: Executor | None = None  # default: a LocalExecutor with ``workers``


class Events(Protocol):
    """What a caller is told while a build runs (for messages and a progress bar)."""

    def waiting(self, message: str) -> None: ...

    def started(self, jobs: int, up_to_date: int) -> None: ...

    def finished(self, result: JobResult) -> None: ...


class Silent:
    """Events nobody watches."""

    def waiting(self, message: str) -> None:
        pass

    def started(self, jobs: int, up_to_date: int) -> None:
        pass

    def finished(self, result: JobResult) -> None:
        pass


@dataclass(frozen=True, slots=True)
class Target:
    """One format of one leaflet with its options, and the stamp of its inputs."""

    folder: Path
    format: str
    options: Any  # the format's own typed options
    values: Mapping[str, str]  # those options that differ from its defaults, as strings (``Format.values``)
    source: str
    stamped: Mapping[str, str]  # what of its options goes into the stamp (``Format.stamped``)

    @property
    def key(self) -> str:
        return entry_key(self.format, self.values)

    @property
    def stamp(self) -> str:
        return stamp(self.source, self.format, self.stamped)


@dataclass(frozen=True, slots=True)
class JobResult:
    """What one job wrote, or why it failed."""

    target: Target
    files: tuple[FileRecord, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    failure: str | None = None
    peak_memory_kib: int = 0


@dataclass
class Outcome:
    """What a build did, or why it did nothing."""

    out: Path
    wanted: int = 0  # leaflet x format jobs asked for
    results: list[JobResult] = field(default_factory=list)  # the jobs run, in order
    source_errors: list[SourceError] = field(default_factory=list)  # any: nothing was written
    source_warnings: list[Diagnostic] = field(default_factory=list)  # of the leaflets read
    replayed: list[str] = field(default_factory=list)  # what up-to-date jobs warned of when built
    pruned: list[Path] = field(default_factory=list)  # output folders removed: their leaflets are gone

    @property
    def failures(self) -> list[str]:
        return [r.failure for r in self.results if r.failure]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Each warning once (both easy-read formats warn of a missing easy-read.md in the same words)."""
        return list(dict.fromkeys(w for r in self.results for w in r.warnings))

    def written(self) -> list[Path]:
        return [self.out / r.target.folder.name / f.path for r in self.results for f in r.files]


def build(request: Request, events: Events | None = None) -> Outcome:
    """Build what ``request`` asks for that is out of date; see the module's docstring."""
    events = events or Silent()
    usable_out(request.out, request.source)
    formats = request.formats or registry.names()
    parsed = parse_options(formats, request.options, explicit=bool(request.formats))
    folders = find_leaflets(request.source, request.ids)
    outcome = Outcome(request.out)
    drafts = empty_folders(request.source, request.ids)
    if request.strict and drafts:
        outcome.source_errors = [d.as_error() for d in drafts]
        return outcome
    with locked(request.out, notify=events.waiting):
        sweep_temporary(request.out)  # only one build holds the lock, so these are a killed build's
        if request.prune:
            outcome.pruned = prune(request.out, folders if not request.ids else find_leaflets(request.source))
        wanted = targets(folders, parsed)
        outcome.wanted = len(wanted)
        pending = wanted if request.force else out_of_date(wanted, request.out)
        pending_folders = {t.folder for t in pending}
        # Up-to-date jobs of leaflets not read again: show what they warned of last time.
        outcome.replayed = replayed_warnings([t for t in wanted if t.folder not in pending_folders], request.out)
        outcome.source_warnings = list(drafts)
        if not pending:
            return outcome
        easy_read = any(registry.format_named(name).reads_easy_read for name in {t.format for t in pending})
        readings, outcome.source_errors, warnings = read_all(
            list(dict.fromkeys(t.folder for t in pending)),
            request.strict,
            min(request.workers, cores.usable()),
            easy_read=easy_read,
        )
        outcome.source_warnings += warnings
        if outcome.source_errors:
            return outcome
        by_folder = {r.leaflet.folder: r for r in readings}
        events.started(len(pending), len(wanted) - len(pending))
        executor = request.executor or LocalExecutor(request.workers)
        outcome.results = run(pending, by_folder, request.out, executor, events)
        warned = {folder: list(r.warnings) for folder, r in by_folder.items()}
        record(outcome.results, request.out, warned, easy_read)
    return outcome


@dataclass(frozen=True, slots=True)
class LeafletCheck:
    """One leaflet's readability table and every format's audit."""

    leaflet: Leaflet
    readability: str
    formats: tuple[FormatCheck, ...]


@dataclass
class Report:
    """What a check found."""

    strict: bool = False
    leaflets: list[LeafletCheck] = field(default_factory=list)
    source_errors: list[SourceError] = field(default_factory=list)  # any: nothing was checked
    source_warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(f.failed(self.strict) for c in self.leaflets for f in c.formats)


def check(request: Request) -> Report:
    """Read every leaflet asked for, then its readability and every format's audit, remembered in its manifest."""
    usable_out(request.out, request.source)
    readings, errors, warnings = read_all(find_leaflets(request.source, request.ids), request.strict)
    drafts = empty_folders(request.source, request.ids)
    if request.strict:
        errors += [d.as_error() for d in drafts]
    else:
        warnings = drafts + warnings
    report = Report(request.strict, source_errors=errors, source_warnings=warnings)
    if errors:
        return report
    for reading in readings:
        leaflet = reading.leaflet
        out_dir = request.out / leaflet.meta.id
        manifest = Manifest.load(out_dir)
        table = cached.readability_table(leaflet, manifest)
        found = tuple(cached.audit_formats(leaflet, manifest, min(request.workers, cores.usable())))
        if manifest.has_outputs():
            with locked(request.out):
                # A build may have rewritten the manifest while the audits ran: keep its entries, add ours.
                current = Manifest.load(out_dir)
                current.adopt_checks(manifest)
                current.save(leaflet.meta.id, current.source_sha256)
        report.leaflets.append(LeafletCheck(leaflet, table, found))
    return report


def withdrawn(out_dir: Path, leaflets: Sequence[Path]) -> list[Path]:
    """The output folders a build wrote (they hold a manifest) whose leaflets are no longer among ``leaflets``."""
    if not out_dir.is_dir():
        return []
    present = {folder.name for folder in leaflets}
    return sorted(
        folder
        for folder in out_dir.iterdir()
        if folder.is_dir() and (folder / MANIFEST_NAME).is_file() and folder.name not in present
    )


def prune(out_dir: Path, leaflets: Sequence[Path]) -> list[Path]:
    """Remove the outputs of withdrawn leaflets (``withdrawn``); return the folders removed."""
    gone = withdrawn(out_dir, leaflets)
    for folder in gone:
        shutil.rmtree(folder)
    return gone


def parse_options(formats: Sequence[str], values: Mapping[str, str], explicit: bool) -> dict[str, Any]:
    """Each format's own options, parsed once into its typed options; refuse an option no chosen format takes
    (one format asked for by name refuses it in its own words, as the service does)."""
    if explicit and len(formats) == 1:
        return {formats[0]: registry.format_named(formats[0]).parse(values)}
    parsed = {}
    taken: set[str] = set()
    for name in formats:
        chosen = registry.format_named(name)
        own = {k: v for k, v in values.items() if k in chosen.option_names}
        parsed[name] = chosen.parse(own)
        taken |= set(own)
    ignored = sorted(set(values) - taken)
    if explicit and ignored:
        raise OptionError(
            f"none of the formats asked for ({', '.join(formats)}) takes --{ignored[0]}", option=ignored[0]
        )
    return parsed


def targets(folders: Sequence[Path], parsed: Mapping[str, Any]) -> list[Target]:
    """Every leaflet x format, stamped with a hash of its inputs."""
    digests = {folder: source_digest(folder) for folder in folders}
    chosen = {name: registry.format_named(name) for name in parsed}
    values = {name: chosen[name].values(options) for name, options in parsed.items()}
    stamped = {name: chosen[name].stamped(options) for name, options in parsed.items()}
    return [
        Target(folder, name, options, values[name], digests[folder], stamped[name])
        for folder in folders
        for name, options in parsed.items()
    ]


def out_of_date(all_targets: Sequence[Target], out_dir: Path) -> list[Target]:
    """The targets whose files are missing or were built from other inputs."""
    manifests = {folder: Manifest.load(out_dir / folder.name) for folder in {t.folder for t in all_targets}}
    return [t for t in all_targets if not manifests[t.folder].is_current(t.key, t.stamp)]


def run(
    pending: Sequence[Target], readings: Mapping[Path, Reading], out_dir: Path, executor: Executor, events: Events
) -> list[JobResult]:
    """Run every job on ``executor``; write each one's files as it finishes; return the results in order."""
    each = cores.share(executor.workers, len(pending))
    jobs = [
        Job(registry.format_named(t.format).sees(readings[t.folder].leaflet), t.format, t.options, each)
        for t in pending
    ]
    previous = {folder: Manifest.load(out_dir / folder.name) for folder in {t.folder for t in pending}}
    finished: dict[int, JobResult] = {}
    try:
        for index, made in executor.run(run_job, jobs):
            target = pending[index]
            finished[index] = result = _written(target, made, out_dir / target.folder.name, previous[target.folder])
            events.finished(result)
    except JobsLost as lost:  # a cluster gave up on these (its workers kept dying): failures, like any other
        for index, reason in sorted(lost.reasons.items()):
            target = pending[index]
            finished[index] = result = JobResult(target, failure=f"{target.folder.name} ({target.format}): {reason}")
            events.finished(result)
    return [finished[n] for n in range(len(pending))]


def _written(target: Target, made: Made, where: Path, previous: Manifest) -> JobResult:
    """Write a job's files atomically, and remove those its last build wrote that it no longer makes."""
    if made.output is None:
        return JobResult(target, failure=made.failure, peak_memory_kib=made.peak_memory_kib)
    output = made.output
    try:
        write_files(output, where)
        _remove_stale(previous, target.key, {f.name for f in output.files}, where)
    except OSError as error:  # a full disk or a blocked folder: the machine's problem, not a bug
        label = f"{target.folder.name} ({target.format})"
        return JobResult(target, failure=f"{label}: cannot write {error.filename or where}: {error.strerror}")
    files = tuple({f.name: FileRecord.of(f.name, f.data) for f in output.files}.values())
    return JobResult(target, files, output.warnings, peak_memory_kib=made.peak_memory_kib)


def write_files(output: Output, where: Path) -> tuple[Path, ...]:
    """Write each of ``output``'s files into ``where``, atomically; return their paths."""
    return tuple(write_bytes_atomic(where / file.name, file.data) for file in output.files)


def _remove_stale(previous: Manifest, key: str, kept: set[str], where: Path) -> None:
    """A section renamed or removed since the last build leaves a track no one makes any more."""
    entry = previous.entry(key)
    if entry is None:
        return
    others = {f.path for f in previous.files()} - {f.path for f in entry.files}
    for record in entry.files:
        if record.path not in kept and record.path not in others:
            (where / record.path).unlink(missing_ok=True)


def record(
    results: Sequence[JobResult],
    out_dir: Path,
    source_warnings: Mapping[Path, list[Diagnostic]],
    easy_read: bool = True,
) -> list[Path]:
    """Add what each successful job wrote, and the warnings it gave, to its leaflet's manifest. Without
    ``easy_read`` (the easy read was not read this time) the easy read's warnings of an earlier build stay."""
    by_folder: dict[Path, list[JobResult]] = {}
    for result in results:
        if result.failure is None:
            by_folder.setdefault(result.target.folder, []).append(result)
    written = []
    for folder, done in sorted(by_folder.items()):
        manifest = Manifest.load(out_dir / folder.name)
        kept = (
            [] if easy_read else [w for w in manifest.source_warnings() if w.startswith(str(folder / EASY_READ_NAME))]
        )
        manifest.set_source_warnings([*(str(w) for w in source_warnings.get(folder, [])), *kept])
        for result in done:
            target = result.target
            warnings = tuple(str(w) for w in result.warnings)
            manifest.record(target.key, Entry(target.format, target.values, target.stamp, result.files, warnings))
        written.append(manifest.save(folder.name, done[0].target.source))
    return written


def replayed_warnings(current: Sequence[Target], out_dir: Path) -> list[str]:
    """The warnings up-to-date jobs gave when they were built, so a no-op build still shows them."""
    manifests = {folder: Manifest.load(out_dir / folder.name) for folder in {t.folder for t in current}}
    return list(dict.fromkeys(w for t in current for w in manifests[t.folder].warnings(t.key)))
