"""The talking book's speech: every fragment said on its own, so each clip's times are exact.

All the fragments of the book go to the audio format's pipeline in one
batch (``leaflet.media.speech.audio.speak``: the same engine, voice, lexicon and
spoken forms, the same mastering to -19 LUFS with the true peak under
-1 dBTP, measured over the whole book so every sentence is at one level).
Each fragment is one track there, with our own pauses: half a second before
a document's first words, and after each fragment the pause its kind asks
for (a sentence, a paragraph, a heading).

Each track is encoded by its own MP3 encoder, starting with an empty bit
reservoir, so a document's track is its fragments' frames one after
another and decodes as they do. A fragment's clip is exactly its frames:
576 samples each, so the clip times come from counting frames, with no
guess at the encoder's delay, and the clips cover the track with no gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from leaflet.media.speech import engines, milliseconds
from leaflet.media.xhtml.markup import Fragment
from leaflet.writers.contract import ProgressDisplay

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


def speak(
    documents: Sequence[Sequence[Fragment]], engine: engines.Engine, label: str, progress: ProgressDisplay
) -> tuple[list[Track | None], str | None]:
    """A track for each document that has fragments (None for one that has none); and why the speech is not
    at its level, if it is not (``Recording.level_problem``)."""
    from leaflet.media.speech.audio import speak as record  # numpy: only when there is speech to make

    fragments = [fragment for document in documents for fragment in document]
    if not fragments:
        return [None for _ in documents], None
    pauses = [
        (LEAD_SECONDS if n == 0 else 0.0, fragment.pause)
        for document in documents
        for n, fragment in enumerate(document)
    ]
    with progress(2 * len(fragments), f"{label}: speaking and encoding") as tick:
        # a document's sentences said as one talk by the engine (each still its own text and file): one
        # child process of the eSpeak NG worker a document, not one a sentence
        runs = [len(document) for document in documents if document]
        recording = record(engine, [f.said for f in fragments], tick, pauses, runs)
    pieces = iter(zip(recording.tracks, recording.lengths(), strict=True))
    tracks: list[Track | None] = []
    for document in documents:
        taken = [next(pieces) for _ in document]
        tracks.append(_track(document, taken) if document else None)
    return tracks, recording.level_problem()


def _track(fragments: Sequence[Fragment], pieces: Sequence[tuple[bytes, int]]) -> Track:
    """The document's MP3 (its fragments' frames joined) and each fragment's clip, from the frames' lengths."""
    clips, at = [], 0
    for fragment, (_, samples) in zip(fragments, pieces, strict=True):
        clips.append(Clip(fragment.id, milliseconds(at), milliseconds(at + samples)))
        at += samples
    return Track(b"".join(mp3 for mp3, _ in pieces), tuple(clips))


def clock(ms: int) -> str:
    """A SMIL and EPUB clock value: '0:01:02.345'."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
