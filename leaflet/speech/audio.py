"""From said sections to finished audio: pauses, steady loudness, a limiter, MP3, streamed in bounded memory.

Spoken word in mono is normalised to -19 LUFS (integrated, ITU-R BS.1770-4
gating) with the true peak at most -1 dBTP. eSpeak NG's speech has a high
crest factor, so gain alone would clip: a gentle look-ahead limiter holds the
true peak (4x oversampling) under a ceiling a little below -1 dBTP, leaving
room for the small overshoot MP3 encoding adds.

Nothing holds the whole recording. Each section stays in the WAV file its
engine wrote and is read back in chunks: as it arrives (while the engine
says the later ones), to keep its K-weighted energy and sample peak per
block of 21 samples; then, where the level could bring them near the
ceiling, to work out its true peaks; and last, to limit it at the gain
found from those blocks and encode it. Each track is then decoded to check
the level and peak *as heard*. Tracks are worked on side by side in threads
(numpy, LAME and the decoder release the GIL). Only numpy is needed: the
K-weighting filter is applied as its impulse response by FFT, with the
filter's state carried from chunk to chunk, and 4x oversampling is the same
filter as ``scipy.signal.resample_poly``'s, so the slow ``scipy.signal``
import is never paid.

MP3 is constant bit rate, because lameenc writes no Xing header and players
guess the length of a variable-rate file wrongly. Each track is encoded once,
by its own encoder, and the whole recording is the tracks' frames one after
another: every track starts with an empty bit reservoir, so the joined
frames decode as the tracks do, and a chapter starts exactly where its
track's frames start.
"""

from __future__ import annotations

import contextlib
import functools
import math
import tempfile
import wave
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from leaflet.diagnostics import BuildError
from leaflet.speech import GAP_SECONDS, LEAD_SECONDS, SAMPLE_RATE, TAIL_SECONDS

if TYPE_CHECKING:
    from leaflet.speech.engines import Engine

_T = TypeVar("_T")

TARGET_LUFS = -19.0  # mono spoken word
MAX_TRUE_PEAK_DBTP = -1.0  # the rule
LIMIT_DBTP = -2.0  # where the limiter holds peaks: 1 dB of room for MP3's overshoot
HEARD_PEAK_DBTP = MAX_TRUE_PEAK_DBTP - 0.3  # the highest true peak accepted in the decoded MP3
LOUDNESS_ERROR_LU = 0.3  # how far from the target the decoded MP3 may be before it is made again
BIT_RATE = 64  # kbit/s, constant: clear for one voice at 22.05 kHz
QUALITY = 5  # LAME's usual setting; 2 is three times slower and no clearer for one voice
ENCODING_LOSS_LU = 0.45  # what LAME takes off eSpeak NG's speech (measured); checked and corrected after
MIN_LOUDNESS_SECONDS = 0.4  # one 400 ms gating block at least
FRAME_SAMPLES = 576  # samples in one MPEG-2 layer III frame (22.05 kHz)
THREADS = 2  # tracks measured and encoded at once

_QUIET = 1e-3  # below -60 dBFS counts as silence when trimming
_KEEP = int(0.05 * SAMPLE_RATE)  # silence kept around speech, so no word is clipped
_STEP = SAMPLE_RATE // 10  # 100 ms: gating blocks of 400 ms overlap by 75%, so energy is kept per 100 ms
_BLOCK = 21  # samples: the limiter works out its gain per millisecond or so, not per sample
_HOLD = 21  # blocks (about 20 ms): how far ahead the limiter looks and how slowly its gain moves
_CHUNK = 3120 * _BLOCK  # samples processed at a time (about 3 s)
_KERNEL = 4096  # samples of the K-weighting filter's impulse response kept (the rest is below 1e-15)
_FFT = 1 << 15  # transform length for applying it
_TAPS = 10  # input samples either side that 4x oversampling looks at
_STEP_BLOCKS = _STEP // _BLOCK  # 105 blocks in 100 ms
_HEADROOM_DB = 3.0  # true peaks are worked out for gains up to this much above the first estimate


