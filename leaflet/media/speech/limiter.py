"""True peak (4x oversampling, as BS.1770-4 asks) and a gentle look-ahead limiter that holds it down.

eSpeak NG's speech has a high crest factor, so gain alone would clip. The
limiter works per block of 21 samples (about 1 ms) from each block's true
peak. 4x oversampling is the same filter as ``scipy.signal.resample_poly``'s,
worked out here with numpy, and only where a block could be the highest.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from leaflet.media.speech.samples import BLOCK, CHUNK, block_count

TAPS = 10  # input samples either side that 4x oversampling looks at
_HOLD = 21  # blocks (about 20 ms): how far ahead the limiter looks and how slowly its gain moves


@functools.cache
def oversampling() -> tuple[np.ndarray, float]:
    """4x oversampling as ``scipy.signal.resample_poly(x, 4, 1)`` does it (a Kaiser-windowed sinc of 81
    taps), as a (21, 4) matrix: input samples n-10..n+10 to the values at n, n+1/4, n+1/2, n+3/4.
    With it, the bound: no value between samples exceeds the largest nearby sample by more than this factor."""
    m = np.arange(8 * TAPS + 1) - 4 * TAPS
    h = 0.25 * np.sinc(0.25 * m) * np.kaiser(m.size, 5.0)
    h *= 4 / h.sum()
    taps = np.zeros((2 * TAPS + 1, 4))
    for k in range(4):
        for j in range(-TAPS, TAPS + 1):
            if 0 <= k + 4 * TAPS - 4 * j < h.size:
                taps[j + TAPS, k] = h[k + 4 * TAPS - 4 * j]
    return taps.astype(np.float32), float(np.abs(taps).sum(axis=0).max())


def block_true_peaks(samples: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """The true peak of each chosen block of ``samples``, which has 10 samples of context either side
    of its blocks: each chosen block's 21 windows of 21 samples (a view, not a copy) times the (21, 4)
    oversampling matrix, one matrix product for 4096 blocks at a time."""
    taps, _ = oversampling()
    width = BLOCK + 2 * TAPS
    found = np.empty(chosen.size, dtype=np.float32)
    for low in range(0, chosen.size, 4096):  # 4096 blocks at a time: bounded memory whatever the signal
        part = chosen[low : low + 4096]
        rows = samples[(part * BLOCK)[:, None] + np.arange(width)]
        values = sliding_window_view(rows, 2 * TAPS + 1, axis=1) @ taps  # (blocks, 21 positions, 4 phases)
        found[low : low + part.size] = np.abs(values).max(axis=(1, 2))
    return found


def with_neighbours(levels: np.ndarray) -> np.ndarray:
    """The largest of each block's level and its two neighbours': oversampling reaches 10 samples into the
    blocks either side, so a block's true peak is bounded by these times the oversampling bound."""
    near = levels.copy()
    np.maximum(near[1:], levels[:-1], out=near[1:])
    np.maximum(near[:-1], levels[1:], out=near[:-1])
    return near


class PeakMeter:
    """The highest true peak of a stream fed in pieces (10 samples are held back until the next piece,
    which oversampling needs after them)."""

    def __init__(self) -> None:
        self._held = np.zeros(2 * TAPS, dtype=np.float32)
        self._top = 0.0

    def feed(self, samples: np.ndarray) -> None:
        data = np.concatenate([self._held, np.asarray(samples, dtype=np.float32)])
        self._held = data[-2 * TAPS :]
        count = data.size - 2 * TAPS  # measured: data[10 : -10], with 10 samples either side
        level = np.abs(data[TAPS : TAPS + count])
        if count <= 0 or float(level.max()) * oversampling()[1] <= self._top:
            return
        padded = np.pad(data, (0, block_count(count) * BLOCK - count))
        blocks = np.pad(level, (0, block_count(count) * BLOCK - count)).reshape(-1, BLOCK).max(axis=1)
        near = with_neighbours(blocks)
        chosen = np.flatnonzero(near * np.float32(oversampling()[1]) >= max(self._top, float(blocks.max())))
        self._top = max(self._top, float(blocks.max()), float(block_true_peaks(padded, chosen).max()))

    def highest(self) -> float:
        """In dBTP: the samples held back are measured with silence after them, as at the end of a file."""
        self.feed(np.zeros(TAPS, dtype=np.float32))
        return 20 * math.log10(self._top) if self._top > 0 else -math.inf


