"""The ``leaflet`` command: build, check, list, formats, voices, dump, import, serve, pictures.

Exit status: 0 success, 1 a build or check failed, 2 a mistake in a source
or on the command line. A user's mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from leaflet import __version__
from leaflet.core.diagnostics import Diagnostic, LeafletError, OptionError
from leaflet.options import help_with_defaults
from leaflet.pipeline import cores, executors
from leaflet.pipeline import folders as folders_module
from leaflet.service.command import add_command as add_serve_command
from leaflet.writers import registry

if TYPE_CHECKING:  # what a command needs is imported when it runs: `leaflet formats` starts at once
    from leaflet.pipeline import build
    from leaflet.pipeline.checking import FormatCheck
    from leaflet.pipeline.progress import Progress

EPILOG = "Exit status: 0 success; 1 a build or check failed; 2 a mistake in a source or on the command line."


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except LeafletError as error:
        print(f"leaflet: error: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("leaflet: interrupted; files already in place are whole, the rest untouched", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away ('leaflet list | head'): stop quietly, as other tools do
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leaflet",
        description="Publish patient leaflets in accessible formats (e-text, large print, Word, easy read with pictures, audio, web page, talking book, braille) from one Markdown source.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"leaflet {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=description, epilog=EPILOG)

    build_cmd = command(
        "build",
        "build formats of leaflets into the output folder",
        "Read and check every source first, then write each format. A mistake in any source writes nothing.",
    )
    _add_ids(build_cmd)
    _add_folders(build_cmd, out=True)
    build_cmd.add_argument(
        "--format",
        "-f",
        action="append",
        dest="formats",
        metavar="NAME",
        help="a format to build (repeatable; default: every format). See 'leaflet formats'.",
    )
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")
    build_cmd.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    build_cmd.add_argument(
        "--prune",
        action="store_true",
        help="remove the outputs of leaflets no longer in the source folder (withdrawn ones)",
    )
    build_cmd.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=cores.usable(),
        metavar="N",
        help="the cores the build uses: worker processes, and each job's share of them (default: every core, here "
        "%(default)s); with --executor dask, the local cluster's processes",
    )
    executors.add_options(build_cmd)
    personal = build_cmd.add_argument_group(
        "personal options",
        "A variant made with these carries them in its file name and never replaces the default file.",
    )
    for option in registry.options():
        defaults = {f.name: f.default(option.name) for f in registry.FORMATS if option.name in f.option_names}
        if defaults:
            flags = [f"--{name}" for name in (option.name, *option.aliases)]
            personal.add_argument(
                *flags, dest=f"opt_{option.name}", metavar=option.metavar, help=help_with_defaults(option, defaults)
            )
    build_cmd.set_defaults(run=_build)

    check_cmd = command(
        "check",
        "check sources and print their readability",
        "Check every source (as a build would) and print a readability table per leaflet and section.",
    )
    _add_ids(check_cmd)
    _add_folders(check_cmd, out=True)
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=cores.usable(),
        metavar="N",
        help="audits run side by side (default: every core, here %(default)s)",
    )
    check_cmd.set_defaults(run=_check)

    list_cmd = command("list", "list the leaflets in the source folder", "List each leaflet's id and title.")
    _add_folders(list_cmd, out=False)
    list_cmd.set_defaults(run=_list)

    formats_cmd = command("formats", "list the output formats", "List the formats 'build --format' takes.")
    shown = formats_cmd.add_mutually_exclusive_group()
    shown.add_argument("--make", action="store_true", help="print the Makefile's list of formats (FORMATS := ...)")
    shown.add_argument("--markdown", action="store_true", help="print the README's table of formats and files")
    formats_cmd.set_defaults(run=_formats)

    verify_cmd = command(
        "verify",
        "re-hash built files against their manifests",
        "Re-hash every file each manifest lists and report any that differ or are missing (exit 1).",
    )
    _add_ids(verify_cmd)
    folders_module.add_source(verify_cmd)
    verify_cmd.add_argument(
        "--out", type=Path, default=Path("outputs"), metavar="DIR", help="the output folder (default: outputs)"
    )
    verify_cmd.set_defaults(run=_verify)

    voices_cmd = command(
        "voices",
        "list the voices 'build --voice' takes, with their engine",
        "List the voices 'build --voice' takes: the natural British voices (engine neural, the default) by "
        "name, then eSpeak NG's (engine espeak; give either column). A leaflet is read by the natural voice "
        "'emma' unless --voice says otherwise; one the natural voice cannot speak, in eSpeak NG's voice for "
        "its language.",
    )
    voices_cmd.add_argument(
        "--samples",
        type=Path,
        metavar="DIR",
        help="also write a short MP3 of each default voice into DIR (emma.mp3, george.mp3, espeak.mp3)",
    )
    voices_cmd.set_defaults(run=_voices)

    dump_cmd = command(
        "dump",
        "print a leaflet's content model as JSON",
        "Print the content model read from a leaflet's source, as JSON: what every renderer sees.",
    )
    dump_cmd.add_argument("id", metavar="ID", help="the leaflet's folder name")
    _add_folders(dump_cmd, out=False)
    dump_cmd.set_defaults(run=_dump)

    from leaflet.importers import command as import_command  # argparse only; the importers load when it runs

    import_command.configure(command("import", "import a Word document or saved web page", import_command.DESCRIPTION))
    add_serve_command(command, cores.usable())

    pictures_cmd = command(
        "pictures",
        "review the picture of each easy-read point, and approve them",
        "For each point of a leaflet's easy read: the picture it gets (the author's choice, one a person approved, "
        "or a symbol the publisher chose) and why. Writes a review sheet (HTML) to look at; --accept records that a "
        "person approves what it shows, in easy-read-approved.yaml beside easy-read.md. To change a picture, write "
        "a 'picture:' line under the point in easy-read.md.",
    )
    pictures_cmd.add_argument("id", nargs="?", metavar="ID", help="the leaflet's folder name")
    _add_folders(pictures_cmd, out=True)
    pictures_cmd.add_argument(
        "--find", metavar="WORD", help="list the symbols whose names have WORD, for 'picture: NAME'"
    )
    pictures_cmd.add_argument(
        "--sheet",
        type=Path,
        metavar="FILE",
        help="where to write the review sheet (default: OUT/ID/ID.pictures-review.html)",
    )
    pictures_cmd.add_argument(
        "--accept",
        action="store_true",
        help="approve every picture as the review sheet shows it (and 'no picture' where it shows none)",
    )
    pictures_cmd.set_defaults(run=_pictures)
    return parser


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _add_ids(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="leaflet folder names (default: every leaflet)")


def _add_folders(parser: argparse.ArgumentParser, *, out: bool) -> None:
    folders_module.add_source(parser)
    if out:
        parser.add_argument(
            "--out", type=Path, default=Path("outputs"), metavar="DIR", help="folder for the outputs (default: outputs)"
        )


def _show_reading(errors: Sequence[LeafletError], warnings: Sequence[Diagnostic]) -> None:
    """Print every source warning and error; stop with exit status 2 on any error."""
    for warning in warnings:
        _stderr(str(warning))
    for error in errors:
        _stderr(str(error))
    if errors:
        raise _Reported(f"{len(errors)} error(s) in the sources; nothing was written")


class _Reported(LeafletError):
    """The details were printed already; this is the one-line summary."""


class _Shown:
    """A build's events on the terminal: a message while waiting for the lock, and the progress."""

    def __init__(self, quiet: bool) -> None:
        self.say = None if quiet else _stderr
        self.progress: Progress | None = None

    def waiting(self, message: str) -> None:
        _stderr(message)

    def started(self, jobs: int, up_to_date: int) -> None:
        from leaflet.pipeline.progress import Progress

        self.progress = Progress(jobs, up_to_date, self.say).__enter__()

    def finished(self, result: build.JobResult) -> None:
        if self.progress is not None:
            self.progress.update(result)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.__exit__(None, None, None)


