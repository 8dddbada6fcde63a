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
from typing import assert_never

from leaflet.core.compose import compose_easy_read, no_easy_read
from leaflet.core.model import EasyReadPoint, Leaflet, LineBreak, Link, Strong, Text
from leaflet.core.text import display_url, plain, shows_own_address, split_lines, underlined, wrap
from leaflet.writers import EASY_READ, Output, OutputFile

WIDTH = 60  # short lines are easier to follow


@dataclass(frozen=True, slots=True)
class Options:
    """Easy-read text has no personal options."""


def parse_options(values: Mapping[str, str]) -> Options:
    return Options()


def write(leaflet: Leaflet, options: Options) -> Output:
    if leaflet.easy_read is None:
        return Output((), (no_easy_read(leaflet),))
    (name,) = EASY_READ.names(leaflet.meta.id, options)
    return Output((OutputFile(name, to_text(leaflet).encode("utf-8")),))


def to_text(leaflet: Leaflet) -> str:
    """The easy read as text, ending in one newline."""
    composed = compose_easy_read(leaflet, pictures=False)  # plain text: no pictures, so no credit for them
    assert composed is not None
    lines = underlined(composed.title, "=", WIDTH)
    for line in composed.front:
        lines += ["", *wrap(plain(line.inlines), WIDTH)]
    for section in composed.sections:
        lines += ["", "", *underlined(section.heading, "-", WIDTH)]
        for point in section.points:
            lines += ["", *_point(point)]
    return "\n".join(lines) + "\n"


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
