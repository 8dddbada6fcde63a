"""The source writer's contract: reading what it writes gives the model it was given.

For every fixture leaflet and the NICE leaflet, read -> write -> read is the
same model (pictures written byte for byte); and for generated paragraphs full
of Markdown's own characters, bare addresses and line breaks, write -> read
gives the paragraph back.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Image,
    Inline,
    Leaflet,
    LineBreak,
    Link,
    ListItem,
    Metadata,
    NumberedList,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)
from leaflet.core.phones import phone_links
from leaflet.reader import read_leaflet
from leaflet.reader.write import write_source
from tests.conftest import FIXTURES, NICE_ID, SOURCE

FOLDERS = [
    *sorted(
        p.parent
        for base in ("leaflets", "reader", "easyread", "braille")
        for p in (FIXTURES / base).glob("*/leaflet.md")
    ),
    SOURCE / NICE_ID,
]


def portable(leaflet: Leaflet) -> Leaflet:
    """``leaflet`` with its pictures' paths relative to its folder (where it lies is not its content)."""
    root = leaflet.folder.resolve()

    def block(b: Block) -> Block:
        if isinstance(b, Image) and b.path.is_absolute():
            return dataclasses.replace(b, path=b.path.relative_to(root))
        return b

    sections = tuple(dataclasses.replace(s, blocks=tuple(map(block, s.blocks))) for s in leaflet.sections)
    logo = leaflet.meta.logo
    if logo is not None and logo.path.is_absolute():
        logo = dataclasses.replace(logo, path=logo.path.relative_to(root))
    meta = dataclasses.replace(leaflet.meta, logo=logo)
    return dataclasses.replace(leaflet, sections=sections, meta=meta)


def written_copy(leaflet: Leaflet, target: Path, original: Path | None = None) -> Path:
    """The writer's files in ``target``, beside the original folder's other files (an easy read's drawings)."""
    if original is not None:
        shutil.copytree(original, target, ignore=shutil.ignore_patterns("*.md", "*.json"))
    target.mkdir(parents=True, exist_ok=True)
    for name, data in write_source(leaflet).files.items():
        (target / name).write_bytes(data)
    return target


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_reading_what_the_writer_wrote_gives_the_same_model(folder: Path, tmp_path: Path) -> None:
    first = read_leaflet(folder).leaflet
    copy = written_copy(first, tmp_path / folder.name, folder)
    second = read_leaflet(copy).leaflet
    assert portable(second) == portable(first)
    for name, data in write_source(first).files.items():
        if not name.endswith(".md"):
            assert data == (folder / name).read_bytes(), name


def test_the_writer_writes_every_file_of_the_folder_it_can(tmp_path: Path) -> None:
    folder = FIXTURES / "leaflets" / "real-leaflet"
    files = write_source(read_leaflet(folder).leaflet).files
    assert sorted(files) == ["drawing.svg", "easy-read.md", "heart.png", "leaflet.md"]


def test_a_value_left_for_the_author_is_a_note_at_its_line() -> None:
    leaflet = _leaflet((Paragraph((Text("Hello."),)),))
    written = write_source(leaflet, left={"publisher": "the document does not say; write who publishes it"})
    lines = written.files["leaflet.md"].decode().split("\n")
    line = written.line_of("publisher")
    assert lines[line - 1] == "# publisher: the document does not say; write who publishes it"


# Generated paragraphs ---------------------------------------------------------------------------------------

_WORD_CHARS = "abcXYZ019 \u00a0\t\n{}$é….,;:!?#*_-+=>|<&()`~^\\'\"/@%"  # no square bracket: main's reader refuses one
_words = st.text(alphabet=_WORD_CHARS, min_size=1, max_size=30)
_addresses = st.sampled_from(["www.nhs.uk", "https://www.nhs.uk/a_b", "a@b.org", "nhs.uk/111", "0300 123 1234"])
_texts = st.lists(st.one_of(_words, _addresses), min_size=1, max_size=4).map(" ".join)
_bold = st.text(alphabet="abcXYZ019", min_size=1, max_size=8).flatmap(
    lambda edge: _texts.map(lambda middle: f"{edge} {middle} {edge}")
)
_urls = st.sampled_from(
    [
        "https://www.nhs.uk/",
        "https://example.org/a_(b)",
        "https://example.org/a%20b?q=1&r=(2)",
        "mailto:x@y.org",
        "tel:111",
    ]
)
_inline = st.one_of(
    _texts.map(Text),
    _bold.map(Strong),
    st.tuples(_texts, _urls).map(lambda t: Link(t[0], t[1])),
    st.just(LineBreak()),
)


def normal(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Inlines in the form the reader gives: texts joined and their spaces folded, none at a line's ends,
    no break first, last or twice; bold, links and breaks kept apart by a space (bold against a link is
    not always bold in Markdown)."""
    out: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text):
            inline = Text(_fold(inline.text))
        elif isinstance(inline, Strong | Link):  # their words are trimmed and folded
            words = inline.text.split()
            if not words:
                continue
            inline = dataclasses.replace(inline, text=" ".join(words))
        if out and not isinstance(inline, Text | LineBreak) and not isinstance(out[-1], Text | LineBreak):
            out.append(Text(" "))
        if isinstance(inline, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(_fold(out[-1].text + inline.text))
        else:
            out.append(inline)
    trimmed: list[Inline] = []
    for index, inline in enumerate(out):
        if isinstance(inline, Text):
            text = _fold(inline.text)
            if index == 0 or isinstance(out[index - 1], LineBreak):
                text = text.lstrip()
            if index == len(out) - 1 or isinstance(out[index + 1], LineBreak):
                text = text.rstrip()
            if not text:
                continue
            inline = Text(text)
        if isinstance(inline, LineBreak) and (not trimmed or isinstance(trimmed[-1], LineBreak)):
            continue
        trimmed.append(inline)
    while trimmed and isinstance(trimmed[-1], LineBreak):
        trimmed.pop()
    return phone_links(tuple(trimmed))  # a phone number written as text reads as a tel: link


def _fold(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text)  # not the no-break space, which an author types on purpose


def _leaflet(blocks: tuple[object, ...]) -> Leaflet:
    meta = Metadata("generated", "A title: with [marks] & 'quotes'", "Test Trust", date(2026, 1, 2))
    return Leaflet(meta, (Section(None, 1, blocks),))  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_inline, min_size=1, max_size=6), min_size=1, max_size=3))
def test_generated_paragraphs_lists_tables_and_callouts_read_back_as_written(
    tmp_path_factory: pytest.TempPathFactory, paragraphs: list[list[Inline]]
) -> None:
    runs = [normal(p) for p in paragraphs]
    runs = [r for r in runs if r] or [(Text("words"),)]
    flat = [tuple(i for i in r if not isinstance(i, LineBreak)) or (Text("x"),) for r in runs]
    cells = [normal(list(r)) or (Text("x"),) for r in flat]
    blocks = (
        *(Paragraph(r) for r in runs),
        BulletList(tuple(ListItem(r) for r in runs)),
        NumberedList((ListItem(runs[0], more=tuple(runs[1:])),), start=7),
        Table((cells[0], cells[-1]), ((cells[-1], cells[0]),)),
        Callout("urgent", None, (Paragraph(runs[0]), BulletList(tuple(ListItem(r) for r in runs)))),
    )
    leaflet = _leaflet(blocks)
    folder = written_copy(leaflet, tmp_path_factory.mktemp("generated") / "generated")
    assert read_leaflet(folder).leaflet.sections == leaflet.sections
