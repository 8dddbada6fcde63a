"""The format registry: one ``Format`` record per format, in a literal tuple.

A record says everything the build needs to know about a format without
importing it: its name, its one-line summary, the module that writes it, the
module under ``leaflet.checks`` that audits it, the personal options it
takes, and what its files are called for given options (``names``: the only
place a file name is made). The writer and audit modules are imported only
when a format is used, so a missing optional back end never breaks the
others and a no-op build stays fast.

A writer module provides its own frozen ``Options`` type and::

    parse_options(values: Mapping[str, str]) -> Options   # OptionError naming the allowed values
    write(leaflet: Leaflet, options: Options) -> Output   # bytes only: it never touches the disk

and an audit module::

    audit(leaflet: Leaflet, out_dir: Path) -> tuple[Diagnostic, ...]

To add a format: write its module, add its audit under ``leaflet/checks/``,
and add one record to ``FORMATS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from leaflet.core.diagnostics import Diagnostic, OptionError
from leaflet.core.model import Leaflet
from leaflet.media.speech.options import NAMES as SPEECH_OPTIONS
from leaflet.options import only

if TYPE_CHECKING:
    from leaflet.writers.audio import Options as AudioOptions
    from leaflet.writers.braille import Options as BrailleOptions
    from leaflet.writers.docx.options import Options as DocxOptions
    from leaflet.writers.easy_read import Options as EasyReadOptions
    from leaflet.writers.easy_read_html import Options as EasyReadHtmlOptions
    from leaflet.writers.easy_read_print import Options as EasyReadPrintOptions
    from leaflet.writers.epub import Options as EpubOptions
    from leaflet.writers.html import Options as HtmlOptions
    from leaflet.writers.large_print_pdf import Options as LargePrintOptions
    from leaflet.writers.text import Options as TextOptions

OptionsT = TypeVar("OptionsT")


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


class Writer(Protocol[OptionsT]):
    """What a writer module provides (checked by mypy for every module in ``FORMATS``)."""

    def parse_options(self, values: Mapping[str, str]) -> OptionsT: ...

    def write(self, leaflet: Leaflet, options: OptionsT) -> Output: ...


class AuditModule(Protocol):
    """What a module under ``leaflet.checks`` named by a record provides."""

    def audit(self, leaflet: Leaflet, out_dir: Path) -> tuple[Diagnostic, ...]: ...


AuditFunction = Callable[[Leaflet, Path], tuple[Diagnostic, ...]]


@dataclass(frozen=True, slots=True)
class Format(Generic[OptionsT]):
    """One format: what it is called, what writes and audits it, what it takes, what it writes."""

    name: str  # what --format takes
    summary: str  # one line for `leaflet formats`
    writer: str  # the writer module
    audit: str | None  # the audit module under leaflet.checks
    option_names: frozenset[str]  # the personal options it takes
    # The files it writes for a leaflet id and options, relative to outputs/<id>/; the first is the
    # main file. A name ending in "/" is a folder whose files the writer names from the leaflet's content.
    names: Callable[[str, OptionsT], tuple[str, ...]]
    reads_easy_read: bool = False  # it writes the easy read (and needs one); the others never look at it

    def sees(self, leaflet: Leaflet) -> Leaflet:
        """The part of ``leaflet`` this format reads: without the easy read for a format that never looks at
        it. The easy read's pictures are most of a leaflet's bytes, and a job sent to a worker carries this."""
        return leaflet if self.reads_easy_read else leaflet.without_easy_read()

    def load(self) -> Writer[OptionsT]:
        return cast("Writer[OptionsT]", importlib.import_module(self.writer))

    def options(self, values: Mapping[str, str]) -> OptionsT:
        """``values`` validated into this format's options; an OptionError names what is allowed."""
        only(self.name, values, self.option_names)
        return self.load().parse_options(values)

    def validate(self, values: Mapping[str, str]) -> None:
        """Refuse option values this format does not take (OptionError)."""
        self.options(values)

    def file_names(self, leaflet_id: str, values: Mapping[str, str] | None = None) -> tuple[str, ...]:
        """What this format writes for ``leaflet_id`` with these option values (default: none)."""
        return self.names(leaflet_id, self.options(values or {}))

    def write(self, leaflet: Leaflet, values: Mapping[str, str]) -> Output:
        """Validate ``values`` and write ``leaflet``: bytes, never files."""
        return self.load().write(leaflet, self.options(values))

    def load_audit(self) -> AuditFunction | None:
        if self.audit is None:
            return None
        return cast(AuditModule, importlib.import_module(self.audit)).audit


