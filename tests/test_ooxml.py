"""The one Word layer (leaflet/media/ooxml), as both Word formats use it, read back with zipfile and ElementTree."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import fontpkg_atkinson_hyperlegible
import pytest

from leaflet.checks import easy_read_print as easy_read_check
from leaflet.media.colours import SCHEMES
from leaflet.media.ooxml.fonts import obfuscate
from leaflet.media.ooxml.read import WordFile
from leaflet.pipeline.build import write_files
from leaflet.reader import read_leaflet
from leaflet.writers.easy_read_print import FORMAT as EASY_READ_PRINT
from leaflet.writers.easy_read_print.options import Options as EasyReadOptions
from leaflet.writers.registry import format_named

ROOT = Path(__file__).resolve().parent.parent
NICE = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
GOOD = ROOT / "tests" / "fixtures" / "easyread" / "good"
FONT_FILES = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _build(format_name: str, out: Path, **values: str) -> Path:
    leaflet = read_leaflet(NICE).leaflet
    chosen = format_named(format_name)
    (path,) = write_files(chosen.write(leaflet, chosen.parse(values)), out)
    return path


def _part(path: Path, name: str) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read(name))


def _style(styles: ET.Element, style_id: str) -> ET.Element:
    found = styles.find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, style_id
    return found


def test_font_obfuscation_follows_ecma_376_17_8_1() -> None:
    """The first 32 bytes XORed with the GUID's bytes taken from its end backwards; the rest untouched."""
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    reversed_key = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    data = bytes(40)
    assert obfuscate(data, key) == reversed_key + reversed_key + bytes(8)
    assert obfuscate(obfuscate(b"x" * 100, key), key) == b"x" * 100


@pytest.mark.parametrize("format_name", ["docx", "easy-read-print"])
def test_both_formats_carry_atkinson_hyperlegible_regular_and_bold(format_name: str, tmp_path: Path) -> None:
    path = _build(format_name, tmp_path)
    embedded = WordFile.open(path).embedded_fonts()
    assert embedded == {
        ("Atkinson Hyperlegible", "embedRegular"): (FONT_FILES / "AtkinsonHyperlegible-Regular.ttf").read_bytes(),
        ("Atkinson Hyperlegible", "embedBold"): (FONT_FILES / "AtkinsonHyperlegible-Bold.ttf").read_bytes(),
    }
    with zipfile.ZipFile(path) as archive:
        stored = archive.read("word/fonts/font1.odttf")
    assert stored[:32] != (FONT_FILES / "AtkinsonHyperlegible-Regular.ttf").read_bytes()[:32]  # obfuscated
    types = _part(path, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
    assert overrides["/word/fonts/font1.odttf"] == "application/vnd.openxmlformats-officedocument.obfuscatedFont"
    rels = _part(path, "word/_rels/fontTable.xml.rels")
    assert {r.get("Target") for r in rels.iter(f"{REL}Relationship")} == {"fonts/font1.odttf", "fonts/font2.odttf"}
    assert _part(path, "word/settings.xml").find(f"{W}embedTrueTypeFonts") is not None
    font = _part(path, "word/fontTable.xml").find(f"{W}font[@{W}name='Atkinson Hyperlegible']")
    assert font is not None and font.find(f"{W}altName").get(f"{W}val") == "Arial"


@pytest.mark.parametrize("format_name", ["docx", "easy-read-print"])
def test_links_are_never_underlined_and_share_the_scheme_link_colour(format_name: str, tmp_path: Path) -> None:
    path = _build(format_name, tmp_path)
    link = _style(_part(path, "word/styles.xml"), "Hyperlink")
    assert link.find(f"{W}rPr/{W}u").get(f"{W}val") == "none"
    assert link.find(f"{W}rPr/{W}color").get(f"{W}val") == SCHEMES["black-on-white"].link


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_easy_read_print_honours_colours_exactly_as_word_does(scheme: str, tmp_path: Path) -> None:
    easy = _build("easy-read-print", tmp_path, colours=scheme)
    docx_file = _build("docx", tmp_path, colours=scheme)
    colours = SCHEMES[scheme]
    suffix = "" if scheme == "black-on-white" else f".{scheme}"
    assert easy.name == f"microaxial-flow-pump-cardiogenic-shock.easy-read{suffix}.docx"

    def seen(path: Path) -> tuple[str, str, str, bool]:
        """(page, text, link) colours and whether Word is told to show the page colour, read from the XML."""
        document, styles = _part(path, "word/document.xml"), _part(path, "word/styles.xml")
        background = document.find(f"{W}background")
        page = background.get(f"{W}color") if background is not None else "FFFFFF"
        text = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}color")
        normal = _style(styles, "Normal").find(f"{W}rPr/{W}color")
        shown_text = (normal if normal is not None else text).get(f"{W}val")
        link = _style(styles, "Hyperlink").find(f"{W}rPr/{W}color").get(f"{W}val")
        shown = _part(path, "word/settings.xml").find(f"{W}displayBackgroundShape") is not None
        return str(page), str(shown_text), str(link), shown

    expected = (colours.background, colours.text, colours.link, scheme != "black-on-white")
    assert seen(easy) == seen(docx_file) == expected
    styles = _part(easy, "word/styles.xml")
    for heading in ("Heading1", "Heading2"):  # the template's blue theme colour is gone
        colour = _style(styles, heading).find(f"{W}rPr/{W}color")
        assert colour is not None and colour.get(f"{W}val") == colours.text and not colour.get(f"{W}themeColor")
    leaflet = read_leaflet(NICE).leaflet
    found = easy_read_check.audit_file(leaflet, easy, EasyReadOptions(colours=scheme))
    assert [d.severity for d in found] == ["note"], found


def test_the_easy_read_audit_notices_the_wrong_colours(tmp_path: Path) -> None:
    leaflet = read_leaflet(GOOD).leaflet
    (path,) = write_files(
        EASY_READ_PRINT.write(leaflet, EASY_READ_PRINT.parse({"colours": "black-on-cream"})), tmp_path
    )
    found = easy_read_check.audit_file(leaflet, path, EasyReadOptions())
    assert any(d.code == "easy-read-print-colours" and "page colour" in d.message for d in found)
