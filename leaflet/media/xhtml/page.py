"""How the digital formats divide what ``leaflet.core.compose`` returns into parts.

Compose writes the furniture (the front lines, "Words explained", "About this
leaflet"); here the body is cut into chapters (one EPUB document each) and a
glossary entry is read back into a term and its explanation (a description
list in HTML and EPUB).
"""

from __future__ import annotations

from collections.abc import Sequence

from leaflet.core.model import Inlines, Paragraph, Section, Strong, Text

CONTENTS_TITLE = "Contents"  # the digital formats' own navigation; nothing else has one
_TERM_SEPARATOR = ": "


def chapters(sections: Sequence[Section]) -> list[tuple[Section, ...]]:
    """Sections grouped under each top-level one; the introduction is a group of its own."""
    groups: list[list[Section]] = []
    for section in sections:
        if not groups or section.heading is None or section.level <= 2 or groups[-1][0].heading is None:
            groups.append([section])
        else:
            groups[-1].append(section)
    return [tuple(group) for group in groups]


def term_and_explanation(paragraph: Paragraph) -> tuple[Inlines, Inlines] | None:
    """A composed glossary entry ('**term**: explanation') as its two parts, or None if it is not one."""
    inlines = paragraph.inlines
    if len(inlines) < 2 or not isinstance(inlines[0], Strong) or not isinstance(inlines[1], Text):
        return None
    if not inlines[1].text.startswith(_TERM_SEPARATOR):
        return None
    first = Text(inlines[1].text.removeprefix(_TERM_SEPARATOR), inlines[1].line)
    return (Text(inlines[0].text, inlines[0].line),), (first, *inlines[2:])