def _build(args: argparse.Namespace) -> int:
    from leaflet.pipeline import build

    values = {
        option.name: getattr(args, f"opt_{option.name}")
        for option in registry.options()
        if getattr(args, f"opt_{option.name}", None) is not None
    }
    shown = _Shown(args.quiet)
    # The executor is made before the build (a wrong --scheduler is refused at once) but
    # starts or reaches a cluster only when there is work to send it.
    with executors.from_options(args.executor, args.scheduler, args.jobs) as executor:
        request = build.Request(
            source=args.source,
            out=args.out,
            ids=tuple(args.ids),
            formats=tuple(args.formats or ()),
            options=values,
            strict=args.strict,
            force=args.force,
            prune=args.prune,
            workers=args.jobs,
            executor=executor,
        )
        try:
            outcome = build.build(request, shown)
        finally:
            shown.close()
    for folder in outcome.pruned:
        print(f"removed {folder}: its leaflet is no longer in {args.source}")
    for warning in outcome.replayed:
        _stderr(warning)
    _show_reading(outcome.source_errors, outcome.source_warnings)
    if not outcome.results:
        if not args.quiet:
            print(f"everything is up to date ({outcome.wanted} leaflet x format jobs); --force rebuilds anyway")
        return _strict_failure(args.strict, outcome.replayed)
    return _summarise(outcome, args) or _strict_failure(args.strict, outcome.replayed)


