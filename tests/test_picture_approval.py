"""A person approves the pictures: the review sheet, '--accept', and releases that refuse what no one approved.

The cycle a team goes through: the publisher chooses, ``leaflet pictures ID``
writes a review sheet, ``--accept`` records the approval beside easy-read.md;
an unapproved picture fails ``build --strict`` and ``make release``, an
approved one passes, and editing a point's words makes it unapproved again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import APPROVED_NAME, Leaflet
from leaflet.reader import read_leaflet
from leaflet.reader.approvals import read_approvals
from leaflet.service.catalogue import Catalogue
from tests.conftest import FIXTURE_LEAFLETS, ROOT

ID = "real-leaflet"
EDITED = ("Take your tablets every morning.", "Take your tablets every morning and every evening.")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The real-leaflet fixture with no approvals: its three chosen pictures wait for a person."""
    folder = tmp_path / "source" / ID
    shutil.copytree(FIXTURE_LEAFLETS / ID, folder, ignore=shutil.ignore_patterns("expected.json", APPROVED_NAME))
    return folder.parent


def _points(leaflet: Leaflet) -> list:
    assert leaflet.easy_read is not None
    return [point for section in leaflet.easy_read.sections for point in section.points]


def _edit(folder: Path) -> None:
    easy = folder / "easy-read.md"
    easy.write_text(easy.read_text().replace(*EDITED))


def test_unapproved_fails_a_strict_build_approved_passes_and_edited_words_need_approving_again(
    source: Path, tmp_path: Path, run_cli
) -> None:
    out = tmp_path / "out"
    build = ("build", "--source", source, "--out", out, "-f", "easy-read-print", "--strict", "--jobs", "1")
    status, _, err = run_cli(*build)
    assert status != 0 and err.count("picture-unreviewed") == 3 and not (out / ID).exists()
    assert "easy-read.md:8:" in err and "'pill'" in err

    status, stdout, _ = run_cli("pictures", ID, "--source", source, "--out", out, "--accept")
    assert status == 0 and "approved the pictures of 3 points (3 newly)" in stdout
    assert read_approvals(source / ID / APPROVED_NAME) == {
        "Take your tablets every morning.": "pill",
        "Call 999 if your chest hurts.": "ambulance",
        "Call the clinic if you are worried.": "telephone receiver",
    }
    status, stdout, err = run_cli(*build)
    assert status == 0 and "warning" not in err, err

    _edit(source / ID)
    status, _, err = run_cli(*build)
    assert status != 0 and err.count("picture-unreviewed") == 1 and "easy-read.md:8:" in err


def test_approved_pictures_are_the_ones_shown_even_if_the_chooser_would_choose_another(source: Path) -> None:
    (source / ID / APPROVED_NAME).write_text(
        "approved:\n- point: Take your tablets every morning.\n  picture: alarm clock\n"
        "- point: Call the clinic if you are worried.\n  picture: none\n"
    )
    reading = read_leaflet(source / ID)
    _, tablets, emergency, clinic = _points(reading.leaflet)
    assert (tablets.picture.name, tablets.picture.approved) == ("alarm clock", True)
    assert clinic.picture is None and not clinic.wants_picture  # a person approved no picture: no warning
    assert emergency.picture.name == "ambulance" and not emergency.picture.approved
    assert [w.code for w in reading.warnings] == ["picture-unreviewed"]


