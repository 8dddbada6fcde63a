"""Audit of the easy-read web page (format ``easy-read-html``), read back with html5lib's strict parser.

The web page's rules (``leaflet.checks.html``: valid HTML5, the language, a
title, one ``h1`` and headings in order, a skip link to ``main``, alt text on
every picture, nothing fetched from the network), and the easy read's: one
list of points per section, one row per point with its picture first (the
model's picture and alt text, or an empty picture column) and its words
after it, hard words bold, the pictures' credit, and every word in order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from leaflet.checks import error, note
from leaflet.checks.html import NS, page_problems
from leaflet.core.compose import compose_easy_read
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import EasyReadPoint, Leaflet
from leaflet.core.text import easy_read_words, find_terms, plain

PICTURE_SIZE = ("360", "360")  # every picture's width and height attributes: all the same size


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    """What breaks the rules in the default page; a note with its figures when nothing does (or no easy read)."""
    assert leaflet.easy_read is not None, "the check runs this only for a leaflet with an easy read"
    target = files[0]
    problems = [error(target, code, message) for code, message in problems_in(target.read_bytes(), leaflet)]
    if problems:
        return tuple(problems)
    points = [p for s in leaflet.easy_read.sections for p in s.points]
    pictures = sum(1 for p in points if p.picture)
    summary = (
        f"valid HTML5; {len(points)} points, {pictures} with a picture on the left and its alt text; "
        "hard words bold, words in order"
    )
    return (note(target, "easy-read-html-summary", summary),)


def problems_in(data: bytes, leaflet: Leaflet) -> Iterator[tuple[str, str]]:
    """(code, message) for each rule the page breaks: the web page's, then the easy read's rows of points."""
    return page_problems(
        data, leaflet.meta.language, easy_read_words(leaflet), "the easy read's", lambda root: _points(root, leaflet)
    )


def _points(root: ET.Element, leaflet: Leaflet) -> Iterator[tuple[str, str]]:
    """Each composed section a heading and a list of points; each point a row, picture first, then words."""
    composed = compose_easy_read(leaflet)
    assert composed is not None
    lists = [e for e in root.iter(f"{NS}ul") if "points" in (e.get("class") or "").split()]
    if len(lists) != len(composed.sections):
        yield "points", f"{len(lists)} lists of points for {len(composed.sections)} sections"
        return
    hard_words = [entry.term for entry in leaflet.glossary]
    for section, found in zip(composed.sections, lists, strict=True):
        bold = hard_words if section is not composed.about else []  # the about quotes the full title as it is
        rows = list(found)
        if len(rows) != len(section.points):
            yield "points", f"'{section.heading}': {len(rows)} rows for {len(section.points)} points"
            continue
        for row, point in zip(rows, section.points, strict=True):
            yield from _row(row, point, bold)


def _row(row: ET.Element, point: EasyReadPoint, hard_words: list[str]) -> Iterator[tuple[str, str]]:
    where = f"the point '{plain(point.inlines)[:40]}'"
    cells = list(row)
    if len(cells) != 2 or cells[0].get("class") != "point-picture":
        yield "point-layout", f"{where}: not a picture column, then the words"
        return
    picture, words_cell = cells
    images = list(picture.iter(f"{NS}img"))
    shown = tuple(image.get("alt") for image in images)
    expected = (point.picture.alt,) if point.picture else ()
    if shown != expected:
        yield "point-picture", f"{where}: the picture column holds {shown or 'nothing'}, not {expected or 'nothing'}"
    elif images and (images[0].get("width"), images[0].get("height")) != (PICTURE_SIZE):
        yield "point-picture", f"{where}: the picture is not the same size as the others"
    bold = " ".join("".join(strong.itertext()) for strong in words_cell.iter(f"{NS}strong"))
    for _start, _end, term in find_terms(plain(point.inlines), hard_words):
        if not find_terms(bold, [term]):
            yield "hard-words", f"{where}: the hard word '{term}' is not bold"
