"""The ``leaflet`` command: build, check, list, formats, voices, dump.

Exit status: 0 success, 1 a build or check failed, 2 a mistake in a source
or on the command line. A user's mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from leaflet import __version__, build, renderers
from leaflet.checks import readability
from leaflet.diagnostics import LeafletError
from leaflet.dump import to_json
from leaflet.model import Leaflet
from leaflet.options import PERSONAL_OPTIONS

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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leaflet",
        description="Publish patient leaflets in accessible formats (e-text, large print, Word, easy read, audio) from one Markdown source.",
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
    personal = build_cmd.add_argument_group(
        "personal options",
        "A variant made with these carries them in its file name and never replaces the default file.",
    )
    for name, (metavar, help_text) in PERSONAL_OPTIONS.items():
        flags = [f"--{name}"] + (["--colors"] if name == "colours" else [])
        personal.add_argument(*flags, dest=f"opt_{name}", metavar=metavar, help=help_text)
    build_cmd.set_defaults(run=_build)

    check_cmd = command(
        "check",
        "check sources and print their readability",
        "Check every source (as a build would) and print a readability table per leaflet and section.",
    )
    _add_ids(check_cmd)
    _add_folders(check_cmd, out=True)
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.set_defaults(run=_check)

    list_cmd = command("list", "list the leaflets in the source folder", "List each leaflet's id and title.")
    _add_folders(list_cmd, out=False)
    list_cmd.set_defaults(run=_list)

    formats_cmd = command("formats", "list the output formats", "List the formats 'build --format' takes.")
    formats_cmd.set_defaults(run=_formats)

    voices_cmd = command(
        "voices",
        "list the voices of the offline speech engine",
        "List the eSpeak NG voices 'build --voice' takes; give either column. "
        "A leaflet is read in the voice for its language unless --voice says otherwise.",
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
    return parser


def _add_ids(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="leaflet folder names (default: every leaflet)")


def _add_folders(parser: argparse.ArgumentParser, *, out: bool) -> None:
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("source"),
        metavar="DIR",
        help="folder with one folder per leaflet (default: source)",
    )
    if out:
        parser.add_argument(
            "--out", type=Path, default=Path("outputs"), metavar="DIR", help="folder for the outputs (default: outputs)"
        )


def _read(args: argparse.Namespace) -> list[build.Reading]:
    """Read the chosen leaflets; print every error and warning; exit 2 on any error."""
    folders = build.find_leaflets(args.source, getattr(args, "ids", ()))
    readings, errors, warnings = build.read_all(folders, strict=getattr(args, "strict", False))
    for warning in warnings:
        print(warning, file=sys.stderr)
    for error in errors:
        print(f"{error}", file=sys.stderr)
    if errors:
        raise _Reported(f"{len(errors)} error(s) in the sources; nothing was written")
    return readings


class _Reported(LeafletError):
    """The details were printed already; this is the one-line summary."""


def _build(args: argparse.Namespace) -> int:
    values = {
        name: getattr(args, f"opt_{name}") for name in PERSONAL_OPTIONS if getattr(args, f"opt_{name}") is not None
    }
    formats = args.formats or list(renderers.names())
    for name in formats:
        renderers.get(name)  # an unknown name fails before any reading
    readings = _read(args)
    jobs = build.plan(readings, formats, values, explicit=bool(args.formats))
    report = None if args.quiet else (lambda line: print(line, file=sys.stderr))
    outcome = build.run(jobs, args.out, report)
    for warning in outcome.warnings:
        print(warning, file=sys.stderr)
    if not args.quiet:
        for path in outcome.written:
            print(f"wrote {path}")
    for failure in outcome.failures:
        print(f"leaflet: failed: {failure}", file=sys.stderr)
    if args.strict and outcome.warnings:
        return 1
    return 1 if outcome.failures else 0


def _check(args: argparse.Namespace) -> int:
    failed = False
    for reading in _read(args):
        leaflet = reading.leaflet
        print(f"{leaflet.meta.id}: {leaflet.meta.title}")
        print(readability.table(readability.report(leaflet)))
        print(readability.LEGEND)
        failed |= _audit(leaflet, args.out / leaflet.meta.id)
        print()
    return 1 if failed else 0


def _audit(leaflet: Leaflet, out_dir: Path) -> bool:
    """Run every format's audit of its built file; True when any found a problem."""
    failed = False
    for name in renderers.names():
        audit = getattr(renderers.get(name), "audit", None)
        if audit is None:
            continue
        result = audit(leaflet, out_dir)
        print(f"  {name}: {'FAIL' if result.problems else 'ok'}")
        for note in result.notes:
            print(f"    {note}")
        for problem in result.problems:
            print(f"    problem: {problem}")
        failed |= bool(result.problems)
    return failed


def _list(args: argparse.Namespace) -> int:
    for folder in build.find_leaflets(args.source):
        print(folder.name)
    return 0


def _formats(args: argparse.Namespace) -> int:
    width = max(len(n) for n in renderers.names())
    for name in renderers.names():
        print(f"{name:{width}}  {renderers.get(name).SUMMARY}")
    return 0


def _voices(args: argparse.Namespace) -> int:
    from leaflet.speech.engines.offline import default_voice, voices

    default = default_voice("en-GB")
    print(f"{'VOICE':24} {'ID':28} NAME")
    for voice in voices():
        note = "  (the default for en-GB leaflets)" if voice == default else ""
        print(f"{voice.short:24} {voice.id:28} {voice.name}{note}")
    return 0


def _dump(args: argparse.Namespace) -> int:
    (reading,) = _read(argparse.Namespace(source=args.source, ids=[args.id]))
    print(json.dumps(to_json(reading.leaflet), indent=2, ensure_ascii=False))
    return 0
