"""Issue 25: what every NHS leaflet carries, and the findings of a new user's cystoscopy leaflet, each read
back from the built files.

The review date, reference, department and logo; phone numbers written as text becoming tel: links and the
audio's closing saying every one; braille keeping an address's lines and dividing a web address only where
UEB allows; the recording's section numbers matching its tracks, nested lists told briefly, chapters named for
what they hold; the talking book claiming no certification nobody gave; one table caption everywhere; the
glossary alphabetical. (The importers' reading of "Review date:" and "Ref:" lines is main's, issue 27.)
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pikepdf
import pytest
from mutagen.id3 import ID3

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import Link, Paragraph
from leaflet.core.text import long_date, plain, words
from leaflet.media.speech import script as spoken
from leaflet.reader import read_leaflet
from leaflet.writers import registry
from leaflet.writers.braille import louis
from leaflet.writers.braille.layout import CONTINUATION, wrap
from tests.conftest import snapshot
from tests.nhs import ADDRESS, LOGO_ALT, TABLE_CAPTION, copy, plain_copy, read

NUMBERS = {  # every phone number the leaflet holds, as written, and how the recording says it
    "999": "nine nine nine",
    "0113 496 0123": "zero one one three, four nine six, zero one two three",
    "111": "one one one",
    "0113 496 0124": "zero one one three, four nine six, zero one two four",
}
GLOSSARY = ["antibiotics", "bladder", "cystoscope", "urethra"]  # the fixture lists them in another order


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The plain fixture (no logo: the code before the fix reads it too) built in every format once."""
    from leaflet.cli import main

    base = tmp_path_factory.mktemp("nhs")
    folder = plain_copy(base / "source")
    out = base / "out"
    assert main(["build", "--source", str(folder.parent), "--out", str(out), "-q", "--jobs", "2"]) == 0
    return {"folder": folder, "out": out / "cystoscopy", "leaflet": read(folder)}


def _file(built: dict[str, Any], suffix: str) -> Path:
    return built["out"] / f"cystoscopy{suffix}"


def _pdf_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


def _docx_paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _epub_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as book:
        return {n: book.read(n).decode("utf-8") for n in book.namelist() if n.endswith((".xhtml", ".opf"))}


def _braille_pages(path: Path) -> list[list[str]]:
    """Each braille page's lines, back-translated by liblouis."""
    translator = louis.load()
    pages = path.read_bytes().decode("ascii").split("\f")
    return [
        [translator.back_translate(line.lower(), "en-ueb-g2.ctb").strip() for line in page.split("\r\n")]
        for page in pages
    ]


def _flat(text: str) -> str:
    return " ".join(text.split())


# What NHS leaflets carry -----------------------------------------------------------------------


def test_the_nhs_fields_and_the_logo_are_read_from_the_front_matter(tmp_path: Path) -> None:
    meta = read(copy(tmp_path, review=date(2031, 5, 1), extra="certified-by: Anytown Accessibility Audit"))
    assert (meta.meta.review, meta.meta.reference, meta.meta.department) == (
        date(2031, 5, 1),
        "URO-014",
        "Urology Department",
    )
    logo = meta.meta.logo
    assert logo is not None and logo.alt == LOGO_ALT and logo.kind == "image/svg+xml"
    assert logo.data == (tmp_path / "cystoscopy" / "logo.svg").read_bytes() and logo.line == 10
    assert meta.meta.certifier == "Anytown Accessibility Audit"


LOGO_MISTAKES = {
    "logo: logo.svg": "'logo' needs the picture's file and its alt text",
    "logo:\n  file: logo.svg": "the logo has no 'alt'",
    "logo:\n  alt: Our trust": "the logo has no 'file'",
    "logo:\n  file: nowhere.png\n  alt: Our trust": "the picture 'nowhere.png' does not exist",
    "logo:\n  file: ../outside.png\n  alt: Our trust": "is outside the leaflet's folder",
    "logo:\n  file: photo.jpg\n  alt: Our trust": "is not PNG or SVG",
    "logo:\n  file: fake.png\n  alt: Our trust": "is not the kind its name says",
    "logo:\n  file: logo.svg\n  alt: Our trust\n  size: big": "'logo' takes only 'file' and 'alt'",
}


