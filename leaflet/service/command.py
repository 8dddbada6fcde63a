"""``leaflet serve``: its options, and starting the service (imported only when it runs)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

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
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: %(default)s)")
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
        "--cache-size", type=float, default=1024.0, metavar="MB", help="most megabytes the cache keeps (default: 1024)"
    )
    serve.add_argument(
        "--jobs", "-j", type=int, default=default_jobs, metavar="N", help="worker processes (default: %(default)s)"
    )
    executors.add_options(serve)
    serve.add_argument("--queue", type=int, default=16, metavar="N", help="most jobs waiting or running (default: 16)")
    serve.add_argument(
        "--wait",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="how long a request waits for a new file before answering 202 (default: 5)",
    )
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from leaflet.service.core import Config
    from leaflet.service.server import run as serve

    config = Config(
        source=args.source,
        out=args.out,
        cache=args.cache,
        jobs=max(1, args.jobs),
        queue=max(1, args.queue),
        cache_bytes=max(1, int(args.cache_size * 1024 * 1024)),
        wait=max(0.0, args.wait),
        executor=args.executor,
        scheduler=args.scheduler,
    )
    serve(config, args.host, args.port)
    return 0