def _strict_failure(strict: bool, warnings: list[str]) -> int:
    if strict and warnings:
        _stderr(f"leaflet: {len(warnings)} warning(s) from the last build of up-to-date files, and --strict is on")
        return 1
    return 0


def _summarise(outcome: build.Outcome, args: argparse.Namespace) -> int:
    for warning in outcome.warnings:
        _stderr(str(warning))
    if not args.quiet:
        for path in outcome.written():
            print(f"wrote {path}")
    for failure in outcome.failures:
        _stderr(f"leaflet: failed: {failure}")
    if outcome.failures:
        _stderr(
            f"leaflet: {len(outcome.failures)} of {len(outcome.results)} jobs failed; the others' files are in place"
        )
        return 1
    return 1 if args.strict and outcome.warnings else 0


def _verify(args: argparse.Namespace) -> int:
    from leaflet.pipeline import manifest
    from leaflet.pipeline.build import withdrawn

    folders_module.existing_out(args.out)
    folders = sorted(p for p in args.out.iterdir() if p.is_dir())
    if args.ids:
        folders = [args.out / i for i in args.ids]
    problems = [problem for folder in folders for problem in manifest.verify(folder)]
    if not args.ids:
        problems += [
            f"{folder}: there is no leaflet '{folder.name}' in {args.source} any more; "
            "'leaflet build --prune' removes its files"
            for folder in withdrawn(args.out, folders_module.find_leaflets(args.source))
        ]
    for problem in problems:
        print(problem)
    if not problems:
        count = sum(len(manifest.Manifest.load(f).files()) for f in folders)
        print(f"{count} files in {len(folders)} manifests: every file matches its sha256")
    return 1 if problems else 0


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    from leaflet.pipeline import build

    request = build.Request(
        source=args.source, out=args.out, ids=tuple(args.ids), strict=args.strict, workers=args.jobs
    )
    report = build.check(request)
    _show_reading(report.source_errors, report.source_warnings)
    for checked in report.leaflets:
        meta = checked.leaflet.meta
        print(f"{meta.id}: {meta.title}")
        print(checked.readability)
        for result in checked.formats:
            print(f"  {result.format}: {_status(result, args.strict)}")
            for found in result.found:
                print(f"    {found}")
        print()
    return 1 if report.failed else 0


def _status(result: FormatCheck, strict: bool) -> str:
    if result.stale:
        return "STALE (built from another source; build it again)"
    if result.failed(strict):
        return "FAIL"
    return "ok (unchanged since it last passed)" if result.cached else "ok"


