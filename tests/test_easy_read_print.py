"""The easy-read Word file, opened with python-docx and checked as a reviewer would."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from leaflet.core.diagnostics import OptionError
from leaflet.core.files import reproducible_zip
from leaflet.core.model import Leaflet
from leaflet.core.text import easy_read_title, easy_read_words, find_terms, first_missing_word, plain, words
from leaflet.reader import read_leaflet
from leaflet.writers import easy_read_print
from tests.conftest import audited, render

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "fixtures" / "easyread" / "good"
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
EVERY_FEATURE = ROOT / "tests" / "fixtures" / "leaflets" / "every-feature"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _render(folder: Path, out: Path, **options: str) -> tuple[Leaflet, Path]:
    leaflet = read_leaflet(folder).leaflet
    (path,) = render(easy_read_print, leaflet, easy_read_print.FORMAT.parse(options), out).paths
    return leaflet, path


def _open(path: Path) -> Document:
    return docx.Document(str(path))


def _size(paragraph: Paragraph, run_size: Any) -> float:
    """The size a run is shown at: its own, else its paragraph style's (or the style it is based on)."""
    if run_size is not None:
        return run_size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    raise AssertionError(f"no size for {paragraph.text!r}")


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Leaflet, Document]:
    leaflet, path = _render(GOOD, tmp_path_factory.mktemp("good"))
    assert path.name == "good.easy-read.docx"
    return leaflet, _open(path)


@pytest.fixture(scope="module")
def nice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Leaflet, Document]:
    leaflet, path = _render(NICE, tmp_path_factory.mktemp("nice"))
    return leaflet, _open(path)


def test_one_table_per_section_one_point_per_row_two_columns(good: tuple[Leaflet, Document]) -> None:
    leaflet, document = good
    assert leaflet.easy_read is not None
    sections = leaflet.easy_read.sections
    tables = document.tables[: len(sections)]
    assert len(document.tables) == len(sections) + 2  # and "Words to know", "About this easy read"
    for section, table in zip(sections, tables, strict=True):
        assert len(table.rows) == len(section.points)
        for row, point in zip(table.rows, section.points, strict=True):
            assert len(row.cells) == 2
            assert row.cells[1].paragraphs[0].text == plain(point.inlines)


def test_the_picture_column_holds_each_picture_with_its_alt_text_or_stays_empty(
    good: tuple[Leaflet, Document],
) -> None:
    leaflet, document = good
    assert leaflet.easy_read is not None
    with_picture = without = 0
    for section, table in zip(leaflet.easy_read.sections, document.tables, strict=False):
        for row, point in zip(table.rows, section.points, strict=True):
            cell = row.cells[0]
            drawings = cell._tc.findall(f".//{WP}docPr")
            if point.picture is None:
                without += 1
                assert drawings == [] and cell.text == ""
            else:
                with_picture += 1
                assert [d.get("descr") for d in drawings] == [point.picture.alt]
                (shape,) = cell._tc.findall(f".//{WP}extent")
                assert int(shape.get("cx")) <= easy_read_print.layout.PICTURE_COLUMN
    # two of the author's, four chosen from the symbol set; none for the point about a catheter, which no symbol shows
    assert with_picture == 6 and without == 1


def test_words_are_16pt_or_more_in_atkinson_hyperlegible(nice: tuple[Leaflet, Document]) -> None:
    _, document = nice
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    paragraphs.extend(document.sections[0].footer.paragraphs)
    runs = [(p, r) for p in paragraphs for r in p.runs]
    assert len(runs) > 50
    for paragraph, run in runs:
        assert _size(paragraph, run.font.size) >= 16, run.text
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f".//{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == "Atkinson Hyperlegible"
    assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would win over the named one
    assert document.styles["Normal"].font.size.pt == 16


def test_hard_words_are_bold_and_other_words_are_not(nice: tuple[Leaflet, Document]) -> None:
    leaflet, document = nice
    terms = [d.term for d in leaflet.glossary]
    seen = 0
    for table in document.tables[:-1]:
        for row in table.rows:
            paragraph = row.cells[1].paragraphs[0]
            bold = "".join(r.text for r in paragraph.runs if r.bold)
            hard = [paragraph.text[s:e] for s, e, _ in find_terms(paragraph.text, terms)]
            assert bold == "".join(hard), paragraph.text
            seen += len(hard)
    assert seen >= 4
    # and without the renderer's own matching: rows whose bold words a reader can check by eye
    rows = {row.cells[1].paragraphs[0].text: row.cells[1].paragraphs[0] for t in document.tables for row in t.rows}
    expected = {
        "The pump is on the end of a catheter. A catheter is a long, thin, bendy tube.": ["catheter", "catheter"],
        "Cardiogenic shock is an emergency. A person can die from it.": ["Cardiogenic shock"],
        "The doctor pushes the catheter along the artery into the heart.": ["catheter", "artery"],
    }
    for text, bold_words in expected.items():
        assert [r.text for r in rows[text].runs if r.bold] == bold_words, text


def test_headings_are_real_heading_styles_in_order(good: tuple[Leaflet, Document]) -> None:
    leaflet, document = good
    assert leaflet.easy_read is not None
    named = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    headings = [(style, text) for style, text in named if style and style.startswith("Heading")]
    expected = [("Heading 1", easy_read_title(leaflet))] + [
        ("Heading 2", s.heading) for s in leaflet.easy_read.sections
    ]
    assert headings[: len(expected)] == expected
    assert ("Heading 2", "Words to know") in headings


