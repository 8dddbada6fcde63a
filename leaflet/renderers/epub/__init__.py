"""Talking book (format ``epub``): ``<id>.epub``, EPUB 3.3 with text and speech in sync.

Every heading, sentence, list item, table cell and glossary entry has an id
in the XHTML, and a media overlay (SMIL) pairs each with its clip of speech,
so a reading system (Thorium, Apple Books, VoiceDream) highlights the text as
it reads it aloud. The speech is the audio format's: the same engine, voice,
lexicon and spoken forms; each fragment is said on its own, so the clip
times are exact and no forced alignment is needed.

A navigation document (contents and landmarks), schema.org accessibility
metadata conforming to EPUB Accessibility 1.1 (WCAG 2.2 AA), Atkinson
Hyperlegible embedded, and the same bytes for the same source.

- ``documents``  the content documents and the navigation document
- ``speech``     every fragment said, levelled, encoded; the clips
- ``package``    package document, overlays, reproducible zip
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leaflet.model import Leaflet
from leaflet.options import only
from leaflet.renderers import Audit, Rendered
from leaflet.speech import DEFAULT_RATE
from leaflet.xhtml.output import Output, OutputFile

if TYPE_CHECKING:
    from leaflet.renderers.epub.documents import Document
    from leaflet.renderers.epub.speech import Track

NAME = "epub"
SUMMARY = "talking book (.epub): EPUB 3.3, the text read aloud and highlighted in sync (media overlays)"
OPTION_NAMES: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Options:
    """``talking=False`` makes a plain book with no speech (for comparisons; not a personal option)."""

    talking: bool = True


def parse_options(values: Mapping[str, str]) -> Options:
    only(NAME, values, OPTION_NAMES)
    return Options()


def file_name(leaflet_id: str, options: Options = Options()) -> str:
    return f"{leaflet_id}.epub" if options.talking else f"{leaflet_id}.plain.epub"


def write(leaflet: Leaflet, options: Options) -> Output:
    from leaflet.renderers.epub.documents import Pictures, documents, nav_document
    from leaflet.renderers.epub.package import package
    from leaflet.xhtml.fonts import FILES, font_bytes
    from leaflet.xhtml.style import book_css, font_faces

    pictures = Pictures()
    made = documents(leaflet, options.talking, pictures)
    nav = nav_document(leaflet.meta.language, leaflet.meta.title, made)
    regular, bold = (f"fonts/{name}" for name in FILES)
    css = (font_faces((regular, bold)) + book_css()).encode("utf-8")
    tracks: list[Track | None] = _speak(leaflet, made) if options.talking else [None for _ in made]
    data = package(leaflet, made, nav, css, font_bytes(), pictures, tracks)
    return Output((OutputFile(file_name(leaflet.meta.id, options), data),))


def _speak(leaflet: Leaflet, made: Sequence[Document]) -> list[Track | None]:
    from leaflet.renderers.epub.speech import speak
    from leaflet.speech import engines

    engine = engines.make(engines.DEFAULT_ENGINE, voice=None, rate=DEFAULT_RATE, language=leaflet.meta.language)
    return speak([d.fragments for d in made], engine, leaflet.meta.id)


def render(leaflet: Leaflet, options: Options, out_dir: Path) -> Rendered:
    from leaflet.files import write_bytes_atomic

    output = write(leaflet, options)
    paths = tuple(write_bytes_atomic(out_dir / f.name, f.data) for f in output.files)
    return Rendered(paths, output.warnings)


def audit(leaflet: Leaflet, out_dir: Path) -> Audit:
    """Bridge to ``leaflet.checks.epub`` until the format record names its audit module."""
    from leaflet.checks.epub import audit as check

    found = check(leaflet, out_dir)
    problems = tuple(str(d) for d in found if d.severity == "error")
    return Audit(problems=problems, notes=tuple(d.message for d in found if d.severity == "note"))
