"""What teams really hold, and what the import used to get wrong with it (issue 27's findings).

Organisations, not people, publish leaflets; a care card keeps its list and
its kind; what cannot be carried is reported once, naming the right thing,
with the words it quotes kept apart; a link's own colour is no loss; dates and
codes a leaflet prints about itself become its front matter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from leaflet.core import walk
from leaflet.core.model import Table
from leaflet.core.text import plain
from leaflet.importers import import_document
from leaflet.reader import read_leaflet
from tests.test_import import run_import, save, word

# Organisations, not people -----------------------------------------------------------------------------------


def test_a_person_as_the_word_author_is_never_the_publisher(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    document.core_properties.author = "Jane Smith"
    document.add_paragraph("Keep your wound dry.")
    status, out, _err, source = run_import(run_cli, save(document, tmp_path), tmp_path, "--id", "wound")
    text = (source / "wound" / "leaflet.md").read_text(encoding="utf-8")
    assert status == 1
    assert "Jane Smith" not in text.split("# publisher:")[0]
    assert "publisher: MISSING (the document's Author is 'Jane Smith', a person, not the organisation" in out
    line = text.splitlines().index(next(line for line in text.splitlines() if line.startswith("# publisher:"))) + 1
    assert f"leaflet.md:{line}: 'publisher' is missing: the document's Author is 'Jane Smith', a person" in out


def test_the_company_publishes_when_a_person_wrote_it(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    document.core_properties.author = "Jane Smith"
    document.add_paragraph("Keep your wound dry.")
    path = save(document, tmp_path)
    _set_company(path, "Anytown NHS Foundation Trust")
    result = import_document(path, tmp_path / "source", "company")
    assert (result.properties["publisher"], result.sources["publisher"]) == (
        "Anytown NHS Foundation Trust",
        "the document's Company",
    )


def test_a_trust_named_on_the_first_page_publishes_when_no_field_does(tmp_path: Path) -> None:
    document = word(properties=False)
    document.core_properties.title = "Your catheter"
    document.core_properties.author = "j.smith"
    document.add_paragraph("Anytown and District Hospitals NHS Foundation Trust")
    document.add_paragraph("Urology department")
    document.add_heading("Looking after your catheter", 1)
    document.add_paragraph("Wash your hands before you touch it.")
    result = import_document(save(document, tmp_path), tmp_path / "source", "catheter")
    assert result.properties["publisher"] == "Anytown and District Hospitals NHS Foundation Trust"
    assert "near the start of the document" in result.sources["publisher"]


def test_an_organisation_as_author_publishes(tmp_path: Path) -> None:
    document = word()
    document.core_properties.author = "Test Health Trust"
    document.add_paragraph("Some words.")
    result = import_document(save(document, tmp_path), tmp_path / "source", "org")
    assert result.properties["publisher"] == "Test Health Trust"


def _set_company(path: Path, company: str) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    app = parts["docProps/app.xml"].decode("utf-8")
    assert "<Company/>" in app  # python-docx's template has an empty one
    app = app.replace("<Company/>", f"<Company>{company}</Company>")
    parts["docProps/app.xml"] = app.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


# Care cards keep their lists; losses said once, named right, their words apart ------------------------------

CARE_CARDS = """<html lang="en-GB"><head><title>Head injury</title><meta property="og:site_name" content="Test Trust">
<meta name="dcterms.issued" content="2026-01-05">
</head><body><main><h1>Head injury</h1>
<p>Most head injuries are not serious.</p>
<div class="care-card care-card--urgent">
  <div class="care-card__heading-container">
    <h3 class="care-card__heading"><span role="text"><span class="nhsuk-u-visually-hidden">Urgent advice: </span>Ask
    for an urgent GP appointment or call 111 if your child:</span></h3>
    <span class="care-card__arrow" aria-hidden="true"></span>
  </div>
  <div class="care-card__content"><ul><li>cannot get up</li><li>has hit their head</li></ul></div>
