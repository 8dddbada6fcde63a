"""The Word format, read back as its users' tools would: python-docx, mammoth and the raw XML."""

from __future__ import annotations

import html as html_lib
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import mammoth
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from leaflet.checks.docx import audit_file
from leaflet.cli import main
from leaflet.core.diagnostics import OptionError
from leaflet.core.model import Leaflet, Link
from leaflet.core.text import first_missing_word, leaflet_words, words
from leaflet.core.walk import inline_runs
from leaflet.media.colours import SCHEMES
from leaflet.media.colours import contrast_ratio as contrast
from leaflet.reader import read_leaflet
from leaflet.writers import docx as word
from leaflet.writers.docx import FORMAT as DOCX
from leaflet.writers.docx.options import Options
from tests.conftest import audited, errors_of, render

ROOT = Path(__file__).resolve().parent.parent
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
EVERY = ROOT / "tests" / "fixtures" / "leaflets" / "every-feature"
LISTS_SOURCE = """---
title: Lists that restart
publisher: Test Health Trust
published: 2026-01-01
---

## Steps

1. Step one
2. Step two, with notes:
   - a nested note
   - another nested note
3. Step three

Some words between the lists.

4. Step four
5. Step five

- A bullet with steps:
  1. sub step one
  2. sub step two
- Another bullet:
  1. again step one
"""


def build(folder: Path, out: Path, **values: str) -> tuple[Leaflet, Path]:
    leaflet = read_leaflet(folder).leaflet
    (path,) = render(word, leaflet, word.FORMAT.parse(values), out).paths
    return leaflet, path


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="module")
def nice(out: Path) -> tuple[Leaflet, Path]:
    return build(NICE, out)


@pytest.fixture(scope="module")
def every(out: Path) -> tuple[Leaflet, Path]:
    return build(EVERY, out)


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory, out: Path) -> tuple[Leaflet, Path]:
    folder = tmp_path_factory.mktemp("source") / "lists-test"
    folder.mkdir()
    (folder / "leaflet.md").write_text(LISTS_SOURCE, encoding="utf-8")
    return build(folder, out)


def html(path: Path) -> str:
    with open(path, "rb") as handle:
        return mammoth.convert_to_html(handle, style_map="p[style-name='Caption'] => p.caption:fresh").value


def source_urls(leaflet: Leaflet) -> list[str]:
    return [
        inline.url
        for section in leaflet.sections
        for block in section.blocks
        for inlines in inline_runs(block)
        for inline in inlines
        if isinstance(inline, Link)
    ]


# Options and file names --------------------------------------------------


def test_file_names_carry_the_options_and_the_default_keeps_the_plain_name() -> None:
    assert DOCX.files("x", word.FORMAT.parse({}))[0] == "x.docx"
    assert DOCX.files("x", word.FORMAT.parse({"size": "14", "colours": "black-on-white"}))[0] == "x.docx"
    assert DOCX.files("x", word.FORMAT.parse({"size": "24"}))[0] == "x.24pt.docx"
    assert DOCX.files("x", word.FORMAT.parse({"colours": "black-on-cream"}))[0] == "x.black-on-cream.docx"
    assert (
        DOCX.files("x", word.FORMAT.parse({"size": "24", "colours": "black-on-cream"}))[0]
        == "x.24pt-black-on-cream.docx"
    )


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"size": "13"}, "14 to 48"),
        ({"size": "49"}, "14 to 48"),
        ({"size": "big"}, "whole number"),
        ({"colours": "pink-on-blue"}, "yellow-on-black"),
        ({"voice": "x"}, "--size, --colours"),
    ],
)
def test_bad_options_name_what_is_allowed(values: dict[str, str], says: str) -> None:
    with pytest.raises(OptionError, match=re.escape(says)):
        DOCX.parse(values)


def test_a_bad_size_on_the_command_line_exits_2_and_writes_nothing(tmp_path: Path, capsys) -> None:
    status = main(["build", "--source", str(EVERY.parent), "--out", str(tmp_path), "--format", "docx", "--size", "60"])
    assert status == 2
    assert "14 to 48" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.docx"))


def test_every_scheme_keeps_text_and_links_at_seven_to_one() -> None:
    for name, scheme in SCHEMES.items():
        assert contrast(scheme.text, scheme.background) >= 7, name
        assert contrast(scheme.link, scheme.background) >= 7, name


# The audit (what `leaflet check` runs) ------------------------------------


