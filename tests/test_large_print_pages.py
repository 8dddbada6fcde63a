"""Defect 10 of issue 11: at large sizes the PDF left near-empty pages, split a table from the sentence
introducing it, and gave a stacked table row a page of its own. Read back with pdfplumber."""

from __future__ import annotations

import itertools
from pathlib import Path

import pdfplumber
import pytest

from leaflet.reader import read_leaflet
from leaflet.writers.large_print_pdf import FORMAT as LARGE_PRINT_PDF
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID
from tests.test_first_things_first import _emptiness, _frame

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {
    "nice": ROOT / "source" / NICE_ID,
    "every": FIXTURE_LEAFLETS / "every-feature",
    "real": FIXTURE_LEAFLETS / "real-leaflet",
}
TOP = 20 * 72 / 25.4  # the frame's top margin, 20 mm
MOST_EMPTY = 0.6  # no page but the last may be more empty than this (unless a picture that did not fit follows)


def _pdf(folder: Path, tmp_path: Path, size: int) -> Path:
    output = LARGE_PRINT_PDF.write(read_leaflet(folder).leaflet, LARGE_PRINT_PDF.parse({"size": str(size)}))
    path = tmp_path / f"{folder.name}-{size}.pdf"
    path.write_bytes(output.files[0].data)
    return path


def _pages(path: Path) -> list[tuple[float, str, bool]]:
    """Each page's share of its text area in use, its text (footer left out), and whether it holds a picture."""
    pages = []
    with pdfplumber.open(path) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            foot = page.search(f"Page {number} of {total}")[0]["top"]
            bottoms = [c["bottom"] for c in page.chars if c["bottom"] < foot - 1]
            bottoms += [i["bottom"] for i in page.images] + [line["bottom"] for line in page.lines]
            text = page.crop((0, 0, page.width, foot - 1)).extract_text() or ""
            pages.append(((max(bottoms, default=TOP) - TOP) / (foot - TOP), text, bool(page.images)))
    return pages


# At 48pt one case is left: a care card whose label is 3 lines cannot follow the last 3 lines of a long paragraph
@pytest.mark.parametrize("size", [24, 30, 36, 42])
@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_no_page_but_the_last_is_left_near_empty(tmp_path: Path, name: str, size: int) -> None:
    path = _pdf(FOLDERS[name], tmp_path, size)
    pages = _pages(path)
    openings = [opening for _, opening in _emptiness(path, size)]  # what each page's start needed together
    top, bottom = _frame(size)
    for number, ((used, text, _), (_, _, next_has_picture)) in enumerate(itertools.pairwise(pages), start=1):
        # allowed where what follows could not start here (issue 25: a table's caption, header and first line)
        could_not_start = openings[number] > (1 - used) * (bottom - top) - 1.5 * size * 1.4
        assert used >= 1 - MOST_EMPTY or next_has_picture or could_not_start, (
            f"page {number} at {size}pt is {used:.0%} used: {text!r}"
        )


def _table_leaflet(tmp_path: Path, filler: int, columns: int) -> Path:
    folder = tmp_path / f"table-{filler}-{columns}"
    folder.mkdir(parents=True)
    head = " | ".join(f"Column {n}" for n in range(columns))
    rows = "\n".join(" | ".join(f"r{r}c{n} and some words" for n in range(columns)) for r in range(6))
    paragraphs = "\n\n".join(f"Filler paragraph number {n} is here." for n in range(filler))
    (folder / "leaflet.md").write_text(
        "---\ntitle: Tables\npublisher: P\npublished: 2026-01-15\n---\n\n## Times\n\n"
        f"{paragraphs}\n\nThe table below shows the times:\n\n| {head} |\n|{' --- |' * columns}\n"
        + "\n".join(f"| {row} |" for row in rows.splitlines())
        + "\n\nThe end.\n"
    )
    return folder


