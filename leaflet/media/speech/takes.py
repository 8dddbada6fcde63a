"""Takes: each section as its engine said it, trimmed, measured as it arrives, and laid out as a track.

Nothing holds the whole recording. Each section stays in the WAV file its
engine wrote and is read back in chunks: as it arrives (while the engine
says the later ones), to keep its K-weighted energy and sample peak per
block of 21 samples; then, where the level could bring them near the
limiter's ceiling, to work out its true peaks; and last, to limit it at the
gain found from those blocks (see ``leaflet.media.speech.audio``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from leaflet.media.speech import GAP_SECONDS, LEAD_SECONDS, SAMPLE_RATE, TAIL_SECONDS
from leaflet.media.speech.limiter import TAPS, block_true_peaks, follow, limiter_gain, oversampling, with_neighbours
from leaflet.media.speech.loudness import KERNEL, Meter
from leaflet.media.speech.samples import BLOCK, CHUNK, block_count, from_pcm16, open_wav

_QUIET = 1e-3  # below -60 dBFS counts as silence when trimming
_KEEP = int(0.05 * SAMPLE_RATE)  # silence kept around speech, so no word is clipped


@dataclass(frozen=True, slots=True)
class Take:
    """One section as its engine said it: a 16-bit mono WAV file, and the part of it kept.

    ``start`` and ``end`` (in samples) cut the engine's own leading and
    trailing silence to 50 ms, so the pauses are ours.
    """

    path: Path
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start

    @classmethod
    def trimmed(cls, path: Path) -> Take:
        first, last, seen = -1, -1, 0
        with open_wav(path) as audio:
            total = audio.getnframes()
            while seen < total:
                loud = np.flatnonzero(np.abs(from_pcm16(audio.readframes(CHUNK))) > _QUIET)
                if loud.size:
                    first = seen + int(loud[0]) if first < 0 else first
                    last = seen + int(loud[-1])
                seen += CHUNK
        if first < 0:
            return cls(path, 0, 0)
        start, end = max(0, first - _KEEP), min(total, last + 1 + _KEEP)
        return cls(path, start, start + block_count(end - start) * BLOCK)  # whole blocks: a little more silence

    def speech(self) -> Iterator[np.ndarray]:
        """The kept speech in chunks, exactly."""
        left = self.length
        for chunk in self.chunks():
            yield chunk[: min(CHUNK, left)]
            left -= CHUNK

    def chunks(self, margin: int = 0) -> Iterator[np.ndarray]:
        """The kept speech in chunks of ``CHUNK`` samples, each with ``margin`` samples either side (zeros
        beyond the speech or the file)."""
        with open_wav(self.path) as audio:
            for low in range(0, self.length, CHUNK):
                high = min(low + CHUNK, self.length)
                first, last = max(0, low - margin), min(self.length, high + margin)
                audio.setpos(self.start + first)
                said = from_pcm16(audio.readframes(last - first))
                chunk = np.zeros(high - low + 2 * margin, dtype=np.float32)
                chunk[first - low + margin : first - low + margin + said.size] = said
                yield chunk


@dataclass(frozen=True, slots=True)
class Measured:
    """What one take's first reading found, per block of 21 samples: its K-weighted energy (with the
    filter's ringing into the silence after it) and its sample peak."""

    take: Take
    energy: np.ndarray
    levels: np.ndarray


def measure(take: Take) -> Measured:
    meter, levels = Meter(), []
    for chunk in take.speech():
        meter.feed(chunk)
        levels.append(np.abs(chunk).reshape(-1, BLOCK).max(axis=1))  # chunks are whole blocks
    meter.silence(KERNEL)
    return Measured(take, meter.energy().astype(np.float32), np.concatenate(levels))


@dataclass(frozen=True, slots=True, eq=False)
class Track:
    """One section's track: silence, the speech, silence. Per block (of 21 samples) of the speech: its
    true peak and K-weighted energy; and where the speech starts in the programme, in blocks."""

    take: Take
    peaks: np.ndarray
    energy: np.ndarray
    before: int
    after: int
    offset: int

    @property
    def length(self) -> int:
        return self.before + self.take.length + self.after

    def samples(self, gain: float, ceiling: float) -> Iterator[np.ndarray]:
        """The track in chunks, the speech at ``gain`` with its true peaks held under ``ceiling``."""
        yield np.zeros(self.before, dtype=np.float32)
        curve = limiter_gain(self.peaks * np.float32(gain), ceiling)
        position = 0
        for chunk in self.take.speech():
            scaled = chunk * np.float32(gain)
            yield scaled if curve is None else follow(scaled, curve, position)
            position += chunk.size
        yield np.zeros(self.after, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Place:
    """Where one take goes in the programme: its silence before and after (samples, whole blocks) and
    where its speech starts (in blocks)."""

    before: int
    after: int
    offset: int


def places(lengths: Sequence[int], pauses: Sequence[tuple[float, float]] | None = None) -> list[Place]:
    """Where takes of these lengths go: 2 s of silence before the first, a pause after each, 2 s after the
    last; or, where ``pauses`` is given, each take's own silence before and after it, in seconds (a
    talking book's sentences)."""
    last = len(lengths) - 1
    if pauses is None:
        lead, gap, tail = LEAD_SECONDS, GAP_SECONDS, TAIL_SECONDS
        pauses = [(lead if n == 0 else 0.0, tail if n == last else gap) for n in range(len(lengths))]
    made, at = [], 0
    for length, (before_s, after_s) in zip(lengths, pauses, strict=True):
        before, after = _whole_blocks(before_s), _whole_blocks(after_s)  # every length here is whole blocks
        made.append(Place(before, after, (at + before) // BLOCK))
        at += before + length + after
    return made


def layout(measured: Sequence[Measured], peaks: Sequence[np.ndarray], placed: Sequence[Place]) -> list[Track]:
    """The measured takes as tracks, with their true peaks, where ``places`` put them."""
    return [
        Track(found.take, top, found.energy, place.before, place.after, place.offset)
        for found, top, place in zip(measured, peaks, placed, strict=True)
    ]


def _whole_blocks(seconds: float) -> int:
    """``seconds`` of silence in samples, rounded up to whole limiter blocks."""
    return block_count(round(seconds * SAMPLE_RATE)) * BLOCK


def true_peaks(measured: Measured, floor: float) -> np.ndarray:
    """Each block's true peak where it could reach ``floor``; elsewhere a bound under ``floor``: the
    largest sample near it times the most 4x oversampling can add between samples."""
    _, bound = oversampling()
    peaks = with_neighbours(measured.levels) * np.float32(bound)
    if not np.any(peaks >= floor):
        return peaks
    at = 0
    for chunk in measured.take.chunks(TAPS):
        count = (chunk.size - 2 * TAPS) // BLOCK
        chosen = np.flatnonzero(peaks[at : at + count] >= floor)
        if chosen.size:
            peaks[at + chosen] = block_true_peaks(chunk, chosen)
        at += count
    return peaks
