"""Samples as the mastering works on them: 16-bit mono WAV files at ``SAMPLE_RATE``, read and written in
blocks and chunks.

The sizes every stage agrees on live here: the limiter's block of 21
samples (about 1 ms), the 100 ms step that loudness gating is kept in, and
the chunk of about 3 s read at a time, so no recording is held whole.
"""

from __future__ import annotations

import contextlib
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from leaflet.core.diagnostics import BuildError
from leaflet.media.speech import SAMPLE_RATE

BLOCK = 21  # samples: the limiter works out its gain per millisecond or so, not per sample
STEP = SAMPLE_RATE // 10  # 100 ms: gating blocks of 400 ms overlap by 75%, so energy is kept per 100 ms
CHUNK = 3120 * BLOCK  # samples processed at a time (about 3 s)


def block_count(samples: int) -> int:
    """How many limiter blocks hold ``samples`` samples."""
    return -(-samples // BLOCK)


@contextlib.contextmanager
def open_wav(path: Path) -> Iterator[wave.Wave_read]:
    """A WAV file an engine wrote, open for reading: refused unless 16-bit mono at ``SAMPLE_RATE``."""
    with wave.open(str(path), "rb") as audio:
        if audio.getnchannels() != 1 or audio.getsampwidth() != 2 or audio.getframerate() != SAMPLE_RATE:
            raise BuildError(f"the speech engine wrote unexpected audio ({audio.getparams()})")
        yield audio


def from_pcm16(frames: bytes) -> np.ndarray:
    """16-bit little-endian PCM as float samples from -1 to 1."""
    return np.multiply(np.frombuffer(frames, dtype="<i2"), np.float32(1 / 32768), dtype=np.float32)


def to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples as 16-bit little-endian PCM, rounded (no dither: the same input gives the same bytes)."""
    return np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2").tobytes()


def write_wav(path: Path, samples: np.ndarray) -> None:
    """Float samples from -1 to 1 as a 16-bit mono WAV file at the pipeline's rate."""
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(SAMPLE_RATE)
        audio.writeframes(to_pcm16(samples))
