"""`leaflet import FILE.pdf`: leaflets made into PDFs by another tool come back whole, and build.

pandoc writes each fixture leaflet and the NICE leaflet as a web page;
WeasyPrint (a test-only dependency) prints it twice: tagged (``pdf/ua-1``,
read through its structure tree) and untagged (its default, read from its
layout). Each import holds at least 0.98 of the original's words in order and
at least 90% of its headings as headings, and builds. The publisher's own
tagged large-print PDFs import the same way; running headers, footers and page
numbers are left out; printed review dates and references become front matter.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest

from leaflet.core.compose import glossary_section
from leaflet.core.model import Callout, Link, Paragraph, Table
from leaflet.core.text import plain, words
from leaflet.core.walk import inline_runs, query
from leaflet.importers import import_document
from leaflet.reader import read_leaflet
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID, SOURCE
from tests.model_words import body_words
from tests.test_import_roundtrip import PANDOC_MARKDOWN, front, pandoc

ORIGINALS = [*sorted(p for p in FIXTURE_LEAFLETS.iterdir() if (p / "leaflet.md").is_file()), SOURCE / NICE_ID]
VARIANTS = {"tagged": "pdf/ua-1", "untagged": None}


def print_pdf(html: Path, target: Path, variant: str | None) -> Path:
    from PIL import ImageFile

    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint  # it sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported

    ImageFile.LOAD_TRUNCATED_IMAGES = truncated  # or every later test would read damaged pictures as whole
    options = {"pdf_variant": variant} if variant else {}
    weasyprint.HTML(filename=str(html)).write_pdf(str(target), **options)
    return target


def headings(leaflet: Any) -> list[str]:
    return [" ".join(words(s.heading)) for s in leaflet.sections if s.heading]


def as_an_author(result: Any, meta: dict[str, Any]) -> None:
    """Do what the report asks: write each missing front matter value, describe each picture."""
    source = result.folder / "leaflet.md"
    lines = source.read_text(encoding="utf-8").split("\n")
    for hand in result.hands:
        where, _, message = hand.partition(": ")
        line = int(where.rsplit(":", 1)[1])
        if message.startswith("'") and "' is missing" in message:
            key = message.split("'")[1]
            lines[line - 1] = f"{key}: {meta[key]}"
        elif "has no alt text" in message:
            lines[line - 1] = lines[line - 1].replace("![](", "![A picture from the PDF](")
        else:
            raise AssertionError("\n".join(result.report()))
    source.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Any, Path]]:
    """'<leaflet>-<variant>' -> (original folder, import result, the PDF)."""
    base = tmp_path_factory.mktemp("pdf")
    found: dict[str, tuple[Path, Any, Path]] = {}
    for original in ORIGINALS:
        work = base / original.name
        work.mkdir()
        for picture in original.iterdir():
            if picture.suffix in (".png", ".jpg", ".svg"):
                shutil.copy(picture, work / picture.name)
        html = work / "leaflet.html"
        pandoc("-s", "-f", PANDOC_MARKDOWN, "-t", "html", "-o", html, original / "leaflet.md", cwd=work)
        for variant, option in VARIANTS.items():
            pdf = print_pdf(html, work / f"{variant}.pdf", option)
            result = import_document(pdf, base / "source", f"{original.name}-{variant}")
            if not result.builds:
                as_an_author(result, front(original))
            found[f"{original.name}-{variant}"] = (original, result, pdf)
    return found


def test_a_pdf_comes_back_with_its_words_in_order_and_its_headings(imported: dict[str, tuple[Path, Any, Path]]) -> None:
    for name, (original, result, _pdf) in imported.items():
        want, got = read_leaflet(original).leaflet, read_leaflet(result.folder).leaflet
        expected, found = body_words(want), body_words(got)
        matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
        in_order = sum(block.size for block in matcher.get_matching_blocks()) / len(expected)
        assert in_order >= 0.98, f"{name}: {in_order:.3f}"
        assert len(found) <= 1.05 * len(expected), f"{name}: {len(found)} words for {len(expected)}"
        kept = [h for h in headings(want) if h in headings(got)]
        assert len(kept) >= 0.9 * len(headings(want)), f"{name}: {headings(got)}"


def test_every_imported_pdf_builds_and_passes_its_audits(
    run_cli: Any, imported: dict[str, tuple[Path, Any, Path]], tmp_path: Path
) -> None:
    source = next(iter(imported.values()))[1].folder.parent
    out = tmp_path / "outputs"
    status, _, err = run_cli(
        "build", "--source", source, "--out", out, "--format", "text", "--format", "large-print-pdf", "-q"
    )
    assert status == 0, err
    _, report, err = run_cli("check", "--source", source, "--out", out)
    for name in ("text", "large-print-pdf"):
        assert report.count(f"\n  {name}: ok") == len(imported), report + err


def test_a_tagged_pdf_gives_its_lists_tables_links_and_pictures_with_alt_text(
    imported: dict[str, tuple[Path, Any, Path]],
) -> None:
    _, result, _ = imported["real-leaflet-tagged"]
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert (
        "2. Keep a list of your medicines:\n\n   - the name of each medicine\n   - how much you take\n     - in the morning"
        in text
    )
    assert "| Day | Opening hours |\n| --- | --- |\n| Monday to Friday | 8am to 6pm |" in text
    assert "Call the clinic on 0300 123 1234 or email" in text  # a number written as words: the reader links it
    links = {(link.text, link.url) for link in query(read_leaflet(result.folder).leaflet, Link)}
    assert {
        ("0300 123 1234", "tel:03001231234"),
        ("heart.clinic@example.org", "mailto:heart.clinic@example.org"),
    } <= links
    assert "[heart.clinic@example.org](mailto:heart.clinic@example.org)" in text
    assert "![A heart and an arrow pointing to the right](picture-1.png)" in text
    assert "> [!EMERGENCY] Call 999 or go to A&E now if you:\n>\n> - have pain in your chest that does not stop" in text
    assert "unless your doctor" in text  # the word the layout hyphenated, whole again
    assert "the PDF is tagged" in "\n".join(result.report())


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_care_cards_a_wrapping_table_and_broken_addresses_come_back_as_the_source_has_them(
    variant: str, imported: dict[str, tuple[Path, Any, Path]]
) -> None:
    """The cystoscopy leaflet: a box a page break cut is one box, with its title ('Call 999 ...' holds a number
    the reader dials, which a title keeps as words); the 4-column table whose cells wrap is 3 rows x 4
    columns; an address the layout broke at its own hyphen ('anytown-' / 'hospitals') is whole. (pandoc
    prints '[!NOTE] You may...' as one paragraph, so a box's words are compared, not where its title ends.)"""
    original, result, _ = imported[f"cystoscopy-{variant}"]
    want, got = read_leaflet(original).leaflet, read_leaflet(result.folder).leaflet

    def boxes(leaflet: Any) -> list[tuple[str, str | None, list[str]]]:
        found = list(query(leaflet, Callout))
        return [
            (c.kind, c.title if c.blocks else None, [w for run in inline_runs(c) for w in words(plain(run))])
            for c in found
        ]

    assert boxes(got) == boxes(want)
    assert [c.title for c in query(got, Callout) if c.kind in ("emergency", "urgent")] == [
        "Call 999 or go to A&E now if:", "Call 111 or the urology ward if:"]  # fmt: skip
    assert list(query(got, Table)) == list(query(want, Table))
    addresses = {link.url for link in query(got, Link)}
    assert {"https://www.anytown-hospitals.nhs.uk/urology/cystoscopy-before-your-test",
            "mailto:urology.nurses@anytown-hospitals.nhs.uk",
            "https://www.anytown-hospitals.nhs.uk/urology/patient-information/cystoscopy-aftercare"} <= addresses  # fmt: skip


TABLE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Exercises</title>
<style>@page { size: A4; margin: 2cm; } body { font: 12pt/1.5 sans-serif; }
table { border-collapse: collapse; } th, td { width: 3.2cm; text-align: left; padding: {padding}; } {rules}
</style></head><body><h1>Exercises</h1><p>Do these every day.</p>
<table><thead><tr><th>Exercise</th><th>Squeeze and hold for</th><th>Repetitions</th><th>During the day</th></tr>
</thead><tbody>{rows}</tbody></table><p>Stop if it hurts.</p></body></html>"""
WRAPPING = [
    (
        "Slow squeezes",
        "10 seconds, then rest for 5 seconds",
        "10 repetitions",
        "3 times: morning, afternoon and evening",
    ),
    ("Quick squeezes", "1 second, then let go", "10 repetitions", "3 times, after each set of slow squeezes"),
    ("The knack", "While you cough or sneeze", "Every time", "Whenever you need it, for the next 2 minutes"),
]
ONE_LINE = [
    ("Slow", "10 seconds", "10", "3 times"),
    ("Quick", "1 second", "10", "3 times"),
    ("Knack", "A cough", "Each", "Always"),
]
HEADER_RULED = "thead th { border-top: 1px solid; } tbody { border-top: 1px solid; border-bottom: 1px solid; }"
ABOVE_AND_BELOW = "thead th { border-top: 1px solid; } tbody tr:last-child td { border-bottom: 1px solid; }"


@pytest.mark.parametrize(
    ("rules", "padding", "rows", "aligned"),
    [
        (HEADER_RULED, "0.2em 0.5em", WRAPPING, ("middle", "top", "bottom", "middle")),  # cells sit differently
        (HEADER_RULED, "0.2em 0.5em", WRAPPING, ("top", "top", "top", "top")),
        (ABOVE_AND_BELOW, "0.2em 0.5em", WRAPPING, ("middle", "top", "bottom", "middle")),  # no rule under the header
        (HEADER_RULED, "0 0.5em", ONE_LINE, ("top", "top", "top", "top")),  # rows as close as a paragraph's lines
    ],
    ids=["wrapping-aligned-differently", "wrapping-top", "ruled-above-and-below-only", "one-line-rows-no-padding"],
)
def test_an_untagged_table_without_row_rules_is_read_by_its_columns_and_the_gaps_between_rows(
    rules: str, padding: str, rows: list[tuple[str, ...]], aligned: tuple[str, ...], tmp_path: Path
) -> None:
    cells = "".join(
        "<tr>"
        + "".join(f'<td style="vertical-align: {a}">{c}</td>' for c, a in zip(row, aligned, strict=True))
        + "</tr>"
        for row in rows
    )
    html = tmp_path / "table.html"
    html.write_text(
        TABLE.replace("{padding}", padding).replace("{rules}", rules).replace("{rows}", cells), encoding="utf-8"
    )
    pdf = print_pdf(html, tmp_path / "table.pdf", None)
    result = import_document(pdf, tmp_path / "source", "exercises")
    assert result.leaflet is not None
    tables = list(query(result.leaflet, Table))
    assert [[plain(c) for c in row] for t in tables for row in (t.header, *t.rows)] == [
        ["Exercise", "Squeeze and hold for", "Repetitions", "During the day"], *map(list, rows)]  # fmt: skip
    assert [plain(p.inlines) for p in query(result.leaflet, Paragraph)] == ["Do these every day.", "Stop if it hurts."]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_bold_words_and_links_inside_a_paragraph_stay_bold_and_links(
    variant: str, imported: dict[str, tuple[Path, Any, Path]]
) -> None:
    _, result, _ = imported[f"every-feature-{variant}"]
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert "It has **bold words**, a [link to the NHS](https://www.nhs.uk/) and characters" in text


def test_an_untagged_pdf_asks_for_its_pictures_alt_text(imported: dict[str, tuple[Path, Any, Path]]) -> None:
    _, result, _ = imported["real-leaflet-untagged"]
    report = "\n".join(result.report())
    assert "the PDF has no tags, so its headings, lists and tables were read from its layout" in report
    assert sum("has no alt text; describe it for people who cannot see it" in hand for hand in result.hands) == 2
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    assert "| Day | Opening hours |\n| --- | --- |\n| Monday to Friday | 8am to 6pm |" in text
    assert "1. Take your tablets every morning.\n\n   Take them with a glass of water" in text


@pytest.mark.parametrize("folder", [SOURCE / NICE_ID, FIXTURE_LEAFLETS / "cystoscopy"], ids=lambda p: p.name)
def test_the_publishers_own_large_print_pdf_imports_as_its_source(folder: Path, tmp_path: Path) -> None:
    """The NICE leaflet, and one with every kind of care card, a logo, a department, a review date, a
    reference, phone numbers in its words and a table whose cells wrap."""
    from leaflet.cli import main

    original = read_leaflet(folder).leaflet
    out = tmp_path / "out"
    build = ["build", folder.name, "--source", str(folder.parent), "--format", "large-print-pdf", "--out", str(out)]
    assert main([*build, "-q"]) == 0
    pdf = out / folder.name / f"{folder.name}.large-print.pdf"  # built from today's source, never a stale one
    result = import_document(pdf, tmp_path / "source", folder.name)
    assert result.builds, "\n".join(result.report())
    got = read_leaflet(result.folder).leaflet
    meta, want = got.meta, original.meta
    assert (meta.title, meta.publisher, meta.published, meta.isbn, meta.url) == (
        want.title, want.publisher, want.published, want.isbn, want.url)  # fmt: skip
    assert (meta.review, meta.reference, meta.department) == (want.review, want.reference, want.department)
    assert (meta.logo and meta.logo.alt) == (want.logo and want.logo.alt)
    printed = glossary_section(original.glossary)  # the glossary as every format prints it: alphabetically
    assert [(d.term, d.explanation) for d in got.glossary] == [
        (plain(p.inlines[:1]), plain(p.inlines[1:]).removeprefix(": ")) for p in (printed.blocks if printed else ())
        if isinstance(p, Paragraph)]  # fmt: skip
    assert headings(got) == headings(original)
    assert [(c.kind, c.title) for c in query(got, Callout)] == [(c.kind, c.title) for c in query(original, Callout)]
    assert list(query(got, Table)) == list(query(original, Table))
    matcher = difflib.SequenceMatcher(None, body_words(original), body_words(got), autojunk=False)
    assert matcher.ratio() >= 0.98


HEADER_FOOTER = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Your catheter</title>
<style>
@page { size: A4; margin: 3cm 2cm;
  @top-center { content: "Anytown Hospitals NHS Foundation Trust - Urology"; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
h1 { font-size: 24pt; } h2 { font-size: 18pt; } p, li { font-size: 12pt; }
</style></head><body>
<h1>Your catheter</h1>
<p>This leaflet tells you how to look after your catheter at home. {long}</p>
<h2>Keeping it clean</h2>
<p>{long}</p><p>{long}</p>
<h2>Getting help</h2>
<p>{long}</p><p>{long}</p>
<p>Review date: March 2027</p>
<p>Ref: URO-014</p>
</body></html>"""


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_running_headers_footers_and_page_numbers_are_left_out(variant: str, tmp_path: Path) -> None:
    long = "Wash your hands with soap and warm water before and after you touch the tube or the bag. " * 12
    html = tmp_path / "catheter.html"
    html.write_text(HEADER_FOOTER.replace("{long}", long), encoding="utf-8")
    pdf = print_pdf(html, tmp_path / "catheter.pdf", VARIANTS[variant])
    result = import_document(pdf, tmp_path / "source", "catheter")
    text = (result.folder / "leaflet.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    assert "Page 1 of" not in body and "Urology" not in body and "Review date" not in body and "Ref:" not in body
    assert body.count("Wash your hands with soap") == 5 * 12
    meta = read_leaflet(result.folder).leaflet.meta if result.builds else None
    assert result.properties["review"] == "2027-03-01" and result.properties["reference"] == "URO-014"
    assert result.properties["publisher"] == "Anytown Hospitals NHS Foundation Trust"  # printed on its first page
    assert result.sources["publisher"] == "the organisation named on its first page: check it"
    assert meta is None or meta.reference == "URO-014"
