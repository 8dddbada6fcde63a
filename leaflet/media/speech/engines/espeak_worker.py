"""One process that says texts with eSpeak NG (through pyttsx3's binding), each into its own WAV file.

Run as ``python -m leaflet.media.speech.engines.espeak_worker --voice V --rate R --folder F``
with the texts on standard input as a JSON list (``NNN.wav`` in F for text
NNN, counted through the list; the number of each text done is printed on a
line as soon as it is), or with ``--out F`` and one text as plain text, or
with ``--list`` to print the voices as JSON. An item of the list that is
itself a list is a run of texts said one after another by one child.

Why a fresh process for each text (or run): eSpeak NG carries state from
one text to the next, so a text said after another comes out as different
bytes from the same text said first. This process starts eSpeak NG and
loads the voice once, then forks a child for each text or run (``--jobs``
at a time): every child starts from that same untouched state, so each
comes out exactly as a fresh process would say it, whichever child says it
and in whatever order, without starting Python and eSpeak NG again for
each. A run costs one child instead of one a text: a child's start (its
fork, and eSpeak NG's first text in it) costs about 1.5 ms, which for a
talking book's 70 short sentences was 8% of the job (measured); its texts
are said the same whatever came before the run.

Why synchronous: pyttsx3's own driver asks eSpeak NG for its sound on a
thread, queues the voice and rate behind the text (on a busy machine a text
could come out at the default rate), and gathers the sound by joining bytes
over and over, which grows with the square of the text's length. Here
eSpeak NG runs in its synchronous mode through pyttsx3's ctypes binding:
the voice and rate are in force before the text is given, and the sound is
kept in pieces and written once; the bytes are the same as pyttsx3's own
driver gives. A child that does not finish within its time limit (the
base ``--timeout`` plus a second per 100 characters) is ended, and the
process exits with status 3.

eSpeak NG comes from the ``espeakng-loader`` package: its data folder must be
named in ``ESPEAK_DATA_PATH`` and its library loaded globally *before*
pyttsx3 looks for one, or pyttsx3 finds none (or a different system one).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import signal
import sys
import time
import wave
from pathlib import Path
from typing import Any

STALLED = 3  # exit status when the engine never says it has finished
FALLBACK_VOICE = "gmw/en"  # British English


def _load_library() -> None:
    """Point eSpeak NG at its data and load its library, before pyttsx3 looks for one."""
    import espeakng_loader

    os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)


def voices() -> list[dict[str, str]]:
    """Every voice, as pyttsx3's driver lists them (without starting the driver, which takes a while)."""
    espeak, _ = _initialised()
    return _listed(espeak)


def _initialised() -> tuple[Any, int]:
    """eSpeak NG's binding, started in synchronous mode, and its sample rate."""
    _load_library()
    from pyttsx3.drivers import _espeak

    sample_rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 1000)
    if sample_rate <= 0:
        raise RuntimeError("eSpeak NG did not start")
    return _espeak, sample_rate


def _listed(espeak: Any) -> list[dict[str, str]]:
    found = []
    for voice in espeak.ListVoices(None):
        language = voice.languages[1:].decode("utf-8", errors="ignore") if voice.languages else ""
        gender = [None, "Male", "Female"][voice.gender] or ""
        found.append(
            {"id": voice.identifier.decode("utf-8").lower(), "name": voice.name.decode("utf-8"), "language": language}
            | {"gender": gender}
        )
    return found


def voice_for(listed: list[dict[str, str]], language: str) -> str | None:
    """The id of the voice for a leaflet's language: its own (en-GB: British English), else its base
    language's, else British English; None if there is none of them."""
    for wanted in (language, language.split("-")[0], FALLBACK_VOICE):
        for voice in sorted(listed, key=lambda v: v["id"]):
            if wanted.strip().lower() in (voice["id"], voice["language"].lower()):
                return voice["id"]
    return None


_PIECES: list[bytes] = []  # what eSpeak NG hands back while it speaks (each child fills its own copy)


def _heard(wav: Any, count: int, events: Any) -> int:
    if count > 0:
        _PIECES.append(ctypes.string_at(wav, count * 2))
    return 0


def start(voice: str | None, language: str) -> tuple[Any, int]:
    """eSpeak NG started in synchronous mode with ``voice`` (or the one for ``language``) loaded: its
    binding and its sample rate."""
    espeak, sample_rate = _initialised()
    espeak.SetSynthCallback(_heard)
    voice = voice or voice_for(_listed(espeak), language)
    if voice is None or espeak.SetVoiceByName(voice.encode("utf-8")) != 0:
        raise RuntimeError(f"eSpeak NG has no voice {voice or FALLBACK_VOICE!r}")
    return espeak, sample_rate


def say(espeak: Any, text: str, rate: int) -> bytes:
    """``text`` said at ``rate`` words a minute: 16-bit mono samples."""
    espeak.SetParameter(espeak.RATE, rate, 0)
    espeak.SetParameter(espeak.VOLUME, 100, 0)
    in_force = espeak.dll.espeak_GetParameter(espeak.RATE, 1)  # pyttsx3 binds it without "current"
    if in_force != rate:
        raise RuntimeError(f"eSpeak NG did not take rate {rate} (it has {in_force})")
    _PIECES.clear()
    espeak.Synth(text.encode("utf-8"), flags=espeak.ENDPAUSE | espeak.CHARS_UTF8)
    espeak.Synchronize()
    return b"".join(_PIECES)