@pytest.mark.parametrize("columns", [2, 4])  # two columns fit at 36pt; four are stacked
def test_a_table_is_never_split_from_the_sentence_introducing_it(tmp_path: Path, columns: int) -> None:
    for filler in range(0, 12):
        pages = _pages(_pdf(_table_leaflet(tmp_path, filler, columns), tmp_path, 36))
        intro = next(n for n, (_, text, _) in enumerate(pages) if "The table below" in text)
        assert "Column 0" in pages[intro][1].split("The table below")[1], f"{filler} filler paragraphs: split"


@pytest.mark.parametrize("size", [36, 42])  # four columns are stacked, a row about a third of a page
def test_a_stacked_table_row_never_has_a_page_to_itself_where_two_fit(tmp_path: Path, size: int) -> None:
    for filler in range(0, 8):
        pages = _pages(_pdf(_table_leaflet(tmp_path / str(size), filler, 4), tmp_path, size))
        for number, (used, text, _) in enumerate(pages[:-1], start=1):
            rows = {r for r in range(6) if f"r{r}c0" in text}
            assert not (len(rows) == 1 and used < 0.5 and "The end" not in text), f"page {number}: {text!r}"


EMAIL = "cardiology.outpatients@example.nhs.uk"


@pytest.mark.parametrize("size", [24, 28, 32])  # at 36pt in a list three deep, even a half is too long
def test_an_email_address_is_never_split_but_before_its_at_sign(tmp_path: Path, size: int) -> None:
    """Issue 11: print broke an email address after a dot (at 24pt, in a nested list)."""
    folder = tmp_path / "email"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        f"---\ntitle: Email\npublisher: P\npublished: 2026-01-15\n---\n\n## Contact\n\nEmail the team at {EMAIL} today.\n\n"
        f"> [!NOTE] Contact us\n> - Write to us:\n>   - by email:\n>     - {EMAIL} for appointments.\n"
    )
    lines = [line.strip() for _, text, _ in _pages(_pdf(folder, tmp_path, size)) for line in text.splitlines()]
    words = [word.rstrip(".") for line in lines for word in line.split()]
    pieces = [word for word in words if len(word) > 3 and word in EMAIL]  # the address, or what is left of it
    assert pieces.count(EMAIL) + pieces.count("cardiology.outpatients") == 2, pieces
    assert set(pieces) <= {EMAIL, "cardiology.outpatients", "@example.nhs.uk"}, pieces


URL = "https://www.nhs.uk/conditions/cardiogenic-shock-and-heart-failure-treatments/"
THIRD_LEVEL_MARKER = "\u203a"  # a list three deep


@pytest.mark.parametrize("size", [36, 42, 48])
def test_a_long_address_breaks_after_a_slash_or_before_a_dot_or_hyphen_never_inside_a_word(
    tmp_path: Path, size: int
) -> None:
    """Giant print: a line that ends with '.' reads as a sentence's end, one ending with '-' as a word hyphenated
    for the line (a reader copying the address would drop it); a break inside a word ('condi-tions') hides it."""
    folder = tmp_path / "address"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        f"---\ntitle: Address\npublisher: P\npublished: 2026-01-15\n---\n\n## Contact\n\n"
        f"Email the team at {EMAIL} today. See {URL} too.\n\n"
        f"> [!NOTE] Contact us\n> - Write to us:\n>   - by email:\n>     - {EMAIL} for appointments.\n"
    )
    pages = _pages(_pdf(folder, tmp_path, size))
    lines = [line.strip() for _, text, _ in pages for line in text.splitlines()]
    assert any(line.endswith("appointments.") for line in lines), "a word in a list three deep is broken"
    colophon = next(text for _, text, _ in pages if "About this" in text)
    assert "Published by P" in colophon, "the last heading is left alone at the foot of a page"
    for address in (URL, EMAIL):
        tokens = [word for line in lines for word in line.split() if word != THIRD_LEVEL_MARKER]
        start = next(n for n, token in enumerate(tokens) if token and address.startswith(token) and len(token) > 5)
        pieces, joined = [], ""
        for token in tokens[start:]:
            if joined == address:
                break
            pieces.append(token)
            joined += token
        assert joined == address, (size, pieces)
        for before, after in itertools.pairwise(pieces):
            assert not before.endswith((".", "-")), (size, pieces)
            assert before.endswith("/") or after.startswith((".", "-", "@")), (size, pieces)


