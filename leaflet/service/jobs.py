"""The service's one door into the publisher: every call it makes to the build layer is here.

The rest of ``leaflet.service`` knows leaflets, formats and options only through these functions,
which use the build's own pieces (the format records, ``parse_options``, each writer's
``write(leaflet, options) -> Output``), so a file served is byte for byte the file built:

- ``formats()`` / ``format_info(name)``: the registry's formats, their summaries and option names;
- ``read(folder)``: a leaflet read and checked exactly as ``leaflet build`` reads it;
- ``digest(folder)`` and ``publisher_version()``: what a made file depends on;
- ``parse(format, values)``: a format's options, with the CLI's own error messages;
- ``unavailable(leaflet, format)``: why a format cannot be made of a leaflet, if it cannot;
- ``produce(leaflet, format, options)``: the bytes of the variant and the file name the CLI writes;
- ``speak_sample(voice, rate)``: a few seconds of speech for the request page;
- ``make_executor(workers, executor, scheduler)``: the worker processes ``produce`` runs in, or the Dask
  cluster chosen with ``leaflet serve --executor dask`` / ``--scheduler`` (``executors.pool_from_options``).
"""

from __future__ import annotations

import importlib
import multiprocessing
import signal
from collections.abc import Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaflet import writers as renderers
from leaflet.core.diagnostics import LeafletError, OptionError
from leaflet.core.model import Leaflet
from leaflet.options import PERSONAL_OPTIONS
from leaflet.pipeline import cores, executors, manifest


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """A format as the registry describes it."""

    name: str
    summary: str
    option_names: frozenset[str]


@dataclass(frozen=True, slots=True)
class Variant:
    """One made file: the name ``leaflet build`` gives it in ``outputs/<id>/``, and its bytes."""

    name: str
    data: bytes
    warnings: tuple[str, ...] = ()


class NotAvailable(LeafletError):
    """The format cannot be made of this leaflet (an easy read of a leaflet that has none)."""


def formats() -> tuple[FormatInfo, ...]:
    """Every registered format, in the registry's order."""
    return tuple(format_info(name) for name in renderers.names())


def format_info(name: str) -> FormatInfo:
    """One format; an unknown name raises ``OptionError`` listing the known ones (as the CLI says)."""
    record = renderers.find(name)
    return FormatInfo(record.name, record.summary, record.option_names)


def option_names() -> tuple[str, ...]:
    """Every personal option the command line offers, in its order."""
    return tuple(PERSONAL_OPTIONS)


def option_help(name: str) -> str:
    """The command line's help for one personal option."""
    return PERSONAL_OPTIONS[name][1]


def read(folder: Path) -> Leaflet:
    """The leaflet in ``folder``, read and checked as a build reads it; ``SourceError`` if it has a mistake."""
    from leaflet.reader import read_leaflet

    return read_leaflet(folder).leaflet


def digest(folder: Path) -> str:
    """One hash of every file a leaflet's outputs depend on."""
    return manifest.source_digest(folder)


def source_files(folder: Path) -> list[Path]:
    """The files ``digest`` reads."""
    return manifest.source_files(folder)


def publisher_version() -> str:
    """The publisher's version and a digest of its code and libraries: a new one makes every file anew."""
    return manifest.publisher_version()


def parse(format_name: str, values: Mapping[str, str]) -> Any:
    """``values`` as ``format_name``'s own options; ``OptionError`` with the CLI's message when one is wrong.

    The same call ``leaflet build --format NAME --OPTION VALUE`` makes, so the messages are the same.
    """
    from leaflet.pipeline import build

    own = build.parse_options([format_name], dict(values), explicit=True)[format_name]
    return _writer(format_name).parse_options(own)


def _writer(format_name: str) -> Any:
    """The module that writes ``format_name`` (its record names it; imported on first use)."""
    return importlib.import_module(renderers.find(format_name).writer)


def unavailable(leaflet: Leaflet, format_name: str) -> str | None:
    """Why ``format_name`` cannot be made of ``leaflet``, or None when it can."""
    if renderers.find(format_name).reads_easy_read and leaflet.easy_read is None:
        return "This leaflet has no easy read version yet."
    return None


def produce(leaflet: Leaflet, format_name: str, options: Any, share: int = 0) -> Variant:
    """Make one variant and return its main file, byte for byte what ``leaflet build`` writes.

    The writer returns its files as bytes, as it does for a build; the main file is the first
    at the top of the leaflet's folder (the whole MP3 for audio, not its tracks). ``share``: the
    cores the job may use (``leaflet.pipeline.cores``; 0: all of them).
    """
    reason = unavailable(leaflet, format_name)
    if reason:
        raise NotAvailable(reason)
    with cores.allowing(share):
        output = _writer(format_name).write(leaflet, options)
    warnings = tuple(w.message for w in output.warnings)
    top = [f for f in output.files if "/" not in f.name]
    if not top:
        raise NotAvailable("; ".join(warnings) or "nothing was made")
    return Variant(top[0].name, top[0].data, warnings)


SAMPLE_TEXT = "Hello. This is how your leaflet will sound. You can choose another voice or speed."


def speak_sample(voice: str | None, rate: int, language: str = "en-GB") -> bytes:
    """A few seconds of ``SAMPLE_TEXT`` as MP3 in ``voice`` (None: the language's own) at ``rate``."""
    from leaflet.media.speech import engines
    from leaflet.media.speech.audio import speak

    natural = (voice is None and engines.default() == "neural") or voice in engines.NATURAL_IDS
    engine = engines.make("neural" if natural else "espeak", voice=voice, rate=rate, language=language)
    return speak(engine, [SAMPLE_TEXT]).whole


def sample_options(voice: str, rate: str) -> tuple[str | None, int]:
    """A sample's voice id and rate from the request's words, checked as the audio format checks them."""
    values = {"rate": rate} if rate else {}
    if voice:
        values["voice"] = voice
    options = parse("audio", values)
    return options.voice, options.rate


def make_executor(workers: int, executor: str | None = None, scheduler: str | None = None) -> Executor:
    """The worker processes jobs run in; they leave SIGINT and SIGTERM to the server, which ends them cleanly.

    With ``executor`` 'dask' or a ``scheduler`` address, the jobs run on that Dask cluster instead (the
    same choice as ``leaflet build``; a local cluster is started on the first job and stopped at shutdown).
    """
    cluster = executors.pool_from_options(executor, scheduler, workers)
    if cluster is not None:
        return cluster
    context = multiprocessing.get_context("spawn")  # the server has threads: a forked copy of them could hang
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start)


def warm_up() -> str:
    """Import what the slow formats need, so a worker's first job is as quick as its later ones."""
    for name in renderers.names():
        _writer(name)
    from leaflet.reader import rules  # noqa: F401  (textstat, pysbd)
    from leaflet.writers.large_print_pdf import document

    document.register_fonts()
    return multiprocessing.current_process().name


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


__all__ = [
    "FormatInfo",
    "NotAvailable",
    "OptionError",
    "Variant",
    "digest",
    "format_info",
    "formats",
    "make_executor",
    "option_help",
    "option_names",
    "parse",
    "produce",
    "publisher_version",
    "read",
    "speak_sample",
    "unavailable",
    "warm_up",
]
