"""The talking book's speech: every fragment said on its own, so each clip's times are exact.

All the fragments of the book go to the speech engine in one batch (the
same engines, voice, lexicon and spoken forms as the audio format). Each
comes back trimmed of the engine's own silence and followed by our pause;
a document's fragments, joined, make its track. The whole book is brought
to the audio format's loudness (-19 LUFS, true peak under -1 dBTP) in one
piece, so every track is at the same level, and each track is encoded as a
constant-bit-rate MP3.

An MP3 starts a little late: the encoder and decoder add a delay (1153
samples with LAME at 22.05 kHz, measured once here, not assumed). Each
clip after the first starts that much later, the first starts at zero and
the last ends where the decoded MP3 ends, so the clips cover the track
exactly, with no gap and no overlap.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from leaflet.diagnostics import BuildError
from leaflet.speech import SAMPLE_RATE, engines
from leaflet.speech.audio import ENCODING_LOSS_LU, TARGET_LUFS, decode_mp3, encode_mp3, normalise, silence, trim
from leaflet.speech.progress import progress
from leaflet.xhtml.markup import Fragment

LEAD_SECONDS = 0.5  # silence before a document's first words


@dataclass(frozen=True, slots=True)
class Clip:
    """Where one fragment is said in its track, in milliseconds."""

    fragment: str
    begin_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Track:
    """One document's speech: the MP3 and the clip of each of its fragments, in order."""

    mp3: bytes
    clips: tuple[Clip, ...]

    @property
    def duration_ms(self) -> int:
        return self.clips[-1].end_ms if self.clips else 0


@functools.cache
def mp3_delay() -> int:
    """Samples by which decoded MP3 lags what was encoded: a click is encoded and found again."""
    click = np.zeros(SAMPLE_RATE // 2)
    click[4000:4010] = 0.8
    return int(np.argmax(np.abs(decode_mp3(encode_mp3(click))))) - 4000


def speak(documents: Sequence[Sequence[Fragment]], engine: engines.Engine, label: str) -> list[Track | None]:
    """A track for each document that has fragments (None for one that has none)."""
    texts = [fragment.said for fragments in documents for fragment in fragments]
    if not texts:
        return [None for _ in documents]
    with progress(len(texts), f"{label}: speaking") as tick:
        said = iter(engine.synthesise(texts, tick))
    pieces: list[list[np.ndarray]] = []
    for fragments in documents:
        pieces.append([_piece(next(said), fragment, first=n == 0) for n, fragment in enumerate(fragments)])
    lengths = [len(piece) for document in pieces for piece in document]
    whole = normalise(np.concatenate([p for document in pieces for p in document]), TARGET_LUFS + ENCODING_LOSS_LU)
    parts = iter(np.split(whole, np.cumsum(lengths)[:-1]))
    tracks: list[Track | None] = []
    with progress(len(documents), f"{label}: encoding") as tick:
        for fragments, document in zip(documents, pieces, strict=True):
            tracks.append(_track(fragments, [next(parts) for _ in document]) if fragments else None)
            tick()
    return tracks


def _piece(samples: np.ndarray, fragment: Fragment, first: bool) -> np.ndarray:
    speech = trim(samples)
    if speech.size == 0:
        raise BuildError(f"the speech engine said nothing for {fragment.said[:40]!r}")
    before = silence(LEAD_SECONDS) if first else silence(0)
    return np.concatenate([before, speech, silence(fragment.pause)])


def _track(fragments: Sequence[Fragment], samples: Sequence[np.ndarray]) -> Track:
    mp3 = encode_mp3(np.concatenate(samples))
    heard = len(decode_mp3(mp3))
    delay = mp3_delay()
    starts = np.cumsum([0, *(len(s) for s in samples[:-1])])
    begins = [0, *(_ms(int(start) + delay) for start in starts[1:])]
    ends = [*begins[1:], _ms(heard)]
    clips = tuple(Clip(f.id, b, e) for f, b, e in zip(fragments, begins, ends, strict=True))
    return Track(mp3, clips)


def _ms(samples: int) -> int:
    return round(samples * 1000 / SAMPLE_RATE)


def clock(ms: int) -> str:
    """A SMIL and EPUB clock value: '0:01:02.345'."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
