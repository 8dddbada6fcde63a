"""The one walk over the model: every node reached, in reading order, and the helpers that stand on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet.core import walk
from leaflet.core.model import BulletList, Callout, Leaflet, Link, ListItem, Paragraph, Table, Text
from leaflet.core.text import leaflet_links, leaflet_words, plain, words
from leaflet.reader import read_leaflet
from tests.conftest import all_leaflet_folders

FOLDERS = all_leaflet_folders()


@pytest.fixture(scope="module", params=FOLDERS, ids=[p.name for p in FOLDERS])
def leaflet(request: pytest.FixtureRequest) -> Leaflet:
    folder: Path = request.param
    return read_leaflet(folder).leaflet


def test_every_run_of_words_is_reached_in_reading_order(leaflet: Leaflet) -> None:
    runs = [plain(run) for section in leaflet.sections for block in section.blocks for run in walk.inline_runs(block)]
    headings = [s.heading for s in leaflet.sections if s.heading]
    said = words(" ".join(runs))
    assert set(said) | set(words(" ".join(headings))) | set(words(leaflet.meta.title)) >= set(leaflet_words(leaflet))
    texts = [node.text for node in walk.body(leaflet) if isinstance(node, Text)]
    assert all(t in " ".join(runs) for t in texts), "every Text the walk reaches is read by the runs"


def test_query_finds_every_node_of_a_kind(leaflet: Leaflet) -> None:
    by_runs = [
        inline
        for section in leaflet.sections
        for block in section.blocks
        for run in walk.inline_runs(block)
        for inline in run
        if isinstance(inline, Link)
    ]
    assert list(leaflet_links(leaflet)) == by_runs, "the walk and the runs find the same links in the same order"
    items = list(walk.query(leaflet, ListItem))
    nested = [i for i in items if i.sublist is not None]
    assert all(any(child in items for child in i.sublist.items) for i in nested if i.sublist), "into sublists"
    for callout in walk.query(leaflet, Callout):
        inner = list(walk.descendants(callout))
        assert all(block in inner for block in callout.blocks), "into boxes"
    for table in walk.query(leaflet, Table):
        cells = [inline for row in (table.header, *table.rows) for cell in row for inline in cell]
        assert list(walk.children(table)) == cells


def test_without_labels_a_box_reads_as_its_own_title_and_blocks() -> None:
    titled = Callout("emergency", "Call 999 if:", (BulletList((ListItem((Text("you faint"),)),)),))
    untitled = Callout("note", None, (Paragraph((Text("Bring your tablets."),)),))
    assert [plain(run) for run in walk.inline_runs(titled)] == ["Emergency: Call 999 if:", "you faint"]
    assert [plain(run) for run in walk.inline_runs(titled, labels=False)] == ["Call 999 if:", "you faint"]
    assert [plain(run) for run in walk.inline_runs(untitled)] == ["Note", "Bring your tablets."]
    assert [plain(run) for run in walk.inline_runs(untitled, labels=False)] == ["Bring your tablets."]
    nested = BulletList((ListItem((Text("a"),), BulletList((ListItem((Text("b"),)),))),))
    assert [plain(run) for run in walk.inline_runs(nested, labels=False)] == ["a", "b"]


def test_the_fixtures_reach_every_kind_of_node() -> None:
    kinds = {type(node).__name__ for p in FOLDERS for node in walk.descendants(read_leaflet(p).leaflet)}
    assert {"Section", "Paragraph", "BulletList", "NumberedList", "ListItem", "Table", "Image", "Callout"} <= kinds
    assert {"Text", "Strong", "Link", "LineBreak", "Definition", "Pronunciation"} <= kinds
    assert {"EasyRead", "EasyReadSection", "EasyReadPoint"} <= kinds