def test_the_audit_passes_the_nice_leaflet_and_every_feature(nice, every, lists) -> None:
    for leaflet, path in (nice, every, lists):
        found = audit_file(leaflet, path, Options())
        assert errors_of(found) == (), found
        assert [d.severity for d in found] == ["note"]


def test_the_audit_finds_what_breaks_the_rules(every, tmp_path: Path) -> None:
    leaflet, path = every
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode()
    xml = xml.replace("<w:tblHeader/>", "", 1)
    xml = xml.replace("<w:body>", "<w:body><w:p/>", 1)
    xml = xml.replace("<w:b/>", "<w:i/>", 1)
    xml = re.sub(r' descr="[^"]*"', ' descr=""', xml, count=1)
    parts["word/document.xml"] = xml.encode()
    broken = tmp_path / path.name
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    problems = "\n".join(errors_of(audit_file(leaflet, broken, Options())))
    assert "no header row" in problems
    assert "empty paragraph" in problems
    assert "italics" in problems
    assert "no alt text" in problems
    assert "Heading 1" not in problems  # only what was broken


def test_the_audit_reports_a_missing_file(every, tmp_path: Path) -> None:
    leaflet, _ = every
    assert "not built yet" in errors_of(audited("docx", leaflet, tmp_path))[0]


# Styles, sizes, fonts, language (python-docx) ------------------------------


def test_body_and_headings_use_clear_print_type_in_the_leaflets_language(nice) -> None:
    _, path = nice
    document = docx.Document(str(path))
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(14)
    assert normal.font.name == "Atkinson Hyperlegible"
    fonts = normal.element.rPr.rFonts
    assert not [name for name in fonts.attrib if "Theme" in name], "a theme font would override the named font"
    assert normal.font.italic is False and normal.font.underline is False
    assert normal.paragraph_format.alignment in (None, 0)  # left
    assert 1.15 <= normal.paragraph_format.line_spacing <= 1.5
    assert normal.paragraph_format.space_after >= Pt(14)
    sizes = [document.styles[f"Heading {level}"].font.size for level in (1, 2)]
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] > Pt(14)
    for level in (1, 2):
        heading = document.styles[f"Heading {level}"]
        assert heading.font.bold and not heading.font.italic
        assert heading.font.name == "Atkinson Hyperlegible"
    styles_xml = document.styles.element
    defaults_lang = styles_xml.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert defaults_lang.get(qn("w:val")) == "en-GB"
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    used = {p.style.name for p in document.paragraphs} | {"Hyperlink", "Normal", "Footer", "Table Grid"}
    assert {s.name for s in document.styles} <= used | {"Default Paragraph Font", "Normal Table", "No List"}


def test_the_outline_is_the_title_then_sections_in_order(nice) -> None:
    leaflet, path = nice
    document = docx.Document(str(path))
    outline = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    expected = [("Heading 1", leaflet.meta.title)]
    expected += [(f"Heading {s.level}", s.heading) for s in leaflet.sections if s.heading]
    expected += [("Heading 2", "Words explained"), ("Heading 2", "About this leaflet")]
    assert outline == expected


def test_no_empty_paragraphs_and_no_typed_bullets(nice, every) -> None:
    for _, path in (nice, every):
        for paragraph in docx.Document(str(path)).paragraphs:
            has_picture = bool(paragraph._p.findall(f".//{qn('w:drawing')}"))
            assert paragraph.text.strip() or has_picture
            assert not re.match(r"\s*([\u2022*\-]|\d+\.)\s", paragraph.text), paragraph.text


# Lists -----------------------------------------------------------------


def _list_items(path: Path) -> list[tuple[str, int, int, str]]:
    """(text, numId, level, number format) for every list paragraph."""
    document = docx.Document(str(path))
    numbering = document.part.numbering_part.element
    items = []
    for paragraph in document.paragraphs:
        numbered: Any = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if numbered is None:
            continue
        num_id, level = numbered.numId.val, numbered.ilvl.val
        num = numbering.num_having_numId(num_id)
        abstract = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{num.abstractNumId.val}']")
        lvl = abstract.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{level}']")
        items.append((paragraph.text, num_id, level, lvl.find(qn("w:numFmt")).get(qn("w:val"))))
    return items


def _start(path: Path, num_id: int, level: int) -> int:
    numbering = docx.Document(str(path)).part.numbering_part.element
    override = numbering.num_having_numId(num_id).find(f"{qn('w:lvlOverride')}[@{qn('w:ilvl')}='{level}']")
    return int(override.find(qn("w:startOverride")).get(qn("w:val")))


