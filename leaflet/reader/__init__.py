"""Reads ``source/<id>/`` into the model (and ``write`` writes a model back as source). The only code that
knows Markdown or YAML.

``read_leaflet(folder)`` returns the leaflet and its warnings, or raises a
``SourceError`` naming ``file:line``, what is wrong and what to write instead.
The easy-read rules (``rules``) are part of reading: a broken one stops here.
Reading never writes anything, so a mistake leaves every output untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leaflet.core.diagnostics import Diagnostic, SourceError
from leaflet.core.model import EASY_READ_NAME, SOURCE_NAME, Leaflet, Metadata
from leaflet.core.text import leaflet_text, term_pattern

if TYPE_CHECKING:
    from leaflet.reader.frontmatter import FrontMatter

MAX_SOURCE_BYTES = 2 * 1024 * 1024
_FOLDER_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Reading:
    """A leaflet read from its folder, with what a careful editor would fix."""

    leaflet: Leaflet
    warnings: tuple[Diagnostic, ...]


def read_leaflet(folder: Path) -> Reading:
    """Read and check ``folder/leaflet.md`` (and ``easy-read.md`` if present)."""
    # YAML and Markdown are imported only when there is something to read: a no-op build reads nothing.
    from leaflet.reader import frontmatter
    from leaflet.reader.easyread import read_easy_read
    from leaflet.reader.markdown import BodyReader, parse_body
    from leaflet.reader.rules import check_easy_read
    from leaflet.reader.sections import read_sections

    path = folder / SOURCE_NAME
    if not _FOLDER_NAME.match(folder.name):
        suggestion = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-") or "my-leaflet"
        raise SourceError(
            path,
            1,
            f"the folder name '{folder.name}' is not lower-case letters, digits and hyphens; rename the folder, for example to '{suggestion}'",
        )
    text = read_source_text(path)
    front = frontmatter.parse(text, path)
    reader = BodyReader(path, folder, front.body_offset)
    body = read_sections(parse_body(front.body), reader)
    title = _title(front, body.title, body.title_line, path)
    values = front.values
    published, updated = front.date("published", path), front.date("updated", path)
    if published and updated and updated < published:
        raise SourceError(
            path,
            front.lines["updated"],
            f"updated: {updated.isoformat()} is before published: {published.isoformat()}; a leaflet is updated after it is published, so check both dates",
        )
    meta = Metadata(
        id=folder.name,
        title=title,
        publisher=values["publisher"],
        published=front.date("published", path),  # type: ignore[arg-type]  # checked present
        updated=front.date("updated", path),
        language=values.get("language", "en-GB"),
        isbn=values.get("isbn"),
        url=values.get("url"),
        review=front.date("review", path),
        reference=values.get("reference"),
        department=values.get("department"),
    )
    easy_read = None
    easy_path = folder / EASY_READ_NAME
    if easy_path.exists():
        easy_reader = BodyReader(easy_path, folder, 0)
        easy_read = read_easy_read(read_source_text(easy_path), easy_path, easy_reader)
        reader.warnings.extend(easy_reader.warnings)
    leaflet = Leaflet(meta, body.sections, front.glossary, front.say, easy_read, folder, path)
    return check_easy_read(Reading(leaflet, (*reader.warnings, *_unused_glossary(leaflet))))


def read_source_text(path: Path) -> str:
    """The text of a source file: present, not too big, not empty, UTF-8."""
    if not path.is_file():
        raise SourceError(
            path, 0, f"there is no {path.name} here; every leaflet folder needs one (see README: 'Adding a leaflet')"
        )
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise SourceError(
            path,
            1,
            "the file is over 2 MB, far bigger than any leaflet; check it is the right file, or split it into several leaflets",
        )
    data = path.read_bytes()
    if not data.strip() and path.name == EASY_READ_NAME:
        raise SourceError(
            path,
            1,
            "the easy read is empty; write '## A heading' and one '- point' line for each point "
            "(see the README, section 'easy-read'), or delete the file to publish no easy read",
        )
    if not data.strip():
        raise SourceError(
            path, 1, "the file is empty; write the front matter and the leaflet's text (see README: 'Source format')"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            path,
            line,
            f"this line is not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8 in your editor",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _title(front: FrontMatter, heading: str | None, heading_line: int, path: Path) -> str:
    declared = front.values.get("title")
    if declared and heading and " ".join(declared.split()) != heading:
        raise SourceError(
            path,
            heading_line,
            f"the '#' heading differs from the front matter title ({declared!r}, line {front.lines['title']}); make them the same, or keep only one",
        )
    title = declared or heading
    if not title:
        raise SourceError(
            path, 1, "the leaflet has no title; add 'title: ...' to the front matter (or a '# Title' line after it)"
        )
    return title


def _unused_glossary(leaflet: Leaflet) -> list[Diagnostic]:
    text = leaflet_text(leaflet)
    return [
        Diagnostic(
            leaflet.source_path,
            entry.line,
            "glossary-unused",
            f"the glossary explains '{entry.term}', but the leaflet never uses it; remove it or check its spelling",
        )
        for entry in leaflet.glossary
        if not term_pattern(entry.term).search(text)  # whole words, plurals too: 'arteries' uses 'artery'
    ]