@pytest.mark.parametrize("written", LOGO_MISTAKES)
def test_a_mistake_in_the_logo_names_its_line_and_what_to_write(tmp_path: Path, run_cli, written: str) -> None:
    folder = copy(tmp_path / "source")
    (folder / "photo.jpg").write_bytes(
        (Path(__file__).parent / "fixtures/leaflets/every-feature/heart.png").read_bytes()
    )
    (folder / "fake.png").write_text("<svg/>")
    (tmp_path / "outside.png").write_bytes(b"")
    out = tmp_path / "out"
    assert run_cli("build", "--source", folder.parent, "--out", out, "-f", "text", "-q")[0] == 0
    before = snapshot(out)
    source = folder / "leaflet.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"^logo:\n(  .*\n)+", written + "\n", text, flags=re.MULTILINE), encoding="utf-8")
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, "-f", "text")
    assert status == 2 and "Traceback" not in err
    assert f"leaflet.md:10: {LOGO_MISTAKES[written]}" in err or (
        LOGO_MISTAKES[written] in err and "leaflet.md:1" in err
    ), err
    assert snapshot(out) == before, "a mistake leaves the previous outputs untouched"


def test_an_overdue_review_date_warns_and_a_release_refuses_it(tmp_path: Path, run_cli) -> None:
    past = date.today() - timedelta(days=1)
    folder = copy(tmp_path / "source", plain=True, review=past)
    reading = read_leaflet(folder)
    (warning,) = [w for w in reading.warnings if w.code == "review-overdue"]
    assert warning.line == 7 and long_date(past) in warning.message and "review it" in warning.message
    out = tmp_path / "out"
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, "-f", "text", "--strict")
    assert status == 2 and "review-overdue" in err and "leaflet.md:7" in err
    assert not (out / "cystoscopy" / "cystoscopy.txt").exists(), "make release (build --strict) writes nothing"
    status, _, err = run_cli("build", "--source", folder.parent, "--out", out, "-f", "text")
    assert status == 0 and "warning[review-overdue]" in err
    status, out_text, err = run_cli("check", "--source", folder.parent, "--out", out, "--strict")
    assert status != 0 and "review-overdue" in out_text + err, "make release (check --strict) refuses it too"
    current = copy(tmp_path / "later", plain=True, review=date.today())
    assert not [w for w in read_leaflet(current).warnings if w.code == "review-overdue"], "due today is not overdue"


def test_the_review_date_reference_and_department_are_on_the_first_or_last_page_of_every_format(built) -> None:
    meta = built["leaflet"].meta
    review = f"Review date: {long_date(meta.review)}"
    reference, department = "Leaflet reference: URO-014", "Urology Department"

    def ends(pages: list[str]) -> str:
        return _flat(" ".join([pages[0], pages[-1]]))

    pdf = _pdf_pages(_file(built, ".large-print.pdf"))
    text = _file(built, ".txt").read_text(encoding="utf-8")
    html = _flat(re.sub(r"<[^>]+>", " ", _file(built, ".html").read_text(encoding="utf-8")))
    word = _flat(" ".join(_docx_paragraphs(_file(built, ".docx"))))
    book = _flat(re.sub(r"<[^>]+>", " ", " ".join(_epub_texts(_file(built, ".epub")).values())))
    braille = [" ".join(lines) for lines in _braille_pages(_file(built, ".brf"))]
    said = _file(built, ".audio-script.txt").read_text(encoding="utf-8")
    for name, shown in {"pdf": ends(pdf), "text": _flat(text), "html": html, "docx": word, "epub": book}.items():
        assert review in shown and reference in shown and department in shown, name
    assert pdf[0].index("Published") < pdf[0].index(review) and reference in pdf[0], "beside the dates"
    assert "review date" in ends(braille).lower() and "uro-014" in ends(braille).lower()
    closing = said[said.rindex("[Chapter") :]
    assert review in _flat(closing), "said in the audio's closing"
    assert review not in said[: said.index("[Chapter 2")], "not in the opening: it is for filing, not listening"


