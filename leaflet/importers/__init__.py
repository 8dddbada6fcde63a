"""``leaflet import``: a Word document, a saved web page or a PDF into ``source/<id>/leaflet.md``.

``import_document`` reads the input into a ``Document`` (model blocks and
headings; refusing what it cannot read: one line, nothing written), makes the
model's sections and metadata of it, writes the leaflet's folder with the one
source writer (``leaflet.reader.write``) whole or not at all, then reads what
it wrote with the real reader, so the report says either that the source
builds as it stands or exactly which ``file:line`` needs the author's hand.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from leaflet.core.diagnostics import LeafletError
from leaflet.core.model import Image, Leaflet, Metadata, Section
from leaflet.importers.document import Document, Loss, Refused, first_words

KINDS = {".docx": "word", ".html": "page", ".htm": "page", ".xhtml": "page", ".pdf": "pdf"}
_OTHER_KINDS = {
    ".doc": "an old Word 97-2003 document; open it in Word and save it as .docx",
    ".odt": "an OpenDocument text; save it as .docx (File > Save As > Word)",
    ".rtf": "a Rich Text file; save it as .docx",
    ".md": "Markdown already; copy it into a leaflet folder and run 'leaflet build'",
    ".mht": "a web archive; open it in a browser and save it as 'Webpage, HTML only' (.html)",
    ".mhtml": "a web archive; open it in a browser and save it as 'Webpage, HTML only' (.html)",
}
MAX_INPUT_BYTES = 50 * 1024 * 1024
KEYS = ("title", "publisher", "published", "updated", "review", "reference", "department", "language", "isbn", "url")
REQUIRED = ("title", "publisher", "published")
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_ASK = {
    "title": "the document does not say; write the leaflet's title",
    "publisher": "the document does not say; write who publishes the leaflet, e.g. 'publisher: Anytown NHS Foundation Trust'",
    "published": "the document does not say; write the day it was published, e.g. 'published: 2026-03-25'",
}
_STAND_IN = date(2000, 1, 1)  # a date the model needs where the document gave none; never written (see 'left')


class ImportRefused(LeafletError):
    """The input cannot be imported; nothing was written (exit status 2)."""


@dataclass
class Imported:
    """What an import wrote and what the author still has to do."""

    input: Path
    folder: Path
    properties: dict[str, str]
    sources: dict[str, str]
    pictures: list[str]
    losses: list[Loss]
    notes: dict[str, str] = field(default_factory=dict)  # key -> why it was left for the author
    leaflet: Leaflet | None = None  # the model the import built and wrote (its stand-ins where 'left')
    said: list[str] = field(default_factory=list)  # what the import did that the author should know
    hands: list[str] = field(default_factory=list)  # 'file:line: what to do'
    warnings: list[str] = field(default_factory=list)  # the reader's, when it reads the source
    builds: bool = False

    def report(self) -> list[str]:
        source = self.folder / "leaflet.md"
        lines = [
            f"imported {self.input} -> {source}" + (f" and {len(self.pictures)} picture(s)" if self.pictures else "")
        ]
        for key in KEYS:
            if key in self.properties:
                lines.append(f"  {key}: {self.properties[key]}  (from {self.sources.get(key, 'the document')})")
            elif key in self.notes:
                lines.append(f"  {key}: MISSING ({self.notes[key]})")
            elif key in REQUIRED:
                lines.append(f"  {key}: MISSING (the document does not say; left for you to write)")
        lines.extend(f"  {said}" for said in self.said)
        if self.losses:
            lines.append(f"  {len(self.losses)} place(s) held what the source format cannot carry:")
            lines.extend(f"    {loss}" for loss in self.losses)
        if self.builds:
            lines.append(f"  {source} passes the reader as it stands: 'leaflet build {self.folder.name}' builds it")
            lines.extend(f"    {warning}" for warning in self.warnings)
        else:
            lines.append(f"  {len(self.hands)} place(s) need your hand before it builds:")
            lines.extend(f"    {hand}" for hand in self.hands)
        return lines


def import_document(path: Path, source_dir: Path, leaflet_id: str | None = None, force: bool = False) -> Imported:
    """Import ``path`` into ``source_dir/<id>/``; raise ``ImportRefused`` (nothing written) if it cannot be."""
    from leaflet.importers.logo import take_logo
    from leaflet.importers.outline import sections
    from leaflet.importers.printed import read_printed
    from leaflet.importers.publisher import settle_publisher
    from leaflet.reader.write import write_source

    document = _read(path)
    read_printed(document)
    settle_publisher(document)
    logo = take_logo(document)
    body = _round_brackets(
        sections(document, prefer_heading={"page": "the page", "pdf": "the PDF"}.get(KINDS[path.suffix.lower()], "")),
        document,
    )
    chosen = leaflet_id or slug(document.properties.get("title", "")) or slug(path.stem)
    if not chosen or slug(chosen) != chosen:
        raise ImportRefused(
            f"--id {chosen!r} is not lower-case letters, digits and hyphens; give one like --id {slug(chosen) or 'my-leaflet'}"
        )
    folder = source_dir / chosen
    if folder.exists() and not force:
        raise ImportRefused(f"{folder} already exists; give another --id, or --force to replace it")
    leaflet = _leaflet(chosen, document, body, logo)
    left = {key: document.notes.get(key, _ASK[key]) for key in REQUIRED if key not in document.properties}
    written = write_source(leaflet, left)
    _write_folder(folder, written.files)
    pictures = sorted(name for name in written.files if not name.endswith(".md"))
    result = Imported(
        path, folder, document.properties, document.sources, pictures, document.losses, document.notes, leaflet
    )
    source = folder / "leaflet.md"
    result.said = document.said
    result.hands = [f"{source}:{written.line_of(node)}: {message}" for node, message in _hands(leaflet, left)]
    result.builds = _reads(folder, result.hands, result.warnings)
    return result


def _round_brackets(body: tuple[Section, ...], document: Document) -> tuple[Section, ...]:
    """Square brackets in the words made round: the source format reads one as a link gone wrong."""
    from leaflet.importers.inlines import round_brackets

    out = []
    for section in body:
        rounded, changed = round_brackets(section)
        for words in changed:
            what = "square brackets (kept as round ones: in a leaflet they would read as a broken link)"
            document.lose(Loss(what, section.heading, first_words(words)))
        out.append(rounded)
    return tuple(out)


def _leaflet(leaflet_id: str, document: Document, body: tuple[Section, ...], logo: Image | None = None) -> Leaflet:
    """The model of the document; a required value it did not give is a stand-in, written as a note."""
    values = document.properties

    def day(key: str) -> date | None:
        return date.fromisoformat(values[key]) if key in values else None

    meta = Metadata(
        id=leaflet_id,
        title=values.get("title", ""),
        publisher=values.get("publisher", ""),
        published=day("published") or _STAND_IN,
        updated=day("updated"),
        language=values.get("language", "en-GB"),
        isbn=values.get("isbn"),
        url=values.get("url"),
        review=day("review"),
        reference=values.get("reference"),
        department=values.get("department"),
        logo=logo,
    )
    return Leaflet(meta, body, glossary=tuple(document.glossary))


def _hands(leaflet: Leaflet, left: dict[str, str]) -> list[tuple[object, str]]:
    """(node, what the author must do) for each place the reader would refuse."""
    from leaflet.core.text import leaflet_links
    from leaflet.core.walk import body

    hands: list[tuple[object, str]] = [
        (key, f"'{key}' is missing: {note} (and remove the '#')") for key, note in left.items()
    ]
    for picture in (node for node in body(leaflet) if isinstance(node, Image)):
        if not picture.alt:
            name = picture.path.as_posix()
            hands.append(
                (
                    picture,
                    f"the picture {name} has no alt text; describe it for people who cannot see it: ![what it shows]({name})",
                )
            )
    for link in leaflet_links(leaflet):
        if not link.url.lower().startswith(LINK_SCHEMES):
            hands.append(
                (
                    link,
                    f"the link '{link.text}' goes to '{link.url or 'nowhere'}', which print and audio cannot follow; write its full address (https://...), or make it plain words",
                )
            )
    return hands


def _read(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        what = _OTHER_KINDS.get(suffix, f"a {suffix or 'file without an extension'}")
        raise ImportRefused(
            f"{path} is {what}; 'leaflet import' takes a Word document (.docx), a saved web page (.html) or a PDF (.pdf)"
        )
    if not path.is_file():
        raise ImportRefused(f"{path} does not exist (or is not a file)")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise ImportRefused(f"{path} is over 50 MB, far bigger than any leaflet; check it is the right file")
    try:
        if KINDS[suffix] == "word":
            from leaflet.importers.word import read_word

            return read_word(path)
        if KINDS[suffix] == "pdf":
            from leaflet.importers.pdf import read_pdf

            return read_pdf(path)
        from leaflet.importers.webpage import read_page

        return read_page(path)
    except Refused as refused:
        raise ImportRefused(str(refused)) from None


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and hyphens, at most about 60 characters, cut at a word."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > 60:
            break
        out = f"{out}-{word}" if out else word
    return out


def _write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Write the folder under a temporary name, then rename it into place (replacing the old one)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".importing", dir=folder.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        os.chmod(staging, 0o755)
        if folder.exists():
            old = folder.with_name(f".{folder.name}.replaced")
            shutil.rmtree(old, ignore_errors=True)
            folder.rename(old)
            staging.rename(folder)
            shutil.rmtree(old)
        else:
            staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _reads(folder: Path, hands: list[str], warnings: list[str]) -> bool:
    """Read the written folder with the real reader; its first error joins the hands if not already named."""
    from leaflet.core.diagnostics import SourceError
    from leaflet.reader import read_leaflet

    try:
        reading = read_leaflet(folder)
    except SourceError as error:
        where = f"{error.path}:{error.line}:"
        named = any(hand.startswith(where) or (f"'{key}' is missing" in hand and f"has no '{key}'" in error.message)
                    for hand in hands for key in ("title", "publisher", "published"))  # fmt: skip
        if not named:
            hands.append(f"{where} {error.message}")
        return False
    warnings.extend(str(warning) for warning in reading.warnings)
    return True
