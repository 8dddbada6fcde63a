"""Audit of the web page (format ``html``): read back with html5lib's strict parser, independent of the writer.

It checks what a screen-reader user and the rules rely on: valid HTML5
syntax, the language, a title, one ``h1``, headings in order, a skip link to
``main``, lists and tables built as such (a caption, ``th`` with ``scope``),
alt text on every picture, links with words, nothing fetched from the
network, and every word of the leaflet there, in order.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from leaflet.checks import error, note
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.core.text import first_missing_word, leaflet_words, words

NS = "{http://www.w3.org/1999/xhtml}"


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    """What breaks the rules in the default page; a note with its figures when nothing does."""
    target = files[0]
    problems = [error(target, code, message) for code, message in problems_in(target.read_bytes(), leaflet)]
    if problems:
        return tuple(problems)
    summary = "valid HTML5; landmarks, headings, lists, tables, alt text and words in order"
    return (note(target, "html-summary", summary),)


def parse(data: bytes) -> ET.Element:
    """The page as a tree; html5lib's strict parser raises on any syntax error."""
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(data)


def problems_in(data: bytes, leaflet: Leaflet) -> Iterator[tuple[str, str]]:
    """(code, message) for each rule the page breaks."""
    return page_problems(data, leaflet.meta.language, leaflet_words(leaflet), "the leaflet's", _tables)


def page_problems(
    data: bytes,
    language: str,
    expected: Sequence[str],
    whose: str,
    body_rules: Callable[[ET.Element], Iterator[tuple[str, str]]],
) -> Iterator[tuple[str, str]]:
    """The rules every web page of ours keeps (valid, language, title, headings, landmarks, pictures and links,
    ``expected`` words in order), then the page's own ``body_rules``; shared by html and easy-read-html."""
    import html5lib

    try:
        root = parse(data)
    except html5lib.html5parser.ParseError as problem:
        yield "invalid-html", f"not valid HTML5: {problem}"
        return
    if not data.startswith(b"<!DOCTYPE html>"):
        yield "doctype", "the page does not start with <!DOCTYPE html>"
    if root.get("lang") != language:
        yield "lang", f"the <html> element's language is not {language}"
    title = root.find(f"{NS}head/{NS}title")
    if title is None or not (title.text or "").strip():
        yield "title", "the page has no <title>"
    yield from _headings(root)
    yield from _landmarks(root)
    yield from body_rules(root)
    yield from _pictures_and_links(root)
    body = root.find(f"{NS}body")
    found = words(" ".join(_reading(body))) if body is not None else []
    missing = first_missing_word(list(expected), found)
    if missing is not None:
        yield "words", f"{whose} words are not all there in order; first missing: {missing!r}"


def _reading(element: ET.Element) -> Iterator[str]:
    """The text as read aloud, in order: a picture is read as its alt text."""
    if _tag(element) == "img":
        yield element.get("alt") or ""
    yield element.text or ""
    for child in element:
        yield from _reading(child)
        yield child.tail or ""


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(NS) if isinstance(element.tag, str) else ""


def _headings(root: ET.Element) -> Iterator[tuple[str, str]]:
    levels = [int(_tag(e)[1]) for e in root.iter() if _tag(e) in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    if levels.count(1) != 1 or not levels or levels[0] != 1:
        yield "h1", f"the page needs exactly one h1, first; it has {levels.count(1)}"
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            yield "heading-order", f"a heading jumps from h{before} to h{after}"
            break


def _landmarks(root: ET.Element) -> Iterator[tuple[str, str]]:
    mains = [e for e in root.iter(f"{NS}main")]
    if len(mains) != 1:
        yield "main", f"the page needs one <main>; it has {len(mains)}"
        return
    first_link = next(root.iter(f"{NS}a"), None)
    main_id = mains[0].get("id")
    if first_link is None or not main_id or first_link.get("href") != f"#{main_id}":
        yield "skip-link", "the first link on the page must skip to <main>"


def _tables(root: ET.Element) -> Iterator[tuple[str, str]]:
    for number, table in enumerate(root.iter(f"{NS}table"), start=1):
        caption = table.find(f"{NS}caption")
        if caption is None or not "".join(caption.itertext()).strip():
            yield "table-caption", f"table {number} has no caption"
        headers = list(table.iter(f"{NS}th"))
        if not headers or any(th.get("scope") not in {"col", "row"} for th in headers):
            yield "table-headers", f"table {number} needs header cells with scope"


def _pictures_and_links(root: ET.Element) -> Iterator[tuple[str, str]]:
    for image in root.iter(f"{NS}img"):
        if not (image.get("alt") or "").strip():
            yield "alt", "a picture has no alt text"
        if not (image.get("src") or "").startswith("data:"):
            yield "offline", f"a picture is loaded from {image.get('src')!r}, not carried in the page"
    for element in root.iter():
        if _tag(element) in {"link", "script", "iframe", "object", "embed", "video", "audio", "source"}:
            yield "offline", f"the page loads <{_tag(element)}>; it must stand alone"
    for link in root.iter(f"{NS}a"):
        if not "".join(link.itertext()).strip():
            yield "link-text", f"a link to {link.get('href')!r} has no words"
