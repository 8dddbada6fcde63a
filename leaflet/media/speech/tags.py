"""ID3v2 tags for the MP3s: title, publisher, album, date, language, ISBN, and chapters.

Chapters are ID3 CHAP frames (one per section, titled with its heading)
under a CTOC table of contents, which podcast players and ffprobe show.
mutagen writes frames ordered by size, so chapters could land out of
order and players would list them wrongly: this module writes every frame
in the order it was added, and checks the order it reads back.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from mutagen.id3 import (
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TRCK,
    WOAS,
    CTOCFlags,
    ID3NoHeaderError,
)
from mutagen.id3._tags import save_frame  # the one frame writer; its order is what we fix

from leaflet.core.diagnostics import BuildError

ID3_VERSION = 3  # v2.3 is what most players and Windows read; CHAP and CTOC work in it
_NO_OFFSET = 0xFFFFFFFF  # chapters are located by time, not by byte
# ISO 639-2 codes for TLAN, for the languages UK leaflets are most often in.
_ISO639_2 = {
    "en": "eng", "cy": "wel", "gd": "gla", "ga": "gle", "fr": "fre", "de": "ger", "es": "spa", "pt": "por",
    "it": "ita", "pl": "pol", "ro": "rum", "lt": "lit", "ar": "ara", "bn": "ben", "gu": "guj", "hi": "hin",
    "pa": "pan", "ur": "urd", "ta": "tam", "so": "som", "tr": "tur", "fa": "per", "zh": "chi", "ru": "rus",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Chapter:
    """One section's place in the recording."""

    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Info:
    """What the tags say about the recording."""

    title: str
    publisher: str
    album: str
    date: str  # YYYY-MM-DD
    language: str  # BCP 47, as the leaflet gives it
    isbn: str | None = None
    url: str | None = None
    track: str | None = None  # "2/6" for a section's own file


class _OrderedID3(ID3):
    """ID3 that writes its frames in the order they were added (mutagen sorts them by size)."""

    def _write(self, config):  # type: ignore[no-untyped-def]
        return bytearray().join(save_frame(frame, config=config) for frame in self.values())


def language_code(language: str) -> str:
    """The ISO 639-2 code TLAN wants ('en-GB' -> 'eng'); 'und' when we do not know it."""
    return _ISO639_2.get(language.split("-")[0].lower(), "und")


def header(info: Info, chapters: Sequence[Chapter] = ()) -> bytes:
    """The ID3v2 tag alone, to go in front of the MP3's frames (which need not be joined up yet)."""
    tags = _OrderedID3()
    tags.add(TIT2(encoding=3, text=[info.title]))
    tags.add(TPE1(encoding=3, text=[info.publisher]))
    tags.add(TALB(encoding=3, text=[info.album]))
    if info.track:
        tags.add(TRCK(encoding=3, text=[info.track]))
    tags.add(TDRC(encoding=3, text=[info.date]))
    tags.add(TLAN(encoding=3, text=[language_code(info.language)]))
    if info.isbn:
        tags.add(COMM(encoding=3, lang=language_code(info.language), desc="", text=[f"ISBN {info.isbn}"]))
    if info.url:
        tags.add(WOAS(url=info.url))
    if chapters:
        ids = [f"chp{n}" for n in range(len(chapters))]
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=["Sections"])],
            )
        )
        for element_id, chapter in zip(ids, chapters, strict=True):
            tags.add(
                CHAP(
                    element_id=element_id,
                    start_time=chapter.start_ms,
                    end_time=chapter.end_ms,
                    start_offset=_NO_OFFSET,
                    end_offset=_NO_OFFSET,
                    sub_frames=[TIT2(encoding=3, text=[chapter.title])],
                )
            )
    buffer = io.BytesIO()
    tags.save(buffer, v1=0, v2_version=ID3_VERSION, padding=lambda info: 0)
    made = buffer.getvalue()
    _check_order(made, chapters)
    return made


def read_chapters(mp3: bytes) -> list[Chapter]:
    """The chapters in the order they are stored in the file."""
    try:
        tags = ID3(io.BytesIO(mp3))
    except ID3NoHeaderError:
        return []
    return [Chapter(str(c.sub_frames.get("TIT2", "")), c.start_time, c.end_time) for c in tags.getall("CHAP")]


def _check_order(tagged: bytes, chapters: Sequence[Chapter]) -> None:
    stored = read_chapters(tagged)
    if [c.start_ms for c in stored] != [c.start_ms for c in chapters]:
        raise BuildError("the MP3's chapters were written out of order; the ID3 library has changed how it saves")
