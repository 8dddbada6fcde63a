"""The leaflet's furniture for braille until ``leaflet.compose`` lands: same shape, same words.

``front`` are the lines under the title; ``sections`` the body, then "Words
explained" and "About this leaflet" as ordinary model sections, so the
writer lays them out with the code it uses for the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.model import Leaflet, Link, Paragraph, Section, Strong, Text
from leaflet.text import long_date


@dataclass(frozen=True, slots=True)
class Composed:
    """Title, the lines under it, and every section in reading order."""

    title: str
    front: tuple[Paragraph, ...]
    sections: tuple[Section, ...]


def compose(leaflet: Leaflet) -> Composed:
    meta = leaflet.meta
    front = [_line(f"Information from {meta.publisher}"), _line(f"Published {long_date(meta.published)}")]
    if meta.updated:
        front.append(_line(f"Updated {long_date(meta.updated)}"))
    sections = list(leaflet.sections)
    if leaflet.glossary:
        entries = tuple(
            Paragraph((Strong(entry.term, entry.line), Text(f": {entry.explanation}", entry.line)), entry.line)
            for entry in leaflet.glossary
        )
        sections.append(Section("Words explained", 2, entries))
    published = f"Published by {meta.publisher} on {long_date(meta.published)}."
    if meta.updated:
        published += f" Last updated {long_date(meta.updated)}."
    about = [_line(published)]
    if meta.isbn:
        about.append(_line(f"ISBN {meta.isbn}"))
    if meta.url:
        about.append(Paragraph((Text("Web address: "), Link(meta.url, meta.url))))
    sections.append(Section("About this leaflet", 2, tuple(about)))
    return Composed(meta.title, tuple(front), tuple(sections))


def _line(text: str) -> Paragraph:
    return Paragraph((Text(text),))
