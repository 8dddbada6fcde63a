"""compose: the leaflet's furniture as ordinary model nodes, written once, laid out alike everywhere."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from leaflet.core import compose as composing
from leaflet.core.compose import compose, compose_easy_read
from leaflet.core.model import (
    Definition,
    EasyRead,
    EasyReadPoint,
    EasyReadSection,
    Leaflet,
    Link,
    Metadata,
    Paragraph,
    Section,
    Strong,
    Text,
)
from leaflet.core.text import plain
from leaflet.media.speech import script
from leaflet.reader import read_leaflet
from leaflet.writers.easy_read import writer as easy_read_writer
from leaflet.writers.text import writer as text_writer
from tests.conftest import NICE_ID, ROOT, SOURCE

PACKAGE = ROOT / "leaflet"
# Every heading and label the furniture uses: each must be written in compose.py and nowhere else.
FURNITURE = (
    "Words explained",
    "About this leaflet",
    "Words to know",
    "About this easy read",
    "Information from",
    "Easy read from",
    "Published by",
    "Last updated",
    "Web address",
    "Web:",
    "ISBN:",
)

META = Metadata(
    id="sample",
    title="A sample leaflet",
    publisher="Test Trust",
    published=date(2026, 1, 15),
    updated=date(2026, 2, 1),
    isbn="978-1-4731-9396-3",
    url="https://example.org/sample",
)
BODY = (Section(None, 2, (Paragraph((Text("A stent helps."),)),)), Section("Help", 2, ()))
GLOSSARY = (Definition("stent", "A small tube.", line=7),)
EASY = EasyRead((EasyReadSection("What is it?", (EasyReadPoint((Text("A stent is a tube."),)),)),))
LEAFLET = Leaflet(META, BODY, GLOSSARY, easy_read=EASY)


def test_front_matter_is_who_and_when() -> None:
    composed = compose(LEAFLET)
    assert composed.title == "A sample leaflet"
    assert [plain(p.inlines) for p in composed.front] == [
        "Information from Test Trust",
        "Published 15 January 2026",
        "Updated 1 February 2026",
    ]
    no_update = dataclasses.replace(LEAFLET, meta=dataclasses.replace(META, updated=None))
    assert [plain(p.inlines) for p in compose(no_update).front][-1] == "Published 15 January 2026"


def test_sections_are_body_then_glossary_then_colophon() -> None:
    composed = compose(LEAFLET)
    assert composed.body == BODY
    assert composed.sections == (*BODY, composed.glossary, composed.colophon)
    assert composed.furniture == (composed.glossary, composed.colophon)
    assert [s.heading for s in composed.furniture] == ["Words explained", "About this leaflet"]
    assert all(s.level == 2 for s in composed.furniture)


def test_glossary_entries_are_paragraphs_with_the_word_in_bold_and_its_line() -> None:
    glossary = compose(LEAFLET).glossary
    assert glossary is not None
    (entry,) = glossary.blocks
    assert entry == Paragraph((Strong("stent"), Text(": A small tube.")))
    assert isinstance(entry, Paragraph) and entry.line == 7
    assert compose(dataclasses.replace(LEAFLET, glossary=())).glossary is None


def test_colophon_gives_publisher_dates_isbn_and_a_web_address_that_is_a_link() -> None:
    colophon = compose(LEAFLET).colophon
    paragraphs = [block for block in colophon.blocks if isinstance(block, Paragraph)]
    assert [plain(p.inlines) for p in paragraphs] == [
        "Published by Test Trust on 15 January 2026. Last updated 1 February 2026.",
        "ISBN 978-1-4731-9396-3",
        "Web address: https://example.org/sample",
    ]
    assert paragraphs[-1].inlines[-1] == Link("https://example.org/sample", "https://example.org/sample")
    bare = dataclasses.replace(LEAFLET, meta=dataclasses.replace(META, updated=None, isbn=None, url=None))
    (only,) = compose(bare).colophon.blocks
    assert isinstance(only, Paragraph) and plain(only.inlines) == "Published by Test Trust on 15 January 2026."


def test_easy_read_says_published_with_the_published_date_not_the_updated_one() -> None:
    composed = compose_easy_read(LEAFLET)
    assert composed is not None
    about = [plain(point.inlines) for point in composed.about.points]
    assert about == [
        "This easy read goes with the Test Trust leaflet 'A sample leaflet'.",
        "Published 15 January 2026.",
        "Updated 1 February 2026.",
    ]


def test_easy_read_front_words_to_know_and_about() -> None:
    composed = compose_easy_read(LEAFLET)
    assert composed is not None
    assert composed.title == "A sample leaflet"
    assert [plain(p.inlines) for p in composed.front] == ["Easy read from Test Trust"]
    assert composed.words_to_know is not None
    assert [plain(p.inlines) for p in composed.words_to_know.points] == ["Stent means: A small tube."]
    assert composed.sections == (*EASY.sections, composed.words_to_know, composed.about)
    assert compose_easy_read(dataclasses.replace(LEAFLET, easy_read=None)) is None
    unused = dataclasses.replace(LEAFLET, glossary=(Definition("artery", "A blood vessel."),))
    composed_unused = compose_easy_read(unused)
    assert composed_unused is not None and composed_unused.words_to_know is None


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("text", lambda leaflet: text_writer.to_text(leaflet)),
        ("easy-read", lambda leaflet: easy_read_writer.to_text(leaflet)),
        ("audio script", lambda leaflet: script.build(leaflet, 150).as_text()),
    ],
)
def test_formats_say_the_composed_wording(name: str, render: Callable[[Leaflet], str]) -> None:
    leaflet = read_leaflet(SOURCE / NICE_ID).leaflet
    made = render(leaflet)
    expected = ["About this leaflet", "Published by"] if name != "easy-read" else ["About this easy read"]
    for label in expected:
        assert label in made, (name, label)
    if name == "easy-read":
        assert "Published 25 March 2026." in made


def _code_strings(path: Path) -> list[str]:
    """Every string written in the module's code (f-string pieces too), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_furniture_wording_is_written_only_in_compose() -> None:
    found = {
        (path.relative_to(ROOT).as_posix(), label)
        for path in sorted(PACKAGE.rglob("*.py"))
        for string in _code_strings(path)
        for label in FURNITURE
        if label in string
    }
    assert {where for where, _ in found} == {"leaflet/core/compose.py"}, sorted(found)
    assert {label for _, label in found} == set(FURNITURE) - {"Web:", "ISBN:"}
    assert Path(composing.__file__).resolve() == PACKAGE / "core" / "compose.py"
