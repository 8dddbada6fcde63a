"""The natural voice: Kokoro-82M (int8 ONNX) with a British voice, on this machine, sentence by sentence.

Each text (an MP3's section, a talking book's fragment) is cut into its
paragraphs and sentences; each sentence is one clip, looked up first in
the clip cache (``leaflet.media.speech.clips``: keyed by engine, voice,
speed, text and the model's own digest), and only the missing ones are
said. They are said side by side by worker processes
(``neural_worker``), as many as the job's share of cores, each with
onnxruntime on one thread, so the samples do not depend on the machine or
the core count; the longest sentences go first, so the workers finish
together. A text's WAV file is its clips joined with our own pauses, and
it is handed on as soon as its clips are there.

The model and voice files are checked by sha256 before anything is said
(``leaflet.media.speech.voicefiles``): a missing or damaged one stops the
build with the command that installs it, never another voice instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import leaflet.media.speech.engines.voices as natural
from leaflet.core.diagnostics import BuildError
from leaflet.core.text import sentences
from leaflet.media.speech import DEFAULT_RATE, SAMPLE_RATE, voicefiles
from leaflet.media.speech.clips import ClipCache, key
from leaflet.media.speech.engines.base import Tick
from leaflet.media.speech.engines.espeak_worker import opening

WORKER = [sys.executable, "-m", "leaflet.media.speech.engines.neural_worker"]
SENTENCE_GAP = 0.3  # seconds of silence between sentences of a paragraph
PARAGRAPH_GAP = 0.65  # between paragraphs
# Limits catch a stalled worker, not a slow one: on a machine shared with much other work (a load of 13 on 2
# cores was seen) one sentence can take a minute or more. A sentence of 150 characters takes 1-5 s alone.
START_LIMIT = 300.0  # seconds a worker may take to load the model
BASE_LIMIT = 300.0  # seconds a sentence may take, plus one per character
# Kokoro's British voices at speed 1 say the spoken script at about this many words a minute (measured on the
# NICE leaflet's script, words as the script counts them): --rate is mapped onto the model's speed from it.
NATURAL_WPM = 165.0
# A sentence of this many words or fewer is said without its full stop: with it, Kokoro ends a short
# utterance with a stray sound after the last word (Whisper heard 'About this leaflet.' as 'About this
# leafletter', 'Blood tests.' as 'Blood tests, eh?', 'Contact us.' as 'Contact RC': 8 of 8 such headings;
# without the stop, none). The builder's pause after the clip ends the sentence.
SHORT_SENTENCE = 4


def speed(rate: int) -> float:
    """The model's speed for ``rate`` words a minute (150, the default, is a little slower than its own)."""
    return round(rate / NATURAL_WPM, 4)


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence of a text: what is said, its clip's cache key, and the silence after it."""

    text: str
    key: str
    gap: float


class NeuralEngine:
    """Kokoro-82M with a British voice, through onnxruntime, in worker processes."""

    name = "neural"

    def __init__(
        self, voice: str | None, rate: int = DEFAULT_RATE, cores: int = 1, cache: ClipCache | None = None
    ) -> None:
        self.voice = voice or natural.DEFAULT.id
        self.rate = rate
        self.cores = cores  # the job's share: as many worker processes at most
        self.cache = cache

    def synthesise(
        self, texts: Sequence[str], folder: Path, tick: Tick, runs: Sequence[int] = ()
    ) -> Generator[Path, None, None]:
        """Each text's clips, from the cache or said now, joined into ``NNN.wav``; yielded in order. ``runs``
        change nothing: every sentence is said on its own."""
        model, digest = voicefiles.model()
        style = voicefiles.voice(self.voice)
        cache = self.cache or ClipCache()
        said = speed(self.rate)
        parts = [_pieces(text, [self.name, self.voice, said, digest, _front_end()]) for text in texts]
        clips = folder / "clips"
        clips.mkdir(exist_ok=True)
        wanted = {p.key: p.text for pieces in parts for p in pieces}
        missing = {k: t for k, t in wanted.items() if not cache.take(k, clips / f"{k}.wav")}
        with _Workers(model, min(self.cores, len(missing)), cache) as workers:
            made = workers.say(missing, str(style), said, clips)
            for number, pieces in enumerate(parts):
                for piece in pieces:
                    if piece.key in made and not made[piece.key].result():  # another build was making it
                        workers.wait_for(piece.key, piece.text, str(style), said, clips)
                path = folder / f"{number:03d}.wav"
                _join([(clips / f"{p.key}.wav", p.gap) for p in pieces], path)
                tick()
                yield path
        cache.trim()


def _front_end() -> str:
    """What else decides a clip: the G2P's version and the pipeline's rate."""
    from leaflet.core.installed import version

    return f"hibari-tts {version('hibari-tts')}, {SAMPLE_RATE} Hz"


def _pieces(text: str, making: list[object]) -> list[Piece]:
    """The text's sentences, paragraph by paragraph, each with its key and the pause after it."""
    found: list[Piece] = []
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for number, paragraph in enumerate(paragraphs):
        said = sentences(" ".join(paragraph.split()), "en")
        for index, sentence in enumerate(said):
            last = index == len(said) - 1
            gap = 0.0 if last and number == len(paragraphs) - 1 else PARAGRAPH_GAP if last else SENTENCE_GAP
            said_as = _short_unstopped(sentence)
            found.append(Piece(said_as, key([*making, said_as]), gap))
    if not found:
        raise BuildError("the natural voice was given nothing to say")
    return found