class AnyFormat(Protocol):
    """A ``Format`` of whatever options type: what code that handles every format may use."""

    @property
    def name(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def writer(self) -> str: ...
    @property
    def audit(self) -> str | None: ...
    @property
    def option_names(self) -> frozenset[str]: ...
    @property
    def reads_easy_read(self) -> bool: ...

    def sees(self, leaflet: Leaflet) -> Leaflet: ...

    def validate(self, values: Mapping[str, str]) -> None: ...

    def file_names(self, leaflet_id: str, values: Mapping[str, str] | None = None) -> tuple[str, ...]: ...

    def write(self, leaflet: Leaflet, values: Mapping[str, str]) -> Output: ...

    def load_audit(self) -> AuditFunction | None: ...


# File names ---------------------------------------------------------------
# Each takes the leaflet's id and the format's own options; a variant carries its options in
# its names and never replaces the default files.


def _text_names(leaflet_id: str, options: TextOptions) -> tuple[str, ...]:
    return (f"{leaflet_id}.txt",)


def _large_print_names(leaflet_id: str, options: LargePrintOptions) -> tuple[str, ...]:
    if options == type(options)():
        return (f"{leaflet_id}.large-print.pdf",)
    return (f"{leaflet_id}.large-print-{options.size}pt-{options.colours}.pdf",)


def _docx_names(leaflet_id: str, options: DocxOptions) -> tuple[str, ...]:
    """``<id>.docx``; a variant names its values: ``<id>.24pt-black-on-cream.docx``."""
    return (options.file_name(leaflet_id, ".docx", type(options)().size),)


def _easy_read_names(leaflet_id: str, options: EasyReadOptions) -> tuple[str, ...]:
    return (f"{leaflet_id}.easy-read.txt",)


def _easy_read_print_names(leaflet_id: str, options: EasyReadPrintOptions) -> tuple[str, ...]:
    """``<id>.easy-read.docx``; a variant names its values: ``<id>.easy-read.20pt-black-on-cream.docx``."""
    return (options.file_name(f"{leaflet_id}.easy-read", ".docx", type(options)().size),)


def _easy_read_html_names(leaflet_id: str, options: EasyReadHtmlOptions) -> tuple[str, ...]:
    """``<id>.easy-read.html``; a variant names what was chosen: ``<id>.easy-read.24pt-black-on-cream.html``."""
    return (options.file_name(f"{leaflet_id}.easy-read", ".html", type(options)().size),)


def _audio_names(leaflet_id: str, options: AudioOptions) -> tuple[str, ...]:
    """The whole MP3, the folder of tracks (and playlist), and the spoken script; a variant names its speech."""
    base = leaflet_id + options.suffix
    return f"{base}.mp3", f"{base}.audio/", f"{base}.audio-script.txt"


def _braille_names(leaflet_id: str, options: BrailleOptions) -> tuple[str, ...]:
    """``<id>.brf``; a variant names what differs: ``<id>.grade1.brf``, ``<id>.grade1-32x20.brf``."""
    default = type(options)()
    parts = [f"grade{options.grade}"] if options.grade != default.grade else []
    if (options.cells, options.lines) != (default.cells, default.lines):
        parts.append(f"{options.cells}x{options.lines}")
    return (f"{leaflet_id}.{'-'.join(parts)}.brf" if parts else f"{leaflet_id}.brf",)


def _html_names(leaflet_id: str, options: HtmlOptions) -> tuple[str, ...]:
    """``<id>.html``; a variant names what was chosen: ``<id>.24pt-white-on-black.html``."""
    return (options.file_name(leaflet_id, ".html", type(options)().size),)


def _epub_names(leaflet_id: str, options: EpubOptions) -> tuple[str, ...]:
    """``<id>.epub``, the talking book; a variant names its speech as audio does: ``<id>.en-us.120wpm.epub``;
    ``<id>.plain.epub`` for a book with no speech (benchmarks)."""
    return (f"{leaflet_id}{options.speech.suffix}.epub" if options.talking else f"{leaflet_id}.plain.epub",)


# The registry -------------------------------------------------------------

TEXT = Format(
    name="text",
    summary="plain e-text (.txt) for screen readers and braille displays",
    writer="leaflet.writers.text",
    audit="leaflet.checks.text",
    option_names=frozenset(),
    names=_text_names,
)
LARGE_PRINT_PDF = Format(
    name="large-print-pdf",
    summary="large-print PDF (A4, 18pt Atkinson Hyperlegible), tagged for screen readers (PDF/UA-1)",
    writer="leaflet.writers.large_print_pdf",
    audit="leaflet.checks.large_print_pdf",
    option_names=frozenset({"size", "colours"}),
    names=_large_print_names,
)
DOCX = Format(
    name="docx",
    summary="Word document (.docx) with real headings, lists, links and alt text; --size and --colours variants",
    writer="leaflet.writers.docx",
    audit="leaflet.checks.docx",
    option_names=frozenset({"size", "colours"}),
    names=_docx_names,
)
EASY_READ = Format(
    name="easy-read",
    summary="easy read as plain text (.easy-read.txt): short points, 60-character lines, words to know",
    writer="leaflet.writers.easy_read",
    audit="leaflet.checks.easy_read",
    option_names=frozenset(),
    names=_easy_read_names,
    reads_easy_read=True,
)
EASY_READ_PRINT = Format(
    name="easy-read-print",
    summary="easy read for print (.easy-read.docx): a picture left of each point, words right, 16pt",
    writer="leaflet.writers.easy_read_print",
    audit="leaflet.checks.easy_read_print",
    option_names=frozenset({"size", "colours"}),
    names=_easy_read_print_names,
    reads_easy_read=True,
)
EASY_READ_HTML = Format(
    name="easy-read-html",
    summary="easy read as a web page (.easy-read.html): a picture left of each point, words right, WCAG 2.2 AA",
    writer="leaflet.writers.easy_read_html",
    audit="leaflet.checks.easy_read_html",
    option_names=frozenset({"size", "colours"}),
    names=_easy_read_html_names,
    reads_easy_read=True,
)
AUDIO = Format(
    name="audio",
    summary="spoken audio: MP3 with a chapter per section, a track per section, and the spoken script",
    writer="leaflet.writers.audio",
    audit="leaflet.checks.audio",
    option_names=SPEECH_OPTIONS,
    names=_audio_names,
)
BRAILLE = Format(
    name="braille",
    summary="Unified English Braille (.brf), grade 2, 40 cells by 25 lines, for an embosser or braille display",
    writer="leaflet.writers.braille",
    audit="leaflet.checks.braille",
    option_names=frozenset({"grade", "cells", "lines"}),
    names=_braille_names,
)

HTML = Format(
    name="html",
    summary="accessible web page (.html): large-print type, skip link, contents, light or dark, WCAG 2.2 AA",
    writer="leaflet.writers.html",
    audit="leaflet.checks.html",
    option_names=frozenset({"size", "colours"}),
    names=_html_names,
)
EPUB = Format(
    name="epub",
    summary="talking book (.epub): EPUB 3.3, the text read aloud and highlighted in sync (media overlays)",
    writer="leaflet.writers.epub",
    audit="leaflet.checks.epub",
    option_names=SPEECH_OPTIONS,
    names=_epub_names,
)

FORMATS: tuple[AnyFormat, ...] = (
    TEXT,
    LARGE_PRINT_PDF,
    DOCX,
    EASY_READ,
    EASY_READ_PRINT,
    EASY_READ_HTML,
    AUDIO,
    BRAILLE,
    HTML,
    EPUB,
)


def names() -> tuple[str, ...]:
    """Every registered format, in the registry's order."""
    return tuple(f.name for f in FORMATS)


def find(name: str) -> AnyFormat:
    """The record for ``name``; an unknown name lists the known ones."""
    for record in FORMATS:
        if record.name == name:
            return record
    raise OptionError(f"unknown format {name!r}; choose one of: {', '.join(names())}")


if TYPE_CHECKING:  # mypy proves each writer keeps the contract for its own options; nothing is imported at run time
    from leaflet.writers import audio as _audio
    from leaflet.writers import braille as _braille
    from leaflet.writers import docx as _docx
    from leaflet.writers import easy_read as _easy_read
    from leaflet.writers import easy_read_html as _easy_read_html
    from leaflet.writers import easy_read_print as _easy_read_print
    from leaflet.writers import epub as _epub
    from leaflet.writers import html as _html
    from leaflet.writers import large_print_pdf as _large_print
    from leaflet.writers import text as _text

    _writers: tuple[
        Writer[TextOptions],
        Writer[LargePrintOptions],
        Writer[DocxOptions],
        Writer[EasyReadOptions],
        Writer[EasyReadPrintOptions],
        Writer[EasyReadHtmlOptions],
        Writer[AudioOptions],
        Writer[BrailleOptions],
        Writer[HtmlOptions],
        Writer[EpubOptions],
    ] = (_text, _large_print, _docx, _easy_read, _easy_read_print, _easy_read_html, _audio, _braille, _html, _epub)
