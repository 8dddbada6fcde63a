"""From said sections to finished audio: silences, steady loudness, a limiter, MP3.

Spoken word in mono is normalised to -19 LUFS (integrated, ITU-R BS.1770,
measured with pyloudnorm) with the true peak at most -1 dBTP. eSpeak NG's
speech has a high crest factor, so gain alone would clip: a gentle
look-ahead limiter holds the true peak (found by 4x oversampling) under a
ceiling a little below -1 dBTP, leaving room for the small overshoot MP3
encoding adds. MP3 is constant bit rate, because lameenc writes no Xing
header and players guess the length of a variable-rate file wrongly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from leaflet.diagnostics import BuildError
from leaflet.speech import GAP_SECONDS, LEAD_SECONDS, SAMPLE_RATE, TAIL_SECONDS

TARGET_LUFS = -19.0  # mono spoken word
MAX_TRUE_PEAK_DBTP = -1.0  # the rule
LIMIT_DBTP = -2.0  # where the limiter holds peaks: 1 dB of room for MP3's overshoot
BIT_RATE = 64  # kbit/s, constant: clear for one voice at 22.05 kHz
ENCODING_LOSS_LU = 0.45  # what LAME takes off eSpeak NG's speech (measured); checked and corrected after
MIN_LOUDNESS_SECONDS = 0.4  # pyloudnorm needs one 400 ms block at least
_QUIET = 1e-3  # below -60 dBFS counts as silence when trimming
_KEEP = int(0.05 * SAMPLE_RATE)  # silence kept around speech, so no word is clipped


@dataclass(frozen=True, slots=True)
class Programme:
    """The finished recording as tracks (one per section) that join into the whole."""

    tracks: tuple[np.ndarray, ...]

    @property
    def whole(self) -> np.ndarray:
        return np.concatenate(self.tracks)

    def starts(self) -> list[int]:
        """Where each track starts in the whole, in samples."""
        return [0, *np.cumsum([len(t) for t in self.tracks[:-1]]).tolist()]


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float64)


def trim(samples: np.ndarray) -> np.ndarray:
    """Speech with the engine's own leading and trailing silence cut to 50 ms, so pauses are ours."""
    loud = np.flatnonzero(np.abs(samples) > _QUIET)
    if loud.size == 0:
        return np.zeros(0, dtype=np.float64)
    return samples[max(0, loud[0] - _KEEP) : loud[-1] + 1 + _KEEP].astype(np.float64)


def assemble(sections: Sequence[np.ndarray]) -> Programme:
    """Tracks: 2 s of silence before the first section, a pause after each, 2 s after the last."""
    tracks = []
    for number, speech in enumerate(sections):
        said = trim(speech)
        if said.size == 0:
            raise BuildError(f"the speech engine said nothing for section {number + 1}")
        before = silence(LEAD_SECONDS) if number == 0 else silence(0)
        after = silence(TAIL_SECONDS if number == len(sections) - 1 else GAP_SECONDS)
        tracks.append(np.concatenate([before, said, after]))
    return Programme(tuple(tracks))


def master(programme: Programme) -> tuple[Programme, bytes]:
    """The programme at -19 LUFS, true peak under -1 dBTP *as heard from the MP3*, and that MP3.

    Encoding changes the level a little (about half a loudness unit lost,
    a fraction of a decibel of peak overshoot), so the encoded file is
    decoded and measured, and the level corrected once or twice if needed.
    """
    target, ceiling = TARGET_LUFS + ENCODING_LOSS_LU, LIMIT_DBTP
    source = programme.whole  # measured once: each round changes only the target, not the recording
    measured, peaks = loudness(source), true_peak(source)
    for _ in range(3):
        whole = normalise(source, target, ceiling, measured, peaks)
        mp3 = encode_mp3(whole)
        heard = decode_mp3(mp3)
        error = TARGET_LUFS - loudness(heard)
        over = true_peak_dbtp(heard) - (MAX_TRUE_PEAK_DBTP - 0.3)
        if abs(error) <= 0.15 and over <= 0:
            break
        target += error
        ceiling -= max(0.0, over)
    return Programme(tuple(np.split(whole, programme.starts()[1:]))), mp3


