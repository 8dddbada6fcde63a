"""The offline engine: pyttsx3 and eSpeak NG, one fresh worker process per section.

A fresh process per text, with the voice and rate in force before the text
is queued, is what makes the audio byte-identical from run to run (see
``espeak_worker``); the processes run side by side, one per CPU, and each
file is handed on as soon as it and those before it are written.
Each has a time limit, so a stalled engine fails the build clearly instead
of hanging it.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from leaflet.diagnostics import BuildError
from leaflet.speech.engines import Tick

WORKER = [sys.executable, "-m", "leaflet.speech.engines.espeak_worker"]
BASE_LIMIT = 30.0  # seconds a worker may take, plus one per 100 characters of text
GRACE = 15.0  # further seconds before a worker that does not stop itself is killed
FALLBACK_VOICE = "gmw/en"  # British English
# eSpeak NG's rate is words a minute of the script as written (measured on the
# NICE leaflet: 157 at 150, 125 at 120, 87 at 80), so it is passed straight on.


@dataclass(frozen=True, slots=True)
class Voice:
    """One eSpeak NG voice: its id (as ``--voice`` takes it), language and name."""

    id: str
    language: str
    name: str

    @property
    def short(self) -> str:
        """The language code, as file names carry it: 'en-gb-x-rp'."""
        return self.language or self.id.rsplit("/", 1)[-1]


@functools.cache
def voices() -> tuple[Voice, ...]:
    """Every voice of the offline engine, sorted by id (asked of a worker process)."""
    try:
        done = subprocess.run([*WORKER, "--list"], capture_output=True, timeout=60, check=True)
    except (subprocess.SubprocessError, OSError) as error:
        raise BuildError(f"could not start eSpeak NG to list its voices: {_reason(error)}") from None
    found = [Voice(v["id"], v["language"].lower(), v["name"]) for v in json.loads(done.stdout)]
    return tuple(sorted(found, key=lambda v: v.id))


def find_voice(name: str) -> Voice | None:
    """The voice ``name`` names, by id ('gmw/en-gb-x-rp') or language ('en-gb-x-rp'), or None."""
    wanted = name.strip().lower()
    for voice in voices():
        if wanted in (voice.id, voice.language):
            return voice
    return None


def default_voice(language: str) -> Voice:
    """The voice for a leaflet's language (en-GB: British English)."""
    return find_voice(language) or find_voice(language.split("-")[0]) or _must(find_voice(FALLBACK_VOICE))


def _must(voice: Voice | None) -> Voice:
    if voice is None:
        raise BuildError(f"eSpeak NG has no voice {FALLBACK_VOICE!r}; reinstall espeakng-loader")
    return voice


class OfflineEngine:
    """eSpeak NG through pyttsx3, on this machine."""

    name = "offline"

    def __init__(self, voice: str, rate: int) -> None:
        self.voice = voice
        self.rate = rate

    def synthesise(self, texts: Sequence[str], folder: Path, tick: Tick) -> Generator[Path, None, None]:
        jobs = [(text, folder / f"{n:03d}.wav") for n, text in enumerate(texts)]

        def one(job: tuple[str, Path]) -> Path:
            self._say(*job)
            tick()
            return job[1]

        pool = ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1)))
        try:
            yield from pool.map(one, jobs)
        finally:  # if the files are not all wanted (a failure), say no more texts
            pool.shutdown(wait=True, cancel_futures=True)

    def _say(self, text: str, out: Path) -> None:
        limit = BASE_LIMIT + len(text) / 100  # eSpeak NG says thousands of characters a second
        command = [*WORKER, "--voice", self.voice, "--rate", str(self.rate)]
        command += ["--out", str(out), "--timeout", str(limit)]
        try:
            subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=limit + GRACE, check=True)
        except subprocess.TimeoutExpired:
            raise BuildError(f"eSpeak NG stalled: no audio after {limit + GRACE:.0f} s for {_start(text)}") from None
        except subprocess.CalledProcessError as error:
            raise BuildError(f"eSpeak NG failed on {_start(text)}: {_reason(error)}") from None


def _start(text: str) -> str:
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def _reason(error: BaseException) -> str:
    stderr = getattr(error, "stderr", None)
    if stderr:
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        if lines:
            return lines[-1]
    return str(error)
