"""Both Word formats as an office suite lays them out: LibreOffice converts them to PDF, poppler reads the pages.

`make` installs both; where they are missing the tests fail naming the
command. The build never depends on either.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from leaflet.core.text import first_missing_word, leaflet_words, words
from leaflet.reader import read_leaflet
from leaflet.writers import docx as word
from leaflet.writers import easy_read_print
from tests.conftest import render

ROOT = Path(__file__).resolve().parent.parent
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
GOOD_EASY_READ = ROOT / "tests" / "fixtures" / "easyread" / "good"


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
    (clear,) = render(word, leaflet, word.FORMAT.parse({}), tmp_path).paths
    (giant,) = render(word, leaflet, word.FORMAT.parse({"size": "24"}), tmp_path).paths
    clear_pdf, giant_pdf = _to_pdf([clear, giant], tmp_path)
    clear_pages, giant_pages = _pages(clear_pdf), _pages(giant_pdf)
    # About 430 words at 14pt on A4 is a few pages; the same words at 24pt take clearly more.
    assert 2 <= clear_pages <= 8
    assert giant_pages > clear_pages
    for pdf, pages in ((clear_pdf, clear_pages), (giant_pdf, giant_pages)):
        text = _text(pdf)
        assert first_missing_word(leaflet_words(leaflet), words(text)) is None
        assert f"Page {pages} of {pages}" in text  # the page-number fields were filled in
        assert "Words explained" in text and leaflet.meta.isbn is not None and leaflet.meta.isbn in text


def _fonts(pdf: Path) -> set[str]:
    """The fonts the PDF uses, without the subset prefix ('BAAAAA+')."""
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing.splitlines()[2:] if line.strip()}


def _installed(family: str) -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    return family in subprocess.run([fc_list, ":", "family"], capture_output=True, text=True).stdout


def _without_embedded_fonts(path: Path, target: Path) -> Path:
    """The same file with the font table's embedding references taken out: what Word files carried before."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/fontTable.xml":
                data = re.sub(rb"<w:embed(Regular|Bold)[^>]*/>", b"", data)
            copy.writestr(name, data)
    return target


@pytest.mark.parametrize("format_name", ["docx", "easy-read-print"])
def test_libreoffice_shows_the_embedded_atkinson_hyperlegible(format_name: str, tmp_path: Path) -> None:
    """Atkinson Hyperlegible is not installed here: LibreOffice can only show it from the file itself."""
    leaflet = read_leaflet(NICE).leaflet
    module = word if format_name == "docx" else easy_read_print
    (path,) = render(module, leaflet, module.FORMAT.parse({}), tmp_path).paths
    (pdf,) = _to_pdf([path], tmp_path / "embedded")  # one LibreOffice each: it keeps embedded fonts for its session
    assert {"AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold"} <= _fonts(pdf)
    if not _installed("Atkinson Hyperlegible"):
        # The control: without the embedded faces LibreOffice substitutes another sans-serif.
        bare = _without_embedded_fonts(path, tmp_path / f"bare-{path.name}")
        (bare_pdf,) = _to_pdf([bare], tmp_path / "bare")
        assert not any("Atkinson" in font for font in _fonts(bare_pdf)), _fonts(bare_pdf)


def test_libreoffice_opens_the_easy_read_in_its_colours(tmp_path: Path) -> None:
    leaflet = read_leaflet(GOOD_EASY_READ).leaflet
    options = easy_read_print.FORMAT.parse({"colours": "yellow-on-black"})
    (path,) = render(easy_read_print, leaflet, options, tmp_path).paths
    (pdf,) = _to_pdf([path], tmp_path)
    assert "A stent is a small tube that keeps a blood vessel open." in " ".join(_text(pdf).split())