def test_the_service_serves_what_was_approved(source: Path) -> None:
    """An unapproved picture is never served to a patient; its point is shown without one."""
    (source / ID / APPROVED_NAME).write_text(
        "approved:\n- point: Call 999 if your chest hurts.\n  picture: ambulance\n"
    )
    item = Catalogue(source).get(ID)
    assert item is not None
    pictures = [p.picture.name if p.picture else None for p in _points(item.leaflet)]
    assert pictures == ["drawing.svg", None, "ambulance", None]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("approved:\n- point: Words.\n", 2, "must have a 'point' and a 'picture'"),
        ("approved:\n- point: Words.\n  picture: pill\n  by: me\n", 2, "and nothing else"),
        ("- point: Words.\n  picture: pill\n", 1, "one list, 'approved:'"),
        ("approved: [\n", 2, "this is not YAML"),
        ("approved: yes\n", 1, "'approved:' must be a list"),
    ],
)
def test_a_broken_approval_file_is_a_located_error(source: Path, text: str, line: int, message: str) -> None:
    (source / ID / APPROVED_NAME).write_text(text)
    with pytest.raises(SourceError) as raised:
        read_leaflet(source / ID)
    assert (raised.value.path.name, raised.value.line) == (APPROVED_NAME, line)
    assert message in raised.value.message and "picture:" in raised.value.message


def test_the_review_sheet_shows_each_point_its_picture_why_how_sure_and_the_others(
    source: Path, tmp_path: Path, run_cli
) -> None:
    sheet = tmp_path / "sheet.html"
    status, stdout, _ = run_cli("pictures", ID, "--source", source, "--sheet", sheet)
    assert status == 0 and f"wrote the review sheet {sheet}" in stdout
    assert "3 chosen and waiting for approval" in stdout
    page = html5lib.parse(sheet.read_text(), namespaceHTMLElements=False)
    rows = [row for row in page.iter("tr") if row.find("td") is not None]
    assert len(rows) == 4  # one a point
    texts = ["".join(row.itertext()) for row in rows]
    assert "the author's own picture" in texts[0]
    assert all("NOT YET APPROVED" in t and "confidence 0." in t for t in texts[1:])
    assert "'call 999' say an emergency" in texts[2]
    images = [row.find(".//img") for row in rows]
    assert all(image is not None and image.get("alt") for image in images)
    assert "leaflet pictures real-leaflet --accept" in sheet.read_text()
    default = tmp_path / "out" / ID / f"{ID}.pictures-review.html"
    run_cli("pictures", ID, "--source", source, "--out", tmp_path / "out")
    assert default.read_text() == sheet.read_text()  # the same sheet, in the output folder by default


def test_make_release_refuses_unapproved_pictures_and_passes_approved_ones(source: Path, tmp_path: Path) -> None:
    """``make release`` itself, run in a folder of its own (its ``source/`` and ``outputs/``) with our .venv."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.move(source, work / "source")
    shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
    os.utime(work / "pyproject.toml", (0, 0))  # older than the .venv: make does not install again
    (work / "tools").symlink_to(ROOT / "tools")
    (work / "leaflet").symlink_to(ROOT / "leaflet")  # what make's voice stamp depends on
    venv = Path(sys.executable).parent.parent
    make = ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(work), "release", f"VENV={venv}"]
    refused = subprocess.run(make, capture_output=True, text=True, timeout=600)
    assert refused.returncode != 0 and "picture-unreviewed" in refused.stderr, refused.stdout + refused.stderr
    assert not (work / "outputs" / ID).exists()

    accept = [sys.executable, "-m", "leaflet", "pictures", ID, "--accept"]
    subprocess.run(accept, cwd=work, check=True, capture_output=True, timeout=300)
    passed = subprocess.run(make, capture_output=True, text=True, timeout=1200)
    assert passed.returncode == 0, passed.stdout[-3000:] + passed.stderr[-3000:]
    assert (work / "outputs" / ID / f"{ID}.easy-read.docx").is_file()


def test_the_authors_picture_line_wins_over_an_approval_of_the_same_words(source: Path) -> None:
    (source / ID / APPROVED_NAME).write_text("approved:\n- point: Take your tablets every morning.\n  picture: pill\n")
    easy = source / ID / "easy-read.md"
    easy.write_text(easy.read_text().replace("every morning.\n", "every morning.\n  picture: none\n", 1))
    _, tablets, _, _ = _points(read_leaflet(source / ID).leaflet)
    assert tablets.picture is None and not tablets.wants_picture
