"""The offline engine: pyttsx3 and eSpeak NG, a fresh process (forked) for each section.

eSpeak NG in a fresh state for each text (or run of texts), with the voice
and rate in force before the text is given, is what makes the audio
byte-identical from run to run (see ``espeak_worker``); one worker process
starts eSpeak NG once and forks a child per text or run, as many at a time as the job's share of
cores (given when the engine is made), and each file is handed on as soon as it and
those before it are written. Every text has a time
limit, and the worker as a whole another, so a stalled engine fails the
build clearly instead of hanging it.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import signal
import subprocess
import sys
import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from leaflet.core.diagnostics import BuildError
from leaflet.media.speech.engines.base import Tick
from leaflet.media.speech.engines.espeak_worker import FALLBACK_VOICE, STALLED, opening, voice_for

WORKER = [sys.executable, "-m", "leaflet.media.speech.engines.espeak_worker"]
BASE_LIMIT = 30.0  # seconds a worker may take, plus one per 100 characters of text
GRACE = 15.0  # further seconds before a worker that does not stop itself is killed
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
    """The voice for a leaflet's language (en-GB: British English), by the rule the worker follows."""
    listed = voices()
    chosen = voice_for([{"id": v.id, "language": v.language} for v in listed], language)
    if chosen is None:
        raise BuildError(f"eSpeak NG has no voice {FALLBACK_VOICE!r}; reinstall espeakng-loader")
    return next(v for v in listed if v.id == chosen)


class OfflineEngine:
    """eSpeak NG through pyttsx3, on this machine."""

    name = "espeak"

    def __init__(self, voice: str | None, rate: int, language: str = "en-GB", cores: int = 1) -> None:
        self.voice = voice  # None: the worker picks the language's voice (no process just to list them)
        self.rate = rate
        self.language = language
        self.cores = cores  # children saying texts at once: the job's share of --jobs

    def synthesise(
        self, texts: Sequence[str], folder: Path, tick: Tick, runs: Sequence[int] = ()
    ) -> Generator[Path, None, None]:
        """One worker process says them all, a child of it for each text (or each run of texts), the job's share
        of cores at a time; each file is handed on as soon as it and those before it are written."""
        limit = BASE_LIMIT * len(texts) + sum(len(t) for t in texts) / 100 + GRACE  # should the worker itself stall
        given = _in_runs(texts, runs)
        command = [*WORKER, "--rate", str(self.rate), "--folder", str(folder), "--language", self.language]
        command += ["--voice", self.voice] if self.voice else []
        command += ["--jobs", str(max(1, min(len(given), self.cores))), "--timeout", str(BASE_LIMIT)]
        worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        watchdog = threading.Timer(limit, worker.kill)
        watchdog.start()
        try:
            assert worker.stdin is not None and worker.stdout is not None
            with contextlib.suppress(BrokenPipeError):
                worker.stdin.write(json.dumps(given).encode("utf-8"))
                worker.stdin.close()
            done: set[int] = set()
            handed = 0
            for line in worker.stdout:
                done.add(int(line))
                tick()
                while handed in done:
                    yield folder / f"{handed:03d}.wav"
                    handed += 1
            status = worker.wait()
            if handed < len(texts):
                _failed(worker, status, texts[handed], limit)
        finally:
            watchdog.cancel()
            if worker.poll() is None:  # the files are not all wanted (a failure elsewhere): stop it
                worker.kill()
                worker.wait()


def _in_runs(texts: Sequence[str], runs: Sequence[int]) -> list[str | list[str]]:
    """The worker's input: a text said alone as itself, a run of texts said together as a list."""
    if not runs:
        return list(texts)
    if sum(runs) != len(texts) or min(runs) < 1:
        raise ValueError(f"runs {list(runs)} do not divide {len(texts)} texts")
    starts = [0, *itertools.accumulate(runs)]
    return [list(texts[low:high]) for low, high in itertools.pairwise(starts)]


def _failed(worker: subprocess.Popen[bytes], status: int, text: str, limit: float) -> None:
    """Why the worker ended early, in one line: the worker's own last word where it has one (it names the
    text or run that stalled or failed, which is not always the first one still missing here)."""
    assert worker.stderr is not None
    said = worker.stderr.read().decode("utf-8", "replace").strip().splitlines()
    if status == -signal.SIGKILL:  # the whole worker outlived its limit
        raise BuildError(f"eSpeak NG stalled: no audio after {limit:.0f} s for {opening(text)}")
    if status == STALLED:
        raise BuildError(f"eSpeak NG stalled: {said[-1] if said else f'no audio for {opening(text)}'}")
    if len(said) >= 2:  # the child's reason, then the worker's line naming its text
        raise BuildError(f"eSpeak NG: {said[-1]} ({said[-2]})")
    raise BuildError(f"eSpeak NG failed on {opening(text)}: {said[-1] if said else f'status {status}'}")


def _reason(error: BaseException) -> str:
    stderr = getattr(error, "stderr", None)
    if stderr:
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        if lines:
            return lines[-1]
    return str(error)
