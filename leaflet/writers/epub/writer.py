"""The talking-book writer: content documents, their speech and overlays, one reproducible package."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from leaflet.core.model import Leaflet
from leaflet.media.speech.options import speech_warnings
from leaflet.media.xhtml.fonts import FILES, font_bytes
from leaflet.media.xhtml.style import book_css, font_faces
from leaflet.writers.contract import Output, OutputFile, Resources
from leaflet.writers.epub.documents import Pictures, documents, nav_document
from leaflet.writers.epub.options import Options, files
from leaflet.writers.epub.package import package

if TYPE_CHECKING:
    from leaflet.writers.epub.documents import Document
    from leaflet.writers.epub.speech import Track


def write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    """The book's bytes: the documents, their speech (on ``resources.cores`` cores) and the package."""
    pictures = Pictures()
    language = leaflet.meta.language
    neural = options.spoken_by(language) == "neural"
    credit = options.credit(language) if options.talking else None
    made = documents(leaflet, options.talking, pictures, neural=neural, credit=credit)
    nav = nav_document(leaflet.meta.language, leaflet.meta.title, made)
    regular, bold = (f"fonts/{name}" for name in FILES)
    css = (font_faces((regular, bold)) + book_css()).encode("utf-8")
    tracks, problem = _speak(leaflet, made, options, resources) if options.talking else ([None for _ in made], None)
    (name,) = files(leaflet.meta.id, options)
    warnings = speech_warnings(leaflet, options, problem) if options.talking else ()
    narrator = options.narrator(language)
    book = OutputFile(name, package(leaflet, made, nav, css, font_bytes(), pictures, tracks, narrator))
    return Output((book,), warnings)


def _speak(
    leaflet: Leaflet, made: Sequence[Document], options: Options, resources: Resources
) -> tuple[list[Track | None], str | None]:
    from leaflet.writers.epub.speech import speak

    engine = options.engine_for(leaflet.meta.language, resources.cores)
    return speak([d.fragments for d in made], engine, leaflet.meta.id, resources.progress)