def write(out: Path, sample_rate: int, samples: bytes) -> None:
    with wave.open(str(out), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(sample_rate)
        audio.writeframes(samples)


def say_all(
    texts: list[str],
    outs: list[Path],
    voice: str | None,
    language: str,
    rate: int,
    jobs: int,
    timeout: float,
    runs: list[range],
) -> int:
    """Each run of texts (a range of their numbers) said by a child of this process, one text after
    another, each into its file, ``jobs`` children at a time; the exit status."""
    try:
        espeak, sample_rate = start(voice, language)
    except RuntimeError as error:
        _fail(str(error), 1)
    # A child's end is waited for as a signal: held pending, so none is missed between looking and waiting.
    # The mask is this thread's: the worker must stay single-threaded (eSpeak NG's synchronous mode starts
    # no thread), or another thread could take the signal and each wait would last until a deadline.
    # (Looking every 2 ms left each text's next child unstarted for a millisecond or two on average: with
    # a talking book's 70 short fragments that was some 7% of a job's time, with nothing else to do.)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    waiting = list(runs)
    running: dict[int, tuple[range, float]] = {}  # child's pid: (its texts' numbers, deadline)
    while waiting or running:
        while waiting and len(running) < jobs:
            run = waiting.pop(0)
            pid = os.fork()
            if pid == 0:  # the child: say its texts, write each, say which is done, and go
                _child(espeak, [(n, texts[n], outs[n]) for n in run], rate, sample_rate)
            running[pid] = (run, time.monotonic() + timeout + sum(len(texts[n]) for n in run) / 100)
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            late = [run for run, deadline in running.values() if now > deadline]
            if late:
                _end(running)
                _fail(f"{_texts(late[0])} ({opening(texts[late[0].start])}) not said within its time limit", STALLED)
            signal.sigtimedwait({signal.SIGCHLD}, min(deadline for _, deadline in running.values()) - now + 0.01)
            continue
        run, _ = running.pop(pid)
        if os.waitstatus_to_exitcode(status) != 0:
            _end(running)
            _fail(f"{_texts(run)} ({opening(texts[run.start])}) failed", 1)
    return 0


def opening(text: str) -> str:
    """How a text is named in a message: its first 40 characters, quoted."""
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def _texts(run: range) -> str:
    return f"text {run.start}" if len(run) == 1 else f"texts {run.start}-{run.stop - 1}"


def _child(espeak: Any, said: list[tuple[int, str, Path]], rate: int, sample_rate: int) -> None:
    """Say each text in turn from the state this process was forked in; print each one's number once its
    file is written (one write of a short line: whole, beside other children's lines)."""
    try:
        for number, text, out in said:
            samples = say(espeak, text, rate)
            if not samples:
                raise RuntimeError("eSpeak NG said nothing")
            write(out, sample_rate, samples)
            os.write(sys.stdout.fileno(), f"{number}\n".encode())
    except Exception as error:
        print(error, file=sys.stderr, flush=True)
        os._exit(1)
    os._exit(0)  # not Python's exit: eSpeak NG can assert when Python tears it down


def _end(running: dict[int, tuple[range, float]]) -> None:
    for pid in running:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _fail(message: str, status: int) -> None:
    print(message, file=sys.stderr, flush=True)
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="espeak_worker")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--voice", help="a voice id; without it, the voice for --language")
    parser.add_argument("--language", default="en-GB")
    parser.add_argument("--rate", type=int, default=150)
    parser.add_argument("--out", type=Path, help="one text, from standard input as plain text, into this file")
    parser.add_argument("--folder", type=Path, help="texts, from standard input as a JSON list, into NNN.wav here")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="seconds for a text (or a run of texts), plus one per 100 characters",
    )
    args = parser.parse_args(argv)
    if args.list:
        json.dump(voices(), sys.stdout)
        sys.stdout.flush()
        os._exit(0)  # eSpeak NG can assert when Python tears it down
    given = sys.stdin.buffer.read().decode("utf-8")
    if args.out is not None:
        texts, outs, runs = [given], [args.out], [range(1)]
    else:
        texts, runs = _flattened(json.loads(given))
        outs = [args.folder / f"{n:03d}.wav" for n in range(len(texts))]
    sys.stdout.flush()
    os._exit(say_all(texts, outs, args.voice, args.language, args.rate, max(1, args.jobs), args.timeout, runs))


def _flattened(given: list[str | list[str]]) -> tuple[list[str], list[range]]:
    """The texts numbered in order, and the runs a child says together: a string is a text said alone,
    a list of strings texts said one after another."""
    texts: list[str] = []
    runs = []
    for item in given:
        run = [item] if isinstance(item, str) else item
        runs.append(range(len(texts), len(texts) + len(run)))
        texts += run
    return texts, runs


if __name__ == "__main__":
    sys.exit(main())
