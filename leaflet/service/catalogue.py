"""The leaflets the service offers: the folders of the source folder, read once per change, never lost to a typo.

A request names a leaflet by id; the id is checked (its form and length) before it comes near the disk,
and looked up among the leaflet folders, never joined to a path first, so ``..``, slashes or absolute paths
find nothing. A leaflet is read again (and its files made anew) when any of its files changes.

An edit that breaks a leaflet's source does not take it away from patients: the service keeps serving the
last version that read cleanly (its model, so its made files and new variants alike), and says which file
and line is wrong in its status and its log. A copy of each leaflet's last good source is kept under the
cache folder, so this holds across a restart too. When only the easy read is broken, the leaflet itself is
read afresh and the easy read stays as it last read cleanly (or, if it never did, the easy-read formats are
not offered).

Its easy read is served with the pictures a person approved only: one the publisher chose and no one
approved yet is left out, its point shown without a picture. Such a leaflet's easy-read files are not the
build's (whose draft shows every picture), so their stamp says so (``Item.stamp_source``).
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from leaflet.core.diagnostics import LeafletError, SourceError, every_error
from leaflet.core.model import EASY_READ_NAME, SOURCE_NAME, Leaflet
from leaflet.pipeline.folders import survey
from leaflet.pipeline.manifest import source_digest, source_files
from leaflet.reader import LEAFLET_ID, MAX_ID_CHARS, read_leaflet

log = logging.getLogger("leaflet.service")


@dataclass(frozen=True, slots=True)
class Item:
    """One leaflet: read, with the digest of the files it was read from."""

    id: str
    leaflet: Leaflet
    digest: str
    drafts_left_out: bool = False  # easy-read pictures no one approved were left out of ``leaflet``

    @property
    def title(self) -> str:
        return self.leaflet.meta.title

    def stamp_source(self, reads_easy_read: bool) -> str:
        """What a format's files depend on of this leaflet: its digest, and for the easy-read formats whether
        unapproved pictures were left out (the build's draft shows them, so those files are not the build's)."""
        return self.digest + ("+approved-pictures-only" if reads_easy_read and self.drafts_left_out else "")


def _item(leaflet_id: str, leaflet: Leaflet, digest: str) -> Item:
    """The leaflet as patients are served it: only approved easy-read pictures."""
    served = _as_approved(leaflet)
    return Item(leaflet_id, served, digest, served != leaflet)


@dataclass(frozen=True, slots=True)
class Broken:
    """A leaflet whose source has a mistake now: where, what, and whether its last good version is served."""

    id: str
    error: SourceError
    serving_last_good: bool

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "file": self.error.path.name,
            "line": self.error.line,
            "message": self.error.message,
            "serving": "the last version that read cleanly" if self.serving_last_good else "nothing: not offered",
        }


class Catalogue:
    """The source folder's leaflets, each read again only when its files change."""

    def __init__(self, source: Path, kept: Path | None = None) -> None:
        self.source = source
        self.kept = kept  # where each leaflet's last good source is copied (None: in memory only)
        self._lock = threading.Lock()
        self._read: dict[str, tuple[tuple[tuple[str, int, int], ...], Item | None]] = {}
        self._reading: dict[str, threading.Lock] = {}  # one per leaflet: held while it is read
        self._good: dict[str, Item] = {}  # the last version of each leaflet that read cleanly
        self._broken: dict[str, Broken] = {}
        if kept is not None:
            kept.mkdir(parents=True, exist_ok=True)

    def ids(self) -> list[str]:
        """Every leaflet folder's name, sorted (as ``leaflet build`` finds them)."""
        try:
            return [p.name for p in survey(self.source).leaflets]
        except (LeafletError, OSError):
            return []

    def get(self, leaflet_id: str) -> Item | None:
        """The leaflet called ``leaflet_id``: as it reads now, or as it last read cleanly when its source has a
        mistake now; None when there is no such leaflet, or it has never read cleanly."""
        # one file looked at, not the whole folder listed: items() and search() ask for every leaflet in turn
        if len(leaflet_id) > MAX_ID_CHARS or not LEAFLET_ID.match(leaflet_id):
            return None  # checked before the id comes near the disk
        if not (self.source / leaflet_id / SOURCE_NAME).is_file():
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

    def broken(self) -> list[Broken]:
        """Every leaflet whose source has a mistake now (as last looked at), and every folder that cannot be a
        leaflet (as ``leaflet build`` refuses it), by id."""
        try:
            refused = [Broken(e.path.parent.name, e, False) for e in survey(self.source).refused]
        except (LeafletError, OSError):
            refused = []
        with self._lock:
            return sorted([*self._broken.values(), *refused], key=lambda b: b.id)

    def items(self) -> list[Item]:
        """Every leaflet offered (as it reads now, or as it last read cleanly), by title."""
        found = [item for item in (self.get(i) for i in self.ids()) if item is not None]
        return sorted(found, key=lambda item: item.title.lower())

    def search(self, words: str) -> list[Item]:
        """The leaflets whose title (or id) holds every word of ``words`` (all of them, for no words)."""
        wanted = [w for w in re.findall(r"[a-z0-9]+", words.lower()) if w]
        return [i for i in self.items() if all(w in f"{i.title.lower()} {i.id}" for w in wanted)]

    def _load(self, leaflet_id: str, folder: Path) -> Item | None:
        try:
            item = _item(leaflet_id, read_leaflet(folder).leaflet, source_digest(folder))
        except SourceError as error:
            return self._broken_now(leaflet_id, folder, error)
        except OSError as error:
            log.warning("leaflet %s cannot be read: %s", leaflet_id, error.strerror)
            return self._good.get(leaflet_id)
        with self._lock:
            self._good[leaflet_id] = item
            if self._broken.pop(leaflet_id, None) is not None:
                log.info("leaflet %s reads cleanly again", leaflet_id)
        self._keep(folder)
        return item

    def _broken_now(self, leaflet_id: str, folder: Path, error: SourceError) -> Item | None:
        """What to offer while ``leaflet_id``'s source has ``error``: its last good version, or the leaflet
        read afresh with its last good easy read when only the easy read is broken."""
        first = every_error(error)[0]
        good = self._good.get(leaflet_id) or self._kept_version(leaflet_id)
        offered = good
        if first.path.name == EASY_READ_NAME:
            try:
                fresh = read_leaflet(folder, easy_read=False).leaflet
            except SourceError:
                fresh = None
            if fresh is not None:
                easy = good.leaflet.easy_read if good else None
                offered = _item(leaflet_id, replace(fresh, easy_read=easy), source_digest(folder))
        with self._lock:
            self._broken[leaflet_id] = Broken(leaflet_id, first, offered is not None)
        serving = "the last version that read cleanly" if offered is not None else "nothing (it never read cleanly)"
        log.warning("leaflet %s has a mistake: %s; serving %s", leaflet_id, _short(str(first)), serving)
        return offered

    def _keep(self, folder: Path) -> None:
        """Copy a source that read cleanly, so a restart can still serve it if it breaks later."""
        if self.kept is None:
            return
        target = self.kept / folder.name
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=self.kept))
            for path in source_files(folder):
                copy = staging / path.relative_to(folder)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
            old = self.kept / f".{folder.name}.old"
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        except OSError as error:
            log.warning("could not keep a copy of %s's source: %s", folder.name, error.strerror)

    def _kept_version(self, leaflet_id: str) -> Item | None:
        """The copy of ``leaflet_id``'s last good source, read (after a restart)."""
        if self.kept is None or not (self.kept / leaflet_id / SOURCE_NAME).is_file():
            return None
        copy = self.kept / leaflet_id
        try:
            item = _item(leaflet_id, read_leaflet(copy).leaflet, source_digest(copy))
        except (SourceError, OSError):
            return None
        with self._lock:
            self._good[leaflet_id] = item
        return item


def _short(text: str, most: int = 300) -> str:
    """A message for the log, cut: a request or a source may be long."""
    return text if len(text) <= most else text[: most - 1] + "…"


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
    for path in source_files(folder):
        stat = path.stat()
        stamps.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)