def _short_unstopped(sentence: str) -> str:
    """``sentence`` as the model is given it: a short one ('About this leaflet.') without its full stop."""
    if len(sentence.split()) <= SHORT_SENTENCE and sentence.endswith(".") and not sentence.endswith(".."):
        return sentence[:-1]
    return sentence


def _join(clips: list[tuple[Path, float]], out: Path) -> None:
    """The clips one after another, each followed by its silence, as one WAV file."""
    with wave.open(str(out), "wb") as joined:
        joined.setnchannels(1)
        joined.setsampwidth(2)
        joined.setframerate(SAMPLE_RATE)
        for path, gap in clips:
            with wave.open(str(path), "rb") as clip:
                joined.writeframes(clip.readframes(clip.getnframes()))
            joined.writeframes(b"\0\0" * round(gap * SAMPLE_RATE))


class _Workers:
    """Up to ``count`` worker processes, each driven by a thread of its own, started as work needs them."""

    def __init__(self, model: Path, count: int, cache: ClipCache) -> None:
        self.model = model
        self.cache = cache
        self.count = max(1, count)
        self.pool = ThreadPoolExecutor(max_workers=self.count, thread_name_prefix="natural-voice")
        self.local = threading.local()
        self.started: list[subprocess.Popen[str]] = []
        self.lock = threading.Lock()
        self.errors: dict[int, IO[str]] = {}
        self.failure: str | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        for worker in self.started:
            with contextlib.suppress(OSError):
                if worker.stdin:
                    worker.stdin.close()
            if worker.poll() is None:
                worker.kill()
            worker.wait()
        for errors in self.errors.values():
            errors.close()

    def say(self, texts: dict[str, str], voice: str, speed: float, clips: Path) -> dict[str, Future[bool]]:
        """Each text said into ``clips/<key>.wav`` and kept in the cache, the longest first; a future's result
        is False where another build was making that clip (``wait_for`` it)."""
        order = sorted(texts, key=lambda k: (-len(texts[k]), k))
        return {k: self.pool.submit(self._make, k, texts[k], voice, speed, clips) for k in order} if texts else {}

    def _make(self, name: str, text: str, voice: str, speed: float, clips: Path) -> bool:
        if not self.cache.claim(name):
            return False
        try:
            self._say(text, voice, speed, clips / f"{name}.wav")
            self.cache.keep(name, clips / f"{name}.wav")
        finally:
            self.cache.release(name)
        return True

    def wait_for(self, name: str, text: str, voice: str, speed: float, clips: Path) -> None:
        """The clip another build was making: taken from the cache once it is there, or made here if that
        build gave it up."""
        while not self.cache.take(name, clips / f"{name}.wav"):
            if not self.cache.making(name) and self.pool.submit(self._make, name, text, voice, speed, clips).result():
                return
            time.sleep(0.2)

    def _worker(self) -> subprocess.Popen[str]:
        worker: subprocess.Popen[str] | None = getattr(self.local, "worker", None)
        if worker is None:
            environment = os.environ | {"OMP_NUM_THREADS": "1"}
            command = [*WORKER, "--model", str(self.model), "--sample-rate", str(SAMPLE_RATE)]
            errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115  (closed in __exit__; a pipe could fill and stall the worker)
            worker = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True, env=environment
            )
            self.errors[worker.pid] = errors
            with self.lock:
                self.started.append(worker)
            self.local.worker = worker
            answer = _answer(worker, START_LIMIT)
            if answer != "ready":
                raise BuildError(f"the natural voice could not start: {answer or self._last_words(worker)}")
        return worker

    def _say(self, text: str, voice: str, speed: float, out: Path) -> None:
        if self.failure:  # a worker failed: the build stops with that first reason, not a later one
            raise BuildError(self.failure)
        worker = self._worker()
        assert worker.stdin is not None
        request = {"text": text, "voice": voice, "speed": speed, "out": str(out)}
        try:
            worker.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            worker.stdin.flush()
        except OSError:
            raise BuildError(f"the natural voice stopped before {opening(text)}: {self._last_words(worker)}") from None
        answer = _answer(worker, BASE_LIMIT + len(text))
        if answer != "ok":
            self.failure = f"the natural voice failed on {opening(text)}: {answer or self._last_words(worker)}"
            raise BuildError(self.failure)

    def _last_words(self, worker: subprocess.Popen[str]) -> str:
        """What a worker that stopped said last on its standard error."""
        if worker.poll() is None:
            worker.kill()
        worker.wait()
        errors = self.errors[worker.pid]
        errors.seek(0)
        said = errors.read().strip().splitlines()
        return said[-1] if said else f"it stopped (status {worker.returncode})"


def _answer(worker: subprocess.Popen[str], limit: float) -> str | None:
    """The worker's next line, or None if it ends or says nothing within ``limit`` seconds (then it is ended)."""
    assert worker.stdout is not None
    watchdog = threading.Timer(limit, worker.kill)
    watchdog.start()
    try:
        line = worker.stdout.readline()
    finally:
        watchdog.cancel()
    if not line:
        return None
    return line.strip().removeprefix("error: ")
