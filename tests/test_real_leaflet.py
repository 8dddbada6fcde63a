"""What real NHS leaflets hold (issue 11): callouts, #### headings, hard line breaks, lists three deep
with several paragraphs, bare addresses and SVG pictures, read back from every format's file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
import pytest

from leaflet.core.model import Callout, Image, LineBreak, Link, NumberedList, Paragraph
from leaflet.media.speech.script import build
from leaflet.reader import read_leaflet
from leaflet.writers import docx, large_print_pdf, text
from leaflet.writers.registry import names
from tests.conftest import FIXTURE_LEAFLETS, render

FOLDER = FIXTURE_LEAFLETS / "real-leaflet"


@pytest.fixture(scope="module")
def leaflet():
    return read_leaflet(FOLDER).leaflet


@pytest.fixture(scope="module")
def out(leaflet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("real") / leaflet.meta.id
    for module in (text, large_print_pdf, docx):
        render(module, leaflet, module.FORMAT.parse({}), folder)
    return folder


def test_the_reader_carries_every_construct(leaflet) -> None:
    blocks = [b for s in leaflet.sections for b in s.blocks]
    callouts = [b for b in blocks if isinstance(b, Callout)]
    assert [c.kind for c in callouts] == [
        "emergency", "urgent", "non-urgent", "important", "tip", "note", "warning", "caution",
    ]  # fmt: skip
    assert callouts[0].title == "Call 999 or go to A&E now if you:" and callouts[2].title is None
    assert [s.level for s in leaflet.sections if s.heading] == [2, 3, 4, 2]
    steps = next(b for b in blocks if isinstance(b, NumberedList))
    assert len(steps.items[0].paragraphs) == 2
    inner = steps.items[1].sublist
    assert inner is not None and inner.items[1].sublist is not None  # three levels
    address = next(b for b in blocks if isinstance(b, Paragraph) and "heart clinic at" in b.inlines[0].text)
    assert sum(isinstance(i, LineBreak) for i in address.inlines) == 3
    bare = [i for i in blocks[0].inlines if isinstance(i, Link)]
    assert [(b.text, b.url) for b in bare] == [
        ("www.nhs.uk/conditions/", "https://www.nhs.uk/conditions/"),
        ("www.example.org/heart", "https://www.example.org/heart"),
    ]
    pictures = [b for b in blocks if isinstance(b, Image)]
    assert [p.kind for p in pictures] == ["image/svg+xml", "image/png"]
    assert pictures[0].data.startswith(b"<svg"), "the model carries the picture's bytes"


def test_a_bare_address_with_its_scheme_is_a_link_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        "---\ntitle: T\npublisher: P\npublished: 2026-01-15\n---\n\nSee http://example.org/a or help@example.org.\n"
    )
    inlines = read_leaflet(folder).leaflet.sections[0].blocks[0].inlines
    links = [(i.text, i.url) for i in inlines if isinstance(i, Link)]
    assert links == [("http://example.org/a", "http://example.org/a"), ("help@example.org", "mailto:help@example.org")]


def test_e_text_labels_callouts_and_keeps_address_lines(out: Path) -> None:
    written = (out / "real-leaflet.txt").read_text()
    assert "[Emergency] Call 999 or go to A&E now if you:\n" in written
    assert "[Important]\n    Do not stop" in written and "[End of important]" in written
    assert "Write to the heart clinic at:\nWard 7, Test Hospital\n1 High Street\nTesttown TE1 2ST\n" in written
    assert "If you forget a dose\n...................." in written
    assert written.count("www.nhs.uk/conditions/") == 1, "a bare address is printed once"


def test_pdf_tags_callouts_h4_and_nests_bookmarks(out: Path) -> None:
    with pikepdf.open(out / "real-leaflet.large-print.pdf") as pdf:
        roles: list[tuple[str, str | None]] = []

        def walk(node: pikepdf.Object) -> None:
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                roles.append((str(node.S), str(node.T) if "/T" in node else None))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                walk(kid)

        walk(pdf.Root.StructTreeRoot)
        with pdf.open_outline() as outline:
            first_week = next(i for i in outline.root if i.title == "Your first week")
            medicines = first_week.children[0]
            nested = [c.title for c in medicines.children]
    assert [t for r, t in roles if r == "/Sect"] == [
        "Emergency", "Urgent", "Non-urgent", "Important", "Tip", "Note", "Warning", "Caution",
    ]  # fmt: skip
    assert ("/H4", None) in roles
    assert medicines.title == "Taking your medicines" and nested == ["If you forget a dose"]
    numbering = re.findall(rb"/ListNumbering /(\w+)", (out / "real-leaflet.large-print.pdf").read_bytes())
    assert {b"Decimal", b"Disc", b"Square", b"Circle"} <= set(numbering), "each level its own marker"


def test_pdf_keeps_address_lines(out: Path) -> None:
    import pdfplumber

    with pdfplumber.open(out / "real-leaflet.large-print.pdf") as pdf:
        lines = [line.strip() for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    start = lines.index("Write to the heart clinic at:")
    assert lines[start + 1 : start + 4] == ["Ward 7, Test Hospital", "1 High Street", "Testtown TE1 2ST"]


def test_word_has_heading_4_boxed_callouts_and_three_list_levels(out: Path) -> None:
    with zipfile.ZipFile(out / "real-leaflet.docx") as archive:
        body = archive.read("word/document.xml").decode()
        numbering = archive.read("word/numbering.xml").decode()
    assert '<w:pStyle w:val="Heading4"/>' in body
    boxed = re.findall(r"<w:p>(?:(?!</w:p>).)*?<w:pBdr>(?:(?!</w:p>).)*?<w:shd [^>]*/>(?:(?!</w:p>).)*?</w:p>", body)
    labels = [re.sub(r"<[^>]+>", "", p) for p in boxed]
    assert any(label.startswith("Emergency: Call 999") for label in labels)
    assert any(label.startswith("Important") for label in labels)
    assert "lowerLetter" in numbering and "lowerRoman" in numbering and '<w:ilvl w:val="2"/>' in body
    assert "Ward 7, Test Hospital</w:t></w:r><w:r><w:br/>" in body


def test_audio_announces_callouts_nested_lists_and_pauses_at_line_breaks(leaflet) -> None:
    script = build(leaflet, 150).as_text()
    flat = " ".join(script.split())
    assert "Emergency: Call nine nine nine or go to A and E now if you:" in flat
    assert "Important: Do not stop taking" in flat
    assert "Under step 2: 2 points. First: the name of each medicine." in flat  # nested lists, briefly
    assert "Under the second point: 2 points. First: in the morning. Second: at night. Step 3." in flat
    assert "Write to the heart clinic at: Ward 7, Test Hospital, 1 High Street, Testtown" in flat
    assert "Within Taking your medicines: If you forget a dose." in flat


def test_the_real_leaflet_builds_in_every_format_and_passes_every_audit_strictly(tmp_path: Path, run_cli) -> None:
    """Issue 11, done when: a leaflet using every construct builds in every format and passes every audit."""
    source, out = FIXTURE_LEAFLETS, tmp_path / "out"
    status, _, err = run_cli("build", "real-leaflet", "--source", source, "--out", out, "--strict", "-q")
    assert status == 0, err
    status, stdout, err = run_cli("check", "real-leaflet", "--source", source, "--out", out, "--strict")
    assert status == 0, stdout + err
    statuses = [line.strip() for line in stdout.splitlines() if line.startswith("  ") and line.strip().endswith("ok")]
    assert len(statuses) == len(names()) and "FAIL" not in stdout and "warning[" not in stdout + err
