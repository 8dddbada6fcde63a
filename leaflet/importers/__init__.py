"""``leaflet import``: a Word document or a saved web page into ``source/<id>/leaflet.md``.

``import_document`` reads the input (refusing what it cannot read: one line,
nothing written), writes the leaflet's folder whole or not at all, then reads
what it wrote with the real reader, so the report says either that the source
builds as it stands or exactly which ``file:line`` needs the author's hand.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from leaflet.core.diagnostics import LeafletError
from leaflet.importers.draft import Draft, Loss

KINDS = {".docx": "word", ".html": "page", ".htm": "page", ".xhtml": "page"}
_OTHER_KINDS = {
    ".doc": "an old Word 97-2003 document; open it in Word and save it as .docx",
    ".odt": "an OpenDocument text; save it as .docx (File > Save As > Word)",
    ".rtf": "a Rich Text file; save it as .docx",
    ".pdf": "a PDF, which keeps no reliable headings or lists; import the Word document or web page it was made from",
    ".md": "Markdown already; copy it into a leaflet folder and run 'leaflet build'",
    ".mht": "a web archive; open it in a browser and save it as 'Webpage, HTML only' (.html)",
    ".mhtml": "a web archive; open it in a browser and save it as 'Webpage, HTML only' (.html)",
}
MAX_INPUT_BYTES = 50 * 1024 * 1024


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
    hands: list[str] = field(default_factory=list)  # 'file:line: what to do'
    warnings: list[str] = field(default_factory=list)  # the reader's, when it reads the source
    builds: bool = False

    def report(self) -> list[str]:
        source = self.folder / "leaflet.md"
        lines = [
            f"imported {self.input} -> {source}" + (f" and {len(self.pictures)} picture(s)" if self.pictures else "")
        ]
        from leaflet.importers.markdown import KEYS, REQUIRED

        for key in KEYS:
            if key not in self.properties:
                if key in REQUIRED:
                    lines.append(f"  {key}: MISSING (the document does not say; left for you to write)")
                continue
            value = self.properties[key]
            lines.append(f"  {key}: {value}  (from {self.sources.get(key, 'the document')})")
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
    from leaflet.importers.markdown import emit
    from leaflet.importers.outline import settle

    draft = _read(path)
    settle(draft, prefer_heading=KINDS[path.suffix.lower()] == "page")
    chosen = leaflet_id or slug(draft.properties.get("title", "")) or slug(path.stem)
    if not chosen or slug(chosen) != chosen:
        raise ImportRefused(
            f"--id {chosen!r} is not lower-case letters, digits and hyphens; give one like --id {slug(chosen) or 'my-leaflet'}"
        )
    folder = source_dir / chosen
    if folder.exists() and not force:
        raise ImportRefused(f"{folder} already exists; give another --id, or --force to replace it")
    emitted = emit(draft)
    _write_folder(folder, emitted.text, draft.pictures)
    result = Imported(path, folder, draft.properties, draft.sources, sorted(draft.pictures), draft.losses)
    result.hands = [f"{folder / 'leaflet.md'}:{line}: {message}" for line, message in emitted.hands]
    result.builds = _reads(folder, result.hands, result.warnings)
    return result


def _read(path: Path) -> Draft:
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        what = _OTHER_KINDS.get(suffix, f"a {suffix or 'file without an extension'}")
        raise ImportRefused(
            f"{path} is {what}; 'leaflet import' takes a Word document (.docx) or a saved web page (.html)"
        )
    if not path.is_file():
        raise ImportRefused(f"{path} does not exist (or is not a file)")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise ImportRefused(f"{path} is over 50 MB, far bigger than any leaflet; check it is the right file")
    from leaflet.importers.draft import Refused

    try:
        if KINDS[suffix] == "word":
            from leaflet.importers.word import read_word

            return read_word(path)
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


def _write_folder(folder: Path, text: str, pictures: dict[str, bytes]) -> None:
    """Write the folder under a temporary name, then rename it into place (replacing the old one)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".importing", dir=folder.parent))
    try:
        (staging / "leaflet.md").write_text(text, encoding="utf-8")
        for name, data in pictures.items():
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
