"""The EPUB container: package document, media overlays, and a zip with the same bytes every time."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time

from leaflet.core.files import reproducible_zip, source_date_epoch
from leaflet.core.model import Leaflet
from leaflet.media.xhtml.fonts import FILES as FONT_FILES
from leaflet.media.xhtml.markup import attribute, text
from leaflet.media.xhtml.style import ACTIVE_CLASS
from leaflet.writers.epub.documents import NAV, STYLE, Document, Pictures
from leaflet.writers.epub.speech import Track, clock

ROOT = "EPUB"
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    f'<rootfiles><rootfile full-path="{ROOT}/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


@dataclass(frozen=True, slots=True)
class Item:
    """One file in the package: its name under EPUB/, media type, manifest properties, overlay."""

    name: str
    data: bytes
    media_type: str
    properties: str = ""
    overlay: str = ""  # the manifest id of its media overlay

    @property
    def id(self) -> str:
        return "i-" + "".join(c if c.isalnum() else "-" for c in self.name)


def modified(leaflet: Leaflet) -> str:
    """dcterms:modified: the leaflet's last date (midnight UTC), or SOURCE_DATE_EPOCH when set."""
    day = leaflet.meta.updated or leaflet.meta.published
    when = source_date_epoch(datetime.combine(day, time(0, 0), tzinfo=UTC)).astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def smil(document: Document, track: Track, audio_name: str) -> bytes:
    """The media overlay pairing each fragment of ``document`` with its clip of ``audio_name``."""
    pars = "\n".join(
        f'<par id="p{n}"><text src="../{document.name}#{c.fragment}"/>'
        f'<audio src="../{audio_name}" clipBegin="{clock(c.begin_ms)}" clipEnd="{clock(c.end_ms)}"/></par>'
        for n, c in enumerate(track.clips, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n'
        f'<body>\n<seq id="seq-{attribute(document.stem)}" epub:textref="../{document.name}">\n{pars}\n</seq>\n</body>\n</smil>\n'
    ).encode()


EVALUATOR = "the publisher's own automated checks (leaflet check: EPUBCheck and the publisher's EPUB audit)"


def summary(talking: bool, pictures: bool, certifier: str | None = None) -> str:
    said = (
        " Every heading, sentence, list item, table cell and glossary entry is read aloud by a synthetic voice"
        " and highlighted as it is read (EPUB media overlays)."
        if talking
        else ""
    )
    shown = " Pictures have text alternatives." if pictures else ""
    evaluated = (
        f"Its conformance was certified by {certifier}."
        if certifier
        else f"Its conformance was evaluated by {EVALUATOR}, not certified by an independent person or body."
    )
    return (
        "This publication meets EPUB Accessibility 1.1 and WCAG 2.2 Level AA. It has a table of contents, "
        "headings in order, real lists and tables with headers, and a glossary of hard words; the reading order "
        f"is the order of the text.{said}{shown} It has no flashing, sound-only or motion hazards. {evaluated}"
    )


def opf(
    leaflet: Leaflet,
    items: Sequence[Item],
    spine: Sequence[Item],
    durations: dict[str, int],
    narrator: str = "eSpeak NG (synthetic speech)",
) -> bytes:
    meta = leaflet.meta
    talking = bool(durations)
    pictures = any(i.media_type.startswith("image/") for i in items)
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"{meta.url or 'leaflet'}#{meta.id}.epub")
    lines = [
        f'<dc:identifier id="uid">urn:uuid:{identifier}</dc:identifier>',
        f"<dc:title>{text(meta.title)}</dc:title>",
        f"<dc:language>{text(meta.language)}</dc:language>",
        f"<dc:creator>{text(meta.publisher)}</dc:creator>",
        f"<dc:publisher>{text(meta.publisher)}</dc:publisher>",
        f"<dc:date>{meta.published.isoformat()}</dc:date>",
        f'<meta property="dcterms:modified">{modified(leaflet)}</meta>',
    ]
    if meta.isbn:
        lines.append(f"<dc:source>urn:isbn:{text(meta.isbn.replace('-', ''))}</dc:source>")
    modes = ["textual", *(["auditory"] if talking else []), *(["visual"] if pictures else [])]
    lines += [f'<meta property="schema:accessMode">{m}</meta>' for m in modes]
    sufficient = ["textual", *(["auditory"] if talking else [])]
    lines += [f'<meta property="schema:accessModeSufficient">{m}</meta>' for m in sufficient]
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    features += (["alternativeText"] if pictures else []) + (["synchronizedAudioText"] if talking else [])
    lines += [f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features]
    lines.append('<meta property="schema:accessibilityHazard">none</meta>')
    lines.append(
        f'<meta property="schema:accessibilitySummary">{text(summary(talking, pictures, meta.certifier))}</meta>'
    )
    lines.append(f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>')
    if meta.certifier:  # only a person or body the leaflet names: the publisher's own checks certify nothing
        lines.append(f'<meta property="a11y:certifiedBy">{text(meta.certifier)}</meta>')
    if talking:
        lines.append(f'<meta property="media:duration">{clock(sum(durations.values()))}</meta>')
        lines += [f'<meta property="media:duration" refines="#{k}">{clock(v)}</meta>' for k, v in durations.items()]
        lines.append(f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>')
        lines.append(f'<meta property="media:narrator">{text(narrator)}</meta>')
    manifest = []
    for item in items:
        extra = f' properties="{item.properties}"' if item.properties else ""
        extra += f' media-overlay="{item.overlay}"' if item.overlay else ""
        manifest.append(f'<item id="{item.id}" href="{attribute(item.name)}" media-type="{item.media_type}"{extra}/>')
    refs = "\n".join(f'<itemref idref="{item.id}"/>' for item in spine)
    metadata = "\n".join(lines)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{attribute(meta.language)}"'
        ' prefix="a11y: http://www.idpf.org/epub/vocab/package/a11y/#">\n'
        f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n{metadata}\n</metadata>\n'
        f"<manifest>\n{chr(10).join(manifest)}\n</manifest>\n"
        f"<spine>\n{refs}\n</spine>\n</package>\n"
    ).encode()


def package(
    leaflet: Leaflet,
    made: Sequence[Document],
    nav: bytes,
    css: bytes,
    fonts: tuple[bytes, bytes],
    pictures: Pictures,
    tracks: Sequence[Track | None],
    narrator: str = "eSpeak NG (synthetic speech)",
) -> bytes:
    """The finished .epub; ``narrator``: the voice and its licences, for the metadata."""
    items = [Item(NAV, nav, "application/xhtml+xml", "nav"), Item(STYLE, css, "text/css")]
    items += [Item(f"fonts/{name}", data, "font/ttf") for name, data in zip(FONT_FILES, fonts, strict=True)]
    items += [Item(name, data, Pictures.media_type(name)) for name, data in sorted(pictures.files.items())]
    spine: list[Item] = []
    durations: dict[str, int] = {}
    for document, track in zip(made, tracks, strict=True):
        overlay = ""
        if track is not None:
            audio = Item(f"audio/{document.stem}.mp3", track.mp3, "audio/mpeg")
            overlay_item = Item(
                f"overlays/{document.stem}.smil", smil(document, track, audio.name), "application/smil+xml"
            )
            items += [audio, overlay_item]
            overlay = overlay_item.id
            durations[overlay] = track.duration_ms
        content = Item(document.name, document.xhtml, "application/xhtml+xml", overlay=overlay)
        items.append(content)
        spine.append(content)
        if document is made[0]:
            spine.append(items[0])  # the contents, after the title page
    files = {
        f"{ROOT}/package.opf": opf(leaflet, items, spine, durations, narrator),
        "META-INF/container.xml": CONTAINER.encode(),
    }
    files.update({f"{ROOT}/{item.name}": item.data for item in items})
    return _zip(files)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in files.items():
            stored = name.endswith((".mp3", ".png", ".jpg", ".jpeg"))  # compressed already
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return reproducible_zip(buffer.getvalue())
