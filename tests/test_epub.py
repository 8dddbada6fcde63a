"""The talking book: EPUBCheck clean (run once per book), and read back here with zipfile and lxml alone:
every fragment the overlays name exists and is read in order, the clips cover the audio (decoded with
miniaudio) with no gap or overlap over 50 ms and fall in the silences between fragments, and the
durations add up; the metadata, the navigation, and the same bytes from a second build."""

from __future__ import annotations

import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import miniaudio
import numpy as np
import pytest
from lxml import etree

from leaflet.checks import epub as check
from leaflet.core.diagnostics import OptionError
from leaflet.core.model import Leaflet, Link, Strong, Text
from leaflet.media.speech import audio as mastering
from leaflet.media.xhtml.sentences import split
from leaflet.reader import read_leaflet
from leaflet.service import forms
from leaflet.writers import audio, epub, registry
from leaflet.writers.audio import FORMAT as AUDIO
from leaflet.writers.epub import FORMAT as EPUB
from tests import sound
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID, SOURCE, audited, small_leaflet

LEAFLETS = {"nice": SOURCE / NICE_ID, "every-feature": FIXTURE_LEAFLETS / "every-feature"}
OPF = "{http://www.idpf.org/2007/opf}"
SMIL = "{http://www.w3.org/ns/SMIL}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
TEXT_ELEMENTS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "caption"}
TOLERANCE = 0.050


@dataclass(frozen=True)
class Book:
    leaflet: Leaflet
    path: Path

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Book]:
    """Each leaflet's talking book, built once for the whole session."""
    out = tmp_path_factory.mktemp("epub")
    made = {}
    for key, folder in LEAFLETS.items():
        leaflet = read_leaflet(folder).leaflet
        (written,) = epub.FORMAT.write(leaflet, epub.Options()).files
        (out / written.name).write_bytes(written.data)
        made[key] = Book(leaflet, out / written.name)
    return made


@pytest.fixture(scope="session")
def epubcheck_reports(books: dict[str, Book]) -> dict[str, list[dict[str, object]]]:
    """EPUBCheck's messages for each book: one run per book per session (each takes 10 s or more)."""
    problem = check.java_problem()
    if problem is not None:
        pytest.fail(problem)
    return {key: check.epubcheck_messages(book.path) for key, book in books.items()}


ACE_FOLDER = Path(__file__).resolve().parent.parent / "tools" / "ace"
ACE = ACE_FOLDER / "node_modules" / ".bin" / "ace-cli"


