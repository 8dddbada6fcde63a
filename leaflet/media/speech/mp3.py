"""MP3: encoding with LAME, walking the frames of what it wrote, and decoding with an independent decoder.

MP3 is constant bit rate, because lameenc writes no Xing header and players
guess the length of a variable-rate file wrongly. Every frame then has the
same header but for its padding bit, so its frames can be counted without
decoding them, which catches a broken encode.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from leaflet.core.diagnostics import BuildError
from leaflet.media.speech import SAMPLE_RATE
from leaflet.media.speech.samples import to_pcm16

BIT_RATE = 64  # kbit/s, constant: clear for one voice at 22.05 kHz
QUALITY = 5  # LAME's usual setting; 2 is three times slower and no clearer for one voice
FRAME_SAMPLES = 576  # samples in one MPEG-2 layer III frame (22.05 kHz)
ENCODER_SLACK = 4 * FRAME_SAMPLES  # at most what LAME adds to a track (its delay and last frame: 2-3 frames)


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


def checked_frames(mp3: bytes, samples: int) -> int:
    """The MP3's frames, walked: every header in place, and as many as ``samples`` samples need (LAME
    adds its delay and pads the last frame), so a broken or cut-short encode is caught."""
    count = frame_count(mp3)
    if not samples <= count * FRAME_SAMPLES <= samples + ENCODER_SLACK:
        raise BuildError(f"the MP3 encoder wrote {count} frames for {samples} samples")
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