def test_the_logo_is_on_the_first_page_of_print_in_the_web_pages_header_and_above_the_books_title(
    tmp_path: Path,
) -> None:
    leaflet = read(copy(tmp_path))
    record = registry.format_named("large-print-pdf")
    pdf = tmp_path / "logo.pdf"
    pdf.write_bytes(record.write(leaflet, record.parse({})).files[0].data)
    with pdfplumber.open(pdf) as document:
        (image,) = document.pages[0].images
        assert image["x0"] > document.pages[0].width / 2 and image["top"] < 100, "top right of page 1"
        assert all(not page.images for page in document.pages[1:])
    with pikepdf.open(pdf) as document:
        first = document.Root.StructTreeRoot.K[0].K[0]
        assert str(first.S) == "/Figure" and str(first.Alt) == LOGO_ALT
    record = registry.format_named("docx")
    word = docx.Document(io.BytesIO(record.write(leaflet, record.parse({})).files[0].data))
    first_paragraph = word.paragraphs[0]
    assert first_paragraph.alignment == 2  # right
    (described,) = first_paragraph._p.xpath(".//wp:docPr")
    assert described.get("descr") == LOGO_ALT
    record = registry.format_named("html")
    page = record.write(leaflet, record.parse({})).files[0].data.decode("utf-8")
    header = page[page.index("<header>") : page.index("</header>")]
    assert 'class="logo" src="data:image/svg+xml;base64,' in header and f'alt="{LOGO_ALT}"' in header
    record = registry.format_named("epub")
    book = tmp_path / "logo.epub"
    book.write_bytes(record.write(leaflet, record.options(talking=False)).files[0].data)  # the words and pictures
    with zipfile.ZipFile(book) as archive:
        title = next(archive.read(n).decode() for n in archive.namelist() if n.endswith("01-title.xhtml"))
        opf = next(archive.read(n).decode() for n in archive.namelist() if n.endswith(".opf"))
    titlepage = title[title.index('epub:type="titlepage"') :]
    assert titlepage.index('class="logo"') < titlepage.index("<h1") and f'alt="{LOGO_ALT}"' in titlepage
    assert 'media-type="image/svg+xml"' in opf
    from leaflet.checks.epub import epubcheck_messages

    assert epubcheck_messages(book) == [], "EPUBCheck takes the book with its logo"


# Phone numbers ----------------------------------------------------------------------------------


def test_phone_numbers_written_as_text_are_links_in_every_format_with_links(built) -> None:
    wanted = {"tel:999", "tel:01134960123", "tel:111", "tel:01134960124"}
    html = _file(built, ".html").read_text(encoding="utf-8")
    assert wanted <= set(re.findall(r'href="(tel:[^"]+)"', html))
    assert '<a href="tel:999">999</a>' in html, "the emergency card's own 'Call 999' can be tapped"
    book = " ".join(_epub_texts(_file(built, ".epub")).values())
    assert wanted <= set(re.findall(r'href="(tel:[^"]+)"', book))
    with pikepdf.open(_file(built, ".large-print.pdf")) as pdf:
        targets = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a}
    assert wanted <= targets
    with zipfile.ZipFile(_file(built, ".docx")) as archive:
        relations = archive.read("word/_rels/document.xml.rels").decode()
    assert wanted <= set(re.findall(r'Target="(tel:[^"]+)"', relations))
    said = _flat(_file(built, ".audio-script.txt").read_text(encoding="utf-8"))
    assert "Phone the urology ward on zero one one three, four nine six, zero one two four at any time" in said


def test_a_number_that_is_not_dialled_stays_words(tmp_path: Path) -> None:
    folder = copy(tmp_path, plain=True)
    source = folder / "leaflet.md"
    text = source.read_text(encoding="utf-8").replace(
        "Drink plenty of water.", "Drink plenty of water. We saw 999 patients in 2025; room 111 is upstairs."
    )
    source.write_text(text, encoding="utf-8")
    leaflet = read(folder)
    paragraphs = [b.inlines for s in leaflet.sections for b in s.blocks if isinstance(b, Paragraph)]
    (counted,) = [p for p in paragraphs if "We saw" in plain(p)]
    assert not [i for i in counted if isinstance(i, Link)], counted


