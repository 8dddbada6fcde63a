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

from leaflet import writers as renderers
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.pipeline.manifest import KeptCheck, Manifest, publisher_version, sha256_file, source_digest, stamp


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


def audit_formats(leaflet: Leaflet, manifest: Manifest) -> list[FormatCheck]:
    """Every registered format's audit, skipped where its files are unchanged since a passing one."""
    results = []
    source = source_digest(leaflet.folder)
    for record in renderers.FORMATS:
        audit = record.load_audit()
        if audit is None:
            continue
        entry = manifest.entry(record.name)
        if entry is not None and entry.stamp != stamp(source, record.name, {}):
            manifest.keep_check(record.name, None)
            results.append(FormatCheck(record.name, (_stale(leaflet, manifest, record.name),), False, stale=True))
            continue
        key = _files_key(manifest, record.name)
        kept = manifest.kept_check(record.name)
        if key is not None and kept is not None and kept.key == key:
            results.append(FormatCheck(record.name, kept.found, cached=True))
            continue
        result = FormatCheck(record.name, audit(leaflet, manifest.out_dir), cached=False)
        passed = KeptCheck(key, result.found) if key is not None and not result.failed() else None
        manifest.keep_check(record.name, passed)
        results.append(result)
    return results


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


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