# --- takes: what the engine said, read back in chunks ---------------------------------------------------


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
        with _open_wav(path) as audio:
            total = audio.getnframes()
            while seen < total:
                loud = np.flatnonzero(np.abs(_samples(audio.readframes(_CHUNK))) > _QUIET)
                if loud.size:
                    first = seen + int(loud[0]) if first < 0 else first
                    last = seen + int(loud[-1])
                seen += _CHUNK
        if first < 0:
            return cls(path, 0, 0)
        start, end = max(0, first - _KEEP), min(total, last + 1 + _KEEP)
        return cls(path, start, start + _blocks(end - start) * _BLOCK)  # whole blocks: a little more silence

    def speech(self) -> Iterator[np.ndarray]:
        """The kept speech in chunks, exactly."""
        left = self.length
        for chunk in self.chunks():
            yield chunk[: min(_CHUNK, left)]
            left -= _CHUNK

    def chunks(self, margin: int = 0) -> Iterator[np.ndarray]:
        """The kept speech in chunks of ``_CHUNK`` samples, each with ``margin`` samples either side (zeros
        beyond the speech or the file)."""
        with _open_wav(self.path) as audio:
            for low in range(0, self.length, _CHUNK):
                high = min(low + _CHUNK, self.length)
                first, last = max(0, low - margin), min(self.length, high + margin)
                audio.setpos(self.start + first)
                said = _samples(audio.readframes(last - first))
                chunk = np.zeros(high - low + 2 * margin, dtype=np.float32)
                chunk[first - low + margin : first - low + margin + said.size] = said
                yield chunk


@contextlib.contextmanager
def _open_wav(path: Path) -> Iterator[wave.Wave_read]:
    with wave.open(str(path), "rb") as audio:
        if audio.getnchannels() != 1 or audio.getsampwidth() != 2 or audio.getframerate() != SAMPLE_RATE:
            raise BuildError(f"the speech engine wrote unexpected audio ({audio.getparams()})")
        yield audio


def _samples(frames: bytes) -> np.ndarray:
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / np.float32(32768.0)


def write_wav(path: Path, samples: np.ndarray) -> None:
    """Float samples from -1 to 1 as a 16-bit mono WAV file at the pipeline's rate."""
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(SAMPLE_RATE)
        audio.writeframes(to_pcm16(samples))