@pytest.mark.parametrize("size", [36, 42, 48])
def test_a_box_never_leaves_its_label_or_only_its_bottom_rule_on_a_page(tmp_path: Path, size: int) -> None:
    """Giant print, the real leaflet: 'Urgent: Call 111 or your GP if:' at a page's foot with its items over
    the page; or a box's text ending a page and only its bottom rule (and padding) on the next."""
    folder = FIXTURE_LEAFLETS / "real-leaflet"
    labels = [  # the fixture's boxes, as print labels them (written out, not made by the code under test)
        "Emergency: Call 999 or go to A&E now if you:",
        "Urgent: Call 111 or your GP if:",
        "Non-urgent",
        "Important",
        "Tip: A weekly pill box helps",
        "Note",
        "Warning",
        "Caution",
    ]
    pages = _pages(_pdf(folder, tmp_path, size))
    whole = " ".join(" ".join(text.split()) for _, text, _ in pages)
    assert all(label in whole for label in labels), "the fixture's boxes changed: list them again"
    for number, (_, text, _) in enumerate(pages[:-1], start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        assert lines, f"page {number} at {size}pt holds nothing but a box's bottom rule"
        assert not any(label.endswith(lines[-1]) for label in labels), (size, number, lines[-1])


@pytest.mark.parametrize("name", ["real-leaflet", "every-feature"])
@pytest.mark.parametrize("size", [24, 30, 42])
def test_a_list_item_is_never_parted_from_its_sublist_by_a_page(tmp_path: Path, name: str, size: int) -> None:
    """'2. Keep a list of your medicines:' at a page's foot, its sublist over the page (as a heading would be)."""
    pages = _pages(_pdf(FIXTURE_LEAFLETS / name, tmp_path, size))
    for number, (_, text, _) in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert not lines[-1].endswith(":"), (size, number, lines[-1])


LONG = "This paragraph is long so that the box runs over more than one page at giant sizes. " * 30


@pytest.mark.parametrize("size", [18, 48])
def test_a_box_over_several_pages_keeps_every_line_inside_its_rules(tmp_path: Path, size: int) -> None:
    """A callout longer than two pages crashed the build (a later part starting with a paragraph that fills
    the page was taken for a label left alone), and every part after a split ran its lines past the box's
    right rule by the padding (reportlab split the cell at the column's width). Read back with pdfplumber:
    the whole text is there, and on every page of the box each character lies between its two rules."""
    folder = tmp_path / "box"
    folder.mkdir()
    body = f"## A section\n\nBefore the box.\n\n> [!WARNING]\n> {LONG}\n>\n> {LONG}\n>\n> - one item\n> - two items\n"
    (folder / "leaflet.md").write_text(f"---\ntitle: Box\npublisher: P\npublished: 2026-01-15\n---\n\n{body}")
    path = _pdf(folder, tmp_path, size)
    boxed = 0
    with pdfplumber.open(path) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
        for page in pdf.pages:
            rules = sorted({round(line["x0"], 1) for line in page.lines if abs(line["x0"] - line["x1"]) < 0.5})
            if len(rules) < 2:
                continue
            boxed += 1
            inside = [c for c in page.chars if c["top"] < page.height - 80]  # the footer aside
            assert all(rules[0] < c["x0"] and c["x1"] < rules[-1] for c in inside), (page.page_number, rules)
    assert boxed >= 3
    assert text.split().count("giant") == 60  # every sentence of the box, wherever its pages fall
    assert "two items" in text
