"""The natural voice's clip cache: each sentence said once, kept by what made it, used by every build.

A clip is one sentence's speech (a 16-bit mono WAV file at ``SAMPLE_RATE``),
named by the sha256 of everything that decides its samples: the engine, the
voice, the speed, the text, the model file's own sha256 and the versions of
the front end and of this code. So the MP3 and the talking book share the
sentences they both say, a rebuild after a one-sentence edit says one
sentence, and the service's variants reuse what exists; a changed model or
front end simply misses.

Where: ``$LEAFLET_CACHE/speech/`` (else ``$XDG_CACHE_HOME`` or ``~/.cache``,
then ``leaflet-publisher/speech/``), a folder per first two hex digits.
Bounded: after a build, if the clips take more than
``$LEAFLET_SPEECH_CACHE_MB`` (default 1024 MB; 0 keeps nothing), the least
recently used go until they take 80% of it (a clip's time is set when it is
used). Two builds at once are safe and share the work: a clip is written
under a temporary name and renamed into place whole, so a reader sees all
of it or none; a build claims a clip before making it (``<key>.making``,
created exclusively), and another build that needs the same clip makes
others first and then waits for it (the audio and the talking book of one
``make`` run side by side); a clip that is used is first linked into the
build's own folder, so another build trimming the cache cannot take it
away mid-use.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

VERSION = 1  # of the clips' making in leaflet/media/speech/engines/neural_worker.py: raise it when that changes
DEFAULT_MB = 1024
_KEEP_FRACTION = 0.8
STALE_SECONDS = 300.0  # a claim to be making a clip older than this has lapsed (one sentence takes seconds)


def folder() -> Path:
    base = os.environ.get("LEAFLET_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "leaflet-publisher" / "speech"


def limit_bytes() -> int:
    """The cache's bound in bytes (``$LEAFLET_SPEECH_CACHE_MB``); 0: no cache."""
    try:
        return max(0, int(os.environ.get("LEAFLET_SPEECH_CACHE_MB", DEFAULT_MB))) * 1024 * 1024
    except ValueError:
        return DEFAULT_MB * 1024 * 1024


def key(parts: Sequence[object]) -> str:
    """The name a clip made from ``parts`` has: their sha256, as JSON."""
    return hashlib.sha256(json.dumps([VERSION, *parts], ensure_ascii=False).encode("utf-8")).hexdigest()


class ClipCache:
    """Clips by key in ``root`` (``folder()``), at most ``limit`` bytes; with limit 0 it keeps nothing."""

    def __init__(self, root: Path | None = None, limit: int | None = None) -> None:
        self.root = root or folder()
        self.limit = limit_bytes() if limit is None else limit

    def _path(self, name: str) -> Path:
        return self.root / name[:2] / f"{name}.wav"

    def take(self, name: str, into: Path) -> bool:
        """Link (or copy) the clip ``name`` to ``into`` and mark it used; False if there is none."""
        if self.limit == 0:
            return False
        kept = self._path(name)
        try:
            os.link(kept, into)
        except FileNotFoundError:
            return False
        except OSError:  # another file system, or links not allowed: a copy
            try:
                shutil.copyfile(kept, into)
            except FileNotFoundError:
                return False
        with contextlib.suppress(OSError):
            os.utime(kept)  # used now: the last to go
        return True

    def keep(self, name: str, made: Path) -> None:
        """Keep the clip at ``made`` as ``name``: copied under a temporary name beside its place, renamed."""
        if self.limit == 0:
            return
        kept = self._path(name)
        kept.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".clip-", dir=kept.parent)
        os.close(handle)
        try:
            shutil.copyfile(made, temporary)
            os.replace(temporary, kept)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)

    def claim(self, name: str) -> bool:
        """Take the making of clip ``name`` for this build: False while another build is making it (its claim
        is younger than ``STALE_SECONDS``). With no cache, every build makes its own."""
        if self.limit == 0:
            return True
        lock = self._path(name).with_suffix(".making")
        lock.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                return True
            except FileExistsError:
                with contextlib.suppress(FileNotFoundError):
                    if time.time() - lock.stat().st_mtime < STALE_SECONDS:
                        return False
                    lock.unlink()  # a build that stopped without saying so: its claim lapses
        return False

    def release(self, name: str) -> None:
        """The making of clip ``name`` is over (kept, or failed): another build may make it."""
        if self.limit:
            with contextlib.suppress(FileNotFoundError):
                self._path(name).with_suffix(".making").unlink()

    def making(self, name: str) -> bool:
        """Whether another build is making clip ``name`` now."""
        lock = self._path(name).with_suffix(".making")
        with contextlib.suppress(FileNotFoundError):
            return time.time() - lock.stat().st_mtime < STALE_SECONDS
        return False

    def trim(self) -> None:
        """Past the bound, the least recently used clips go until they take 80% of it."""
        if self.limit == 0 or not self.root.is_dir():
            return
        found = []
        for clip in self.root.glob("*/*.wav"):
            with contextlib.suppress(FileNotFoundError):
                stat = clip.stat()
                found.append((stat.st_mtime_ns, stat.st_size, clip))
        total = sum(size for _, size, _ in found)
        if total <= self.limit:
            return
        for _, size, clip in sorted(found):
            with contextlib.suppress(FileNotFoundError):
                clip.unlink()
            total -= size
            if total <= self.limit * _KEEP_FRACTION:
                break
