"""The easy-read text writer: the easy read's points as short plain lines, addresses on their own."""

from __future__ import annotations

from typing import assert_never

from leaflet.core.compose import compose_easy_read, no_easy_read
from leaflet.core.model import EasyReadPoint, Leaflet, LineBreak, Link, Strong, Text
from leaflet.core.text import display_url, plain, shows_own_address, split_lines, underlined, wrap
from leaflet.writers.contract import Output, OutputFile
from leaflet.writers.easy_read.options import Options, files

WIDTH = 60  # short lines are easier to follow


def write(leaflet: Leaflet, options: Options) -> Output:
    if leaflet.easy_read is None:
        return Output((), no_easy_read(leaflet))
    (name,) = files(leaflet.meta.id, options)
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
