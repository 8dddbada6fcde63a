"""``leaflet check`` with memory: a result is kept against the hash of what it checked.

The readability table is kept against the source's hash, and each format's
audit against the hashes of the files it read and the stamp they were built
with (the source's hash, the options and the publisher's version); so a
second check of an unchanged catalogue re-checks nothing, and files built
from an older source (an edited ``leaflet.md``, a newly added
``easy-read.md``) are reported as stale rather than audited or passed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.pipeline.jobs import stamp
from leaflet.pipeline.manifest import KeptCheck, Manifest, publisher_version, sha256_file, source_digest
from leaflet.writers import registry
from leaflet.writers.contract import AuditFunction, Format


@dataclass(frozen=True, slots=True)
class FormatCheck:
    """One format's audit result, as shown to the user."""

    format: str
    found: tuple[Diagnostic, ...]
    cached: bool  # unchanged since it last passed: not audited again
    stale: bool = False  # built from another source or version: not audited

    def failed(self, strict: bool = False) -> bool:
        """A rule broken (or, with ``strict``, a warning given)."""
        return any(d.severity == "error" or (strict and d.severity == "warning") for d in self.found)


def readability_table(leaflet: Leaflet, manifest: Manifest) -> str:
    """The readability table, from the manifest when the source has not changed."""
    key = _digest(source_digest(leaflet.folder), publisher_version())
    kept = manifest.kept_readability(key)
    if kept is not None:
        return kept
    from leaflet.checks import readability  # textstat is slow to import: only when needed

    table = readability.table(readability.report(leaflet)) + "\n" + readability.LEGEND
    manifest.keep_readability(key, table)
    return table


def audit_formats(leaflet: Leaflet, manifest: Manifest, workers: int = 1) -> list[FormatCheck]:
    """Every registered format's audit of its default files, skipped where they are unchanged since a passing
    one. The audits that run do so side by side on ``workers`` threads: most of their time is another program's
    (EPUBCheck's Java, ffmpeg) or a library's that lets go of the interpreter while it works."""
    from concurrent.futures import ThreadPoolExecutor

    source = source_digest(leaflet.folder)
    chosen = [(f, audit) for f in registry.FORMATS if (audit := f.load_audit()) is not None]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        running = [pool.submit(_audit_format, leaflet, manifest, f, audit, source) for f, audit in chosen]
        found = [future.result() for future in running]
    for (known, _), (result, key) in zip(chosen, found, strict=True):  # the manifest is changed here alone
        if not result.cached:
            passed = key is not None and not result.failed() and not result.stale
            manifest.keep_check(known.name, KeptCheck(key, result.found) if passed and key else None)
    return [result for result, _ in found]


def _audit_format(
    leaflet: Leaflet, manifest: Manifest, chosen: Format[Any], audit: AuditFunction, source: str
) -> tuple[FormatCheck, str | None]:
    """One format's result, and the key of the files it audited (None: stale, or not built)."""
    name = chosen.name
    entry = manifest.entry(name)
    if entry is not None and entry.stamp != stamp(source, name, chosen.stamped(chosen.defaults())):
        return FormatCheck(name, (_stale(leaflet, manifest, name),), cached=False, stale=True), None
    key = _files_key(manifest, name)
    kept = manifest.kept_check(name)
    if key is not None and kept is not None and kept.key == key:
        return FormatCheck(name, kept.found, cached=True), key
    return FormatCheck(name, audit_folder(chosen, leaflet, manifest.out_dir, audit), cached=False), key


def audit_folder(
    chosen: Format[Any], leaflet: Leaflet, out_dir: Path, audit: AuditFunction | None = None
) -> tuple[Diagnostic, ...]:
    """``chosen``'s audit of its default files in ``out_dir``: a note when the format needs an easy read the
    leaflet has not got, an error when the main file has not been built, else what its audit finds."""
    if chosen.reads_easy_read and leaflet.easy_read is None:
        return (Diagnostic(leaflet.folder, 0, "no-easy-read", "no easy-read.md: nothing to check", "note"),)
    files = tuple(out_dir / f for f in chosen.files(leaflet.meta.id, chosen.defaults()))
    if not files[0].exists():
        return (_not_built(files[0], leaflet.meta.id, chosen.name),)
    audit = audit or chosen.load_audit()
    return () if audit is None else audit(leaflet, files)


def _files_key(manifest: Manifest, format_name: str) -> str | None:
    """A hash of the default files of ``format_name`` as they are now, or None if unbuilt."""
    entry = manifest.entry(format_name)
    if entry is None:
        return None
    hashes = [f"stamp={entry.stamp}"]  # the source's hash, the options and the publisher's version
    for record in entry.files:
        path = manifest.out_dir / record.path
        if not path.is_file():
            return None
        hashes.append(f"{record.path}={sha256_file(path)}")
    return _digest(*hashes, publisher_version())


def _stale(leaflet: Leaflet, manifest: Manifest, format_name: str) -> Diagnostic:
    """The finding for files built from another source, other options or another publisher version."""
    message = (
        "stale: built from another version of the source or of the publisher; "
        f"run 'leaflet build {leaflet.meta.id} --format {format_name}', then check again"
    )
    return Diagnostic(manifest.out_dir, 0, "stale", message, "error")


def _not_built(path: Path, leaflet_id: str, format_name: str) -> Diagnostic:
    """The finding for a default file that is not there to audit."""
    message = f"not built yet; run 'leaflet build {leaflet_id} --format {format_name}'"
    return Diagnostic(path, 0, "not-built", message, "error")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