def test_every_word_of_the_easy_read_in_order(nice: tuple[Leaflet, Document]) -> None:
    leaflet, document = nice
    body = document.element.body
    text = " ".join(t.text or "" for t in body.iter(qn("w:t")))
    assert first_missing_word(easy_read_words(leaflet), words(text)) is None


def test_links_are_real_hyperlinks_with_their_address_written_out(nice: tuple[Leaflet, Document]) -> None:
    _, document = nice
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "https://www.nhs.uk/conditions/consent-to-treatment/" in targets
    words_cells = [row.cells[1].text for table in document.tables for row in table.rows]
    assert any("https://www.nhs.uk/conditions/consent-to-treatment/" in text for text in words_cells)


def test_language_title_and_dates_come_from_the_leaflet(nice: tuple[Leaflet, Document]) -> None:
    leaflet, document = nice
    properties = document.core_properties
    assert properties.title == easy_read_title(leaflet)
    assert properties.language == "en-GB"
    assert properties.author == "NICE"
    assert properties.created.date() == leaflet.meta.published
    lang = document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"


def test_no_empty_paragraphs_outside_the_picture_cells(nice: tuple[Leaflet, Document]) -> None:
    _, document = nice
    assert all(p.text.strip() for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            assert row.cells[1].text.strip()


def test_same_source_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _, first = _render(GOOD, tmp_path / "a")
    _, second = _render(GOOD, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_reproducible_zip_ignores_when_and_in_what_order_entries_were_written() -> None:
    def archive(order: list[str], when: tuple[int, ...]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name in order:
                z.writestr(zipfile.ZipInfo(name, date_time=when), f"content of {name}")  # type: ignore[arg-type]
        return buffer.getvalue()

    first = archive(["b.xml", "[Content_Types].xml", "a.xml"], (2020, 5, 6, 7, 8, 10))
    second = archive(["a.xml", "b.xml", "[Content_Types].xml"], (2031, 1, 2, 3, 4, 6))
    assert first != second
    assert reproducible_zip(first) == reproducible_zip(second)
    with zipfile.ZipFile(io.BytesIO(reproducible_zip(first))) as z:
        assert z.namelist() == ["[Content_Types].xml", "a.xml", "b.xml"]
        assert z.read("a.xml") == b"content of a.xml"


def test_the_audit_finds_no_problem_in_a_good_file_and_one_in_a_spoiled_file(tmp_path: Path) -> None:
    leaflet, path = _render(GOOD, tmp_path)
    assert [d.severity for d in audited("easy-read-print", leaflet, tmp_path)] == ["note"]
    document = _open(path)
    document.tables[0].rows[0].cells[1].paragraphs[0].runs[0].text = "Changed words"
    document.save(str(path))
    problems = [d.message for d in audited("easy-read-print", leaflet, tmp_path) if d.severity == "error"]
    assert any("does not start with the point's words" in p for p in problems)
    assert "not built yet" in str(audited("easy-read-print", leaflet, tmp_path / "elsewhere")[0])


def test_a_hard_word_only_in_a_link_address_is_not_asked_to_be_bold(tmp_path: Path) -> None:
    """Defect 1 of issue 11: the audit read the printed address as words, and asked for it in bold."""
    import shutil

    folder = tmp_path / "good"
    shutil.copytree(GOOD, folder)
    easy = folder / "easy-read.md"
    easy.write_text(easy.read_text() + "- Read [more on the NHS website](https://www.nhs.uk/catheter/).\n")
    leaflet, _ = _render(folder, tmp_path / "out")
    assert [str(d) for d in audited("easy-read-print", leaflet, tmp_path / "out") if d.severity == "error"] == []


def test_zip_times_honour_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1774396800")  # 25 March 2026, 00:00 UTC
    _, path = _render(GOOD, tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 25, 0, 0, 0)}


def test_a_larger_size_is_a_personal_variant_beside_the_default(tmp_path: Path) -> None:
    _, default = _render(GOOD, tmp_path)
    before = default.read_bytes()
    _, variant = _render(GOOD, tmp_path, size="20")
    assert variant.name == "good.easy-read.20pt.docx"
    assert default.read_bytes() == before
    assert _open(variant).styles["Normal"].font.size.pt == 20
    with pytest.raises(OptionError, match="14 to 48"):
        easy_read_print.FORMAT.parse({"size": "12"})
    with pytest.raises(OptionError, match="yellow-on-black"):
        easy_read_print.FORMAT.parse({"colours": "pink"})
    _, both = _render(GOOD, tmp_path, size="20", colours="black-on-cream")
    assert both.name == "good.easy-read.20pt-black-on-cream.docx"
    assert default.read_bytes() == before


def test_a_leaflet_without_easy_read_warns_and_writes_nothing(tmp_path: Path) -> None:
    leaflet = read_leaflet(EVERY_FEATURE).leaflet
    rendered = render(easy_read_print, leaflet, easy_read_print.FORMAT.parse({}), tmp_path)
    assert rendered.paths == () and [w.code for w in rendered.warnings] == ["no-easy-read"]
    assert list(tmp_path.iterdir()) == []