def ace_problems(book: Path, reports: Path) -> list[tuple[str, str, str]]:
    """DAISY Ace's violations in ``book`` (document, rule, element), run with Debian's Chromium."""
    chromium = shutil.which("chromium")
    if not ACE.exists() or chromium is None:
        pytest.fail("DAISY Ace or Chromium is missing: run 'make test' (it runs tools/ace/install.sh and apt-get)")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium}
    for own in ACE_FOLDER.glob("node20/node_modules/node-linux-*/bin"):  # where the machine's Node.js is too old
        env["PATH"] = f"{own}{os.pathsep}{env.get('PATH', '')}"
    command = [str(ACE), "--silent", "--force", "--outdir", str(reports), str(book)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    report = reports / "report.json"
    assert report.is_file(), done.stdout[-2000:] + done.stderr[-2000:]
    found = json.loads(report.read_text(encoding="utf-8"))
    problems = [
        (checked["earl:testSubject"]["url"], each["earl:test"]["dct:title"], each["earl:result"].get("html", ""))
        for checked in found["assertions"]
        for each in checked.get("assertions", [])
    ]
    assert (found["earl:result"]["earl:outcome"] == "pass") == (problems == []), found["earl:result"]
    return problems


@pytest.fixture(scope="session")
def ace_reports(books: dict[str, Book], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """DAISY Ace's violations for each book: one run per book per session (a few seconds each)."""
    return {key: ace_problems(book.path, tmp_path_factory.mktemp(f"ace-{key}")) for key, book in books.items()}


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def _package(archive: zipfile.ZipFile) -> tuple[etree._Element, str]:
    container = _xml(archive, "META-INF/container.xml")
    name = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    return _xml(archive, name), posixpath.dirname(name)


def _seconds(clock: str) -> float:
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _metas(opf: etree._Element, prop: str) -> list[etree._Element]:
    return [m for m in opf.iter(f"{OPF}meta") if m.get("property") == prop]


# EPUBCheck -----------------------------------------------------------------


@pytest.mark.parametrize("key", LEAFLETS)
def test_epubcheck_finds_no_error_and_no_warning(key: str, epubcheck_reports) -> None:
    found = [m for m in epubcheck_reports[key] if m["severity"] in {"FATAL", "ERROR", "WARNING"}]
    assert found == [], [(m["ID"], m["message"], m["locations"]) for m in found]


@pytest.mark.parametrize("key", LEAFLETS)
def test_leaflet_check_audit_passes(key: str, books, epubcheck_reports) -> None:
    book = books[key]
    found = audited("epub", book.leaflet, book.path.parent)
    assert {d.severity for d in found} == {"note"}, found
    assert any("EPUBCheck: no errors" in d.message for d in found)


@pytest.mark.parametrize("key", LEAFLETS)
def test_daisy_ace_finds_no_violation(key: str, ace_reports) -> None:
    """DAISY Ace (axe-core and its EPUB rules, in Chromium) over every document, the package and the
    accessibility metadata: the independent check a publisher of accessible EPUB runs."""
    assert ace_reports[key] == []


def test_daisy_ace_finds_a_chapter_without_its_aria_role(books, tmp_path: Path) -> None:
    """Ace is live: a section marked as a chapter for reading systems but not for assistive technology
    (epub:type without role="doc-chapter", as every chapter was before Ace was run) is a violation."""
    name = "EPUB/text/02-lists.xhtml"
    broken = _rewrite(books["every-feature"].data, name, lambda b: b.replace(b' role="doc-chapter"', b""))
    (tmp_path / "broken.epub").write_bytes(broken)
    found = ace_problems(tmp_path / "broken.epub", tmp_path / "report")
    assert {rule for _, rule, _ in found} == {"epub-type-has-matching-role"}, found


# Read back independently ---------------------------------------------------


@pytest.mark.parametrize("key", LEAFLETS)
def test_overlays_name_existing_fragments_in_order_and_cover_their_audio(key: str, books) -> None:
    with zipfile.ZipFile(io.BytesIO(books[key].data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        opf, folder = _package(archive)
        stated = {m.get("refines")[1:]: _seconds(m.text) for m in _metas(opf, "media:duration") if m.get("refines")}
        items = {i.get("id"): i for i in opf.iter(f"{OPF}item")}
        overlays = [i for i in items.values() if i.get("media-type") == "application/smil+xml"]
        spine = [items[r.get("idref")] for r in opf.iter(f"{OPF}itemref")]
        assert overlays and all(i.get("media-overlay") for i in spine if i.get("href").startswith("text/"))
        total = 0.0
        for overlay in overlays:
            name = posixpath.join(folder, overlay.get("href"))
            base = posixpath.dirname(name)
            pars = list(_xml(archive, name).iter(f"{SMIL}par"))
            ids_in_order: dict[str, list[str]] = {}
            cursor, audio_name = 0.0, None
            for par in pars:
                target = posixpath.normpath(posixpath.join(base, par.find(f"{SMIL}text").get("src")))
                document, _, fragment = target.partition("#")
                if document not in ids_in_order:
                    ids_in_order[document] = [e.get("id") for e in _xml(archive, document).iter() if e.get("id")]
                assert fragment in ids_in_order[document], f"{name}: no #{fragment} in {document}"
                audio = par.find(f"{SMIL}audio")
                audio_name = posixpath.normpath(posixpath.join(base, audio.get("src")))
                begin, end = _seconds(audio.get("clipBegin")), _seconds(audio.get("clipEnd"))
                assert end > begin and abs(begin - cursor) <= TOLERANCE, f"{name}: gap or overlap at {cursor}"
                cursor = end
            positions = [ids_in_order[document].index(p.find(f"{SMIL}text").get("src").split("#")[1]) for p in pars]
            assert positions == sorted(positions), f"{name}: fragments out of reading order"
            assert audio_name is not None
            decoded = miniaudio.decode(archive.read(audio_name), nchannels=1)
            length = decoded.num_frames / decoded.sample_rate
            assert abs(cursor - length) <= TOLERANCE, f"{name}: clips end at {cursor}, the audio lasts {length}"
            assert abs(stated[overlay.get("id")] - cursor) <= TOLERANCE, "the overlay's media:duration"
            total += stated[overlay.get("id")]
        (book_total,) = [m for m in _metas(opf, "media:duration") if not m.get("refines")]
        assert abs(_seconds(book_total.text) - total) <= TOLERANCE, "the book's duration is the sum of its overlays'"


def test_each_clip_holds_speech_and_starts_in_a_silence(books) -> None:
    """The clip boundaries fall in the pauses between fragments, so each clip is its own words."""
    with zipfile.ZipFile(io.BytesIO(books["every-feature"].data)) as archive:
        smil = _xml(archive, "EPUB/overlays/02-lists.smil")
        decoded = miniaudio.decode(archive.read("EPUB/audio/02-lists.mp3"), nchannels=1)
    samples = np.asarray(decoded.samples, dtype=np.float64) / 32768.0
    rate = decoded.sample_rate
    for par in smil.iter(f"{SMIL}par"):
        audio = par.find(f"{SMIL}audio")
        begin, end = (round(_seconds(audio.get(a)) * rate) for a in ("clipBegin", "clipEnd"))
        before = samples[max(0, begin - rate // 10) : begin]  # the 100 ms before it: the last one's pause
        assert before.size == 0 or np.max(np.abs(before)) < 0.01, f"a clip starts mid-speech at {begin / rate:.3f} s"
        assert np.max(np.abs(samples[begin:end])) > 0.1, "a clip with no speech in it"


@pytest.mark.parametrize("key", LEAFLETS)
def test_the_books_speech_is_at_minus_19_lufs_under_minus_1_dbtp_as_heard(key: str, books) -> None:
    """The book's MP3s, decoded by miniaudio and joined in reading order, measured by pyloudnorm and scipy:
    levelled as a whole as the audio format is (nothing else reads the book's own level back)."""
    with zipfile.ZipFile(io.BytesIO(books[key].data)) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".mp3"))
        whole = np.concatenate([sound.decode(archive.read(name)) for name in names])
    assert sound.reference_loudness(whole) == pytest.approx(-19.0, abs=mastering.LOUDNESS_ERROR_LU)
    assert sound.reference_true_peak(whole) <= mastering.HEARD_PEAK_DBTP


@pytest.mark.parametrize("key", LEAFLETS)
def test_every_text_element_is_spoken(key: str, books) -> None:
    """Every heading, paragraph, list item, cell and definition has an id, or its sentences do; all are read."""
    with zipfile.ZipFile(io.BytesIO(books[key].data)) as archive:
        spoken = {
            posixpath.normpath(posixpath.join("EPUB/overlays", t.get("src")))
            for name in archive.namelist()
            if name.endswith(".smil")
            for t in _xml(archive, name).iter(f"{SMIL}text")
        }
        for name in (n for n in archive.namelist() if n.startswith("EPUB/text/")):
            for element in _xml(archive, name).iter():
                tag = etree.QName(element).localname
                if tag not in TEXT_ELEMENTS:
                    continue
                ids = (
                    [element.get("id")] if element.get("id") else [s.get("id") for s in element.findall(f"{XHTML}span")]
                )
                assert ids, f"{name}: a <{tag}> with no id and no sentences with ids"
                assert all(f"{name}#{i}" in spoken for i in ids), f"{name}: <{tag}> {ids} is not read aloud"


def test_metadata_navigation_and_style(books) -> None:
    book = books["every-feature"]
    with zipfile.ZipFile(io.BytesIO(book.data)) as archive:
        opf, _ = _package(archive)
        values = lambda prop: [m.text for m in _metas(opf, prop)]  # noqa: E731
        assert "synchronizedAudioText" in values("schema:accessibilityFeature")
        assert {"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} <= set(
            values("schema:accessibilityFeature")
        )
        assert set(values("schema:accessModeSufficient")) >= {"textual", "auditory"}
        assert values("schema:accessibilityHazard") == ["none"]
        assert values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
        assert values("dcterms:modified") == ["2026-02-01T00:00:00Z"], "the leaflet's last date"
        (active,) = values("media:active-class")
        assert f".{active} " in archive.read("EPUB/style.css").decode()
        nav = _xml(archive, "EPUB/nav.xhtml")
        navs = {n.get(EPUB_TYPE): n for n in nav.iter(f"{XHTML}nav")}
        toc = [a.text for a in navs["toc"].iter(f"{XHTML}a")]
        assert toc == [
            book.leaflet.meta.title,
            "Lists",
            "A subsection",
            "A table and a picture",
            "Words explained",
            "About this leaflet",
        ]
        landmarks = [a.get(EPUB_TYPE) for a in navs["landmarks"].iter(f"{XHTML}a")]
        assert landmarks == ["toc", "bodymatter", "glossary"]
        glossary = _xml(archive, "EPUB/text/04-words-explained.xhtml")
        assert [dt.text for dt in glossary.iter(f"{XHTML}dt")] == ["catheter", "stent"]
        assert "EPUB/images/heart.png" in archive.namelist()


def test_the_same_source_gives_the_same_bytes_and_source_date_epoch_sets_the_date(
    books, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = books["every-feature"]
    (again,) = epub.FORMAT.write(book.leaflet, epub.Options()).files
    assert again.data == book.data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026
    (dated,) = epub.FORMAT.write(book.leaflet, epub.Options(talking=False)).files
    with zipfile.ZipFile(io.BytesIO(dated.data)) as archive:
        opf, _ = _package(archive)
        assert [m.text for m in _metas(opf, "dcterms:modified")] == ["2026-01-01T00:00:00Z"]
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_the_plain_book_has_no_speech(books) -> None:
    (plain,) = epub.FORMAT.write(books["every-feature"].leaflet, epub.Options(talking=False)).files
    assert plain.name == "every-feature.plain.epub"
    with zipfile.ZipFile(io.BytesIO(plain.data)) as archive:
        assert not [n for n in archive.namelist() if n.endswith((".smil", ".mp3"))]
        opf, _ = _package(archive)
        assert "synchronizedAudioText" not in [m.text for m in _metas(opf, "schema:accessibilityFeature")]


# The audit catches what is wrong ----------------------------------------------


def _rewrite(data: bytes, name: str, change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == name else content)
    return out.getvalue()


def test_the_readback_finds_a_missing_fragment_a_gap_and_a_wrong_duration(books, tmp_path: Path) -> None:
    data = books["every-feature"].data
    smil = "EPUB/overlays/02-lists.smil"
    cases = {
        "fragment": _rewrite(data, smil, lambda b: b.replace(b'#t2"', b'#nowhere"')),
        "clips": _rewrite(data, smil, lambda b: b.replace(b'clipBegin="0:00:00.000"', b'clipBegin="0:00:00.500"')),
        "duration": _rewrite(data, "EPUB/package.opf", lambda b: b.replace(b">0:00:", b">0:09:", 1)),
        "role": _rewrite(data, "EPUB/text/02-lists.xhtml", lambda b: b.replace(b' role="doc-chapter"', b"")),
    }
    for code, broken in cases.items():
        path = tmp_path / f"{code}.epub"
        path.write_bytes(broken)
        assert code in {d.code for d in check.readback(path)}, code


def test_without_java_the_audit_says_what_to_install(books, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check.shutil, "which", lambda name: None)
    (note,) = check.epubcheck(books["every-feature"].path)
    assert note.severity == "note" and "apt-get install -y default-jre-headless" in note.message


# Sentences -------------------------------------------------------------------


def test_sentences_keep_links_whole_and_split_bold_words() -> None:
    inlines = (
        Text("Call us. We can help. See "),
        Link("our page. It helps", "https://example.org"),
        Text(" today. "),
        Strong("Bold one. Bold two."),
    )
    pieces = split(inlines)
    assert [tuple(type(i).__name__ for i in p) for p in pieces] == [
        ("Text",),
        ("Text",),
        ("Text", "Link", "Text"),
        ("Strong",),
        ("Strong",),
    ]
    assert [i.text for p in pieces for i in p][-2:] == ["Bold one.", "Bold two."]
    assert pieces[2][1] == inlines[1], "the link is not cut"


# The speech options: the audio format's, checked by the same code ------------


def test_the_talking_book_takes_the_audio_formats_speech_options_and_names_its_variants() -> None:
    assert EPUB.option_names == {"voice", "rate", "engine"} == AUDIO.option_names
    for values in ({}, {"rate": "120"}, {"voice": "en-us"}, {"voice": "en-gb-x-rp", "rate": "100"}, {"engine": "gtts"}):
        spoken, heard = epub.FORMAT.parse(values), audio.FORMAT.parse(values)
        assert (spoken.engine, spoken.voice, spoken.rate) == (heard.engine, heard.voice, heard.rate), values
    names = {
        "x.epub": {},
        "x.120wpm.epub": {"rate": "120"},
        "x.en-us.epub": {"voice": "en-us"},
        "x.en-us.120wpm.epub": {"voice": "en-us", "rate": "120"},
        "x.gtts.epub": {"engine": "gtts"},
    }
    for name, values in names.items():
        assert EPUB.files("x", EPUB.parse(values)) == (name,), values
        assert AUDIO.files("x", AUDIO.parse(values))[0] == name.replace(".epub", ".mp3"), "named as audio names them"
    assert EPUB.files("x", EPUB.parse({"rate": "150"})) == ("x.epub",), "the default rate is the default book"
    assert EPUB.files("x", epub.Options(talking=False)) == ("x.plain.epub",)


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"rate": "300"}, "--rate 300 is out of range; give a whole number from 80 to 250"),
        ({"rate": "slow"}, "--rate 'slow' is not a whole number"),
        ({"voice": "klingon"}, "--voice 'klingon' is not known"),
        ({"engine": "gtts", "rate": "120"}, "the gtts engine speaks at its own pace"),
        ({"size": "24"}, "the epub format does not take --size; it takes --engine, --voice, --rate"),
    ],
)
def test_the_talking_book_refuses_what_audio_refuses(values: dict[str, str], says: str) -> None:
    with pytest.raises(OptionError, match=re.escape(says)):
        EPUB.parse(values)


def test_the_service_offers_the_speed_and_voice_for_the_talking_book() -> None:
    everything = registry.FORMATS
    fields = {f.name: f for f in forms.fields(everything)}
    assert "Talking e-book" in fields["rate"].formats and "Talking e-book" in fields["voice"].formats
    assert "engine" not in fields, "the online engine is not offered to patients"
    sent = forms.check({"format": "epub", "rate": "120", "voice": "en-us"}, everything, tuple(fields.values()))
    assert sent.errors == {} and sent.options == {"rate": "120", "voice": "en-us"}


def test_a_voice_in_another_language_than_the_leaflet_warns_in_the_talking_book_too(tmp_path: Path) -> None:
    leaflet = small_leaflet(tmp_path)
    made = epub.FORMAT.write(leaflet, epub.FORMAT.parse({"voice": "cy"}))
    assert [f.name for f in made.files] == ["short.cy.epub"]
    assert [w.code for w in made.warnings] == ["voice-language"] and "'cy'" in made.warnings[0].message


@pytest.fixture(scope="module")
def slower_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The NICE talking book at 120 words a minute, built as a patient would ask for it: ``leaflet build``."""
    out = tmp_path_factory.mktemp("epub-slower")
    command = shutil.which("leaflet", path=str(Path(sys.executable).parent))
    assert command, "the leaflet console script is installed beside this Python"
    args = [command, "build", NICE_ID, "--source", str(SOURCE), "--out", str(out), "--format", "epub", "--rate", "120"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    built = sorted(p.name for p in (out / NICE_ID).iterdir() if p.suffix == ".epub")
    assert built == [f"{NICE_ID}.120wpm.epub"], "the variant never replaces the default book"
    return out / NICE_ID / built[0]


def _clip_seconds(path: Path) -> float:
    with zipfile.ZipFile(path) as archive:
        return sum(
            _seconds(audio.get("clipEnd")) - _seconds(audio.get("clipBegin"))
            for name in archive.namelist()
            if name.endswith(".smil")
            for audio in _xml(archive, name).iter(f"{SMIL}audio")
        )


def test_a_slower_book_is_read_slower_and_is_as_sound_as_the_default(books, slower_book: Path) -> None:
    slower, usual = _clip_seconds(slower_book), _clip_seconds(books["nice"].path)
    assert slower > usual * 1.1, f"120 wpm: {slower:.1f} s of clips; 150 wpm: {usual:.1f} s"
    with zipfile.ZipFile(slower_book) as archive:
        opf, _ = _package(archive)
        (total,) = [m for m in _metas(opf, "media:duration") if not m.get("refines")]
    assert abs(_seconds(total.text) - slower) <= TOLERANCE * 10, "media:duration follows the overlays"
    assert {d.code for d in check.readback(slower_book)} == {"epub-summary"}, "overlays and durations add up"
    found = [m for m in check.epubcheck_messages(slower_book) if m["severity"] in {"FATAL", "ERROR", "WARNING"}]
    assert found == [], [(m["ID"], m["message"]) for m in found]