</div>
<div class="nhsuk-card nhsuk-card--care nhsuk-card--care--emergency">
  <div class="nhsuk-card--care__heading-container">
    <h3 class="nhsuk-card--care__heading"><span role="text"><span class="nhsuk-u-visually-hidden">Immediate action
    required: </span>Call 999 if:</span></h3>
  </div>
  <div class="nhsuk-card__content"><ul><li>they will not wake up</li><li>they have a fit</li></ul>
  <p>Do not drive to A&amp;E.</p></div>
</div>
<h2>Opening times</h2>
<table><tr><th>Day</th><th>Hours</th></tr>
<tr><td><ul><li>Monday</li><li>Tuesday</li></ul></td><td>9am to 5pm</td></tr></table>
</main></body></html>"""


def test_care_cards_keep_their_lists_and_their_kind(tmp_path: Path) -> None:
    page = tmp_path / "head.html"
    page.write_text(CARE_CARDS, encoding="utf-8")
    result = import_document(page, tmp_path / "source", "head")
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert (
        "> [!URGENT] Ask for an urgent GP appointment or call 111 if your child:\n>\n"
        "> - cannot get up\n> - has hit their head\n" in text
    )
    assert (
        "> [!EMERGENCY] Call 999 if:\n>\n> - they will not wake up\n> - they have a fit\n>\n> Do not drive to A&E."
        in text
    )
    said = [str(loss) for loss in result.losses]
    assert not any("inside a box" in loss for loss in said), said  # a care card's parts are one box, not boxes in it


def test_a_loss_is_said_once_naming_what_it_is_with_the_words_it_quotes_apart(tmp_path: Path) -> None:
    page = tmp_path / "head.html"
    page.write_text(CARE_CARDS, encoding="utf-8")
    result = import_document(page, tmp_path / "source", "head")
    said = [str(loss) for loss in result.losses]
    cell = [loss for loss in said if "inside a table cell" in loss]
    assert len(cell) == 1, said
    assert cell[0].startswith('under "Opening times", at "Monday Tuesday": a list or box inside a table cell'), cell
    assert len(said) == len(set(said))
    for loss in said:
        assert "MondayTuesday" not in loss and "uphas" not in loss
    table = next(walk.query(read_leaflet(result.folder).leaflet, Table))
    assert [plain(c) for c in table.rows[0]] == ["Monday; Tuesday", "9am to 5pm"]


def test_a_hyperlinks_own_colour_is_not_a_loss(run_cli: Any, tmp_path: Path) -> None:
    document = word()
    paragraph = document.add_paragraph("Read ")
    rel = paragraph.part.relate_to(
        "https://www.nhs.uk/",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    properties.extend([style, colour])
    run.append(properties)
    t = OxmlElement("w:t")
    t.text = "the NHS website"
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    status, out, err, source = run_import(run_cli, save(document, tmp_path), tmp_path, "--id", "link")
    assert status == 0, out + err
    assert "coloured" not in out and "held what the source format cannot carry" not in out
    assert "[the NHS website](https://www.nhs.uk/)" in (source / "link" / "leaflet.md").read_text(encoding="utf-8")


# Printed dates and codes ----------------------------------------------------------------------------------------


def test_a_printed_review_date_and_reference_become_front_matter(tmp_path: Path) -> None:
    document = word()
    document.add_paragraph("Keep your wound dry.")
    document.add_paragraph("Review date: March 2027")
    document.add_paragraph("Ref: URO-014  |  Issue date: 10/2024")
    result = import_document(save(document, tmp_path), tmp_path / "source", "printed")
    meta = read_leaflet(result.folder).leaflet.meta
    assert (str(meta.review), meta.reference) == ("2027-03-01", "URO-014")
    assert "no day is printed, so the 1st is taken: check it" in result.sources["review"]
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert "Review date" not in text and "Ref:" not in text and "review: 2027-03-01" in text
    report = "\n".join(result.report())
    assert "review: 2027-03-01  (from 'Review date: March 2027', printed in the document; no day is printed" in report
    assert "reference: URO-014  (from 'Ref: URO-014', printed in the document)" in report
