"""Made files kept on disk: bounded in size, least recently used first out, still there after a restart.

Each entry is two files under ``<cache>/objects/<k[:2]>/``: ``<k>.data`` (the bytes) and
``<k>.json`` (the file name, type, size and sha256). Both are written atomically, the data
first, so an entry exists only once both are whole; a killed server leaves at most a
temporary file, swept at the next start. The key is a hash of what the bytes depend on
(``key``), never a name a request chose, so nothing a request says picks a path.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import mimetypes
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from leaflet.core.files import sweep_temporary, write_bytes_atomic

log = logging.getLogger("leaflet.service")

# Types the standard table may not know, or knows differently on other systems.
CONTENT_TYPES: Mapping[str, str] = {
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".mp3": "audio/mpeg",
    ".epub": "application/epub+zip",
    ".html": "text/html; charset=utf-8",
    ".brf": "text/plain; charset=us-ascii",
    ".zip": "application/zip",
}


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def key(**parts: str) -> str:
    """The cache key of whatever ``parts`` name (leaflet, format, options, publisher, source)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept file."""

    key: str
    name: str  # the file name leaflet build gives it
    size: int
    sha256: str
    path: Path  # where its bytes are

    @property
    def etag(self) -> str:
        return f'"{self.sha256[:32]}"'

    @property
    def content_type(self) -> str:
        return content_type(self.name)


class DiskCache:
    """A size-bounded least-recently-used store of made files; safe to use from several threads."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: dict[str, Entry] = {}
        self._used: dict[str, float] = {}
        (root / "objects").mkdir(parents=True, exist_ok=True)
        swept = sweep_temporary(root)
        if swept:
            log.info("removed %d unfinished file(s) left in the cache", swept)
        self._load()

    @property
    def total(self) -> int:
        with self._lock:
            return sum(e.size for e in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, entry_key: str) -> Entry | None:
        """The entry for ``entry_key`` (now the most recently used), or None."""
        with self._lock:
            entry = self._entries.get(entry_key)
            if entry is None:
                return None
            now = time.time()
            if now - self._used[entry_key] > 1:  # the order survives a restart through the files' times
                self._touch(entry, now)
            self._used[entry_key] = now
            return entry

    def put(self, entry_key: str, name: str, data: bytes) -> Entry:
        """Keep ``data`` as ``name``; drop the least recently used entries beyond the size bound."""
        base = self._base(entry_key)
        digest = hashlib.sha256(data).hexdigest()
        write_bytes_atomic(base.with_suffix(".data"), data)
        meta = {"name": name, "size": len(data), "sha256": digest}
        write_bytes_atomic(base.with_suffix(".json"), json.dumps(meta).encode())
        entry = Entry(entry_key, name, len(data), digest, base.with_suffix(".data"))
        with self._lock:
            self._entries[entry_key] = entry
            self._used[entry_key] = time.time()
            self._evict(keep=entry_key)
        return entry

    def _base(self, entry_key: str) -> Path:
        if len(entry_key) != 64 or not all(c in "0123456789abcdef" for c in entry_key):
            raise ValueError("a cache key is a sha256 in hex")
        return self.root / "objects" / entry_key[:2] / entry_key

    def _evict(self, keep: str) -> None:
        total = sum(e.size for e in self._entries.values())
        for old in sorted(self._used, key=self._used.__getitem__):
            if total <= self.max_bytes:
                break
            if old == keep:
                continue
            total -= self._entries[old].size
            self._remove(old)

    def _remove(self, entry_key: str) -> None:
        entry = self._entries.pop(entry_key)
        self._used.pop(entry_key, None)
        entry.path.with_suffix(".json").unlink(missing_ok=True)  # first: without it the data is no entry
        entry.path.unlink(missing_ok=True)

    def _touch(self, entry: Entry, now: float) -> None:
        with contextlib.suppress(OSError):
            os.utime(entry.path.with_suffix(".json"), (now, now))

    def _load(self) -> None:
        for meta_path in sorted((self.root / "objects").glob("*/*.json")):
            data_path = meta_path.with_suffix(".data")
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                size = data_path.stat().st_size
                used = meta_path.stat().st_mtime
                whole = isinstance(meta, dict) and meta.get("size") == size and isinstance(meta.get("name"), str)
            except (OSError, ValueError):
                whole = False
            if not whole:
                meta_path.unlink(missing_ok=True)
                data_path.unlink(missing_ok=True)
                continue
            entry_key = meta_path.stem
            self._entries[entry_key] = Entry(entry_key, meta["name"], size, str(meta["sha256"]), data_path)
            self._used[entry_key] = used
        for data_path in (self.root / "objects").glob("*/*.data"):
            if data_path.stem not in self._entries:  # bytes whose description was never written
                data_path.unlink(missing_ok=True)
        with self._lock:
            self._evict(keep="")
