"""The online engine: Google's voice through gTTS. Never the default: it sends the text to Google.

Every request has a time limit (gTTS waits for ever by default); audio is
kept in memory, so a failure writes nothing; HTTP 429 (too many requests)
is retried a bounded number of times with growing pauses; no network is a
one-line error.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Generator, Sequence
from pathlib import Path

from leaflet.core.diagnostics import BuildError, Unreachable
from leaflet.media.speech.engines.base import Tick
from leaflet.media.speech.mp3 import decode_mp3
from leaflet.media.speech.samples import write_wav

TIMEOUT = 10.0  # seconds for each request
RETRIES = 4  # after HTTP 429, at most this many more tries
BACKOFF = 2.0  # seconds before the first retry, doubled each time
# Google's accents: the top-level domain picks them.
_ACCENTS = {"gb": "co.uk", "au": "com.au", "in": "co.in", "ie": "ie", "ca": "ca", "za": "co.za"}


class GttsEngine:
    """gTTS, asked one section at a time."""

    name = "gtts"
    cores = 1  # one request at a time: the service throttles callers

    def __init__(self, language: str, *, sleep: Callable[[float], None] | None = None) -> None:
        parts = language.lower().split("-")
        self.lang = parts[0]
        self.tld = _ACCENTS.get(parts[1], "com") if len(parts) > 1 else "com"
        self.sleep = sleep or time.sleep

    def synthesise(
        self, texts: Sequence[str], folder: Path, tick: Tick, runs: Sequence[int] = ()
    ) -> Generator[Path, None, None]:  # each text is its own request: runs change nothing
        for number, text in enumerate(texts):
            path = folder / f"{number:03d}.wav"
            write_wav(path, decode_mp3(self._fetch(text)))  # at the pipeline's rate: miniaudio resamples
            tick()
            yield path

    def _fetch(self, text: str) -> bytes:
        from gtts import gTTS, gTTSError

        for attempt in range(RETRIES + 1):
            buffer = io.BytesIO()
            try:
                gTTS(text, lang=self.lang, tld=self.tld, lang_check=False, timeout=TIMEOUT).write_to_fp(buffer)
                return buffer.getvalue()
            except gTTSError as error:
                status = getattr(error.rsp, "status_code", None)
                if status == 429 and attempt < RETRIES:
                    self.sleep(BACKOFF * 2**attempt)
                    continue
                raise _failure(status, attempt) from None
        raise AssertionError("unreachable")  # the loop returns or raises


def _failure(status: int | None, attempt: int) -> BuildError:
    """Why nothing was said: ``Unreachable`` (try again later) when the service cannot be reached or is busy."""
    later = status is None or status == 429 or status >= 500
    return (Unreachable if later else BuildError)(_why(status, attempt))


def _why(status: int | None, attempt: int) -> str:
    if status is None:
        return (
            "the gtts engine could not reach Google's speech service (no network?); nothing was written. "
            "The offline engine, the default, needs no network"
        )
    if status == 429:
        return f"Google's speech service is refusing requests (HTTP 429) after {attempt + 1} tries; nothing was written; try later"
    return f"Google's speech service answered HTTP {status}; nothing was written"