def true_peak_dbtp(samples: np.ndarray) -> float:
    """The highest true peak in dBTP (4x oversampling), worked out only in blocks where it could be the highest."""
    meter = PeakMeter()
    for low in range(0, samples.size, CHUNK):
        meter.feed(samples[low : low + CHUNK])
    return meter.highest()


def limiter_gain(levels: np.ndarray, ceiling: float) -> np.ndarray | None:
    """A look-ahead limiter's gain per block of 21 samples (about 1 ms), given each block's true peak;
    None when no peak reaches ``ceiling``.

    The gain each block needs is spread to its neighbours (a running
    minimum over 22 blocks each side) and smoothed by a running mean over
    21 blocks each side; the gain is then drawn straight between block
    centres (``follow``). Each block's gain is a mean of values that are
    each at most what it and the blocks beside it need, so no peak escapes,
    and the gain never jumps.
    """
    needs = np.minimum(np.float32(1.0), np.float32(ceiling) / np.maximum(levels, np.float32(1e-12)))
    if needs.size == 0 or needs.min() >= 1.0:
        return None
    held = _running_min(needs, _HOLD + 1)
    sums = np.r_[0.0, np.cumsum(np.pad(held, _HOLD, constant_values=1.0), dtype=np.float64)]
    return ((sums[2 * _HOLD + 1 :] - sums[: -2 * _HOLD - 1]) / (2 * _HOLD + 1)).astype(np.float32)


def _running_min(values: np.ndarray, radius: int) -> np.ndarray:
    """The least of each value and ``radius`` either side (1 beyond the ends), by doubling spans."""
    width = 2 * radius + 1
    spans, span = np.pad(values, radius, constant_values=1.0), 1
    while 2 * span <= width:  # spans[i]: the least of span values from i
        spans, span = np.minimum(spans[:-span], spans[span:]), 2 * span
    return np.minimum(spans[: values.size], spans[width - span : width - span + values.size])


def follow(samples: np.ndarray, curve: np.ndarray, position: int) -> np.ndarray:
    """``samples`` (whole blocks, starting ``position`` samples into the speech, a whole number of blocks)
    times the limiter's gain curve, drawn straight between block centres (level beyond the first and last)."""
    first, count = position // BLOCK, samples.size // BLOCK
    low, high = max(0, first - 1), min(curve.size, first + count + 1)
    if count == 0 or curve[low:high].min() >= 1.0:
        return samples
    edges = curve[: 1 if first == 0 else 0], curve[curve.size - (first + count + 1 > curve.size) :]
    near = np.concatenate([edges[0], curve[low:high], edges[1]])  # near[i]: block first + i - 1's gain
    gain = np.stack([near[:-2], near[1:-1], near[2:]], axis=1) @ _between()  # (blocks, 21) per sample
    return samples * gain.ravel()


@functools.cache
def _between() -> np.ndarray:
    """Weights (3, 21) of the gains of the block before, the block itself and the one after, for each of a
    block's samples: straight lines between block centres (sample 10 of each block is its centre)."""
    weights = np.zeros((3, BLOCK), dtype=np.float32)
    centre = (BLOCK - 1) // 2
    for r in range(BLOCK):
        side, t = (0, (r + BLOCK - centre) / BLOCK) if r < centre else (1, (r - centre) / BLOCK)
        weights[side, r], weights[side + 1, r] = 1.0 - t, t
    return weights


def db_to_gain(db: float) -> float:
    return float(10 ** (db / 20))
