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
from importlib import metadata
from pathlib import Path
from typing import Any

from leaflet import __version__
from leaflet.files import write_text_atomic

MANIFEST_NAME = "manifest.json"
_PACKAGE = Path(__file__).resolve().parent
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
        try:
            digest.update(f"{requirement}={metadata.version(requirement)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{requirement}=missing".encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _requirements() -> list[str]:
    """The names of the publisher's runtime dependencies, as installed."""
    try:
        requires = metadata.requires("leaflet-publisher") or []
    except metadata.PackageNotFoundError:
        return []
    return sorted({_NAME.match(r).group() for r in requires if "extra ==" not in r})  # type: ignore[union-attr]


def entry_key(format_name: str, options: Mapping[str, str]) -> str:
    """The manifest key of a format with its options: 'docx', 'docx size=24'."""
    return " ".join([format_name, *(f"{k}={v}" for k, v in sorted(options.items()))])


def stamp(source: str, format_name: str, options: Mapping[str, str]) -> str:
    """The hash of everything a format's files depend on."""
    data = {
        "source": source,
        "format": format_name,
        "options": dict(sorted(options.items())),
        "publisher": publisher_version(),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class FileRecord:
    """One output file as the manifest lists it."""

    path: str  # relative to the leaflet's output folder
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, out_dir: Path) -> FileRecord:
        return cls(path.relative_to(out_dir).as_posix(), path.stat().st_size, sha256_file(path))


def record_files(paths: Iterable[Path], out_dir: Path) -> list[FileRecord]:
    """Records for the files a renderer wrote, each once, in the order it named them."""
    return [FileRecord.of(p, out_dir) for p in dict.fromkeys(paths)]


class Manifest:
    """The manifest of one leaflet's output folder, read, changed and written whole."""

    def __init__(self, out_dir: Path, data: dict[str, Any] | None = None) -> None:
        self.out_dir = out_dir
        self.data: dict[str, Any] = data or {"outputs": {}, "checks": {}}

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(out_dir)
        if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict):
            return cls(out_dir)
        data.setdefault("checks", {})
        return cls(out_dir, data)

    def is_current(self, key: str, expected_stamp: str) -> bool:
        """True when ``key`` was built from the same inputs and its files are all still there."""
        entry = self.data["outputs"].get(key)
        if not entry or entry.get("stamp") != expected_stamp:
            return False
        return all(_same_size(self.out_dir / f["path"], f["size"]) for f in entry["files"])

    def record(
        self,
        key: str,
        format_name: str,
        options: Mapping[str, str],
        entry_stamp: str,
        files: list[FileRecord],
        warnings: list[str],
    ) -> None:
        self.data["outputs"][key] = {
            "format": format_name,
            "options": dict(sorted(options.items())),
            "stamp": entry_stamp,
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in files],
            "warnings": warnings,
        }

    def warnings(self, key: str) -> list[str]:
        """The warnings the source and the build of ``key`` gave when it was last built."""
        entry = self.data["outputs"].get(key, {})
        return [*self.data.get("source_warnings", []), *entry.get("warnings", [])]

    def files(self) -> list[dict[str, Any]]:
        return [f for entry in self.data["outputs"].values() for f in entry["files"]]

    def save(self, leaflet_id: str, source: str) -> Path:
        self.data.update({"leaflet": leaflet_id, "source_sha256": source, "publisher_version": publisher_version()})
        self.data.setdefault("source_warnings", [])
        keys = ("leaflet", "publisher_version", "source_sha256", "source_warnings", "outputs", "checks")
        ordered = {k: self.data[k] for k in keys}
        ordered["outputs"] = dict(sorted(self.data["outputs"].items()))
        ordered["checks"] = dict(sorted(self.data["checks"].items()))
        return write_text_atomic(self.out_dir / MANIFEST_NAME, json.dumps(ordered, indent=2, sort_keys=False) + "\n")


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
        path = out_dir / record["path"]
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif path.stat().st_size != record["size"] or sha256_file(path) != record["sha256"]:
            problems.append(f"{path}: changed since it was built (sha256 differs)")
    return problems
