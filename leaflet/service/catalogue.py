"""The leaflets the service offers: the folders of the source folder, read once per change.

A request names a leaflet by id; the id is looked up among the folder names listed here,
never joined to a path first, so ``..``, slashes or absolute paths find nothing.
A leaflet is read again (and its files made anew) when any of its files changes. Its easy read is
served with the pictures a person approved only: one the publisher chose and no one approved yet
is left out, its point shown without a picture.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import SOURCE_NAME, Leaflet
from leaflet.service import jobs

log = logging.getLogger("leaflet.service")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Item:
    """One leaflet: read, with the digest of the files it was read from."""

    id: str
    leaflet: Leaflet
    digest: str

    @property
    def title(self) -> str:
        return self.leaflet.meta.title


class Catalogue:
    """The source folder's leaflets, each read again only when its files change."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._read: dict[str, tuple[tuple[tuple[str, int, int], ...], Item | None]] = {}
        self._reading: dict[str, threading.Lock] = {}  # one per leaflet: held while it is read

    def ids(self) -> list[str]:
        """Every leaflet folder's name, sorted."""
        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir() if ID_PATTERN.match(p.name) and (p / SOURCE_NAME).is_file())

    def get(self, leaflet_id: str) -> Item | None:
        """The leaflet called ``leaflet_id``, or None when there is none (or its source has a mistake)."""
        # one file looked at, not the whole folder listed: items() and search() ask for every leaflet in turn
        if not ID_PATTERN.match(leaflet_id) or not (self.source / leaflet_id / SOURCE_NAME).is_file():
            return None
        folder = self.source / leaflet_id
        try:
            stamp = _fingerprint(folder)
        except OSError:
            return None
        with self._lock:
            known = self._read.get(leaflet_id)
            reading = self._reading.setdefault(leaflet_id, threading.Lock())
        if known and known[0] == stamp:
            return known[1]
        with reading:  # requests for a leaflet being read again wait for that one read
            with self._lock:
                known = self._read.get(leaflet_id)
            if known and known[0] == stamp:
                return known[1]
            item = self._load(leaflet_id, folder)
            with self._lock:
                self._read[leaflet_id] = (stamp, item)
        return item

    def items(self) -> list[Item]:
        """Every leaflet that reads without a mistake, by title."""
        found = [item for item in (self.get(i) for i in self.ids()) if item is not None]
        return sorted(found, key=lambda item: item.title.lower())

    def search(self, words: str) -> list[Item]:
        """The leaflets whose title (or id) holds every word of ``words`` (all of them, for no words)."""
        wanted = [w for w in re.findall(r"[a-z0-9]+", words.lower()) if w]
        return [i for i in self.items() if all(w in f"{i.title.lower()} {i.id}" for w in wanted)]

    def _load(self, leaflet_id: str, folder: Path) -> Item | None:
        try:
            digest = jobs.digest(folder)
            leaflet = _as_approved(jobs.read(folder))
        except SourceError as error:
            log.warning("leaflet %s is not offered: %s", leaflet_id, error.message)
            return None
        except OSError as error:
            log.warning("leaflet %s cannot be read: %s", leaflet_id, error.strerror)
            return None
        return Item(leaflet_id, leaflet, digest)


def _as_approved(leaflet: Leaflet) -> Leaflet:
    """What a patient is served: an easy-read picture no person has approved yet is left out (its point shows
    none), so the service shows only what was approved (``leaflet pictures ID --accept``)."""
    if leaflet.easy_read is None:
        return leaflet
    from leaflet.media.symbols import approved_only  # the symbol set only for a leaflet with an easy read

    return approved_only(leaflet)


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each file's name, size and change time: cheap to take on every request."""
    stamps = []
    for path in jobs.source_files(folder):
        stat = path.stat()
        stamps.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)