def _blocks(samples: int) -> int:
    """How many limiter blocks hold ``samples`` samples."""
    return -(-samples // _BLOCK)


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
        levels.append(np.abs(chunk).reshape(-1, _BLOCK).max(axis=1))  # chunks are whole blocks
    meter.silence(_KERNEL)
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
            yield scaled if curve is None else _follow(scaled, curve, position)
            position += chunk.size
        yield np.zeros(self.after, dtype=np.float32)


def layout(measured: Sequence[Measured], peaks: Sequence[np.ndarray]) -> list[Track]:
    """2 s of silence before the first section, a pause after each, 2 s after the last."""
    lead, gap, tail = (round(s * SAMPLE_RATE) for s in (LEAD_SECONDS, GAP_SECONDS, TAIL_SECONDS))
    made, at, last = [], 0, len(measured) - 1
    for n, (found, top) in enumerate(zip(measured, peaks, strict=True)):
        before = lead if n == 0 else 0  # every length here is a whole number of blocks
        track = Track(found.take, top, found.energy, before, tail if n == last else gap, (at + before) // _BLOCK)
        made.append(track)
        at += track.length
    return made


# --- the recording ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recording:
    """The finished recording: an MP3 per track; the whole is their frames one after another."""

    tracks: tuple[bytes, ...]
    frames: tuple[int, ...]  # MP3 frames in each track
    loudness: float  # LUFS, as decoded
    true_peak: float  # dBTP, as decoded

    @property
    def whole(self) -> bytes:
        return b"".join(self.tracks)

    def lengths(self) -> list[int]:
        """Each track's length in samples, as decoded: exact, since every frame holds 576."""
        return [n * FRAME_SAMPLES for n in self.frames]

    def starts(self) -> list[int]:
        """Where each track starts in the whole, in samples."""
        return [0, *np.cumsum(self.lengths()[:-1]).tolist()]


def speak(engine: Engine, texts: Sequence[str], tick: Callable[[], None] = lambda: None) -> Recording:
    """``texts`` said by ``engine``, one track each, mastered and encoded; ``tick()`` as each is said and
    as each is encoded. The engine's WAV files live in a temporary folder while this runs."""
    with (
        tempfile.TemporaryDirectory(prefix="leaflet-speech-") as folder,
        contextlib.closing(engine.synthesise(texts, Path(folder), tick)) as said,
    ):
        return record((Take.trimmed(path) for path in said), tick)


def record(takes: Iterable[Take], tick: Callable[[], None] = lambda: None) -> Recording:
    """The takes (in order) mastered and encoded: -19 LUFS, true peak under -1 dBTP *as heard from the MP3*.

    Each take is measured as it arrives, while the engine is still saying
    the later ones: its K-weighted energy and its sample peak per block of
    21 samples. Then the true peaks are worked out where the level found
    could bring them near the ceiling, and the gain that gives the target
    *after* the limiter is found from the blocks alone (the limiter's gain
    moves slowly, so it scales each block's energy); no pass over the audio
    is needed for that. Then each track is limited and encoded, and decoded
    to check it; if the decoded level is off (another engine's voice may
    lose more to the encoder), the gain or ceiling is corrected and the
    tracks made again. Tracks are worked on side by side, longest first.
    """
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        measuring = []
        for number, take in enumerate(takes, start=1):
            if take.length == 0:
                raise BuildError(f"the speech engine said nothing for section {number}")
            measuring.append(pool.submit(measure, take))
        measured = [m.result() for m in measuring]
        level = _programme_loudness([m.energy for m in measured], _offsets(m.take.length for m in measured), 1.0)
        if not math.isfinite(level):
            raise BuildError("the recording is silent, so its loudness cannot be set; the speech engine said nothing")
        target, ceiling = TARGET_LUFS + ENCODING_LOSS_LU, db_to_gain(LIMIT_DBTP)
        floor = ceiling / db_to_gain(target - level + _HEADROOM_DB)  # true peaks matter from here up
        tracks = layout(measured, list(pool.map(functools.partial(_true_peaks, floor=floor), measured)))
        del measured
        gain = db_to_gain(target - level)
        for _ in range(3):
            gain = _solve_gain(tracks, gain, ceiling, target)
            made = _longest_first(pool, functools.partial(_make, gain=gain, ceiling=ceiling), tracks)
            encoded = [mp3 for mp3, _, _ in made]
            heard = gated_loudness(np.concatenate([steps for _, steps, _ in made]))
            peak = max(top for _, _, top in made)
            error, over = TARGET_LUFS - heard, peak - HEARD_PEAK_DBTP
            if abs(error) <= LOUDNESS_ERROR_LU and over <= 0:
                break
            target += error
            ceiling *= db_to_gain(-max(0.0, over))
    for _ in tracks:
        tick()
    return Recording(tuple(encoded), tuple(frame_count(mp3) for mp3 in encoded), heard, peak)


def _offsets(lengths: Iterable[int]) -> list[int]:
    """Where each take's speech starts in the programme, in blocks."""
    lead, gap = round(LEAD_SECONDS * SAMPLE_RATE), round(GAP_SECONDS * SAMPLE_RATE)
    starts, at = [], lead
    for length in lengths:
        starts.append(at // _BLOCK)
        at += length + gap
    return starts


def _programme_loudness(energies: Sequence[np.ndarray], offsets: Sequence[int], gain: float) -> float:
    """Loudness of the programme whose speech has these energies per block, starting at these blocks."""
    return gated_loudness(_step_energy(energies, offsets) * gain**2)


def _step_energy(energies: Sequence[np.ndarray], offsets: Sequence[int], end: int = 0) -> np.ndarray:
    """Energy per 100 ms step of a programme made of these stretches of blocks; a last, partial step left out."""
    end = max([end, *(o + e.size for o, e in zip(offsets, energies, strict=True))])
    steps = np.zeros(end // _STEP_BLOCKS + 1)
    for offset, energy in zip(offsets, energies, strict=True):
        where = (offset + np.arange(energy.size)) // _STEP_BLOCKS
        steps += np.bincount(where, weights=energy, minlength=steps.size)
    return steps[:-1]


def _longest_first(pool: ThreadPoolExecutor, work: Callable[[Track], _T], tracks: Sequence[Track]) -> list[_T]:
    """``work`` done on each track, the longest started first so the threads finish together; in order."""
    order = sorted(range(len(tracks)), key=lambda n: -tracks[n].length)
    futures = {n: pool.submit(work, tracks[n]) for n in order}
    return [futures[n].result() for n in range(len(tracks))]


def _true_peaks(measured: Measured, floor: float) -> np.ndarray:
    """Each block's true peak where it could reach ``floor``; elsewhere a bound under ``floor``: the
    largest sample near it times the most 4x oversampling can add between samples."""
    _, bound = _oversampling()
    levels = measured.levels
    near = levels.copy()
    np.maximum(near[1:], levels[:-1], out=near[1:])  # oversampling reaches 10 samples into the next block
    np.maximum(near[:-1], levels[1:], out=near[:-1])
    peaks = near * np.float32(bound)
    if not np.any(peaks >= floor):
        return peaks
    at = 0
    for chunk in measured.take.chunks(_TAPS):
        count = (chunk.size - 2 * _TAPS) // _BLOCK
        chosen = np.flatnonzero(peaks[at : at + count] >= floor)
        if chosen.size:
            peaks[at + chosen] = _block_true_peaks(chunk, chosen)
        at += count
    return peaks


def _solve_gain(tracks: Sequence[Track], gain: float, ceiling: float, target: float) -> float:
    """The gain that brings the programme to ``target`` LUFS with the limiter holding peaks under ``ceiling``,
    worked out from the K-weighted energy per block: the limiter's gain curve scales each block's energy.
    Only the blocks the limiter touches are worked on again at each try."""
    end = max(t.offset + t.energy.size for t in tracks)
    base = _step_energy([t.energy for t in tracks], [t.offset for t in tracks], end)
    for _ in range(8):
        steps = base.copy()
        for track in tracks:
            curve = limiter_gain(track.peaks * np.float32(gain), ceiling)
            if curve is None:
                continue
            touched = np.flatnonzero(curve < 1.0)
            lost = track.energy[touched] * (np.square(curve[touched], dtype=np.float64) - 1.0)
            where = (track.offset + touched) // _STEP_BLOCKS
            np.add.at(steps, where[where < steps.size], lost[where < steps.size])  # not the last, partial step
        error = target - gated_loudness(steps * gain**2)
        gain *= db_to_gain(error)
        if abs(error) < 0.01:
            break
    return gain


def _make(track: Track, gain: float, ceiling: float) -> tuple[bytes, np.ndarray, float]:
    """The track limited and encoded; then decoded, in pieces, to measure it as heard: its K-weighted
    energy per 100 ms from its own start, and its true peak (dBTP). Measured from each track's start, the
    100 ms steps of the tracks do not line up with the programme's exactly; a track starts and ends in
    silence, so the programme's loudness comes out the same to within a hundredth of a unit."""
    import miniaudio

    mp3 = encode_mp3(track.samples(gain, ceiling))
    meter, peaks = Meter(block=_STEP), PeakMeter()
    for piece in miniaudio.stream_memory(
        mp3, miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=SAMPLE_RATE, frames_to_read=_CHUNK
    ):
        samples = np.frombuffer(piece, dtype=np.float32)
        meter.feed(samples)
        peaks.feed(samples)
    return mp3, meter.energy()[:-1], peaks.highest()


# --- loudness: BS.1770-4 K-weighting and gating ----------------------------------------------------------


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
    ``_KERNEL`` samples; the 38 Hz high-pass stage's response falls below 1e-15 well before then)."""
    response = np.zeros(_KERNEL)
    response[0] = 1.0
    for b, a in (_biquad("high_shelf", 4.0, 1 / math.sqrt(2), 1500.0), _biquad("high_pass", 0.0, 0.5, 38.0)):
        out, x1, x2, y1, y2 = np.empty(_KERNEL), 0.0, 0.0, 0.0, 0.0
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

    def __init__(self, block: int = _BLOCK) -> None:
        self.block = block
        self._tail: np.ndarray = np.zeros(_KERNEL - 1, dtype=np.float32)
        self._left = np.zeros(0, dtype=np.float32)  # squares not yet making a whole block
        self._energy: list[np.ndarray] = []

    def silence(self, count: int) -> None:
        """``count`` samples of silence: filtered until the filter's memory has run out, then just counted."""
        settle = min(count, _KERNEL)
        self.feed(np.zeros(settle, dtype=np.float32))
        if count > settle:
            self._tail[:] = 0.0
            self._add(np.zeros(count - settle, dtype=np.float32))

    def feed(self, samples: np.ndarray) -> None:
        response, step = _k_weighting(), _FFT - _KERNEL + 1
        for low in range(0, samples.size, step):
            piece = np.asarray(samples[low : low + step], dtype=np.float32)
            full = np.fft.irfft(np.fft.rfft(piece, _FFT) * response, _FFT)[: piece.size + _KERNEL - 1]
            full[: _KERNEL - 1] += self._tail
            self._tail = full[piece.size :].copy()
            self._add(full[: piece.size])

    def _add(self, weighted: np.ndarray) -> None:
        squares = np.concatenate([self._left, np.square(weighted, dtype=np.float32)])
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
    blocks = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / (4 * _STEP)
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
    meter = Meter(block=_STEP)
    for low in range(0, samples.size, _CHUNK):
        meter.feed(np.asarray(samples[low : low + _CHUNK], dtype=np.float32))
    return gated_loudness(meter.energy()[: samples.size // _STEP])


# --- true peak and the limiter -----------------------------------------------------------------------------


@functools.cache
def _oversampling() -> tuple[np.ndarray, float]:
    """4x oversampling as ``scipy.signal.resample_poly(x, 4, 1)`` does it (a Kaiser-windowed sinc of 81
    taps), as a (21, 4) matrix: input samples n-10..n+10 to the values at n, n+1/4, n+1/2, n+3/4.
    With it, the bound: no value between samples exceeds the largest nearby sample by more than this factor."""
    m = np.arange(8 * _TAPS + 1) - 4 * _TAPS
    h = 0.25 * np.sinc(0.25 * m) * np.kaiser(m.size, 5.0)
    h *= 4 / h.sum()
    taps = np.zeros((2 * _TAPS + 1, 4))
    for k in range(4):
        for j in range(-_TAPS, _TAPS + 1):
            if 0 <= k + 4 * _TAPS - 4 * j < h.size:
                taps[j + _TAPS, k] = h[k + 4 * _TAPS - 4 * j]
    return taps.astype(np.float32), float(np.abs(taps).sum(axis=0).max())


def _block_true_peaks(samples: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """The true peak of each chosen block of ``samples``, which has 10 samples of context either side
    of its blocks: the chosen blocks with their context are laid end to end and oversampled together
    (the values that straddle two of them are not used)."""
    taps, _ = _oversampling()
    width = _BLOCK + 2 * _TAPS
    found = np.empty(chosen.size, dtype=np.float32)
    for low in range(0, chosen.size, 4096):  # 4096 blocks at a time: bounded memory whatever the signal
        part = chosen[low : low + 4096]
        rows = samples[(part * _BLOCK)[:, None] + np.arange(width)]
        best = np.abs(rows[:, _TAPS : _TAPS + _BLOCK] * taps[_TAPS, 0]).max(axis=1)
        flat = rows.ravel()
        for phase in (1, 2, 3):
            values = np.convolve(flat, taps[::-1, phase], mode="valid")
            values = np.pad(values, (0, 2 * _TAPS)).reshape(-1, width)[:, :_BLOCK]
            np.maximum(best, np.abs(values).max(axis=1), out=best)
        found[low : low + part.size] = best
    return found


class PeakMeter:
    """The highest true peak of a stream fed in pieces (10 samples are held back until the next piece,
    which oversampling needs after them)."""

    def __init__(self) -> None:
        self._held = np.zeros(2 * _TAPS, dtype=np.float32)
        self._top = 0.0

    def feed(self, samples: np.ndarray) -> None:
        data = np.concatenate([self._held, np.asarray(samples, dtype=np.float32)])
        self._held = data[-2 * _TAPS :]
        count = data.size - 2 * _TAPS  # measured: data[10 : -10], with 10 samples either side
        level = np.abs(data[_TAPS : _TAPS + count])
        if count <= 0 or float(level.max()) * _oversampling()[1] <= self._top:
            return
        padded = np.pad(data, (0, _blocks(count) * _BLOCK - count))
        blocks = np.pad(level, (0, _blocks(count) * _BLOCK - count)).reshape(-1, _BLOCK).max(axis=1)
        near = blocks.copy()
        np.maximum(near[1:], blocks[:-1], out=near[1:])
        np.maximum(near[:-1], blocks[1:], out=near[:-1])
        chosen = np.flatnonzero(near * np.float32(_oversampling()[1]) >= max(self._top, float(blocks.max())))
        self._top = max(self._top, float(blocks.max()), float(_block_true_peaks(padded, chosen).max()))

    def highest(self) -> float:
        """In dBTP: the samples held back are measured with silence after them, as at the end of a file."""
        self.feed(np.zeros(_TAPS, dtype=np.float32))
        return 20 * math.log10(self._top) if self._top > 0 else -math.inf


def true_peak_dbtp(samples: np.ndarray) -> float:
    """The highest true peak in dBTP (4x oversampling), worked out only in blocks where it could be the highest."""
    meter = PeakMeter()
    for low in range(0, samples.size, _CHUNK):
        meter.feed(samples[low : low + _CHUNK])
    return meter.highest()


def limiter_gain(levels: np.ndarray, ceiling: float) -> np.ndarray | None:
    """A look-ahead limiter's gain per block of 21 samples (about 1 ms), given each block's true peak;
    None when no peak reaches ``ceiling``.

    The gain each block needs is spread to its neighbours (a running
    minimum over 22 blocks each side) and smoothed by a running mean over
    21 blocks each side; the gain is then drawn straight between block
    centres (``_follow``). Each block's gain is a mean of values that are
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


def _follow(samples: np.ndarray, curve: np.ndarray, position: int) -> np.ndarray:
    """``samples`` (starting ``position`` samples into the speech) times the limiter's gain curve."""
    first = max(0, position // _BLOCK - 1)
    last = min(curve.size, (position + samples.size) // _BLOCK + 2)
    if curve[first:last].min() >= 1.0:
        return samples
    centres = np.arange(first, last) * _BLOCK + (_BLOCK - 1) / 2
    gain = np.interp(np.arange(position, position + samples.size), centres, curve[first:last])
    return samples * gain.astype(np.float32)


def db_to_gain(db: float) -> float:
    return float(10 ** (db / 20))


# --- MP3 ---------------------------------------------------------------------------------------------------


def to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples as 16-bit little-endian PCM, rounded (no dither: the same input gives the same bytes)."""
    return np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2").tobytes()


def encode_mp3(pieces: np.ndarray | Iterable[np.ndarray]) -> bytes:
    """Mono constant-bit-rate MP3 with LAME (lameenc), from samples or from pieces of them in order."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(QUALITY)
    made = bytearray()
    for piece in [pieces] if isinstance(pieces, np.ndarray) else pieces:
        if piece.size:
            made += encoder.encode(to_pcm16(piece))
    return bytes(made + encoder.flush())


def frame_count(mp3: bytes) -> int:
    """How many frames an MP3 stream without tags holds, walking their headers (constant bit rate:
    every frame has the same header but for its padding bit)."""
    count, at = 0, 0
    while at + 4 <= len(mp3):
        header = int.from_bytes(mp3[at : at + 4], "big")
        if header >> 21 != 0x7FF:
            raise BuildError(f"the MP3 encoder wrote something that is not a frame at byte {at}")
        at += 72 * BIT_RATE * 1000 // SAMPLE_RATE + (header >> 9 & 1)  # MPEG-2 layer III
        count += 1
    return count


def decode_mp3(data: bytes) -> np.ndarray:
    """MP3 bytes as mono float samples at the pipeline's rate (miniaudio, independent of LAME)."""
    import miniaudio

    try:
        decoded = miniaudio.decode(
            data, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=SAMPLE_RATE
        )
    except miniaudio.DecodeError as error:
        raise BuildError(f"audio that is not MP3: {error}") from None
    return np.asarray(decoded.samples, dtype=np.float32)
