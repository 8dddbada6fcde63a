"""Braille: a golden BRF checked by hand against UEB, limits at other sizes, back-translation, no liblouis.

The golden file ``tests/golden/braille/blood-test.brf`` was read cell by
cell against the Rules of Unified English Braille (2013) for the
contractions it uses: shortforms (your yr, should %d, before 2f, little ll,
about ab, letter lr, braille brl), alphabetic wordsigns (will w, that t,
us u, have h, from f, it x, you y, but b, not n), strong wordsigns and
groupsigns (the !, of (, with ), this ?, and st /, th ?, wh :, sh %, ch *,
ing +, er ], ar >, ow [, ou \\, ed $), lower groupsigns (in 9, en 5, con 3
only at a word's start, ea 1 only inside a word: so "each" and "eating"
keep e-a), initial-letter contractions (day "d, time "t, word ^w), and the
indicators (capital ,; numeric # with the numeric space " in 0300 123 4567;
the grade 1 indicator ; before "am" after a number; bold word ^1 with the
terminator ^' where bold ends inside a word's punctuation).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from leaflet.checks import braille as checks
from leaflet.core.diagnostics import OptionError
from leaflet.pipeline.build import write_files
from leaflet.reader import read_leaflet
from leaflet.writers import braille
from leaflet.writers.braille import FORMAT as BRAILLE
from leaflet.writers.braille import layout, louis
from tests.conftest import FIXTURES, NICE_ID, ROOT, SOURCE, all_leaflet_folders, audited
from tests.test_cli import LEAFLET

GOLDEN = Path(__file__).resolve().parent / "golden" / "braille"
SMALL = FIXTURES / "braille" / "blood-test"
EVERY = [*all_leaflet_folders(), SMALL]


def _write(folder: Path, **options: str) -> bytes:
    leaflet = read_leaflet(folder).leaflet
    return braille.FORMAT.write(leaflet, braille.FORMAT.parse(options)).files[0].data


def _pages(data: bytes) -> list[list[str]]:
    return [page.decode("ascii").split("\r\n")[:-1] for page in data.split(b"\f")]


def test_golden_brf_for_a_small_leaflet() -> None:
    expected = (GOLDEN / "blood-test.brf").read_bytes()
    assert _write(SMALL) == expected


def test_golden_reads_as_ueb() -> None:
    """A few lines of the golden file, spelled out, so a reviewer can see what was checked."""
    pages = _pages((GOLDEN / "blood-test.brf").read_bytes())
    assert pages[0][0].endswith(" #A") and len(pages[0][0]) == 40  # braille page 1, top right
    assert pages[1][1].strip() == ",YR BLOOD TE/"  # the centred main heading
    assert pages[1][3] == "  ,Y %D DR9K WAT] 2F ! TE/4 ,! NURSE W"  # paragraph in cell 3
    assert "_4 ,YR LR4" in pages[1]  # a bullet item in cell 1
    assert ',"D3 ,MON"D4 ,"T3 #I;AM TO #APM' in pages[1]  # a table row as labelled line


@pytest.mark.parametrize("folder", EVERY, ids=[p.name for p in EVERY])
@pytest.mark.parametrize(("cells", "lines"), [(40, 25), (32, 20), (20, 10), (80, 50)])
def test_lines_and_pages_keep_their_limits(folder: Path, cells: int, lines: int) -> None:
    data = _write(folder, cells=str(cells), lines=str(lines))
    pages = _pages(data)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert set(data) <= set(range(0x20, 0x60)) | set(b"\r\n\f")
    for number, page in enumerate(pages, start=1):
        assert 2 <= len(page) <= lines
        assert all(len(line) <= cells for line in page)
        assert page[0] == " " * (cells - len(page[0].strip())) + page[0].strip()  # number at the right
        assert louis.load().back_translate(page[0].strip(), "en-ueb-g2.ctb") == str(number)


@pytest.mark.parametrize("folder", EVERY, ids=[p.name for p in EVERY])
def test_back_translation_gives_every_word_in_order(folder: Path, tmp_path: Path) -> None:
    leaflet = read_leaflet(folder).leaflet
    for values in ({}, {"grade": "1"}, {"cells": "32", "lines": "20"}):
        write_files(BRAILLE.write(leaflet, BRAILLE.parse(values)), tmp_path)
    found = audited("braille", leaflet, tmp_path)
    assert [(d.code, d.severity) for d in found] == [("braille-note", "note")] * 3, [str(d) for d in found]


def test_the_audit_finds_what_is_wrong(tmp_path: Path) -> None:
    leaflet = read_leaflet(SMALL).leaflet
    good = _write(SMALL)
    name = tmp_path / f"{leaflet.meta.id}.brf"
    cases = {
        "braille-ascii": good.replace(b",YR", b",yr", 1),
        "braille-cells": good.replace(b"_4 ,YR LR4", b"_4 ,YR LR4" + b" ,YR" * 10, 1),
        "braille-line-end": good.replace(b"\r\n", b"\n", 1),
        "braille-page-number": good.replace(b"#B\r\n", b"#C\r\n", 1),
        "braille-words": good.replace(b"DR9K", b"EAT", 1),
        "braille-page": good.replace(b"\f", b"\r\n" * 30, 1),
    }
    for code, data in cases.items():
        name.write_bytes(data)
        assert (code, "error") in {(d.code, d.severity) for d in audited("braille", leaflet, tmp_path)}, code
    name.unlink()
    assert [d.code for d in audited("braille", leaflet, tmp_path)] == ["not-built"]


def test_words_never_split_and_long_addresses_carry_the_continuation_indicator() -> None:
    text = "the quick brown fox jumps over the lazy dog " * 3
    lines = layout.wrap(text, 20, first=2)
    assert " ".join(line.strip() for line in lines) == text.strip()
    assert all(len(line) <= 20 for line in lines)
    address = "HTTPS3_/_/WWW4EXAMPLE4ORG_/A-VERY-LONG_/PATH_/TO_/A_/PAGE"
    divided = layout.wrap(f"SEE {address}", 20)
    assert all(len(line) <= 20 for line in divided)
    assert divided[1].endswith('_/"')  # divided after a slash, dot 5 at the end
    assert checks._join(divided) == f"SEE {address}"


def test_options_and_file_names() -> None:
    assert braille.FORMAT.parse({}) == braille.Options(2, 40, 25)
    assert BRAILLE.files("x", BRAILLE.defaults()) == ("x.brf",)
    assert BRAILLE.files("x", BRAILLE.parse({"grade": "1"})) == ("x.grade1.brf",)
    assert BRAILLE.files("x", BRAILLE.parse({"cells": "32", "lines": "20"})) == ("x.32x20.brf",)
    assert BRAILLE.files("x", braille.Options(1, 32, 20)) == ("x.grade1-32x20.brf",)
    for bad in ({"grade": "3"}, {"cells": "8"}, {"lines": "many"}, {"size": "18"}):
        with pytest.raises(OptionError):
            BRAILLE.parse(bad)


def test_grade_1_is_uncontracted() -> None:
    grade1 = _write(SMALL, grade="1").decode("ascii")
    assert ",YOUR BLOOD TEST" in grade1 and "SHOULD DRINK WATER BEFORE" in grade1


def test_missing_liblouis_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(louis.LIBRARY_VARIABLE, "/nonexistent/liblouis.so.20")
    with pytest.raises(louis.BrailleUnavailable) as error:
        braille.FORMAT.write(read_leaflet(SMALL).leaflet, braille.Options())
    assert str(error.value).endswith("run: apt-get install liblouis20 liblouis-data")


def test_build_without_liblouis_fails_braille_only(source_copy: Path, tmp_path: Path) -> None:
    assert LEAFLET
    env = {**os.environ, louis.LIBRARY_VARIABLE: "/nonexistent/liblouis.so.20"}
    out = tmp_path / "outputs"

    def build(*formats: str) -> subprocess.CompletedProcess[str]:
        args = [a for f in formats for a in ("--format", f)]
        command = [LEAFLET, "build", NICE_ID, "-q", "--source", str(source_copy), "--out", str(out), *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)

    failed = build("braille")
    assert failed.returncode == 1
    install = [line for line in failed.stderr.splitlines() if "apt-get install liblouis20 liblouis-data" in line]
    assert len(install) == 1, failed.stderr
    assert not list(out.rglob("*.brf"))
    both = build("text", "braille")
    assert both.returncode == 1
    assert (out / NICE_ID / f"{NICE_ID}.txt").is_file()
    assert build("text").returncode == 0


def test_nice_leaflet_in_braille() -> None:
    data = _write(SOURCE / NICE_ID)
    assert data.count(b"\f") >= 4
    assert b",,NICE" in data  # a capitals-word indicator for NICE


def test_readme_shows_the_nice_leaflets_real_braille() -> None:
    from leaflet.writers.braille.layout import unicode_braille

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"^\| (.+?) \| `([\u2800-\u283f]+)` \|$", readme, re.MULTILINE)
    assert len(shown) >= 5
    built = {unicode_braille(line).replace(" ", "\u2800") for page in _pages(_write(SOURCE / NICE_ID)) for line in page}
    for words, cells in shown:
        assert cells in built, words
        assert words.split()[0] in " ".join(plain_words(SOURCE / NICE_ID))


def plain_words(folder: Path) -> list[str]:
    from leaflet.core.text import leaflet_text

    return leaflet_text(read_leaflet(folder).leaflet).split()


def test_a_bare_https_address_passes_and_its_host_and_path_are_still_checked(tmp_path: Path) -> None:
    """UEB carries "https://", but liblouis reads its colon back as other letters: the audit compares the rest."""
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        "---\ntitle: Bare\npublisher: P\npublished: 2026-01-15\n---\n\n## Help\n\n"
        "Read more at https://www.example.org/heart-help/ today, or http://example.org/a.\n"
    )
    leaflet = read_leaflet(folder).leaflet
    write_files(BRAILLE.write(leaflet, BRAILLE.parse({})), tmp_path / "out")
    assert [d.code for d in audited("braille", leaflet, tmp_path / "out")] == ["braille-note"]
    brf = tmp_path / "out" / "bare.brf"
    brf.write_bytes(brf.read_bytes().replace(b"EXAMPLE4ORG_/HE>T", b"EXAMPLE4COM_/HE>T"))
    found = audited("braille", leaflet, tmp_path / "out")
    assert [d.code for d in found] == ["braille-words"]
