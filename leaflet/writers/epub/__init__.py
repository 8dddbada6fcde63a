"""Talking book (format ``epub``): ``<id>.epub``, EPUB 3.3 with text and speech in sync.

Every heading, sentence, list item, table cell and glossary entry has an id
in the XHTML, and a media overlay (SMIL) pairs each with its clip of speech,
so a reading system (Thorium, Apple Books, VoiceDream) highlights the text as
it reads it aloud. The speech is the audio format's: the same engine, voice,
lexicon and spoken forms, and the same personal options (``--engine``,
``--voice``, ``--rate``, checked by ``leaflet.media.speech.options``), named in
the file as audio names them: ``<id>.120wpm.epub``, ``<id>.en-us.epub``.
Each fragment is said as a text of its own
(a document's fragments one after another by one eSpeak NG child), so the
clip times are exact and no forced alignment is needed.

A navigation document (contents and landmarks), schema.org accessibility
metadata conforming to EPUB Accessibility 1.1 (WCAG 2.2 AA), Atkinson
Hyperlegible embedded, and the same bytes for the same source.

- ``documents``  the content documents and the navigation document
- ``speech``     every fragment said, levelled, encoded; the clips
- ``package``    package document, overlays, reproducible zip
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaflet.core.model import Leaflet
from leaflet.media.speech.options import SpeechOptions, parse_speech_options, speech_warnings
from leaflet.writers import EPUB, Output, OutputFile

if TYPE_CHECKING:
    from leaflet.writers.epub.documents import Document
    from leaflet.writers.epub.speech import Track


@dataclass(frozen=True, slots=True)
class Options:
    """How the book speaks (the audio format's options); ``talking=False`` makes a plain book with no speech
    (for comparisons; not a personal option)."""

    speech: SpeechOptions = field(default_factory=SpeechOptions)
    talking: bool = True


def parse_options(values: Mapping[str, str]) -> Options:
    return Options(speech=parse_speech_options(values))


def write(leaflet: Leaflet, options: Options) -> Output:
    from leaflet.media.xhtml.fonts import FILES, font_bytes
    from leaflet.media.xhtml.style import book_css, font_faces
    from leaflet.writers.epub.documents import Pictures, documents, nav_document
    from leaflet.writers.epub.package import package

    pictures = Pictures()
    language = leaflet.meta.language
    neural = options.speech.spoken_by(language) == "neural"
    credit = options.speech.credit(language) if options.talking else None
    made = documents(leaflet, options.talking, pictures, neural=neural, credit=credit)
    nav = nav_document(leaflet.meta.language, leaflet.meta.title, made)
    regular, bold = (f"fonts/{name}" for name in FILES)
    css = (font_faces((regular, bold)) + book_css()).encode("utf-8")
    tracks, problem = _speak(leaflet, made, options.speech) if options.talking else ([None for _ in made], None)
    (name,) = EPUB.names(leaflet.meta.id, options)
    warnings = speech_warnings(leaflet, options.speech, problem) if options.talking else ()
    narrator = options.speech.narrator(language)
    book = OutputFile(name, package(leaflet, made, nav, css, font_bytes(), pictures, tracks, narrator))
    return Output((book,), warnings)


def _speak(leaflet: Leaflet, made: Sequence[Document], speech: SpeechOptions) -> tuple[list[Track | None], str | None]:
    from leaflet.writers.epub.speech import speak

    return speak([d.fragments for d in made], speech.engine_for(leaflet.meta.language), leaflet.meta.id)