def test_lists_are_real_word_lists_that_restart_and_nest(lists) -> None:
    _, path = lists
    items = {text: (num_id, level, fmt) for text, num_id, level, fmt in _list_items(path)}
    assert items["Step one"][2] == "decimal" and items["a nested note"][2] == "bullet"
    assert items["a nested note"][1] == 1 and items["Step one"][1] == 0
    # Each list has its own count: the second numbered list starts at 4, each nested list at 1.
    first, second = items["Step one"][0], items["Step four"][0]
    assert first == items["Step three"][0] and first != second
    assert _start(path, first, 0) == 1 and _start(path, second, 0) == 4
    sub, again = items["sub step one"][0], items["again step one"][0]
    assert sub != again and _start(path, sub, 1) == 1 and _start(path, again, 1) == 1
    styles = {p.text: p.style.name for p in docx.Document(str(path)).paragraphs}
    assert styles["Step one"] == "List Number" and styles["sub step one"] == "List Number 2"
    assert styles["A bullet with steps:"] == "List Bullet" and styles["a nested note"] == "List Bullet 2"


def test_mammoth_sees_nested_lists(lists, every) -> None:
    assert re.search(r"<li>Step two, with notes:<ul><li>a nested note</li>", html(lists[1]))
    assert re.search(r"<li>A bullet with steps:<ol><li>sub step one</li>", html(lists[1]))
    assert re.search(r"<li>A point with a nested list:<ul><li>the first nested point</li>", html(every[1]))


# Links -----------------------------------------------------------------


def test_links_are_real_hyperlinks_with_their_words_and_the_address_shown(every) -> None:
    leaflet, path = every
    document = docx.Document(str(path))
    found = []
    for paragraph in document.paragraphs + [p for t in document.tables for c in t._cells for p in c.paragraphs]:
        for link in paragraph._p.iter(qn("w:hyperlink")):
            relationship = document.part.rels[link.get(qn("r:id"))]
            assert relationship.is_external
            text = "".join(t.text for t in link.iter(qn("w:t")))
            found.append((text, relationship.target_ref, paragraph.text))
    by_url = {url: (text, shown) for text, url, shown in found}
    for url in source_urls(leaflet):
        assert url in by_url
    text, shown = by_url["https://www.nhs.uk/"]
    assert text == "link to the NHS" and "link to the NHS (https://www.nhs.uk/)" in shown
    text, shown = by_url["tel:03001231234"]
    assert text == "0300 123 1234" and "03001231234" not in shown  # the words are the number already
    assert by_url[leaflet.meta.url][0] == leaflet.meta.url


def test_mammoth_gives_headings_lists_and_links(nice, every) -> None:
    for leaflet, path in (nice, every):
        page = html(path)
        assert page.count("<h1>") == 1 and f"<h1>{leaflet.meta.title}</h1>" in page
        assert "<h2>" in page and "<li>" in page and "<ul>" in page
        hrefs = set(re.findall(r'<a href="([^"]+)"', page))
        assert set(source_urls(leaflet)) <= hrefs
    assert "<ol>" in html(every[1]) and "<h3>A subsection</h3>" in html(every[1])


def test_every_word_of_the_source_is_there_in_order(nice, every) -> None:
    for leaflet, path in (nice, every):
        # as a screen reader hears it: each picture replaced by its alt text, where it stands
        heard = re.sub(r'<img[^>]*alt="([^"]*)"[^>]*>', r" \1 ", html(path))
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", heard))
        assert first_missing_word(leaflet_words(leaflet), words(text)) is None
        alphabetical = sorted(leaflet.glossary, key=lambda d: d.term.casefold())  # as every format lists it
        glossary = words(" ".join(f"{d.term} {d.explanation}" for d in alphabetical))
        after = words(text.split("Words explained", 1)[1])
        assert first_missing_word(glossary, after) is None


# Tables and pictures ---------------------------------------------------------


def test_a_table_has_a_repeating_header_row_no_merges_and_a_caption(every) -> None:
    _, path = every
    document = docx.Document(str(path))
    (table,) = document.tables
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    assert [c.text for c in table.rows[0].cells] == ["Time", "What happens"]
    assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge | .//w:hMerge")
    widths = [cell.width for cell in table.rows[0].cells]
    section = document.sections[0]
    assert abs(sum(widths) - (section.page_width - section.left_margin - section.right_margin)) < Pt(1)
    assert widths[0] < widths[1]  # single words beside sentences: the sentences get the room
    before = table._tbl.getprevious()
    assert before.tag == qn("w:p") and "Table 1" in "".join(before.itertext())
    assert "<thead><tr><th>" in html(path)


