"""From said sections to finished audio: pauses, steady loudness, a limiter, MP3, streamed in bounded memory.

Spoken word in mono is normalised to -19 LUFS (integrated, ITU-R BS.1770-4
gating) with the true peak at most -1 dBTP. eSpeak NG's speech has a high
crest factor, so gain alone would clip: a gentle look-ahead limiter holds the
true peak (4x oversampling) under a ceiling a little below -1 dBTP, leaving
room for the small overshoot MP3 encoding adds.

Nothing holds the whole recording: each section stays in the WAV file its
engine wrote and is read back in chunks (``leaflet.media.speech.takes``). The gain
is found from the takes' energy per block of 21 samples, then each track is
limited and encoded. The level is set for what LAME is known to take off
eSpeak NG's voice, so the MP3 is not decoded again: its frames are walked,
which catches a broken encode (another engine's MP3 is decoded, measured *as
heard* and corrected). Tracks are worked on side by side in threads, as
many as the engine has cores (the job's share of --jobs; numpy and LAME release
the GIL). The measuring lives beside this: loudness in
``leaflet.media.speech.loudness``, true peak and the limiter in
``leaflet.media.speech.limiter``, MP3 in ``leaflet.media.speech.mp3``.

Each track is encoded once, by its own encoder, and the whole recording is
the tracks' frames one after another: every track starts with an empty bit
reservoir, so the joined frames decode as the tracks do, and a chapter
starts exactly where its track's frames start.
"""

from __future__ import annotations

import contextlib
import functools
import math
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from leaflet.core.diagnostics import BuildError
from leaflet.media.speech import SAMPLE_RATE
from leaflet.media.speech.limiter import PeakMeter, db_to_gain, limiter_gain
from leaflet.media.speech.loudness import Meter, gated_loudness
from leaflet.media.speech.mp3 import FRAME_SAMPLES, checked_frames, encode_mp3
from leaflet.media.speech.samples import BLOCK, CHUNK, STEP
from leaflet.media.speech.takes import Take, Track, layout, measure, places, true_peaks

if TYPE_CHECKING:
    from leaflet.media.speech.engines import Engine

_T = TypeVar("_T")

TARGET_LUFS = -19.0  # mono spoken word
MAX_TRUE_PEAK_DBTP = -1.0  # the rule
LIMIT_DBTP = -2.0  # where the limiter holds peaks: 1 dB of room for MP3's overshoot
HEARD_PEAK_DBTP = MAX_TRUE_PEAK_DBTP - 0.3  # the highest true peak accepted in the decoded MP3
LOUDNESS_ERROR_LU = 0.3  # how far from the target the decoded MP3 may be before it is made again
ENCODING_LOSS_LU = 0.45  # what LAME takes off eSpeak NG's speech (measured); checked and corrected after
CALIBRATED_ENGINES = frozenset({"espeak"})  # ENCODING_LOSS_LU was measured on these engines' voices

_STEP_BLOCKS = STEP // BLOCK  # 105 blocks in 100 ms
_HEADROOM_DB = 1.0  # true peaks are worked out for gains up to this much above the first estimate (the
# limiter's loss raises it 0.1-0.4 dB for eSpeak NG); elsewhere a bound is used, which is safe but limits more
_CORRECTION_DB = 2.0  # and this much more when measured as heard, where corrections may raise the gain


@dataclass(frozen=True, slots=True)
class Recording:
    """The finished recording: an MP3 per track; the whole is their frames one after another."""

    tracks: tuple[bytes, ...]
    frames: tuple[int, ...]  # MP3 frames in each track
    loudness: float  # LUFS: as decoded (``as_heard``), else as set for the encoder's known loss
    true_peak: float  # dBTP: as decoded (``as_heard``), else the limiter's ceiling before the encoder

    @property
    def whole(self) -> bytes:
        return b"".join(self.tracks)

    def lengths(self) -> list[int]:
        """Each track's length in samples, as decoded: exact, since every frame holds 576."""
        return [n * FRAME_SAMPLES for n in self.frames]

    def starts(self) -> list[int]:
        """Where each track starts in the whole, in samples."""
        return [0, *np.cumsum(self.lengths()[:-1]).tolist()]

    def level_problem(self) -> str | None:
        """Why the recording is not at the level it should be, in words for a build's warning, or None."""
        if abs(self.loudness - TARGET_LUFS) <= LOUDNESS_ERROR_LU:
            return None
        return (
            f"the speech could not be brought to {TARGET_LUFS:.0f} LUFS without more limiting than a voice should "
            f"have; it is about {self.loudness:.1f} LUFS. Another --voice, or the engine's own level, may do better"
        )


def speak(
    engine: Engine,
    texts: Sequence[str],
    tick: Callable[[], None] = lambda: None,
    pauses: Sequence[tuple[float, float]] | None = None,
    runs: Sequence[int] = (),
) -> Recording:
    """``texts`` said by ``engine``, one track each, mastered and encoded; ``tick()`` as each is said and
    as each is encoded. The engine's WAV files live in a temporary folder while this runs. ``pauses``:
    each track's silence before and after its speech, in seconds (default: a recording's, see ``places``).
    ``runs``: lengths of runs of texts the engine may say one after another (``Engine.synthesise``).
    The offline engine's loss to the encoder is known (``ENCODING_LOSS_LU``), so its MP3 is not decoded
    again; another engine's is (see ``record``)."""
    with (
        tempfile.TemporaryDirectory(prefix="leaflet-speech-") as folder,
        contextlib.closing(engine.synthesise(texts, Path(folder), tick, runs)) as said,
    ):
        takes = (Take.trimmed(path) for path in said)
        return record(takes, tick, pauses, as_heard=engine.name not in CALIBRATED_ENGINES, cores=engine.cores)


