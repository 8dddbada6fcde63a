"""The service's door onto the pipeline: the build's own jobs, stamps and executors, for one request at a time.

A request for a leaflet in a format with options becomes exactly the job ``leaflet build`` runs for them
(``leaflet.pipeline.jobs.Job``, made by ``run_job``), stamped by the same ``stamp``, so a file made here is
byte for byte the file the build writes, and a file the build has written (``outputs/<id>/``, current by
its manifest) is served as it is, without being made again.

- ``variant(item, format, values, out, cores)``: what to make and where a built copy would be;
- ``built(variant)``: the file in ``outputs/`` when its manifest says it is current, else None;
- ``make(job)``: run in a worker: the job's main file as bytes, or why there is none;
- ``unavailable(leaflet, format)``: why a format cannot be made of a leaflet;
- ``speak_sample(sample)``: a few seconds of speech for the request page (run in a worker too);
- ``warm_up()``: import what the slow formats need, in a worker, before the first request.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaflet.core.diagnostics import LeafletError, Unreachable
from leaflet.core.model import Leaflet
from leaflet.pipeline.jobs import Job, entry_key, run_job, stamp
from leaflet.pipeline.manifest import Manifest
from leaflet.writers import registry
from leaflet.writers.contract import Format
from leaflet.writers.registry import format_named

SAMPLE_TEXT = "Hello. This is how your leaflet will sound. You can choose another voice or speed."


class NotAvailable(LeafletError):
    """The format cannot be made of this leaflet (an easy read of a leaflet that has none)."""


@dataclass(frozen=True, slots=True)
class Made:
    """One made file: the name ``leaflet build`` gives it in ``outputs/<id>/``, and its bytes."""

    name: str
    data: bytes
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Variant:
    """A leaflet in a format with options: the job that makes it, its stamp, and where the build keeps it."""

    job: Job
    stamp: str  # the build's stamp of what the file depends on: the service's cache key too
    name: str  # the main file's name, as the build names it
    folder: Path  # outputs/<id>/, where the build writes it
    key: str  # the build's manifest key for these options


def variant(
    item_leaflet: Leaflet, digest: str, format_name: str, values: Mapping[str, str], out: Path, cores: int
) -> Variant:
    """What ``format_name`` of a leaflet with ``values`` is: an ``OptionError`` names a wrong option."""
    chosen = format_named(format_name)
    options = chosen.parse(values)
    canonical = chosen.values(options)
    leaflet_id = item_leaflet.meta.id
    job = Job(chosen.sees(item_leaflet), chosen.name, options, cores)
    (main, *_) = chosen.files(leaflet_id, options)
    return Variant(
        job,
        stamp(digest, chosen.name, chosen.stamped(options)),
        main,
        out / leaflet_id,
        entry_key(chosen.name, canonical),
    )


def built(wanted: Variant) -> tuple[Path, str] | None:
    """The build's file for ``wanted`` and its sha256, when its manifest says it is current; else None."""
    manifest = Manifest.load(wanted.folder)
    if not manifest.is_current(wanted.key, wanted.stamp):
        return None
    entry = manifest.entry(wanted.key)
    assert entry is not None
    record = next((f for f in entry.files if f.path == wanted.name), None)
    return None if record is None else (wanted.folder / record.path, record.sha256)


def make(job: Job) -> Made:
    """Run ``job`` (in a worker): its main file, byte for byte what ``leaflet build`` writes."""
    reason = unavailable(job.leaflet, job.format)
    if reason:
        raise NotAvailable(reason)
    made = run_job(job)
    if made.output is None:
        raise (Unreachable if made.retry else LeafletError)(made.failure or "nothing was made")
    warnings = tuple(w.message for w in made.output.warnings)
    main = format_named(job.format).files(job.leaflet.meta.id, job.options)[0]
    found = next((f for f in made.output.files if f.name == main), None)
    if found is None:
        raise NotAvailable("; ".join(warnings) or "nothing was made")
    return Made(found.name, found.data, warnings)


def unavailable(leaflet: Leaflet, format_name: str) -> str | None:
    """Why ``format_name`` cannot be made of ``leaflet``, or None when it can."""
    if format_named(format_name).reads_easy_read and leaflet.easy_read is None:
        reason = leaflet.meta.no_easy_read
        return (
            f"This leaflet has no easy read version: {reason}"
            if reason
            else "This leaflet has no easy read version yet."
        )
    return None


def offered(leaflet: Leaflet) -> tuple[Format[Any], ...]:
    """The formats that can be made of ``leaflet``, in the registry's order."""
    return tuple(f for f in registry.FORMATS if unavailable(leaflet, f.name) is None)


@dataclass(frozen=True, slots=True)
class Sample:
    """A voice sample: the speech options as the request page sends them, checked."""

    options: Any
    values: dict[str, str]  # the engine, and the options that differ from the defaults: what keys the sample
    language: str = "en-GB"


def sample(voice: str, rate: str) -> Sample:
    """A sample's speech options from the request's words, checked by the options' own declarations."""
    from leaflet.media.speech.options import SpeechOptions
    from leaflet.options import RATE, VOICE

    usual = SpeechOptions()
    asked: dict[str, object] = {"voice": VOICE.parse(voice)} if voice else {}
    if rate:
        asked["rate"] = RATE.parse(rate)
    options = SpeechOptions.given(**asked)  # a voice chooses its engine, as in a build
    named = {
        "engine": options.engine,  # always: the usual engine depends on the machine
        "voice": options.voice or "",
        "rate": str(options.rate) if options.rate != usual.rate else "",
    }
    return Sample(options, {name: value for name, value in named.items() if value})  # canonical: one file each


def speak_sample(wanted: Sample) -> Made:
    """A few seconds of ``SAMPLE_TEXT`` as MP3 (in a worker)."""
    from leaflet.media.speech.audio import speak

    engine = wanted.options.engine_for(wanted.language, 1)
    return Made("sample.mp3", speak(engine, [SAMPLE_TEXT]).whole)


def warm_up(_: object = None) -> str:
    """Import what the slow formats need, so a worker's first job is as quick as its later ones."""
    for chosen in registry.FORMATS:  # every module of every format's folder
        package = importlib.import_module(chosen.writer.__module__)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    from leaflet.reader import rules  # noqa: F401  (textstat, pysbd)
    from leaflet.writers.large_print_pdf import document

    document.register_fonts()
    return multiprocessing.current_process().name
