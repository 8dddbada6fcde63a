"""``leaflet check`` with memory: a result is kept against the hash of what it checked.

The readability table is kept against the source's hash, and each format's
audit against the hashes of the files it read, both with the publisher's
version; so a second check of an unchanged catalogue re-checks nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from leaflet import renderers
from leaflet.manifest import Manifest, publisher_version, sha256_file, source_digest
from leaflet.model import Leaflet


@dataclass(frozen=True, slots=True)
class FormatCheck:
    """One format's audit result, as shown to the user."""

    format: str
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    cached: bool


def readability_table(leaflet: Leaflet, manifest: Manifest) -> str:
    """The readability table, from the manifest when the source has not changed."""
    key = _digest(source_digest(leaflet.folder), publisher_version())
    kept = manifest.data["checks"].get("readability", {})
    if kept.get("key") == key:
        return str(kept["table"])
    from leaflet.checks import readability  # textstat is slow to import: only when needed

    table = readability.table(readability.report(leaflet)) + "\n" + readability.LEGEND
    manifest.data["checks"]["readability"] = {"key": key, "table": table}
    return table


def audit_formats(leaflet: Leaflet, manifest: Manifest) -> list[FormatCheck]:
    """Every registered format's audit, skipped where its files are unchanged since a passing one."""
    results = []
    for name in renderers.names():
        audit: Callable[..., renderers.Audit] | None = getattr(renderers.get(name), "audit", None)
        if audit is None:
            continue
        key = _files_key(manifest, name)
        kept = manifest.data["checks"].get(name, {})
        if key is not None and kept.get("key") == key:
            results.append(FormatCheck(name, (), tuple(kept.get("notes", ())), cached=True))
            continue
        found = audit(leaflet, manifest.out_dir)
        if key is not None and not found.problems:
            manifest.data["checks"][name] = {"key": key, "notes": list(found.notes)}
        else:
            manifest.data["checks"].pop(name, None)
        results.append(FormatCheck(name, found.problems, found.notes, cached=False))
    return results


def _files_key(manifest: Manifest, format_name: str) -> str | None:
    """A hash of the default files of ``format_name`` as they are now, or None if unbuilt."""
    entry = manifest.data["outputs"].get(format_name)
    if not entry:
        return None
    hashes = []
    for record in entry["files"]:
        path = manifest.out_dir / record["path"]
        if not path.is_file():
            return None
        hashes.append(f"{record['path']}={sha256_file(path)}")
    return _digest(*hashes, publisher_version())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