def record(
    takes: Iterable[Take],
    tick: Callable[[], None] = lambda: None,
    pauses: Sequence[tuple[float, float]] | None = None,
    *,
    as_heard: bool = False,
    cores: int = 1,
) -> Recording:
    """The takes (in order) mastered and encoded: -19 LUFS, true peak under -1 dBTP.

    Each take is measured as it arrives, while the engine is still saying
    the later ones: its K-weighted energy and its sample peak per block of
    21 samples. Then the true peaks are worked out where the level found
    could bring them near the ceiling, and the gain that gives the target
    *after* the limiter is found from the blocks alone (the limiter's gain
    moves slowly, so it scales each block's energy); no pass over the audio
    is needed for that. Then each track is limited and encoded, and its
    frames are walked (every header in place, as many frames as the samples
    need), which catches a broken encode. Tracks are worked on side by side,
    longest first.

    The level is set for what LAME takes off (``ENCODING_LOSS_LU``, measured
    on eSpeak NG's voices: heard within 0.02 LU of -19 LUFS at every rate,
    and true peaks at most 0.2 dB over the limiter's -2 dBTP). With
    ``as_heard`` (another engine's voice may lose more to the encoder) each
    track is also decoded and measured, and if the decoded level or peak is
    off the gain or ceiling is corrected and the tracks made again.
    """
    with ThreadPoolExecutor(max_workers=cores) as pool:  # the job's share of --jobs
        measuring = []
        for number, take in enumerate(takes, start=1):
            if take.length == 0:
                raise BuildError(f"the speech engine said nothing for section {number}")
            measuring.append(pool.submit(measure, take))
        measured = [m.result() for m in measuring]
        placed = places([m.take.length for m in measured], pauses)
        level = _programme_loudness([m.energy for m in measured], [place.offset for place in placed], 1.0)
        if not math.isfinite(level):
            raise BuildError("the recording is silent, so its loudness cannot be set; the speech engine said nothing")
        target, ceiling = TARGET_LUFS + ENCODING_LOSS_LU, db_to_gain(LIMIT_DBTP)
        headroom = _HEADROOM_DB + (_CORRECTION_DB if as_heard else 0.0)
        floor = ceiling / db_to_gain(target - level + headroom)  # true peaks matter from here up
        tracks = layout(measured, list(pool.map(functools.partial(true_peaks, floor=floor), measured)), placed)
        del measured
        gain = db_to_gain(target - level)
        for _ in range(3 if as_heard else 1):
            gain, short = _solve_gain(tracks, gain, ceiling, target)
            if not as_heard:
                encoded = _longest_first(pool, functools.partial(_encode, gain=gain, ceiling=ceiling), tracks)
                # as set, before the encoder: the target, less what the gain could not reach
                heard, peak = TARGET_LUFS - short, 20 * math.log10(ceiling)
                break
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
    frames = tuple(checked_frames(mp3, track.length) for mp3, track in zip(encoded, tracks, strict=True))
    return Recording(tuple(encoded), frames, heard, peak)


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


def _solve_gain(tracks: Sequence[Track], gain: float, ceiling: float, target: float) -> tuple[float, float]:
    """The gain that brings the programme to ``target`` LUFS with the limiter holding peaks under ``ceiling``,
    worked out from the K-weighted energy per block: the limiter's gain curve scales each block's energy.
    Only the blocks the limiter touches are worked on again at each try. With it, how far short of the
    target the last try still was (LU): near 0, unless the speech's peaks need far more limiting than
    eSpeak NG's voices (0.1-0.4 dB), where each dB more gain adds little loudness."""
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
    return gain, (error if abs(error) >= 0.01 else 0.0)


def _encode(track: Track, gain: float, ceiling: float) -> bytes:
    """The track limited and encoded."""
    return encode_mp3(track.samples(gain, ceiling))


def _make(track: Track, gain: float, ceiling: float) -> tuple[bytes, np.ndarray, float]:
    """The track limited and encoded; then decoded, in pieces, to measure it as heard: its K-weighted
    energy per 100 ms from its own start, and its true peak (dBTP). Measured from each track's start, the
    100 ms steps of the tracks do not line up with the programme's exactly; a track starts and ends in
    silence, so the programme's loudness comes out the same to within a hundredth of a unit."""
    import miniaudio

    mp3 = encode_mp3(track.samples(gain, ceiling))
    meter, peaks = Meter(block=STEP), PeakMeter()
    for piece in miniaudio.stream_memory(
        mp3, miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=SAMPLE_RATE, frames_to_read=CHUNK
    ):
        samples = np.frombuffer(piece, dtype=np.float32)
        meter.feed(samples)
        peaks.feed(samples)
    return mp3, meter.energy()[:-1], peaks.highest()
