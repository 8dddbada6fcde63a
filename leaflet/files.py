"""Safe writes: a file appears whole or not at all; and zip archives made reproducible.

Every output is written to a temporary name in its own folder and renamed
into place, so an interrupted or failed build leaves the previous good file.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return ``target``."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
    return target


def write_text_atomic(target: Path, text: str) -> Path:
    """Write UTF-8 ``text`` with Unix line ends to ``target`` atomically."""
    return write_bytes_atomic(target, text.encode("utf-8"))


# Entries some formats need first in the archive: OPC (Word) and ODF/EPUB.
_FIRST_ENTRIES = ("mimetype", "[Content_Types].xml")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def reproducible_zip(data: bytes) -> bytes:
    """The zip archive ``data`` rewritten so the same content always gives the same bytes.

    Zip writers stamp each entry with the time of writing and the system it
    was written on. Here every entry gets a fixed time, the same permissions
    and system, and a fixed order (``mimetype`` and ``[Content_Types].xml``
    first, where readers expect them; then by name). Each entry keeps its
    content and its compression method.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = source.infolist()
        ordered = sorted(entries, key=lambda e: (e.filename not in _FIRST_ENTRIES, e.filename))
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as target:
            for entry in ordered:
                info = zipfile.ZipInfo(entry.filename, date_time=_FIXED_TIME)
                info.compress_type = entry.compress_type
                info.create_system = 3  # Unix, whatever system this runs on
                info.external_attr = (0o40755 if entry.is_dir() else 0o100644) << 16
                target.writestr(info, source.read(entry.filename), compresslevel=6)
    return output.getvalue()
