"""Easy-read text (format ``easy-read``): ``<id>.easy-read.txt``.

The easy read written in ``easy-read.md``, as plain UTF-8 at most 60
characters a line: the title and each heading on lines of their own
(underlined), each point starting a new line with a blank line between
points, each link's address on a line of its own, then "Words to know": the
glossary words the easy read uses, with what they mean.

Pictures are left out: in easy read they support the words, and the words
stand alone. A leaflet with no ``easy-read.md`` gets a warning and no file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from leaflet.checks import easyread as rules
from leaflet.compose import compose_easy_read
from leaflet.files import write_text_atomic
from leaflet.model import EasyReadPoint, Leaflet, LineBreak, Link, Strong, Text
from leaflet.options import only
from leaflet.reader import EASY_READ_NAME
from leaflet.renderers import Audit, Rendered
from leaflet.text import (
    display_url,
    easy_read_words,
    first_missing_word,
    plain,
    shows_own_address,
    split_lines,
    words,
    wrap,
)

NAME = "easy-read"
SUMMARY = "easy read as plain text (.easy-read.txt): short points, 60-character lines, words to know"
OPTION_NAMES: frozenset[str] = frozenset()
WIDTH = 60  # short lines are easier to follow


@dataclass(frozen=True, slots=True)
class Options:
    """Easy-read text has no personal options."""


def parse_options(values: Mapping[str, str]) -> Options:
    only(NAME, values, OPTION_NAMES)
    return Options()


def target(leaflet: Leaflet, out_dir: Path) -> Path:
    return out_dir / f"{leaflet.meta.id}.easy-read.txt"


def render(leaflet: Leaflet, options: Options, out_dir: Path) -> Rendered:
    if leaflet.easy_read is None:
        return Rendered((), (rules.no_easy_read(leaflet),))
    return Rendered((write_text_atomic(target(leaflet, out_dir), to_text(leaflet)),))


def to_text(leaflet: Leaflet) -> str:
    """The easy read as text, ending in one newline."""
    composed = compose_easy_read(leaflet)
    assert composed is not None
    lines = _heading(composed.title, "=")
    for line in composed.front:
        lines += ["", *wrap(plain(line.inlines), WIDTH)]
    for section in composed.sections:
        lines += ["", "", *_heading(section.heading, "-")]
        for point in section.points:
            lines += ["", *_point(point)]
    return "\n".join(lines) + "\n"


def _heading(text: str, underline: str) -> list[str]:
    wrapped = wrap(text, WIDTH)
    return [*wrapped, underline * max(len(line) for line in wrapped)]


def _point(point: EasyReadPoint) -> list[str]:
    """The point's words, then each link's address on a line of its own, to be typed whole."""
    lines = [line for part in split_lines(point.inlines) for line in wrap(plain(part), WIDTH)]
    for inline in point.inlines:
        match inline:
            case Text() | Strong() | LineBreak():
                pass
            case Link(text=text, url=url) if shows_own_address(text, url):
                pass  # the words are the address already
            case Link(url=url):
                lines.append(display_url(url))
            case _:
                assert_never(inline)
    return lines


def audit(leaflet: Leaflet, out_dir: Path) -> Audit:
    """Read the text back: lines within 60 characters, each point on a new line, every word in order."""
    comparison = rules.compare(leaflet)
    if comparison is None:
        return Audit(notes=(f"no {EASY_READ_NAME}: nothing to check",))
    notes = tuple(rules.comparison_lines(comparison))
    path = target(leaflet, out_dir)
    if not path.exists():
        built = f"{path} has not been built; run 'leaflet build {leaflet.meta.id} --format {NAME}'"
        return Audit(problems=(built,), notes=notes)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return Audit(problems=(f"{path} is not UTF-8",), notes=notes)
    problems = [
        f"{path}:{number}: line of {len(line)} characters (at most {WIDTH})"
        for number, line in enumerate(text.splitlines(), start=1)
        if len(line) > WIDTH and " " in line.strip()
    ]
    missing = first_missing_word(easy_read_words(leaflet), words(text))
    if missing is not None:
        problems.append(f"{path}: the easy read's words are not all there in order; first missing: {missing!r}")
    problems += _points_not_on_own_lines(leaflet, text, path)
    return Audit(problems=tuple(problems), notes=notes)


def _points_not_on_own_lines(leaflet: Leaflet, text: str, path: Path) -> list[str]:
    """Each point must start a line that follows a blank line."""
    assert leaflet.easy_read is not None
    starts = {" ".join(block.split()) for block in text.split("\n\n")}
    problems = []
    for section in leaflet.easy_read.sections:
        for point in section.points:
            words_of_point = plain(point.inlines)
            if not any(start.startswith(words_of_point) for start in starts):
                problems.append(f"{path}: the point '{words_of_point[:40]}' does not start after a blank line")
    return problems
