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

- ``options``    the options it takes and the files it names
- ``writer``     one call: documents, speech, package
- ``documents``  the content documents and the navigation document
- ``speech``     every fragment said, levelled, encoded; the clips
- ``package``    package document, overlays, reproducible zip
"""

from __future__ import annotations

from leaflet.core.model import Leaflet
from leaflet.writers.contract import Format, Output, Resources
from leaflet.writers.epub.options import Options, files


def _write(leaflet: Leaflet, options: Options, resources: Resources) -> Output:
    from leaflet.writers.epub.writer import write

    return write(leaflet, options, resources)


FORMAT = Format(
    name="epub",
    summary="talking book (.epub): EPUB 3.3, the text read aloud and highlighted in sync (media overlays)",
    label="Talking e-book",
    description="An e-book that reads itself aloud and highlights each sentence as it is read.",
    readers="people who read along while they listen: an EPUB 3 talking book whose text is highlighted as it is read aloud",
    options=Options,
    files=files,
    writer=_write,
    audit="leaflet.checks.epub",
)
