"""What a build wrote and from what: ``outputs/<id>/manifest.json``.

For each format (and each personal variant) the manifest keeps the stamp of
everything the files depend on (the leaflet's source files, the options and
the publisher's version) and every file's size and sha256. A build skips a
job whose stamp is unchanged; ``leaflet verify`` re-hashes the files; a
release ships the manifest as the list of what it contains. It holds no
times, so two builds of the same sources give the same manifest.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaflet import __version__
from leaflet.core import installed
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.files import write_text_atomic

MANIFEST_NAME = "manifest.json"
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole leaflet package
_NAME = re.compile(r"[A-Za-z0-9._-]+")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_files(folder: Path) -> list[Path]:
    """Every file a leaflet's outputs can depend on: its Markdown and its pictures."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def source_digest(folder: Path) -> str:
    """One hash of the names and bytes of every file in the leaflet's folder."""
    digest = hashlib.sha256()
    for path in source_files(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def publisher_version() -> str:
    """The version, plus a digest of the code and the installed dependencies' versions.

    A change to any renderer or to a library that writes the bytes makes every
    output out of date, even without a version bump.
    """
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + path.read_bytes())
    for requirement in _requirements():
        digest.update(f"{requirement}={installed.version(requirement) or 'missing'}".encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _requirements() -> list[str]:
    """The names of the publisher's runtime dependencies, as installed."""
    requires = installed.requires("leaflet-publisher")
    return sorted({_NAME.match(r).group() for r in requires if "extra ==" not in r})  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class FileRecord:
    """One output file as the manifest lists it."""

    path: str  # relative to the leaflet's output folder
    size: int
    sha256: str

    @classmethod
    def of(cls, name: str, data: bytes) -> FileRecord:
        return cls(name, len(data), hashlib.sha256(data).hexdigest())


@dataclass(frozen=True, slots=True)
class Entry:
    """One format (or personal variant) of a leaflet: what it was built from and what it wrote."""

    format: str
    options: Mapping[str, str]
    stamp: str
    files: tuple[FileRecord, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KeptCheck:
    """A passing audit, kept against the hash of what it read."""

    key: str
    found: tuple[Diagnostic, ...]


class Manifest:
    """The manifest of one leaflet's output folder, read, changed and written whole."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.source_sha256 = ""
        self._source_warnings: tuple[str, ...] = ()
        self._outputs: dict[str, Entry] = {}
        self._checks: dict[str, KeptCheck] = {}
        self._readability: tuple[str, str] | None = None  # (key, table)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        manifest = cls(out_dir)
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
            manifest._read(data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(out_dir)  # missing or damaged: as if nothing had been built
        return manifest

    def _read(self, data: dict[str, Any]) -> None:
        self.source_sha256 = str(data.get("source_sha256", ""))
        self._source_warnings = tuple(str(w) for w in data.get("source_warnings", []))
        for key, entry in data["outputs"].items():
            files = tuple(FileRecord(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in entry["files"])
            options = {str(k): str(v) for k, v in entry.get("options", {}).items()}
            warnings = tuple(str(w) for w in entry.get("warnings", []))
            self._outputs[key] = Entry(str(entry["format"]), options, str(entry["stamp"]), files, warnings)
        for name, kept in data.get("checks", {}).items():
            if name == "readability":
                self._readability = (str(kept["key"]), str(kept["table"]))
            elif "found" in kept:
                found = tuple(_diagnostic(d) for d in kept["found"])
                self._checks[name] = KeptCheck(str(kept["key"]), found)

    def is_current(self, key: str, expected_stamp: str) -> bool:
        """True when ``key`` was built from the same inputs and its files are all still there."""
        entry = self._outputs.get(key)
        if entry is None or entry.stamp != expected_stamp:
            return False
        return all(_same_size(self.out_dir / f.path, f.size) for f in entry.files)

    def entry(self, key: str) -> Entry | None:
        return self._outputs.get(key)

    def record(self, key: str, entry: Entry) -> None:
        self._outputs[key] = entry

    def set_source_warnings(self, warnings: Iterable[str]) -> None:
        self._source_warnings = tuple(warnings)

    def source_warnings(self) -> tuple[str, ...]:
        """What reading the source warned of, when it was last built."""
        return self._source_warnings

    def warnings(self, key: str) -> list[str]:
        """The warnings the source and the build of ``key`` gave when it was last built."""
        entry = self._outputs.get(key)
        return [*self._source_warnings, *(entry.warnings if entry else ())]

    def files(self) -> list[FileRecord]:
        return [f for entry in self._outputs.values() for f in entry.files]

    def has_outputs(self) -> bool:
        return bool(self._outputs)

    def kept_check(self, name: str) -> KeptCheck | None:
        return self._checks.get(name)

    def keep_check(self, name: str, kept: KeptCheck | None) -> None:
        """Keep a passing audit's findings against ``kept.key``; None forgets it."""
        if kept is None:
            self._checks.pop(name, None)
        else:
            self._checks[name] = kept

    def kept_readability(self, key: str) -> str | None:
        return self._readability[1] if self._readability and self._readability[0] == key else None

    def keep_readability(self, key: str, table: str) -> None:
        self._readability = (key, table)

    def adopt_checks(self, other: Manifest) -> None:
        """Take ``other``'s kept checks (a check run on an older copy of this manifest)."""
        self._checks = dict(other._checks)
        self._readability = other._readability

    def save(self, leaflet_id: str, source: str) -> Path:
        self.source_sha256 = source
        checks: dict[str, object] = {
            name: {"key": kept.key, "found": [_as_json(d) for d in kept.found]} for name, kept in self._checks.items()
        }
        if self._readability:
            checks["readability"] = {"key": self._readability[0], "table": self._readability[1]}
        data = {
            "leaflet": leaflet_id,
            "publisher_version": publisher_version(),
            "source_sha256": source,
            "source_warnings": list(self._source_warnings),
            "outputs": {key: _entry_json(entry) for key, entry in sorted(self._outputs.items())},
            "checks": dict(sorted(checks.items())),
        }
        return write_text_atomic(self.out_dir / MANIFEST_NAME, json.dumps(data, indent=2, sort_keys=False) + "\n")


def _entry_json(entry: Entry) -> dict[str, object]:
    return {
        "format": entry.format,
        "options": dict(sorted(entry.options.items())),
        "stamp": entry.stamp,
        "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in entry.files],
        "warnings": list(entry.warnings),
    }


def _as_json(found: Diagnostic) -> dict[str, object]:
    return {
        "path": str(found.path),
        "line": found.line,
        "code": found.code,
        "message": found.message,
        "severity": found.severity,
    }


def _diagnostic(data: dict[str, Any]) -> Diagnostic:
    severity = data["severity"]
    if severity not in ("error", "warning", "note"):
        raise ValueError(f"unknown severity {severity!r}")
    return Diagnostic(Path(data["path"]), int(data["line"]), str(data["code"]), str(data["message"]), severity)


def _same_size(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def verify(out_dir: Path) -> list[str]:
    """Re-hash every file the manifest lists; return what is changed or missing."""
    manifest_path = out_dir / MANIFEST_NAME
    if not manifest_path.is_file():
        return [f"{manifest_path}: missing; build the leaflet to write it"]
    problems = []
    for record in Manifest.load(out_dir).files():
        path = out_dir / record.path
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif path.stat().st_size != record.size or sha256_file(path) != record.sha256:
            problems.append(f"{path}: changed since it was built (sha256 differs)")
    return problems
