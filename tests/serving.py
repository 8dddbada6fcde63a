"""Start the real service (``leaflet serve`` in a subprocess, on a free local port) for the service's tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from leaflet.core.model import APPROVED_NAME

ROOT = Path(__file__).resolve().parent.parent
PICTURE = ROOT / "tests" / "fixtures" / "leaflets" / "every-feature" / "heart.png"
STARTUP_SECONDS = 120  # workers import the renderers; a loaded machine is slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    source: Path
    cache: Path
    log: Path

    @property
    def out(self) -> Path:
        """The build's output folder the service serves current files from."""
        return self.cache.parent / "outputs"

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120)

    def stop(self) -> bool:
        """SIGTERM, as a service manager stops it; True when it shut down cleanly.

        uvicorn ends by raising the signal it caught again, so a clean stop exits by SIGTERM.
        """
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=120)
        return status in (0, -signal.SIGTERM) and "Application shutdown complete" in self.logged()

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


# A liblouis that is not there: braille jobs fail in the worker, as on a machine without it, so the
# service's answer to a failing job can be seen (every other format works as usual).
NO_LIBLOUIS = {"LEAFLET_LIBLOUIS": "/nonexistent/liblouis.so.20"}


def start(source: Path, cache: Path, *extra: str, env: dict[str, str] | None = None) -> Server:
    port = free_port()
    log = cache.parent / f"serve-{port}.log"
    command = [sys.executable, "-m", "leaflet", "serve", "--source", str(source), "--cache", str(cache)]
    command += ["--out", str(cache.parent / "outputs")]  # the build's folder, as the service reads it
    command += ["--port", str(port), "--jobs", "1", *extra]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=environment)
    server = Server(f"http://127.0.0.1:{port}", process, source, cache, log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"leaflet serve exited with {process.returncode}:\n{server.logged()}")
        try:
            if httpx.get(f"{server.url}/api/v1/status", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    raise AssertionError(f"leaflet serve did not answer within {STARTUP_SECONDS} s:\n{server.logged()}")


SMALL_LEAFLET = """\
---
title: Looking after your new hip
publisher: Test Health Trust
published: 2026-01-15
url: https://www.example.org/leaflets/new-hip
---

# Looking after your new hip

This leaflet tells you how to look after your hip after the operation.

## Moving about

Walk a little every day. Use your crutches for the first six weeks.

## Getting help

Call your ward if your hip gets hot, red or more painful.
"""

SMALL_EASY_READ = """\
# Your new hip

## Moving about

- Walk a little every day.
- Use your crutches for six weeks.

## Getting help

- Call your ward if your hip hurts more.
"""

# The pictures the publisher chooses for SMALL_EASY_READ, looked at and approved (leaflet pictures new-hip --accept).
SMALL_APPROVED = """\
approved:
- point: Walk a little every day.
  picture: person walking
- point: Use your crutches for six weeks.
  picture: crutch
- point: Call your ward if your hip hurts more.
  picture: telephone receiver
"""

SECOND_LEAFLET = """\
---
title: Eating well after a stroke
publisher: Test Health Trust
published: 2026-02-01
---

# Eating well after a stroke

## Meals

Eat small meals often. Drink plenty of water.
"""

BROKEN_PICTURE = """\
---
title: A leaflet with a broken picture
publisher: Test Health Trust
published: 2026-01-15
---

# A leaflet with a broken picture

## The picture

![A diagram of the hip](hip.png)
"""


def served(base: Path, *extra: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """A module's server on the test source in ``base`` (for a fixture to yield from), stopped cleanly after."""
    running = start(make_source(base / "source"), base / "cache", *extra, env=env)
    yield running
    assert running.stop(), running.logged()


def make_source(folder: Path) -> Path:
    """A source folder of small test leaflets (no test depends on what source/ holds)."""
    hip = folder / "new-hip"
    hip.mkdir(parents=True)
    (hip / "leaflet.md").write_text(SMALL_LEAFLET, encoding="utf-8")
    (hip / "easy-read.md").write_text(SMALL_EASY_READ, encoding="utf-8")
    (hip / APPROVED_NAME).write_text(SMALL_APPROVED, encoding="utf-8")  # served as built: every picture approved
    stroke = folder / "eating-after-stroke"
    stroke.mkdir()
    (stroke / "leaflet.md").write_text(SECOND_LEAFLET, encoding="utf-8")
    shutil.copytree(ROOT / "tests" / "fixtures" / "leaflets" / "every-feature", folder / "every-feature")
    (folder / "every-feature" / "expected.json").unlink()
    broken = folder / "broken-picture"
    broken.mkdir()
    (broken / "leaflet.md").write_text(BROKEN_PICTURE, encoding="utf-8")
    (broken / "hip.png").write_bytes(b"this is not a png")  # a mistake in a source: not offered at all
    return folder


def wait_until_ready(client: httpx.Client, url: str, seconds: float = 180) -> httpx.Response:
    """Ask ``url`` again, as Retry-After says, until it is no longer 202."""
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(url)
        if response.status_code != 202 or time.monotonic() > deadline:
            return response
        time.sleep(min(float(response.headers["Retry-After"]), 1.0))
