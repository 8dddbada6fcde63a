"""Where leaflets and outputs live: the source folder's leaflet folders, and a usable output folder."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from leaflet.core.diagnostics import Diagnostic, OptionError, SourceError
from leaflet.reader import SOURCE_NAME


def add_source(parser: argparse.ArgumentParser) -> None:
    """The ``--source DIR`` option every command that reads leaflets takes."""
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("source"),
        metavar="DIR",
        help="folder with one folder per leaflet (default: source)",
    )


def usable_out(out: Path) -> None:
    """Refuse an output folder that is a file, or lies inside one, before anything is read or locked."""
    for folder in (out, *out.parents):
        if folder.exists() and not folder.is_dir():
            raise OptionError(f"--out {out}: {folder} is a file, not a folder; give --out a folder")


def existing_out(out: Path) -> None:
    """Refuse an output folder that is not there (``verify`` would find nothing, and say all is well)."""
    usable_out(out)
    if not out.is_dir():
        raise OptionError(f"--out {out}: no such folder; give --out the folder a build wrote (default: outputs)")


def find_leaflets(source_dir: Path, ids: Sequence[str] = ()) -> list[Path]:
    """The leaflet folders under ``source_dir`` (all, or those named), sorted; empty drafts left out."""
    if not source_dir.is_dir():
        raise OptionError(
            f"the source folder {source_dir} does not exist; give --source the folder that holds one folder per leaflet"
        )
    found = sorted(p for p in source_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not ids:
        found = [p for p in found if not _empty(p)]
        missing = [p for p in found if not (p / SOURCE_NAME).is_file()]
        if missing:
            raise SourceError(
                missing[0] / SOURCE_NAME,
                0,
                f"the folder {missing[0].name} has no {SOURCE_NAME}; add one, or move the folder out of {source_dir}",
            )
        return found
    known = {p.name: p for p in found}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise OptionError(f"no leaflet {unknown[0]!r} in {source_dir}; known: {', '.join(known) or 'none'}")
    return [known[i] for i in dict.fromkeys(ids)]


def empty_folders(source_dir: Path, ids: Sequence[str] = ()) -> list[Diagnostic]:
    """A warning for each empty folder in ``source_dir`` (a leaflet not started yet): it is left out, not a stop."""
    if ids or not source_dir.is_dir():
        return []
    return [
        Diagnostic(
            folder,
            0,
            "empty-folder",
            f"the folder {folder.name} is empty, so it is left out; write its {SOURCE_NAME} to publish it",
        )
        for folder in sorted(source_dir.iterdir())
        if folder.is_dir() and not folder.name.startswith(".") and _empty(folder)
    ]


def _empty(folder: Path) -> bool:
    """No files at all (hidden ones such as .DS_Store aside)."""
    return not any(
        p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts) for p in folder.rglob("*")
    )
