"""Reading a catalogue: every leaflet asked for, in parallel, every mistake gathered.

Reading is the part of a build that runs on the machine with ``source/``
before any job starts, so a catalogue is read in worker processes, and what
comes back is made small: the easy read only when a format will write it,
and the pictures the leaflets share as one object each.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from leaflet.core.diagnostics import Diagnostic, SourceError, every_error
from leaflet.pipeline.executors import LocalExecutor
from leaflet.reader import Reading, read_leaflet
from leaflet.reader.pictures import share_pictures

READ_IN_PARALLEL = 8  # leaflets: fewer are read here, quicker than starting processes to read them


@dataclass(frozen=True, slots=True)
class _Unread:
    """Every mistake of a source, as a worker process sends them back (the exceptions do not survive pickling)."""

    errors: tuple[tuple[Path, int, str], ...]


def _read(folder: Path, easy_read: bool = True) -> Reading | _Unread:
    try:
        return read_leaflet(folder, easy_read=easy_read)
    except SourceError as error:
        return _Unread(tuple((e.path, e.line, e.message) for e in every_error(error)))


def read_all(
    folders: Sequence[Path], strict: bool = False, workers: int = 1, *, easy_read: bool = True
) -> tuple[list[Reading], list[SourceError], list[Diagnostic]]:
    """Read every folder (in ``workers`` processes, for a catalogue); return the readings, every error, every warning.

    Reading is the part of a build that runs on this machine before any job
    starts; a catalogue is read in parallel so it does not hold the workers up.
    With ``easy_read=False`` (no format asked for writes it) the easy read is
    neither read nor checked: most of its cost is choosing its pictures.
    """
    readings: list[Reading] = []
    errors: list[SourceError] = []
    warnings: list[Diagnostic] = []
    pool = LocalExecutor(workers if len(folders) >= READ_IN_PARALLEL else 1)
    done = dict(pool.run(functools.partial(_read, easy_read=easy_read), folders))
    for index in range(len(folders)):
        reading = done[index]
        if isinstance(reading, _Unread):
            errors.extend(SourceError(path, line, message) for path, line, message in reading.errors)
            continue
        if strict and reading.warnings:
            errors.extend(w.as_error() for w in reading.warnings)
            continue
        warnings.extend(reading.warnings)
        readings.append(reading)
    if len(readings) > 1:  # each read apart: the pictures they share become one object each here
        shared = share_pictures(r.leaflet for r in readings)
        readings = [replace(reading, leaflet=leaflet) for reading, leaflet in zip(readings, shared, strict=True)]
    return readings, errors, warnings