def test_the_audio_closing_says_every_phone_number_the_leaflet_holds(built) -> None:
    said = _file(built, ".audio-script.txt").read_text(encoding="utf-8")
    closing = _flat(said[said.rindex("[Chapter") :])
    for written, spoken_as in NUMBERS.items():
        assert f"To phone, call {spoken_as}." in closing, written
    assert "To email, write to urology dot nurses at anytown dash hospitals" in closing


# The recording ---------------------------------------------------------------------------------


def test_spoken_section_numbers_are_the_track_numbers(built) -> None:
    folder = built["out"] / "cystoscopy.audio"
    tracks = sorted(p.name for p in folder.glob("*.mp3"))
    chapters = ID3(_file(built, ".mp3")).getall("CHAP")
    assert len(tracks) == len(chapters) >= 6
    script = spoken.build(built["leaflet"], 150)
    for number, (track, section) in enumerate(zip(tracks, script.sections, strict=True), start=1):
        assert track.startswith(f"{number:02d}-")
        if number > 1:
            assert section.paragraphs[0].startswith(f"Section {number} of {len(tracks)}: "), (
                track,
                section.paragraphs[0],
            )
        assert f"{number}, " in script.sections[0].paragraphs[3], "the opening lists each section by its track's number"
    said = _file(built, ".audio-script.txt").read_text(encoding="utf-8")
    assert "Section 6 of 8: Where to get help." in said


def test_nested_lists_are_told_briefly(built) -> None:
    said = _flat(_file(built, ".audio-script.txt").read_text(encoding="utf-8"))
    assert "Under step 3: 2 points. First: cleans the area" in said
    assert "Under the second point: 2 points. First: the gel may sting" in said
    ends = re.findall(r"That is the end of [^.]*\.", said)
    assert set(ends) <= {
        "That is the end of the list.",
        "That is the end of the table.",
        "That is the end of Having a flexible sis toss copy.",
    }, ends


def test_each_chapter_is_named_for_what_it_holds(built) -> None:
    chapters = [str(c.sub_frames["TIT2"]) for c in ID3(_file(built, ".mp3")).getall("CHAP")]
    last = chapters[-1]
    assert last == "Phone numbers and email addresses again, and about this leaflet"
    assert all(body not in last for body in chapters[1:-1]), "the last chapter is not named after a body section"
    assert len(set(chapters)) == len(chapters)


# Braille ----------------------------------------------------------------------------------------


def test_braille_keeps_an_addresss_lines(built) -> None:
    lines = [line for page in _braille_pages(_file(built, ".brf")) for line in page]
    start = next(n for n, line in enumerate(lines) if line.lower().startswith("level 2"))
    assert [line.lower() for line in lines[start : start + 3]] == [part.lower() for part in ADDRESS]


def test_braille_divides_a_long_address_only_after_a_slash_or_hyphen_never_inside_a_word(built) -> None:
    raw = [
        line for page in _file(built, ".brf").read_bytes().decode("ascii").split("\f") for line in page.split("\r\n")
    ]
    divided = [line for line in raw if line.endswith(CONTINUATION)]
    assert divided, "the fixture's long web address is divided"
    for line in divided:
        assert line[:-1].endswith(("_/", "-")), line  # the slash sign, or a hyphen: never 'cy/' (the st sign)


def test_the_slash_sign_is_not_the_st_contraction() -> None:
    """'cystoscopy' in UEB grade 2 is 'cy/oscopy': a division after its '/' split the word (cyst|oscopy)."""
    translator = louis.load()
    braille = translator.translate("www.example.nhs.uk/urology/cystoscopy-aftercare-information", "en-ueb-g2.ctb", ())
    lines = wrap(braille, 40)
    assert all(not line.endswith("cy/" + CONTINUATION) for line in lines), lines
    assert "".join(line.removesuffix(CONTINUATION) for line in lines) == braille
    for line in lines[:-1]:
        assert line[:-1].endswith(("_/", "-")), lines


# The talking book's accessibility metadata -------------------------------------------------------


