"""`leaflet import`: each mapping from Word and web pages, and each refusal.

Word inputs are made with python-docx (and raw WordprocessingML where
python-docx has no call); each import is read back with the real reader
(``leaflet dump``) so the test checks the model, not the Markdown's look.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from leaflet.core.dump import to_json
from leaflet.reader import read_leaflet
from tests.conftest import FIXTURE_LEAFLETS, snapshot

PNG = (FIXTURE_LEAFLETS / "every-feature" / "heart.png").read_bytes()


def word(properties: bool = True) -> Any:
    document = docx.Document()
    if properties:
        core = document.core_properties
        core.title = "Looking after your wound"
        core.author = "Test Health Trust"
        core.created = datetime(2026, 2, 10, 9, 0)
        core.modified = datetime(2026, 3, 1, 9, 0)
        core.language = "en-GB"
    return document


def hyperlink(paragraph: Any, text: str, url: str) -> None:
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def shade(paragraph: Any, fill: str = "FFE5E5") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    paragraph._p.get_or_add_pPr().append(shd)


def outline(paragraph: Any, level: int) -> None:
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    paragraph._p.get_or_add_pPr().append(element)


def indent(paragraph: Any, twips: int) -> None:
    paragraph.paragraph_format.left_indent = Pt(twips / 20)


def run_import(run_cli: Any, path: Path, tmp_path: Path, *more: str) -> tuple[int, str, str, Path]:
    source = tmp_path / "source"
    status, out, err = run_cli("import", path, "--source", source, *more)
    return status, out, err, source


def model(folder: Path) -> dict[str, Any]:
    return to_json(read_leaflet(folder).leaflet)


def blocks(folder: Path) -> list[dict[str, Any]]:
    return [b for s in model(folder)["sections"] for b in s["blocks"]]


def save(document: Any, tmp_path: Path, name: str = "leaflet.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


# Word: the mappings --------------------------------------------------------------------------------------


def test_word_properties_headings_lists_tables_links_bold_and_breaks(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    document.add_paragraph("Looking after your wound", style="Title")
    intro = document.add_paragraph("Keep it ")
    intro.add_run("clean and dry").bold = True
    intro.add_run(". Read ")
    hyperlink(intro, "the NHS page", "https://www.nhs.uk/conditions/wounds/")
    intro.add_run(".")
    document.add_heading("Your first week", level=1)
    document.add_paragraph("Change the dressing:", style="List Bullet")
    document.add_paragraph("every morning", style="List Bullet 2")
    document.add_paragraph("Take your tablets.", style="List Number")
    document.add_heading("When to get help", level=2)
    address = document.add_paragraph("Ward 7")
    address.add_run().add_break(WD_BREAK.LINE)
    address.add_run("1 High Street")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(
        table.rows[0].cells + table.rows[1].cells, ["Day", "Hours", "Monday", "8am to 6pm"], strict=True
    ):
        cell.text = text
    status, out, err, source = run_import(run_cli, save(document, tmp_path), tmp_path)
    folder = source / "looking-after-your-wound"
    assert status == 0, out + err
    data = model(folder)
    meta = data["meta"]
    assert (meta["title"], meta["publisher"], meta["published"], meta["updated"], meta["language"]) == (
        "Looking after your wound",
        "Test Health Trust",
        "2026-02-10",
        "2026-03-01",
        "en-GB",
    )
    assert [(s["heading"], s["level"]) for s in data["sections"]] == [
        (None, 1),
        ("Your first week", 2),
        ("When to get help", 3),
    ]
    text = (folder / "leaflet.md").read_text(encoding="utf-8")
    assert "Keep it **clean and dry**. Read [the NHS page](https://www.nhs.uk/conditions/wounds/)." in text
    assert "- Change the dressing:\n  - every morning\n" in text
    assert "1. Take your tablets." in text
    assert "Ward 7\\\n1 High Street" in text
    assert "| Day | Hours |\n| --- | --- |\n| Monday | 8am to 6pm |" in text
    assert "from the document's Author" in out and "passes the reader as it stands" in out
    assert "the table has no header row marked" in out


def test_outline_levels_and_typed_bullets_with_their_nesting(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    heading = document.add_paragraph("Before you go home")
    outline(heading, 0)
    for text, twips in (
        ("• Bring your medicines", 360),
        ("◦ the tablets", 720),
        ("◦ the cream", 720),
        ("• Bring a list", 360),
    ):
        indent(document.add_paragraph(text), twips)
    document.add_paragraph("1. Pack your bag")
    document.add_paragraph("2. Ring a taxi")
    status, out, err, source = run_import(run_cli, save(document, tmp_path), tmp_path, "--id", "typed")
    assert status == 0, out + err
    text = (source / "typed" / "leaflet.md").read_text(encoding="utf-8")
    assert "## Before you go home" in text
    assert "- Bring your medicines\n  - the tablets\n  - the cream\n- Bring a list" in text
    assert "1. Pack your bag\n2. Ring a taxi" in text


def test_shaded_boxes_and_one_cell_tables_become_callouts_by_their_words(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    document.add_heading("Getting help", level=1)
    shade(document.add_paragraph("Call 999 or go to A&E if you have chest pain."))
    document.add_paragraph("Between the boxes.")
    box = document.add_table(rows=1, cols=1).rows[0].cells[0]
    box.text = "Call 111 if your wound is red and hot."
    document.add_paragraph("After the box.")
    shade(document.add_paragraph("The clinic is closed on bank holidays."), "DDEEFF")
    shade(document.add_paragraph("Ask your pharmacist if you:"))
    document.add_paragraph("are not sure about your tablets", style="List Bullet")
    status, out, err, source = run_import(run_cli, save(document, tmp_path), tmp_path, "--id", "boxes")
    assert status in (0, 1), out + err
    text = (source / "boxes" / "leaflet.md").read_text(encoding="utf-8")
    assert "> [!EMERGENCY]\n>\n> Call 999 or go to A\\&E if you have chest pain." in text.replace("A&E", "A\\&E")
    assert "> [!URGENT]\n>\n> Call 111 if your wound is red and hot." in text
    assert "> [!NOTE]\n>\n> The clinic is closed on bank holidays.\n\n" in text
    # a box that ends with ':' takes the list it introduces (Word has no list inside a shaded box)
    assert "> [!NOTE]\n>\n> Ask your pharmacist if you:\n>\n> - are not sure about your tablets" in text


def test_a_picture_is_written_beside_the_source_with_its_alt_text(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    document.add_paragraph("Your wound will look like this.")
    document.add_picture(io.BytesIO(PNG))
    document.inline_shapes[0]._inline.docPr.set("descr", "A healing wound with a clean dressing")
    document.add_picture(io.BytesIO(PNG[:-1] + b"\x00"))  # a second picture, without alt text
    status, out, _err, source = run_import(run_cli, save(document, tmp_path), tmp_path, "--id", "pictures")
    folder = source / "pictures"
    text = (folder / "leaflet.md").read_text(encoding="utf-8")
    assert "![A healing wound with a clean dressing](picture-1.png)" in text
    assert (folder / "picture-1.png").read_bytes() == PNG
    line = text.splitlines().index("![](picture-2.png)") + 1
    assert status == 1
    assert f"{folder / 'leaflet.md'}:{line}: the picture picture-2.png has no alt text" in out


def test_what_cannot_be_carried_is_reported_with_where_and_counted(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    document.add_heading("Your medicines", level=1)
    paragraph = document.add_paragraph("Take them ")
    paragraph.add_run("every day").italic = True
    red = paragraph.add_run(" with water")
    red.font.color.rgb = RGBColor(0xC0, 0, 0)
    document.add_comment([paragraph.runs[0]], text="Check this with pharmacy", author="Editor")
    status, out, err, source = run_import(run_cli, save(document, tmp_path), tmp_path, "--id", "losses")
    assert status == 0, out + err
    assert "3 place(s) held what the source format cannot carry:" in out
    assert (
        'under "Your medicines", at "Take them every day with water": a comment (\'Check this with pharmacy\') is left out'
        in out
    )
    assert "coloured or highlighted text" in out
    assert "italic (the words are kept, plain)" in out
    assert "Take them every day with water" in (source / "losses" / "leaflet.md").read_text(encoding="utf-8")


def test_missing_properties_are_left_for_the_author_not_invented(run_cli: Any, tmp_path: Path) -> None:
    document = word(properties=False)
    document.core_properties.author = "python-docx"  # what the tool writes, not a publisher
    document.add_paragraph("Some words.")
    status, out, _err, source = run_import(run_cli, save(document, tmp_path, "wound care.docx"), tmp_path)
    folder = source / "wound-care"
    text = (folder / "leaflet.md").read_text(encoding="utf-8")
    assert status == 1
    assert "publisher: MISSING" in out and "title: MISSING" in out
    assert "# publisher: the document does not say" in text and "python-docx" not in text
    assert f"{folder / 'leaflet.md'}:2: 'title' is missing" in out


def test_a_link_without_a_real_address_is_named_by_file_and_line(run_cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en-GB'><head><title>Flu</title><meta name='author' content='A Trust'>"
        "<meta name='dcterms.date' content='2026-01-05'></head><body><main><h1>Flu</h1>"
        "<p>Intro.</p><p>See <a href='#top'>the top</a>.</p></main></body></html>",
        encoding="utf-8",
    )
    status, out, _err, source = run_import(run_cli, page, tmp_path)
    assert status == 1
    assert f"{source / 'flu' / 'leaflet.md'}:10: the link 'the top' goes to '#top'" in out


# Web pages -----------------------------------------------------------------------------------------------

SAVED_PAGE = """<!DOCTYPE html>
<!-- saved from url=(0040)https://www.example.org/conditions/flu/ -->
<html lang="en-GB"><head><meta charset="utf-8"><title>Flu - Example Trust</title>
<meta property="og:site_name" content="Example Trust">
<meta property="article:published_time" content="2026-01-05T10:00:00Z"></head>
<body>
<div class="cookie-banner"><p>We use cookies. Accept all cookies?</p></div>
<header><a href="/">Home</a><nav><ul><li><a href="/a">A to Z</a></li></ul></nav></header>
<main id="maincontent">
<nav class="breadcrumb"><a href="/conditions/">Conditions</a></nav>
<h1>Flu</h1>
<p>Flu is a <strong>common</strong> infection. Read about <a href="../vaccines/flu/">the flu vaccine</a>.</p>
<h2>Symptoms</h2>
<ol><li>a high temperature</li><li>an aching body<ul><li>arms</li><li>legs</li></ul></li></ol>
<img src="flu_files/heart.png" alt="A person in bed with a fever">
</main>
<footer><p>Copyright Example Trust</p></footer>
</body></html>
"""


def test_a_saved_page_gives_its_main_content_only_with_links_made_absolute(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "flu_files").mkdir()
    (tmp_path / "flu_files" / "heart.png").write_bytes(PNG)
    page = tmp_path / "Flu - Example Trust.html"
    page.write_text(SAVED_PAGE, encoding="utf-8")
    status, out, err, source = run_import(run_cli, page, tmp_path)
    folder = source / "flu"
    assert status == 0, out + err
    text = (folder / "leaflet.md").read_text(encoding="utf-8")
    for absent in ("cookies", "A to Z", "Conditions", "Copyright", "Home"):
        assert absent not in text
    assert "[the flu vaccine](https://www.example.org/conditions/vaccines/flu/)" in text
    assert "1. a high temperature\n2. an aching body\n   - arms\n   - legs" in text
    assert "![A person in bed with a fever](heart.png)" in text
    meta = model(folder)["meta"]
    assert (meta["title"], meta["publisher"], meta["published"], meta["url"]) == (
        "Flu",
        "Example Trust",
        "2026-01-05",
        "https://www.example.org/conditions/flu/",
    )


def test_care_cards_and_quotations_in_a_page_become_callouts(run_cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en-GB'><head><title>Flu</title></head><body><main><h1>Flu</h1><p>Intro.</p>"
        "<div class='nhsuk-card nhsuk-card--care nhsuk-card--care--urgent'><h3>Ask for an urgent GP appointment if:</h3>"
        "<ul><li>you are worried about a baby</li></ul></div>"
        "<blockquote><p><strong>Call 999 if:</strong></p><p>you cannot breathe</p></blockquote>"
        "<aside><p>[!TIP] Rest</p><p>Drink plenty of water.</p></aside></main></body></html>",
        encoding="utf-8",
    )
    run_import(run_cli, page, tmp_path, "--id", "cards")
    text = (tmp_path / "source" / "cards" / "leaflet.md").read_text(encoding="utf-8")
    assert "> [!URGENT] Ask for an urgent GP appointment if:\n>\n> - you are worried about a baby" in text
    assert "> [!EMERGENCY] Call 999 if:\n>\n> you cannot breathe" in text
    assert "> [!TIP] Rest\n>\n> Drink plenty of water." in text


def test_without_main_the_largest_content_block_is_taken(run_cli: Any, tmp_path: Path) -> None:
    words = " ".join(["Wash your hands often."] * 20)
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>Hands</title></head><body><div id='menu'><a href='/x'>Menu</a></div>"
        f"<div id='content'><div class='inner'><h1>Hands</h1><p>{words}</p><p>{words}</p></div></div>"
        f"<div class='footer-ish'><p>About us</p></div></body></html>",
        encoding="utf-8",
    )
    _status, _out, _err, source = run_import(run_cli, page, tmp_path, "--id", "hands")
    text = (source / "hands" / "leaflet.md").read_text(encoding="utf-8")
    assert "Wash your hands often." in text and "About us" not in text and "Menu" not in text


# Refusals: one line, exit 2, nothing written ----------------------------------------------------------------


def tracked(tmp_path: Path) -> Path:
    document = word()
    paragraph = document.add_paragraph("Keep it dry.")
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "1")
    insertion.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = " Really."
    run.append(t)
    insertion.append(run)
    paragraph._p.append(insertion)
    return save(document, tmp_path, "tracked.docx")


def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "locked.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 400
    )
    return path


def renamed(tmp_path: Path) -> Path:
    path = tmp_path / "notes.docx"
    path.write_text("just some words, not a Word document", encoding="utf-8")
    return path


def empty_word(tmp_path: Path) -> Path:
    return save(word(), tmp_path, "empty.docx")


def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "blank.html"
    path.write_bytes(b"")
    return path


def pdf_as_html(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    return path


def zip_as_docx(tmp_path: Path) -> Path:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def wrong_kind(tmp_path: Path) -> Path:
    path = tmp_path / "leaflet.odt"
    path.write_bytes(b"PK\x03\x04")
    return path


def damaged_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(b"%PDF-1.7")
    return path


def page_as_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "leaflet.pdf"
    path.write_text("<html><body><p>A page</p></body></html>", encoding="utf-8")
    return path


def locked_pdf(tmp_path: Path) -> Path:
    import pikepdf

    path = tmp_path / "locked.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return path


def scanned_pdf(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path, "PDF")  # a picture of a page, no text
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (tracked, "has 1 tracked change(s)"),
        (encrypted, "is encrypted"),
        (renamed, "is not a Word document, whatever its name says"),
        (empty_word, "has no text"),
        (empty_file, "is empty"),
        (pdf_as_html, "is not a web page, whatever its name says"),
        (zip_as_docx, "not a Word document (no word/document.xml)"),
        (wrong_kind, "takes a Word document (.docx), a saved web page (.html) or a PDF (.pdf)"),
        (damaged_pdf, "is damaged (it cannot be read as a PDF)"),
        (page_as_pdf, "is not a PDF, whatever its name says"),
        (locked_pdf, "is protected by a password"),
        (scanned_pdf, "has no text, only pictures of pages (a scan)"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(run_cli: Any, tmp_path: Path, make: Any, says: str) -> None:
    path = make(tmp_path)
    source = tmp_path / "source"
    source.mkdir()
    status, out, err = run_cli("import", path, "--source", source)
    assert status == 2
    assert says in err and len(err.strip().splitlines()) == 1 and err.startswith("leaflet: error: ")
    assert out == "" and list(source.iterdir()) == []


def test_an_existing_leaflet_is_never_overwritten_without_force(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    document.add_paragraph("New words.")
    path = save(document, tmp_path)
    folder = tmp_path / "source" / "mine"
    folder.mkdir(parents=True)
    (folder / "leaflet.md").write_text("the author's own work\n", encoding="utf-8")
    (folder / "old.png").write_bytes(PNG)
    before = snapshot(folder)
    status, out, err = run_cli("import", path, "--source", folder.parent, "--id", "mine")
    assert status == 2 and "already exists; give another --id, or --force to replace it" in err
    assert snapshot(folder) == before
    status, out, err = run_cli("import", path, "--source", folder.parent, "--id", "mine", "--force")
    assert status == 0, out + err
    assert sorted(p.name for p in folder.iterdir()) == ["leaflet.md"]
    assert "New words." in (folder / "leaflet.md").read_text(encoding="utf-8")
    assert [p.name for p in folder.parent.iterdir()] == ["mine"]  # no staging folder left behind


def test_markup_characters_in_the_words_stay_words(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    for text in (
        "# not a heading",
        "2026. The year it started",
        "Use *stars* and _lines_ [here] <b>",
        "R&amp; D | pipes ~ ^",
    ):
        document.add_paragraph(text)
    status, out, err, source = run_import(run_cli, save(document, tmp_path), tmp_path, "--id", "marks")
    assert status == 0, out + err
    paragraphs = [b for b in blocks(source / "marks") if b["type"] == "Paragraph"]
    said = [" ".join(i["text"] for i in p["inlines"]) for p in paragraphs]
    assert said[0] == "# not a heading"
    assert "Use *stars* and _lines_ (here) <b>" in said and "R&amp; D | pipes ~ ^" in said
    assert 'at "Use *stars* and _lines_ [here] <b>": square brackets (kept as round ones' in out


def test_the_readme_example_is_what_the_import_prints(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ leaflet import wound-care.docx\n", 1)[1].split("```", 1)[0]
    document = word()
    document.core_properties.title = "Caring for your wound at home"
    document.core_properties.author = "python-docx"
    document.core_properties.modified = datetime(2026, 3, 2, 9, 0)
    document.add_paragraph("Caring for your wound at home", style="Title")
    document.add_paragraph("This leaflet is for you if you have had an operation.")
    document.add_heading("Keeping it clean", 1)
    paragraph = document.add_paragraph("Wash your hands ")
    paragraph.add_run("before and after").italic = True
    paragraph.add_run(" you touch the dressing.")
    document.add_comment([paragraph.runs[0]], text="Check with infection control", author="Editor")
    document.add_paragraph("• Keep the dressing dry")
    document.add_paragraph("• Change it every two days")
    shade(document.add_paragraph("Call 999 if you are bleeding heavily."))
    save(document, tmp_path, "wound-care.docx")
    monkeypatch.chdir(tmp_path)
    status, out, err = run_cli("import", "wound-care.docx")
    assert status == 1 and out == shown, err