def _list(args: argparse.Namespace) -> int:
    """Each leaflet's id and title; a leaflet that cannot be read now is listed with its first mistake."""
    from leaflet.pipeline import reading

    found = folders_module.survey(args.source)
    readings, errors, _ = reading.read_all(list(found.leaflets), easy_read=False)
    titles = {r.leaflet.meta.id: r.leaflet.meta.title for r in readings}
    mistakes = {e.path.parent.name: e for e in [*errors, *found.refused]}
    names = sorted({*titles, *mistakes})
    width = max((len(n) for n in names), default=0)
    for name in names:
        print(f"{name:{width}}  {titles[name] if name in titles else f'(cannot be read: {mistakes[name]})'}")
    return 0


def _formats(args: argparse.Namespace) -> int:
    if args.make:
        print("FORMATS := " + " ".join(registry.names()))
    elif args.markdown:
        print("\n".join(registry.markdown_table()))
    else:
        width = max(len(n) for n in registry.names())
        for known in registry.FORMATS:
            print(f"{known.name:{width}}  {known.summary}")
    return 0


def _voices(args: argparse.Namespace) -> int:
    from leaflet.media.speech.engines import voices as natural
    from leaflet.media.speech.engines.offline import default_voice, voices

    print(f"{'ENGINE':8} {'VOICE':24} {'ID':28} NAME")
    for found in natural.VOICES:
        print(f"{'neural':8} {found.name:24} {found.id:28} {found.description}")
    default = default_voice("en-GB")
    for voice in voices():
        note = "  (for en-GB leaflets with --engine espeak)" if voice == default else ""
        print(f"{'espeak':8} {voice.short:24} {voice.id:28} {voice.name}{note}")
    if args.samples:
        from leaflet.media.speech.showcase import write_samples

        for path in write_samples(args.samples):
            print(f"wrote {path}")
    return 0


def _dump(args: argparse.Namespace) -> int:
    from leaflet.core.dump import to_json
    from leaflet.pipeline import reading

    readings, errors, warnings = reading.read_all(folders_module.find_leaflets(args.source, [args.id]))
    _show_reading(errors, warnings)
    (read,) = readings
    print(json.dumps(to_json(read.leaflet), indent=2, ensure_ascii=False))
    return 0


def _pictures(args: argparse.Namespace) -> int:
    from leaflet.media.symbols import report  # the symbol set loads only for this command

    if args.find:
        print("\n".join(report.find_names(args.find)) or f"no symbol has '{args.find}' in its name")
        if not args.id:
            return 0
    if not args.id:
        raise OptionError("name a leaflet (leaflet pictures ID) or a word to look for (leaflet pictures --find WORD)")
    from leaflet.core.files import write_bytes_atomic
    from leaflet.core.model import APPROVED_NAME
    from leaflet.reader import read_leaflet
    from leaflet.reader.approvals import approvals_text, read_approvals

    (folder,) = folders_module.find_leaflets(args.source, [args.id])  # the one finder: the same refusals
    leaflet = read_leaflet(folder).leaflet
    if leaflet.easy_read is None:
        print(f"{args.id} has no easy-read.md: no pictures to review")
        return 0
    record = folder / APPROVED_NAME
    approved = read_approvals(record)
    if args.accept:
        now = report.accepted(leaflet, approved)
        write_bytes_atomic(record, approvals_text(now).encode())
        new = sum(1 for words, picture in now.items() if approved.get(words) != picture)
        print(f"approved the pictures of {len(now)} points ({new} newly) in {record}")
        leaflet, approved = read_leaflet(folder).leaflet, now
    print("\n".join(report.report(leaflet, approved)))
    sheet = args.sheet or args.out / args.id / f"{args.id}.pictures-review.html"
    sheet.parent.mkdir(parents=True, exist_ok=True)
    command = f"leaflet pictures {args.id} --accept"
    write_bytes_atomic(sheet, report.review_sheet(leaflet, approved, command).encode())
    print(f"wrote the review sheet {sheet}")
    return 0
