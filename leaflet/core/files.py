"""Safe writes: a file appears whole or not at all; and zip archives made reproducible.

Every output is written to a temporary name in its own folder and renamed
into place, so an interrupted or failed build leaves the previous good file.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
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


@contextlib.contextmanager
def locked(folder: Path, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold ``folder/.lock`` so two builds never write into one folder at once.

    A second build waits for the first (saying so), rather than interleave.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if notify:
                notify(f"another build is writing to {folder}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sweep_temporary(folder: Path) -> int:
    """Remove temporary files a killed build left behind; return how many."""
    stale = [p for p in folder.rglob(".*.tmp") if p.is_file()] if folder.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def source_date_epoch(default: datetime) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org), else ``default``.

    For dates a format must write that do not come from the leaflet itself,
    such as the times inside a zip archive.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return datetime.fromtimestamp(int(value), tz=UTC)
    return default


# Entries some formats need first in the archive: OPC (Word) and ODF/EPUB.
_FIRST_ENTRIES = ("mimetype", "[Content_Types].xml")
_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can hold


def reproducible_zip(data: bytes, replace: Mapping[str, bytes] | None = None) -> bytes:
    """The zip archive ``data`` rewritten so the same content always gives the same bytes.

    Zip writers stamp each entry with the time of writing and the system it
    was written on. Here every entry gets one fixed time (``SOURCE_DATE_EPOCH``
    when set, else 1 January 1980), the same permissions
    and system, and a fixed order (``mimetype`` and ``[Content_Types].xml``
    first, where readers expect them; then by name). Each entry keeps its
    content and its compression method, except the entries named in
    ``replace``, which get the new content given there.
    """
    replace = replace or {}
    when = max(source_date_epoch(_EARLIEST).astimezone(UTC), _EARLIEST)
    fixed_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = source.infolist()
        ordered = sorted(entries, key=lambda e: (e.filename not in _FIRST_ENTRIES, e.filename))
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as target:
            for entry in ordered:
                info = zipfile.ZipInfo(entry.filename, date_time=fixed_time)
                info.compress_type = entry.compress_type
                info.create_system = 3  # Unix, whatever system this runs on
                info.external_attr = (0o40755 if entry.is_dir() else 0o100644) << 16
                content = replace.get(entry.filename) or source.read(entry.filename)
                target.writestr(info, content, compresslevel=6)
    return output.getvalue()
