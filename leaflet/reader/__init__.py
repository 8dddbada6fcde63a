"""Reads ``source/<id>/`` into the model (and ``write`` writes a model back as source). The only code that
knows Markdown or YAML.

``read_leaflet(folder)`` returns the leaflet and its warnings, or raises a
``SourceError`` naming ``file:line``, what is wrong and what to write instead.
The easy-read rules (``rules``) are part of reading: a broken one stops here.
Reading never writes anything, so a mistake leaves every output untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from leaflet.core.diagnostics import Diagnostic, SourceError
from leaflet.core.model import EASY_READ_NAME, SOURCE_NAME, Image, Leaflet, Metadata
from leaflet.core.text import leaflet_text, term_pattern

if TYPE_CHECKING:
    from leaflet.reader.frontmatter import FrontMatter

MAX_SOURCE_BYTES = 2 * 1024 * 1024
# Control characters (NUL, escape, the C1 block...) but the tab and the line end: no format can show one, and
# a NUL is published as a replacement mark.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LEAFLET_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a leaflet folder's name: what addresses and files carry
MAX_ID_CHARS = 100  # a file name has at most 255 bytes; a variant adds its options to the id


def folder_name_error(folder: Path) -> SourceError | None:
    """Why ``folder``'s name cannot be a leaflet's id (and what to rename it to), or None when it can."""
    if LEAFLET_ID.match(folder.name) and len(folder.name) <= MAX_ID_CHARS:
        return None
    if len(folder.name) > MAX_ID_CHARS:
        problem = f"is {len(folder.name)} characters long; a leaflet's id has at most {MAX_ID_CHARS}"
    else:
        problem = "is not lower-case letters, digits and hyphens"
    suggestion = (re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-") or "my-leaflet")[:MAX_ID_CHARS]
    return SourceError(
        folder / SOURCE_NAME,
        1,
        f"the folder name '{folder.name[:MAX_ID_CHARS]}' {problem}; rename the folder, for example to "
        f"'{suggestion.rstrip('-')}'",
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """A leaflet read from its folder, with what a careful editor would fix."""

    leaflet: Leaflet
    warnings: tuple[Diagnostic, ...]


def read_leaflet(folder: Path, *, easy_read: bool = True) -> Reading:
    """Read and check ``folder/leaflet.md`` (and ``easy-read.md`` if present, unless ``easy_read`` is False:
    a build of formats that never look at the easy read neither reads nor checks it)."""
    # YAML and Markdown are imported only when there is something to read: a no-op build reads nothing.
    from leaflet.reader import frontmatter
    from leaflet.reader.markdown import BodyReader, parse_body
    from leaflet.reader.sections import read_sections

    path = folder / SOURCE_NAME
    refused = folder_name_error(folder)
    if refused is not None:
        raise refused
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
        no_easy_read=(
            frontmatter.no_easy_read_reason(values["easy-read"], front.lines["easy-read"], path)
            if "easy-read" in values
            else None
        ),
        logo=_logo(front, folder, path),
        certifier=values.get("certified-by"),
    )
    if meta.no_easy_read and (folder / EASY_READ_NAME).exists():
        raise SourceError(
            path,
            front.lines["easy-read"],
            f"the front matter says 'easy-read: none', but {EASY_READ_NAME} is here; delete one of the two",
        )
    leaflet = Leaflet(meta, body.sections, front.glossary, front.say, None, folder, path)
    warnings = (*reader.warnings, *_unused_glossary(leaflet), *review_overdue(meta, front, path, date.today()))
    if easy_read and (folder / EASY_READ_NAME).exists():
        leaflet, easy_warnings = _with_easy_read(leaflet)
        warnings = (*warnings, *easy_warnings)
    return Reading(leaflet, warnings)


def _with_easy_read(leaflet: Leaflet) -> tuple[Leaflet, tuple[Diagnostic, ...]]:
    """``leaflet`` with its easy read, read and checked; the easy read's warnings."""
    from leaflet.reader.easyread import read_easy_read
    from leaflet.reader.markdown import BodyReader
    from leaflet.reader.rules import check_easy_read

    path = leaflet.folder / EASY_READ_NAME
    reader = BodyReader(path, leaflet.folder, 0)
    whole = replace(leaflet, easy_read=read_easy_read(read_source_text(path), path, reader))
    return whole, (*reader.warnings, *check_easy_read(whole))


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        character = control.group()
        raise SourceError(
            path,
            text.count("\n", 0, control.start()) + 1,
            f"this line holds an invisible control character (U+{ord(character):04X}) that no format can show; "
            "delete it (retype the line if you cannot see it)",
        )
    return text


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


def _logo(front: FrontMatter, folder: Path, path: Path) -> Image | None:
    """The logo the front matter names, read and checked as any picture is (a PNG or SVG in the folder)."""
    logo = front.logo
    if logo is None:
        return None
    from leaflet.reader.pictures import KINDS, picture_file, picture_problem

    def fail(message: str) -> SourceError:
        return SourceError(path, logo.line, message)

    if "://" in logo.file:
        raise fail(
            f"the logo must be a file in the leaflet's folder, not {logo.file!r}; copy it in and write file: logo.png"
        )
    target = picture_file(logo.file, folder, fail, use="a logo", then=f" and write file: {Path(logo.file).name}")
    kind = KINDS.get(target.suffix.lower())
    if kind not in ("image/png", "image/svg+xml"):
        raise fail(
            f"the logo '{logo.file}' is not PNG or SVG; save it as .png or .svg (a logo's flat colours and sharp edges suit them)"
        )
    data = target.read_bytes()
    problem = picture_problem(data, kind)
    if problem:
        raise fail(f"the logo '{logo.file}' is not the kind its name says ({problem}); save it again as PNG or SVG")
    return Image(target, logo.alt, logo.line, data, kind)


def review_overdue(meta: Metadata, front: FrontMatter, path: Path, today: date) -> list[Diagnostic]:
    """``warning[review-overdue]`` when the leaflet's review date has passed: it must not be reissued unreviewed
    (``--strict``, and so ``make release``, refuses it)."""
    if meta.review is None or meta.review >= today:
        return []
    from leaflet.core.text import long_date

    return [
        Diagnostic(
            path,
            front.lines["review"],
            "review-overdue",
            f"the review date ({long_date(meta.review)}) has passed, so this leaflet must not be reissued as it is; "
            "review it with its clinical team, then write the next review date (review: YYYY-MM-DD)",
        )
    ]


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