def normalise(
    samples: np.ndarray,
    target: float = TARGET_LUFS,
    ceiling_db: float = LIMIT_DBTP,
    measured: float | None = None,
    peaks: np.ndarray | None = None,
) -> np.ndarray:
    """``samples`` at ``target`` loudness with true peaks under ``ceiling_db``.

    Limiting costs a little loudness, so the gain is found in a few rounds.
    ``measured`` and ``peaks`` are the samples' loudness and true peaks, when known already.
    """
    measured = loudness(samples) if measured is None else measured
    if not math.isfinite(measured):
        raise BuildError("the recording is silent, so its loudness cannot be set; the speech engine said nothing")
    gain_db = target - measured
    result = samples
    peaks = true_peak(samples) if peaks is None else peaks  # it scales with gain: measured once, not at every try
    for _ in range(6):
        gain = db_to_gain(gain_db)
        result = limit(samples * gain, db_to_gain(ceiling_db), peaks * gain)
        error = target - loudness(result)
        if abs(error) < 0.1:
            break
        gain_db += error
    return result


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS; -inf for silence or audio too short to measure."""
    import pyloudnorm

    if samples.size < MIN_LOUDNESS_SECONDS * SAMPLE_RATE or not np.any(samples):
        return -math.inf
    # asarray, not astype: pyloudnorm copies the samples itself, a second copy would double the memory
    value = float(pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(np.asarray(samples, dtype=np.float64)))
    return value if math.isfinite(value) else -math.inf


_BLOCK = 1 << 18  # samples per block of oversampling (about 12 s)
_PAD = 256  # input samples either side; resample_poly's filter reaches about 10


def true_peak(samples: np.ndarray) -> np.ndarray:
    """The highest level around each sample, found by 4x oversampling (BS.1770 true peak)."""
    from scipy.signal import resample_poly

    peaks = np.zeros(samples.size, dtype=np.float32)
    # In blocks, so a long recording never needs a 4x copy of itself in memory; each
    # block is padded by more than the filter's reach, so the edges come out the same.
    for start in range(0, samples.size, _BLOCK):
        low, high = max(0, start - _PAD), min(samples.size, start + _BLOCK + _PAD)
        oversampled = np.abs(resample_poly(samples[low:high].astype(np.float32), 4, 1))
        block = oversampled[: 4 * (high - low)].reshape(-1, 4).max(axis=1)
        end = min(start + _BLOCK, samples.size)
        peaks[start:end] = block[start - low : end - low]
    return peaks


def true_peak_dbtp(samples: np.ndarray) -> float:
    peaks = true_peak(samples)
    top = float(peaks.max()) if peaks.size else 0.0
    return 20 * math.log10(top) if top > 0 else -math.inf


def limit(
    samples: np.ndarray, ceiling: float, peaks: np.ndarray | None = None, hold_seconds: float = 0.02
) -> np.ndarray:
    """A look-ahead limiter: gain falls smoothly before each peak over ``ceiling`` and recovers after.

    The gain each peak needs is spread to its neighbours (a running minimum)
    and then smoothed by a running mean of the same width; a mean of values
    that are each at most the gain a peak needs is itself at most that gain,
    so no peak escapes while the gain never jumps.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    peaks = true_peak(samples) if peaks is None else peaks
    needed = np.maximum(peaks, np.float32(1e-12))
    np.divide(np.float32(ceiling), needed, out=needed)  # float32 and in place: the gain curve is as long as the audio
    np.minimum(needed, np.float32(1.0), out=needed)
    width = 2 * round(hold_seconds * SAMPLE_RATE) + 1
    gain = uniform_filter1d(minimum_filter1d(needed, width, mode="nearest"), width, mode="nearest")
    return samples * gain


def db_to_gain(db: float) -> float:
    return float(10 ** (db / 20))


def to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples as 16-bit little-endian PCM, rounded (no dither: the same input gives the same bytes)."""
    return np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2").tobytes()


def encode_mp3(samples: np.ndarray) -> bytes:
    """Mono constant-bit-rate MP3 with LAME (lameenc)."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(5)  # LAME's usual setting; 2 is three times slower and no clearer for one voice
    return bytes(encoder.encode(to_pcm16(samples)) + encoder.flush())


def decode_mp3(data: bytes) -> np.ndarray:
    """MP3 bytes as mono float samples at the pipeline's rate (miniaudio, independent of LAME)."""
    import miniaudio

    try:
        decoded = miniaudio.decode(
            data, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=SAMPLE_RATE
        )
    except miniaudio.DecodeError as error:
        raise BuildError(f"audio that is not MP3: {error}") from None
    return np.asarray(decoded.samples, dtype=np.float64)
