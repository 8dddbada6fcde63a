"""Mastering and encoding, checked against independent measures: pyloudnorm for loudness, scipy's
resample_poly for true peak, miniaudio for decoding. Synthetic speech-like takes keep these quick."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest
from scipy.signal import resample_poly

from leaflet.core.diagnostics import BuildError
from leaflet.media.speech import SAMPLE_RATE, audio
from leaflet.media.speech.limiter import db_to_gain, follow, limiter_gain, true_peak_dbtp
from leaflet.media.speech.loudness import Meter, gated_loudness, loudness
from leaflet.media.speech.mp3 import FRAME_SAMPLES, checked_frames, encode_mp3, frame_count
from leaflet.media.speech.samples import write_wav
from leaflet.media.speech.takes import Take, measure, true_peaks
from tests.sound import decode, reference_loudness, reference_true_peak


def speechlike(seconds: float, seed: int, level: float = 0.3) -> np.ndarray:
    """Syllables: bursts of a buzzy voiced tone under a 4 Hz envelope, with sharp clicks (a high crest factor)."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    pitch = 110 + 30 * np.sin(2 * np.pi * 0.7 * t)
    voice = sum(np.sin(2 * np.pi * k * np.cumsum(pitch) / SAMPLE_RATE) / k for k in range(1, 12))
    envelope = np.clip(np.sin(2 * np.pi * 4 * t + rng.uniform(0, 6)), 0, None) ** 2
    said = level * voice * envelope / 3
    clicks = rng.choice(t.size, size=max(1, t.size // 4000), replace=False)
    said[clicks] = level * 3 * rng.choice([-1.0, 1.0], size=clicks.size)
    return np.clip(said, -1, 1).astype(np.float32)


def takes(folder: Path, sections: list[np.ndarray]) -> list[Take]:
    made = []
    for number, samples in enumerate(sections):
        path = folder / f"{number:03d}.wav"
        padded = np.concatenate([np.zeros(3000, np.float32), samples, np.zeros(5000, np.float32)])
        write_wav(path, padded)  # with the engine's own silence either side, to be trimmed
        made.append(Take.trimmed(path))
    return made


@pytest.fixture
def given(monkeypatch: pytest.MonkeyPatch) -> list[np.ndarray]:
    """What the encoder is given, track by track (in any order: tracks are made in threads)."""
    seen: list[np.ndarray] = []

    def encode_seen(chunks: Iterable[np.ndarray]) -> bytes:
        track = np.concatenate(list(chunks))
        seen.append(track)
        return encode_mp3(iter([track]))

    monkeypatch.setattr(audio, "encode_mp3", encode_seen)
    return seen


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[audio.Recording, audio.Recording]:
    folder = tmp_path_factory.mktemp("takes")
    sections = [speechlike(seconds, seed) for seed, seconds in enumerate((4.0, 9.5, 2.2, 6.0))]
    # These clicks lose far more to the encoder than eSpeak NG's voice (ENCODING_LOSS_LU): measured as heard.
    return audio.record(takes(folder, sections), as_heard=True), audio.record(takes(folder, sections), as_heard=True)


def test_loudness_is_bs1770_as_pyloudnorm_measures_it() -> None:
    samples = speechlike(12.0, seed=7)
    assert loudness(samples) == pytest.approx(reference_loudness(samples), abs=0.01)
    assert loudness(samples * 0.1) == pytest.approx(reference_loudness(samples * 0.1), abs=0.01)
    assert loudness(np.zeros(SAMPLE_RATE)) == -math.inf
    assert loudness(samples[: SAMPLE_RATE // 4]) == -math.inf  # shorter than one gating block


def test_a_meter_fed_in_odd_pieces_measures_the_same() -> None:
    samples = speechlike(8.0, seed=3)
    meter = Meter(block=SAMPLE_RATE // 10)
    for low in range(0, samples.size, 12_345):
        meter.feed(samples[low : low + 12_345])
    steps = meter.energy()[: samples.size // (SAMPLE_RATE // 10)]
    assert gated_loudness(steps) == pytest.approx(loudness(samples), abs=1e-4)


def test_true_peak_is_4x_oversampling_as_resample_poly_does_it() -> None:
    rng = np.random.default_rng(5)
    for samples in (speechlike(5.0, seed=1), rng.normal(0, 0.2, 30_000).astype(np.float32)):
        assert true_peak_dbtp(samples) == pytest.approx(reference_true_peak(samples), abs=1e-3)
    assert true_peak_dbtp(np.zeros(100)) == -math.inf


def test_the_limiter_holds_true_peaks_under_its_ceiling_and_never_jumps(tmp_path: Path) -> None:
    said = speechlike(6.0, seed=2, level=0.9)
    write_wav(tmp_path / "take.wav", said[: said.size - said.size % 21])
    take = Take(tmp_path / "take.wav", 0, said.size - said.size % 21)
    samples = np.concatenate(list(take.speech()))
    peaks = true_peaks(measure(take), floor=0.0)  # worked out for every block
    oversampled = np.abs(resample_poly(samples.astype(np.float64), 4, 1)).reshape(-1, 4 * 21).max(axis=1)
    assert np.allclose(peaks, oversampled, atol=1e-5)
    curve = limiter_gain(peaks, db_to_gain(-6.0))
    assert curve is not None and curve.min() < 0.7  # it has work to do
    # Within 0.2 dB even on these one-sample clicks: the gain moves a little across the 21 samples that
    # oversampling looks at (which is why the build's ceiling is 1 dB under the rule and it checks the MP3).
    assert reference_true_peak(follow(samples, curve, 0)) <= -6.0 + 0.2
    assert np.abs(np.diff(curve)).max() < 0.05  # and does it smoothly
    assert limiter_gain(peaks, 2.0) is None  # nothing reaches +6 dBTP


def test_the_recording_is_at_minus_19_lufs_under_minus_1_dbtp_as_heard(made: tuple[audio.Recording, ...]) -> None:
    whole = decode(made[0].whole)
    assert reference_loudness(whole) == pytest.approx(-19.0, abs=audio.LOUDNESS_ERROR_LU)
    assert reference_true_peak(whole) <= audio.HEARD_PEAK_DBTP + 0.01
    assert made[0].loudness == pytest.approx(reference_loudness(whole), abs=0.05)


def test_without_decoding_the_level_is_set_for_the_known_loss_and_the_frames_are_walked(
    tmp_path: Path, given: list[np.ndarray]
) -> None:
    # Loud enough that the target needs only a few dB of limiting, as eSpeak NG's voices do (at the
    # default level, these clicky syllables would need 20 dB, and the gain solver stops short of it).
    sections = [speechlike(seconds, seed, level=0.9) for seed, seconds in enumerate((3.0, 5.0))]
    recording = audio.record(takes(tmp_path, sections))
    # Before the encoder, measured apart: the target plus the loss the encoder is known to take, and the
    # limiter's ceiling (within what oversampling's 21-sample view lets through, as above).
    before = np.concatenate(given)
    assert reference_loudness(before) == pytest.approx(audio.TARGET_LUFS + audio.ENCODING_LOSS_LU, abs=0.05)
    assert reference_true_peak(before) <= audio.LIMIT_DBTP + 0.2
    assert (recording.loudness, recording.true_peak) == pytest.approx((audio.TARGET_LUFS, audio.LIMIT_DBTP))  # as set
    whole = decode(recording.whole)
    assert whole.size == sum(recording.lengths())
    assert reference_true_peak(whole) <= audio.MAX_TRUE_PEAK_DBTP


def test_a_broken_encode_is_caught_by_walking_its_frames() -> None:
    mp3 = encode_mp3(speechlike(2.0, seed=4))
    samples = round(2.0 * SAMPLE_RATE)
    assert checked_frames(mp3, samples) == frame_count(mp3)
    with pytest.raises(BuildError, match="not a frame at byte 0"):
        checked_frames(b"\x00" * 4 + mp3[4:], samples)
    with pytest.raises(BuildError, match=r"wrote \d+ frames for 44100 samples"):
        checked_frames(mp3[: len(mp3) // 2], samples)  # cut short


def test_the_same_takes_give_the_same_bytes(made: tuple[audio.Recording, ...]) -> None:
    assert made[0].tracks == made[1].tracks


def test_the_whole_is_the_tracks_frames_so_chapters_are_exact(made: tuple[audio.Recording, ...]) -> None:
    recording = made[0]
    whole = decode(recording.whole)
    assert whole.size == sum(recording.lengths())
    for mp3, frames, start in zip(recording.tracks, recording.frames, recording.starts(), strict=True):
        alone = decode(mp3)
        assert alone.size == frames * FRAME_SAMPLES == frame_count(mp3) * FRAME_SAMPLES
        # Decoded inside the whole, a track is what it is alone (but for the decoder's overlap with the
        # silence before it in its first frame): each chapter starts exactly where its speech does.
        inside = whole[start : start + alone.size]
        assert np.abs(inside[2 * FRAME_SAMPLES :] - alone[2 * FRAME_SAMPLES :]).max() < 1e-4
        assert np.abs(inside - alone).max() < 1e-2


def test_pauses_are_ours(made: tuple[audio.Recording, ...]) -> None:
    whole = decode(made[0].whole)
    assert np.abs(whole[: int(1.9 * SAMPLE_RATE)]).max() < 0.01
    first = decode(made[0].tracks[0])
    assert np.abs(first[-int(1.4 * SAMPLE_RATE) :]).max() < 0.01  # the pause after a section


def test_a_silent_take_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="said nothing for section 2"):
        audio.record(takes(tmp_path, [speechlike(2.0, seed=1), np.zeros(20_000, np.float32)]))


def test_a_level_out_of_reach_is_reported_as_it_is_with_a_reason(tmp_path: Path, given: list[np.ndarray]) -> None:
    """Clicky syllables at the default level would need some 20 dB of limiting to reach the target: the
    solver stops short, and the recording says how loud it really is (measured apart, before the encoder)
    and why, so the writers can warn; a recording at its level has nothing to say."""
    quiet = audio.record(takes(tmp_path, [speechlike(seconds, seed) for seed, seconds in enumerate((3.0, 5.0))]))
    before = reference_loudness(np.concatenate(given)) - audio.ENCODING_LOSS_LU
    assert quiet.loudness == pytest.approx(before, abs=0.2) and quiet.loudness < audio.TARGET_LUFS - 0.5
    assert "could not be brought to -19 LUFS" in str(quiet.level_problem())
    folder = tmp_path / "loud"
    folder.mkdir()
    loud = audio.record(
        takes(folder, [speechlike(seconds, seed, level=0.9) for seed, seconds in enumerate((3.0, 5.0))])
    )
    assert loud.level_problem() is None
