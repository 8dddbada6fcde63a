"""``leaflet serve``: its options, and starting the service (imported only when it runs)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from leaflet.core.diagnostics import BuildError, OptionError
from leaflet.pipeline import executors
from leaflet.pipeline.folders import add_source

DEFAULT_CACHE = Path(".cache/leaflet-serve")


def add_command(command: Callable[[str, str, str], argparse.ArgumentParser], default_jobs: int) -> None:
    """Add ``serve`` with ``command(name, summary, description)``, the CLI's own helper."""
    serve = command(
        "serve",
        "start the request pages and the JSON API on this machine",
        "Serve pages where patients choose a leaflet, a format and their settings and get the file at once, "
        "and the same as a JSON API under /api/v1. Stop it with Ctrl-C or SIGTERM.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", default="8000", help="port to listen on, 1 to 65535 (default: %(default)s)")
    add_source(serve)
    serve.add_argument(
        "--out",
        type=Path,
        default=Path("outputs"),
        metavar="DIR",
        help="the build's output folder: a file there that is current is served as it is (default: %(default)s)",
    )
    serve.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR", help="folder for made files (default: %(default)s)"
    )
    serve.add_argument(
        "--cache-size", default="1024", metavar="MB", help="most megabytes the cache keeps (default: %(default)s)"
    )
    serve.add_argument(
        "--jobs", "-j", default=str(default_jobs), metavar="N", help="worker processes (default: %(default)s)"
    )
    executors.add_options(serve)
    serve.add_argument("--queue", default="16", metavar="N", help="most jobs waiting or running (default: %(default)s)")
    serve.add_argument(
        "--allow-online-speech",
        action="store_true",
        help="let callers ask for --engine gtts, which sends the leaflet's text to Google (default: refused)",
    )
    serve.add_argument(
        "--wait",
        default="5",
        metavar="SECONDS",
        help="how long a request waits for a new file before answering 202 (default: 5)",
    )
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check every setting (a mistake is one line and exit 2, before anything starts), then serve."""
    from leaflet.service.core import Config
    from leaflet.service.server import run as serve

    port = _whole("--port", args.port, 1, 65535)
    config = Config(
        source=_source(args.source),
        out=args.out,
        cache=args.cache,
        jobs=_whole("--jobs", args.jobs, 1, 256),
        queue=_whole("--queue", args.queue, 1, 100_000),
        cache_bytes=max(1, int(_number("--cache-size", args.cache_size, 0.001, 10**7) * 1024 * 1024)),
        wait=_number("--wait", args.wait, 0, 600),
        executor=args.executor,
        scheduler=args.scheduler,
        online_speech=args.allow_online_speech,
    )
    executors.from_options(args.executor, args.scheduler, config.jobs)  # a wrong --scheduler is said now
    _writable(args.cache)
    serve(config, args.host, port)
    return 0


def _whole(flag: str, raw: str, low: int, high: int) -> int:
    """``raw`` as a whole number from ``low`` to ``high``, or an ``OptionError`` naming ``flag`` and the range."""
    if not raw.strip().isdigit():
        raise OptionError(f"{flag} {raw[:40]!r} is not a whole number; give a whole number from {low} to {high}")
    return int(_number(flag, raw, low, high))


def _number(flag: str, raw: str, low: float, high: float) -> float:
    """``raw`` as a number from ``low`` to ``high``, or an ``OptionError`` naming ``flag`` and the range."""
    try:
        value = float(raw)
    except ValueError:
        raise OptionError(f"{flag} {raw[:40]!r} is not a number; give a number from {low:g} to {high:g}") from None
    if not low <= value <= high:  # NaN is not between them either
        raise OptionError(f"{flag} {raw[:40]} is out of range; give a number from {low:g} to {high:g}")
    return value


def _source(source: Path) -> Path:
    if not source.is_dir():
        raise OptionError(f"--source {source}: no such folder; give the folder that holds one folder per leaflet")
    return source


def _writable(cache: Path) -> None:
    """Refuse a cache folder that cannot be made or written (the service keeps every file it makes there)."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        probe = cache / ".leaflet-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise BuildError(
            f"--cache {cache}: cannot write there ({error.strerror}); give a folder you can write to"
        ) from None
