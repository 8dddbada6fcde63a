"""Independent readers for the audio tests: miniaudio decodes the MP3s (its own MP3 decoder, not LAME),
pyloudnorm measures loudness, and scipy's ``resample_poly`` oversamples for true peaks."""

from __future__ import annotations

import math

import miniaudio
import numpy as np
import pyloudnorm
from scipy.signal import resample_poly

from leaflet.media.speech import SAMPLE_RATE


def decode(data: bytes) -> np.ndarray:
    """A mono MP3 at the publisher's sample rate, decoded to float64 samples."""
    info = miniaudio.mp3_get_info(data)
    assert (info.sample_rate, info.nchannels) == (SAMPLE_RATE, 1)
    found = miniaudio.decode(data, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=SAMPLE_RATE)
    return np.asarray(found.samples, dtype=np.float64)


def reference_loudness(samples: np.ndarray) -> float:
    """Integrated loudness (LUFS) as pyloudnorm measures it."""
    return float(pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(np.asarray(samples, dtype=np.float64)))


def reference_true_peak(samples: np.ndarray) -> float:
    """True peak (dBTP): 4x oversampling by scipy."""
    return 20 * math.log10(float(np.abs(resample_poly(np.asarray(samples, dtype=np.float64), 4, 1)).max()))
