"""Whatever a user feeds the reader, the only outcomes are a model or a
``SourceError`` with a line number: never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import Leaflet
from leaflet.reader import read_leaflet

FRONT = "---\ntitle: T\npublisher: P\npublished: 2026-01-01\n---\n"
MARKDOWN_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "### ",
        "#### ",
        "- ",
        "1. ",
        "  - ",
        "    ",
        "> ",
        "```",
        "---",
        "***",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "**",
        "*",
        "_",
        "__",
        "[",
        "](",
        ")",
        "![",
        "<b>",
        "</b>",
        "<!-- -->",
        "`",
        "\\",
        "&amp;",
        "&#0;",
        "https://x.org",
        "#",
        "tel:1",
        "mailto:a@b",
        "javascript:x",
        "\n",
        "\n\n",
        "words ",
        "é ",
        "\u202e",
        "\x00",
        "[^1]",
        "<https://a.b>",
    ]
)
MARKDOWN = st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=8)), max_size=40).map("".join)
YAML_PIECES = st.sampled_from(
    [
        "title: ",
        "publisher: ",
        "published: ",
        "updated: ",
        "isbn: ",
        "glossary:",
        "say:",
        "url: ",
        "language: ",
        "  a: b",
        "- x",
        "{",
        "[",
        "'",
        '"',
        ": ",
        "2026-01-01",
        "978-1-4731-9396-3",
        "null",
        "&a",
        "*a",
        "!!python/object",
        "\n",
    ]
)
FRONT_MATTER = st.lists(st.one_of(YAML_PIECES, st.text(max_size=6)), max_size=25).map(
    lambda p: "---\n" + "".join(p) + "\n---\n"
)


_FOLDER = Path(tempfile.mkdtemp(prefix="leaflet-properties-")) / "a-leaflet"
_FOLDER.mkdir()


def _read(data: bytes) -> None:
    """Read ``data`` as a leaflet.md (one folder reused: a folder per example costs more than the read)."""
    (_FOLDER / "leaflet.md").write_bytes(data)
    try:
        assert isinstance(read_leaflet(_FOLDER).leaflet, Leaflet)
    except SourceError as error:
        assert error.line >= 0 and error.message
        assert str(error).startswith(str(_FOLDER / "leaflet.md"))


SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(MARKDOWN)
def test_random_markdown_body(body: str) -> None:
    _read((FRONT + body).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(FRONT_MATTER, MARKDOWN)
def test_random_front_matter(front: str, body: str) -> None:
    _read((front + body).encode("utf-8", "surrogatepass"))


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _read(data)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_random_unicode(text: str) -> None:
    _read(text.encode("utf-8", "surrogatepass"))
