"""The contract every format keeps: what a format declares about itself, and what its writer gives back.

A format is one folder, ``leaflet/writers/<name>/``, whose ``__init__`` declares ``FORMAT = Format(...)``:
its name, its words for people, the options it takes (the fields of its own frozen ``Options`` dataclass,
named after the options in ``leaflet.options``, each with this format's default), the files it writes for
given options, whether it reads the easy read, its writer and its audit. Nothing else in the publisher
names a format: the registry (``leaflet.writers.registry``) lists the folders, and the command line, the
Makefile, the request service, the audits and the README's table are made from what they declare.

A writer is a pure function ``(leaflet, options, resources) -> Output``: the bytes of its files, never the
disk; what it may use (cores, a progress display) comes in ``resources``, so it runs the same in this
process, in a worker process, on a Dask worker or for the request service.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast

from leaflet.core.diagnostics import Diagnostic, OptionError
from leaflet.core.model import Leaflet
from leaflet.options import Option, named

OptionsT = TypeVar("OptionsT")
Tick = Callable[[], None]
# progress(total steps, label) -> a context that yields tick(), called once a step
ProgressDisplay = Callable[[int, str], contextlib.AbstractContextManager[Tick]]
PERSONAL = "personal"  # a field's metadata key: False for a field of Options that is not a personal option
OPTION = "option"  # a field's metadata key: an ``Option`` of the format's own, for a setting no other format has


def usable_cores() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextlib.contextmanager
def no_progress(total: int, label: str) -> Iterator[Tick]:
    """A progress display nobody sees."""
    yield lambda: None


@dataclass(frozen=True, slots=True)
class Resources:
    """What a job may use while it writes: how many cores, and where to show its progress."""

    cores: int = field(default_factory=usable_cores)
    progress: ProgressDisplay = no_progress


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file a writer made: its path inside ``outputs/<id>/`` (POSIX, relative) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Output:
    """What a writer made, and anything it wants the user to know."""

    files: tuple[OutputFile, ...]
    warnings: tuple[Diagnostic, ...] = ()


class AuditModule(Protocol):
    """What the module a format names as its audit provides (under ``leaflet.checks``): the findings of
    reading back the format's default files (the main one first)."""

    def audit(self, leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]: ...


AuditFunction = Callable[[Leaflet, tuple[Path, ...]], tuple[Diagnostic, ...]]


@dataclass(frozen=True, slots=True)
class Format(Generic[OptionsT]):
    """One format, as its own folder declares it."""

    name: str  # what --format takes
    summary: str  # one line for `leaflet formats` and the README's table
    label: str  # what patients call it: 'Large print'
    description: str  # what it is good for, in plain words, on the request page
    readers: str  # who it is for, and what it is to them (the README's table of formats)
    options: type[OptionsT]  # a frozen dataclass: one field per personal option it takes, with its default
    # The files it writes for a leaflet id and options, relative to outputs/<id>/; the first is the main file.
    # A name ending in "/" is a folder whose files the writer names from the leaflet's content.
    files: Callable[[str, OptionsT], tuple[str, ...]]
    writer: Callable[[Leaflet, OptionsT, Resources], Output]  # imports the format's modules when first called
    audit: str | None = None  # the module under leaflet.checks that reads its default files back
    reads_easy_read: bool = False  # it writes the easy read (and needs one); the others never look at it

    @property
    def takes(self) -> tuple[Option, ...]:
        """The personal options it takes, in the order its ``Options`` declares them: those of
        ``leaflet.options`` by their names, and any of its own (``OPTION`` in a field's metadata)."""
        return tuple(
            f.metadata.get(OPTION) or named(f.name)
            for f in dataclasses.fields(cast(Any, self.options))
            if f.metadata.get(PERSONAL, True)
        )

    @property
    def option_names(self) -> frozenset[str]:
        return frozenset(o.name for o in self.takes)

    def defaults(self) -> OptionsT:
        """Its options when none are asked for."""
        return self.options()

    def default(self, option: str) -> Any:
        """The value ``option`` has when not asked for."""
        return getattr(self.defaults(), option)

    def parse(self, values: Mapping[str, str]) -> OptionsT:
        """``values`` (option name -> value as written) as this format's typed options; an ``OptionError``
        names the option and what it allows."""
        takes = {o.name: o for o in self.takes}
        for name in sorted(values):
            if name not in takes:
                offered = ", ".join(f"--{n}" for n in takes) or "no options"
                raise OptionError(
                    f"the {self.name} format does not take --{name}; it takes {offered}", option=name, allowed=offered
                )
        parsed = {name: takes[name].parse(raw) for name, raw in values.items()}
        # An Options class whose options depend on each other (a voice chooses its engine) makes itself
        # from those asked for with its own ``given``.
        return cast(OptionsT, getattr(self.options, "given", self.options)(**parsed))

    def values(self, options: OptionsT) -> dict[str, str]:
        """The personal options that differ from the defaults, as strings, by name: what names a variant
        in a stamp, a manifest key or an address ('size=24'); empty for the defaults."""
        usual = self.defaults()
        return {
            o.name: str(getattr(options, o.name))
            for o in self.takes
            if getattr(options, o.name) != getattr(usual, o.name)
        }

    def stamped(self, options: OptionsT) -> dict[str, str]:
        """What of ``options`` goes into a stamp: ``values``, and the options whose defaults depend on the
        machine (``Option.always_stamped``) whatever they are."""
        always = {o.name: str(getattr(options, o.name)) for o in self.takes if o.always_stamped}
        return {**self.values(options), **always}

    def sees(self, leaflet: Leaflet) -> Leaflet:
        """The part of ``leaflet`` this format reads: without the easy read for a format that never looks at
        it. The easy read's pictures are most of a leaflet's bytes, and a job sent to a worker carries this."""
        return leaflet if self.reads_easy_read else leaflet.without_easy_read()

    def write(self, leaflet: Leaflet, options: OptionsT, resources: Resources | None = None) -> Output:
        """Write ``leaflet`` with ``options``: bytes, never files."""
        return self.writer(leaflet, options, resources or Resources())

    def load_audit(self) -> AuditFunction | None:
        if self.audit is None:
            return None
        return cast(AuditModule, importlib.import_module(self.audit)).audit


def variant_name(stem: str, extension: str, parts: list[str]) -> str:
    """``<stem><extension>`` for the defaults, else with what differs: ``<stem>.24pt-black-on-cream.docx``."""
    return f"{stem}.{'-'.join(parts)}{extension}" if parts else f"{stem}{extension}"
