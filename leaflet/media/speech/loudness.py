"""Loudness as ITU-R BS.1770-4 measures it: K-weighting, energy per block, gating.

Only numpy is needed: the K-weighting filter is applied as its impulse
response by FFT, with the filter's state carried from piece to piece, so a
stream can be measured as it arrives and the slow ``scipy.signal`` import is
never paid.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from leaflet.media.speech import SAMPLE_RATE
from leaflet.media.speech.samples import BLOCK, CHUNK, STEP

MIN_LOUDNESS_SECONDS = 0.4  # one 400 ms gating block at least
KERNEL = 2048  # samples of the K-weighting filter's impulse response kept (the rest is below 1e-10)
_FFT = 1 << 14  # transform length for applying it (its work fits a core's cache)


def _biquad(kind: str, gain_db: float, q: float, centre: float) -> tuple[np.ndarray, np.ndarray]:
    """RBJ cookbook coefficients, as pyloudnorm designs BS.1770's two stages for any sample rate."""
    a = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * centre / SAMPLE_RATE
    alpha, cos = math.sin(w0) / (2 * q), math.cos(w0)
    if kind == "high_shelf":
        b = [
            a * ((a + 1) + (a - 1) * cos + 2 * math.sqrt(a) * alpha),
            -2 * a * ((a - 1) + (a + 1) * cos),
            a * ((a + 1) + (a - 1) * cos - 2 * math.sqrt(a) * alpha),
        ]
        den = [(a + 1) - (a - 1) * cos + 2 * math.sqrt(a) * alpha, 2 * ((a - 1) - (a + 1) * cos)]
        den.append((a + 1) - (a - 1) * cos - 2 * math.sqrt(a) * alpha)
    else:  # high pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        den = [1 + alpha, -2 * cos, 1 - alpha]
    return np.array(b) / den[0], np.array(den) / den[0]


@functools.cache
def _k_weighting() -> np.ndarray:
    """The K-weighting filter's frequency response at ``_FFT`` points (of its impulse response's first
    ``KERNEL`` samples; the 38 Hz high-pass stage's response falls below 1e-10 by then)."""
    response = np.zeros(KERNEL)
    response[0] = 1.0
    for b, a in (_biquad("high_shelf", 4.0, 1 / math.sqrt(2), 1500.0), _biquad("high_pass", 0.0, 0.5, 38.0)):
        out, x1, x2, y1, y2 = np.empty(KERNEL), 0.0, 0.0, 0.0, 0.0
        for n, x in enumerate(response.tolist()):
            y = b[0] * x + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2
            out[n], x1, x2, y1, y2 = y, x, x1, y, y1
        response = out
    return np.fft.rfft(response.astype(np.float32), _FFT)


class Meter:
    """The K-weighted energy of a mono stream fed in pieces, per block of 21 samples (or ``block``).

    The K-weighting filter is applied by FFT as its impulse response, its
    state (the part of each piece's response that falls after the piece)
    carried to the next.
    """

    def __init__(self, block: int = BLOCK) -> None:
        self.block = block
        self._tail: np.ndarray = np.zeros(KERNEL - 1, dtype=np.float32)
        self._left = np.zeros(0, dtype=np.float32)  # squares not yet making a whole block
        self._energy: list[np.ndarray] = []

    def silence(self, count: int) -> None:
        """``count`` samples of silence: filtered until the filter's memory has run out, then just counted."""
        settle = min(count, KERNEL)
        self.feed(np.zeros(settle, dtype=np.float32))
        if count > settle:
            self._tail[:] = 0.0
            self._add(np.zeros(count - settle, dtype=np.float32))

    def feed(self, samples: np.ndarray) -> None:
        response, most = _k_weighting(), _FFT - KERNEL + 1
        step = -(-samples.size // -(-samples.size // most)) if samples.size else most  # equal pieces
        for low in range(0, samples.size, step):
            piece = np.asarray(samples[low : low + step], dtype=np.float32)
            full = np.fft.irfft(np.fft.rfft(piece, _FFT) * response, _FFT)[: piece.size + KERNEL - 1]
            full[: KERNEL - 1] += self._tail
            self._tail = full[piece.size :].copy()
            self._add(full[: piece.size])

    def _add(self, weighted: np.ndarray) -> None:
        squares = np.square(weighted, dtype=np.float32)
        if self._left.size:
            squares = np.concatenate([self._left, squares])
        whole = squares.size - squares.size % self.block
        self._energy.append(squares[:whole].reshape(-1, self.block).sum(axis=1, dtype=np.float64))
        self._left = squares[whole:]

    def energy(self) -> np.ndarray:
        """The energy per block so far (the last, partial block included)."""
        return np.concatenate([*self._energy, [float(self._left.sum(dtype=np.float64))]])


def gated_loudness(steps: np.ndarray) -> float:
    """BS.1770-4 gating over K-weighted energies per 100 ms: -inf when nothing is loud enough to measure."""
    if steps.size < 4:
        return -math.inf
    blocks = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / (4 * STEP)
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(blocks)
    above = blocks[levels >= -70.0]
    if above.size == 0:
        return -math.inf
    relative = -0.691 + 10 * math.log10(float(above.mean())) - 10.0
    gated = blocks[(levels > relative) & (levels > -70.0)]
    return -0.691 + 10 * math.log10(float(gated.mean())) if gated.size else -math.inf


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS; -inf for silence or audio too short to measure."""
    if samples.size < MIN_LOUDNESS_SECONDS * SAMPLE_RATE or not np.any(samples):
        return -math.inf
    meter = Meter(block=STEP)
    for low in range(0, samples.size, CHUNK):
        meter.feed(np.asarray(samples[low : low + CHUNK], dtype=np.float32))
    return gated_loudness(meter.energy()[: samples.size // STEP])