def test_a_picture_has_its_alt_text_and_fits_the_page(every) -> None:
    leaflet, path = every
    document = docx.Document(str(path))
    (picture,) = document.inline_shapes
    alt = next(b.alt for s in leaflet.sections for b in s.blocks if type(b).__name__ == "Image")
    properties = picture._inline.docPr
    assert properties.get("descr") == alt and properties.get("title") == alt
    section = document.sections[0]
    assert picture.width <= section.page_width - section.left_margin - section.right_margin
    assert f'alt="{alt}"' in html(path)


def test_an_svg_picture_is_drawn_into_the_document_as_png(tmp_path: Path) -> None:
    import zipfile

    folder = tmp_path / "svg-picture"
    folder.mkdir()
    (folder / "diagram.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20'/></svg>"
    )
    (folder / "leaflet.md").write_text(
        "---\ntitle: T\npublisher: P\npublished: 2026-01-01\n---\n\n## S\n\n![A diagram](diagram.svg)\n"
    )
    build(folder, tmp_path / "out")
    with zipfile.ZipFile(next((tmp_path / "out").rglob("*.docx"))) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(media) == 1 and archive.read(media[0]).startswith(b"\x89PNG")


# Properties, determinism, variants --------------------------------------------


def test_core_properties_come_from_the_leaflet_not_the_template_or_clock(every) -> None:
    leaflet, path = every
    properties = docx.Document(str(path)).core_properties
    meta = leaflet.meta
    assert properties.title == meta.title
    assert meta.publisher in properties.subject
    assert properties.author == properties.last_modified_by == meta.publisher
    assert properties.language == "en-GB"
    assert meta.updated is not None and meta.updated != meta.published  # the fixture tells the two apart
    assert properties.created == datetime(meta.published.year, meta.published.month, meta.published.day, tzinfo=UTC)
    assert properties.modified == datetime(meta.updated.year, meta.updated.month, meta.updated.day, tzinfo=UTC)
    assert properties.identifier == f"urn:isbn:{meta.isbn}"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for name in ("docProps/core.xml", "docProps/app.xml"):
            assert b"python-docx" not in archive.read(name) and b"Macintosh" not in archive.read(name)
    assert "docProps/thumbnail.jpeg" not in names


def test_the_same_source_gives_the_same_bytes(tmp_path: Path, every) -> None:
    _, first = every
    _, second = build(EVERY, tmp_path)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_a_24pt_variant_passes_at_24pt_and_leaves_the_default_alone(tmp_path: Path) -> None:
    leaflet, default = build(NICE, tmp_path)
    before = default.read_bytes()
    _, variant = build(NICE, tmp_path, size="24", colours="black-on-cream")
    assert variant.name == f"{leaflet.meta.id}.24pt-black-on-cream.docx"
    assert default.read_bytes() == before
    assert errors_of(audit_file(leaflet, variant, Options(24, "black-on-cream"))) == ()
    document = docx.Document(str(variant))
    assert document.styles["Normal"].font.size == Pt(24)
    assert document.styles["Heading 2"].font.size > Pt(24)
    background = document.element.find(qn("w:background"))
    assert background.get(qn("w:color")) == SCHEMES["black-on-cream"].background
    assert document.settings.element.find(qn("w:displayBackgroundShape")) is not None
    # The audit knows a 24pt file is not a 14pt one, and the other way round.
    assert any("page colour" in p for p in errors_of(audit_file(leaflet, variant, Options(24))))


@pytest.mark.parametrize("scheme", [s for s in SCHEMES if s != "black-on-white"])
def test_each_colour_scheme_colours_page_text_and_table_borders(tmp_path: Path, scheme: str) -> None:
    leaflet, path = build(EVERY, tmp_path, colours=scheme)
    assert errors_of(audit_file(leaflet, path, Options(colours=scheme))) == ()
    document = docx.Document(str(path))
    colours = SCHEMES[scheme]
    assert str(document.styles["Normal"].font.color.rgb) == colours.text
    assert str(document.styles["Hyperlink"].font.color.rgb) == colours.link
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {side.get(qn("w:color")) for side in borders} == {colours.text}
