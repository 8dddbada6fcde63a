"""Which leaflets, which formats: read every source first, then render.

Every source is read and checked before any file is written, so a mistake
in one leaflet leaves all outputs as they were. Each file is written to a
temporary name and renamed into place by the renderers (``leaflet.files``).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leaflet import renderers
from leaflet.checks import easyread as easy_read_rules
from leaflet.diagnostics import Diagnostic, LeafletError, OptionError, SourceError
from leaflet.reader import SOURCE_NAME, Reading, read_leaflet


@dataclass(frozen=True, slots=True)
class Job:
    """One format of one leaflet, with that format's own options."""

    reading: Reading
    format: str
    options: Any


@dataclass
class Outcome:
    """What a build did: files written, warnings, and failures by job."""

    written: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


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


def plan(readings: Sequence[Reading], formats: Sequence[str], values: Mapping[str, str], explicit: bool) -> list[Job]:
    """Every leaflet x format job, each format's options validated before anything is written."""
    parsed: dict[str, Any] = {}
    for name in formats:
        module = renderers.get(name)
        parsed[name] = module.parse_options({k: v for k, v in values.items() if k in module.OPTION_NAMES})
    if explicit:
        taken = {k for name in formats for k in renderers.get(name).OPTION_NAMES}
        ignored = sorted(set(values) - taken)
        if ignored:
            raise OptionError(f"none of the formats asked for ({', '.join(formats)}) takes --{ignored[0]}")
    return [Job(reading, name, parsed[name]) for reading in readings for name in formats]


def run(jobs: Sequence[Job], out_dir: Path, report: Callable[[str], None] | None = None) -> Outcome:
    """Render every job; a failing job is recorded and the others go on."""
    outcome = Outcome()
    for number, job in enumerate(jobs, start=1):
        leaflet = job.reading.leaflet
        if report:
            report(f"[{number}/{len(jobs)}] {leaflet.meta.id}: {job.format}")
        try:
            rendered = renderers.get(job.format).render(leaflet, job.options, out_dir / leaflet.meta.id)
        except LeafletError as error:
            outcome.failures.append(f"{leaflet.meta.id} ({job.format}): {error}")
            continue
        except Exception as error:  # a renderer's bug must not hide the other jobs' results
            traceback.print_exc(file=sys.stderr)
            outcome.failures.append(f"{leaflet.meta.id} ({job.format}): internal error: {error!r}")
            continue
        outcome.written.extend(rendered.paths)
        outcome.warnings.extend(rendered.warnings)
    return outcome
