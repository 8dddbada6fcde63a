"""One short-lived process that says one text with pyttsx3 and eSpeak NG, into a WAV file.

Run as ``python -m leaflet.speech.engines.espeak_worker --voice V --rate R --out F``
with the text on standard input, or with ``--list`` to print the voices as JSON.

Why a process per text: the same text said twice by one long-lived engine
can come out as different bytes, while a fresh process says it the same way
every time. Why the waiting: ``runAndWait()`` can return before the file is
written, so the worker waits for the engine's ``finished-utterance`` event,
with a time limit, and exits non-zero if it never comes.

eSpeak NG comes from the ``espeakng-loader`` package: its data folder must be
named in ``ESPEAK_DATA_PATH`` and its library loaded globally *before*
pyttsx3 looks for one, or pyttsx3 finds none (or a different system one).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import io
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

STALLED = 3  # exit status when the engine never says it has finished


def load_espeak() -> Any:
    """Point eSpeak NG at its data and load its library; then import and start pyttsx3."""
    import espeakng_loader

    os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    import pyttsx3

    return pyttsx3.init("espeak")


def voices(engine: Any) -> list[dict[str, str]]:
    return [
        {"id": v.id, "name": v.name, "language": (v.languages or [""])[0], "gender": v.gender or ""}
        for v in engine.getProperty("voices")
    ]


def settle(engine: Any, voice: str, rate: int) -> None:
    """Put the voice and rate in force before any text is queued.

    With eSpeak NG's asynchronous output, a parameter is a command in its own
    queue. Set through pyttsx3's queue, a rate change could land part-way
    through an utterance on a busy machine, so the same text came out at two
    speeds from run to run. Setting them on the driver and waiting for
    eSpeak NG's queue to empty makes every run say it the same way.
    """
    from pyttsx3.drivers import _espeak

    driver = engine.proxy._driver
    driver.setProperty("voice", voice)
    driver.setProperty("rate", rate)
    driver.setProperty("volume", 1.0)
    _espeak.Synchronize()
    in_force = _espeak.dll.espeak_GetParameter(_espeak.RATE, 1)  # pyttsx3 binds it without "current"
    if in_force != rate:
        raise RuntimeError(f"eSpeak NG did not take rate {rate} (it has {in_force})")


def say(engine: Any, text: str, voice: str, rate: int, out: Path, timeout: float) -> bool:
    """Say ``text`` into ``out``; True once the engine reports it finished and the file is there."""
    finished = threading.Event()
    engine.connect("finished-utterance", lambda name, completed: finished.set())
    settle(engine, voice, rate)
    # pyttsx3 prints "Audio saved to ..." on standard output; keep ours clean.
    with contextlib.redirect_stdout(io.StringIO()):
        engine.save_to_file(text, str(out))
        engine.runAndWait()
        done = finished.wait(timeout)
    return done and out.is_file() and out.stat().st_size > 44


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="espeak_worker")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--voice", default="gmw/en")
    parser.add_argument("--rate", type=int, default=150)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    engine = load_espeak()
    if args.list:
        json.dump(voices(engine), sys.stdout)
        return 0
    text = sys.stdin.buffer.read().decode("utf-8")
    if not say(engine, text, args.voice, args.rate, args.out, args.timeout):
        print(f"eSpeak NG did not finish within {args.timeout:.0f} s", file=sys.stderr)
        sys.stderr.flush()
        os._exit(STALLED)  # the engine's thread may still hang: do not wait for it
    sys.stdout.flush()
    os._exit(0)  # eSpeak NG can assert when Python tears it down; the file is complete


if __name__ == "__main__":
    sys.exit(main())