def test_the_talking_book_claims_no_certification_unless_the_front_matter_names_one(built, tmp_path: Path) -> None:
    (package,) = [text for name, text in _epub_texts(_file(built, ".epub")).items() if name.endswith(".opf")]
    assert "a11y:certifiedBy" not in package
    assert "evaluated by the publisher's own automated checks" in package and "not certified" in package
    certified = read(copy(tmp_path, plain=True, extra="certified-by: RNIB Accessibility Services"))
    record = registry.format_named("epub")
    data = record.write(certified, record.parse({})).files[0].data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        opf = book.read("EPUB/package.opf").decode("utf-8")
    assert '<meta property="a11y:certifiedBy">RNIB Accessibility Services</meta>' in opf
    assert "certified by RNIB Accessibility Services" in opf


# One caption, an alphabetical glossary ------------------------------------------------------------


def test_one_caption_wording_for_tables_in_every_format(built) -> None:
    caption = words(TABLE_CAPTION)
    shown = {
        "text": _file(built, ".txt").read_text(encoding="utf-8"),
        "pdf": " ".join(_pdf_pages(_file(built, ".large-print.pdf"))),
        "docx": " ".join(_docx_paragraphs(_file(built, ".docx"))),
        "html": re.sub(r"<[^>]+>", " ", _file(built, ".html").read_text(encoding="utf-8")),
        "epub": re.sub(r"<[^>]+>", " ", " ".join(_epub_texts(_file(built, ".epub")).values())),
        "audio": _file(built, ".audio-script.txt").read_text(encoding="utf-8"),
        "braille": " ".join(" ".join(lines) for lines in _braille_pages(_file(built, ".brf"))),
    }
    for name, text in shown.items():
        found = words(text)
        assert any(found[n : n + len(caption)] == caption for n in range(len(found))), name


def test_the_glossary_is_alphabetical_in_every_format(built) -> None:
    def order(text: str) -> list[str]:
        after = text[text.rindex("Words explained") :]
        return sorted(GLOSSARY, key=lambda term: after.index(term))

    said = _file(built, ".audio-script.txt").read_text(encoding="utf-8")
    said = said.replace("sis toe scope", "cystoscope").replace("you ree thra", "urethra")  # as the lexicon says them
    shown = {
        "text": _file(built, ".txt").read_text(encoding="utf-8"),
        "pdf": " ".join(_pdf_pages(_file(built, ".large-print.pdf"))),
        "docx": "\n".join(_docx_paragraphs(_file(built, ".docx"))),
        "html": _file(built, ".html").read_text(encoding="utf-8"),
        "audio": said,
        "braille": "\n".join(" ".join(lines) for lines in _braille_pages(_file(built, ".brf"))).replace(
            "Words Explained", "Words explained"
        ),
    }
    for name, text in shown.items():
        assert order(text) == GLOSSARY, name


def test_an_error_reading_the_logo_is_a_source_error(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "logo.svg").write_text("not a drawing")
    with pytest.raises(SourceError) as raised:
        read_leaflet(folder)
    assert raised.value.line == 10 and "logo" in raised.value.message


def test_the_logo_is_above_the_easy_reads_title_in_word_and_on_the_web_page(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "easy-read.md").write_text(
        "# Having a look inside your bladder\n\n## Before the test\n\ncovers: Before your cystoscopy\n\n"
        "- Drink water as usual.\n- Take your tablets as usual.\n\n## On the day\n\ncovers: On the day\n\n"
        "- A nurse looks after you.\n\n## After the test\n\ncovers: After your cystoscopy\n\n"
        "- You can go home the same day.\n\n## Help\n\ncovers: Where to get help\n\n- Call your nurse.\n",
        encoding="utf-8",
    )
    leaflet = read(folder)
    record = registry.format_named("easy-read-print")
    word = docx.Document(io.BytesIO(record.write(leaflet, record.parse({})).files[0].data))
    first, second = word.paragraphs[:2]
    (described,) = first._p.xpath(".//wp:docPr")
    assert described.get("descr") == LOGO_ALT and first.alignment == 2  # right, above the title
    assert second.style.name == "Heading 1" and second.text == "Having a look inside your bladder"
    record = registry.format_named("easy-read-html")
    page = record.write(leaflet, record.parse({})).files[0].data.decode("utf-8")
    header = page[page.index("<header>") : page.index("</header>")]
    assert header.index('class="logo"') < header.index("<h1>") and f'alt="{LOGO_ALT}"' in header
