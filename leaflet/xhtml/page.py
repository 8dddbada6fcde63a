"""The leaflet's parts in reading order, as both digital formats lay them out.

The front lines under the title, the body's sections, the glossary ("Words
explained") and the colophon ("About this leaflet"). Until ``leaflet/compose``
writes this furniture for every format, its wording follows the e-text's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from leaflet.model import Definition, Leaflet, Section
from leaflet.text import long_date

GLOSSARY_TITLE = "Words explained"
COLOPHON_TITLE = "About this leaflet"
CONTENTS_TITLE = "Contents"
INTRODUCTION_TITLE = "Introduction"


@dataclass(frozen=True, slots=True)
class Page:
    """What a digital format lays out, in order."""

    title: str
    language: str
    front: tuple[str, ...]  # the lines under the title: who it is from and when
    body: tuple[Section, ...]  # the introduction (no heading) first, when there is one
    glossary: tuple[Definition, ...]
    colophon: tuple[str, ...]  # sentences about the leaflet itself

    @property
    def chapters(self) -> list[tuple[Section, ...]]:
        """The body's top-level sections, each with its subsections (one EPUB document each)."""
        return chapters(self.body)


def page(leaflet: Leaflet) -> Page:
    meta = leaflet.meta
    front = [f"Information from {meta.publisher}", f"Published {long_date(meta.published)}"]
    if meta.updated:
        front.append(f"Updated {long_date(meta.updated)}")
    colophon = [f"Published by {meta.publisher} on {long_date(meta.published)}."]
    if meta.updated:
        colophon.append(f"Last updated {long_date(meta.updated)}.")
    if meta.isbn:
        colophon.append(f"ISBN: {meta.isbn}")
    return Page(meta.title, meta.language, tuple(front), leaflet.sections, leaflet.glossary, tuple(colophon))


def chapters(sections: Sequence[Section]) -> list[tuple[Section, ...]]:
    """Sections grouped under each top-level one; the introduction is a group of its own."""
    groups: list[list[Section]] = []
    for section in sections:
        if not groups or section.heading is None or section.level <= 2 or groups[-1][0].heading is None:
            groups.append([section])
        else:
            groups[-1].append(section)
    return [tuple(group) for group in groups]
