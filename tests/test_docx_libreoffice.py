"""The .docx as an office suite lays it out: LibreOffice converts it to PDF, poppler reads the pages.

Skipped, with the reason, where LibreOffice or poppler is not installed; the
build never depends on either.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from leaflet.reader import read_leaflet
from leaflet.renderers import docx as word
from leaflet.text import first_missing_word, leaflet_words, words

ROOT = Path(__file__).resolve().parent.parent
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
TOOLS = ("soffice", "pdftotext", "pdfinfo")


@pytest.fixture(autouse=True)
def _tools_installed() -> None:
    """`make` installs these; a machine without them fails here, naming the command (never a silent skip)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: apt-get install libreoffice-writer-nogui poppler-utils")


def _to_pdf(documents: list[Path], out: Path) -> list[Path]:
    profile = out / "libreoffice-profile"  # its own profile, so parallel runs do not collide
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(out), *map(str, documents)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [out / f"{document.stem}.pdf" for document in documents]


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_libreoffice_lays_out_every_word_and_more_pages_at_24pt(tmp_path: Path) -> None:
    leaflet = read_leaflet(NICE).leaflet
    (clear,) = word.render(leaflet, word.parse_options({}), tmp_path).paths
    (giant,) = word.render(leaflet, word.parse_options({"size": "24"}), tmp_path).paths
    clear_pdf, giant_pdf = _to_pdf([clear, giant], tmp_path)
    clear_pages, giant_pages = _pages(clear_pdf), _pages(giant_pdf)
    # About 430 words at 14pt on A4 is a few pages; the same words at 24pt take clearly more.
    assert 2 <= clear_pages <= 8
    assert giant_pages > clear_pages
    for pdf, pages in ((clear_pdf, clear_pages), (giant_pdf, giant_pages)):
        text = _text(pdf)
        assert first_missing_word(leaflet_words(leaflet), words(text)) is None
        assert f"Page {pages} of {pages}" in text  # the page-number fields were filled in
        assert "Words explained" in text and leaflet.meta.isbn in text
