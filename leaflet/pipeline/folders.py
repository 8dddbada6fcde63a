"""Where leaflets and outputs live: the source folder's leaflet folders, and a usable output folder."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from leaflet.core.diagnostics import BuildError, Diagnostic, OptionError, SourceError, SourceErrors
from leaflet.core.model import SOURCE_NAME
from leaflet.reader import folder_name_error


def add_source(parser: argparse.ArgumentParser) -> None:
    """The ``--source DIR`` option every command that reads leaflets takes."""
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("source"),
        metavar="DIR",
        help="folder with one folder per leaflet (default: source)",
    )


def usable_out(out: Path, source: Path | None = None) -> None:
    """Refuse an output folder that is a file, lies inside one or inside the source folder, or cannot be
    written, before anything is read or locked."""
    for folder in (out, *out.parents):
        if folder.exists() and not folder.is_dir():
            raise OptionError(f"--out {out}: {folder} is a file, not a folder; give --out a folder")
    if source is not None and source.is_dir() and _inside(out, source):
        raise OptionError(
            f"--out {out} is inside the source folder {source}: outputs would be taken for sources (and every "
            "build would make every file again); give --out a folder of its own, like outputs"
        )
    existing = next(folder for folder in (out, *out.parents) if folder.exists())
    try:  # a folder made and removed where the first one would go: nothing is left behind
        Path(tempfile.mkdtemp(prefix=".leaflet-write-test-", dir=existing)).rmdir()
    except OSError as error:
        raise BuildError(
            f"--out {out}: cannot write there ({error.strerror}); give a folder you can write to"
        ) from None


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve() == folder.resolve() or path.resolve().is_relative_to(folder.resolve())


def existing_out(out: Path) -> None:
    """Refuse an output folder that is not there (``verify`` would find nothing, and say all is well)."""
    for folder in (out, *out.parents):
        if folder.exists() and not folder.is_dir():
            raise OptionError(f"--out {out}: {folder} is a file, not a folder; give --out a folder")
    if not out.is_dir():
        raise OptionError(f"--out {out}: no such folder; give --out the folder a build wrote (default: outputs)")


@dataclass(frozen=True, slots=True)
class Survey:
    """What a source folder holds: its leaflet folders, the folders that cannot be leaflets (and why), and
    the empty ones (leaflets not started yet: left out, with a warning)."""

    leaflets: tuple[Path, ...]
    refused: tuple[SourceError, ...]
    empty: tuple[Diagnostic, ...]


def survey(source_dir: Path) -> Survey:
    """Every folder of ``source_dir``, sorted, as a leaflet, a folder that cannot be one, or an empty one.

    The one place that finds leaflets: the command line, the build and the service all ask it, so a folder
    is a leaflet for all of them or for none (a hidden folder is none of these)."""
    if not source_dir.is_dir():
        raise OptionError(
            f"the source folder {source_dir} does not exist; give --source the folder that holds one folder per leaflet"
        )
    leaflets, refused, empty = [], [], []
    for folder in sorted(p for p in source_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if _empty(folder):
            empty.append(_empty_warning(folder))
        elif not (folder / SOURCE_NAME).is_file():
            message = f"the folder {folder.name} has no {SOURCE_NAME}; add one, or move the folder out of {source_dir}"
            refused.append(SourceError(folder / SOURCE_NAME, 0, message))
        elif (problem := folder_name_error(folder)) is not None:
            refused.append(problem)
        else:
            leaflets.append(folder)
    return Survey(tuple(leaflets), tuple(refused), tuple(empty))


def find_leaflets(source_dir: Path, ids: Sequence[str] = ()) -> list[Path]:
    """The leaflet folders under ``source_dir`` (all, or those named), sorted; a folder that cannot be a
    leaflet is a ``SourceError`` (every one of them), an unknown id an ``OptionError``."""
    found = survey(source_dir)
    if not ids:
        if found.refused:
            raise SourceErrors(list(found.refused))
        return list(found.leaflets)
    known = {p.name: p for p in found.leaflets}
    refused = {e.path.parent.name: e for e in found.refused}
    for wanted in ids:
        if wanted in refused:
            raise refused[wanted]
        if wanted not in known:
            listed = ", ".join(known) or "none"
            raise OptionError(f"no leaflet {wanted[:100]!r} in {source_dir}; known: {listed}")
    return [known[i] for i in dict.fromkeys(ids)]


def empty_folders(source_dir: Path, ids: Sequence[str] = ()) -> list[Diagnostic]:
    """A warning for each empty folder in ``source_dir`` (a leaflet not started yet): it is left out, not a stop."""
    if ids or not source_dir.is_dir():
        return []
    return list(survey(source_dir).empty)


def _empty_warning(folder: Path) -> Diagnostic:
    message = f"the folder {folder.name} is empty, so it is left out; write its {SOURCE_NAME} to publish it"
    return Diagnostic(folder, 0, "empty-folder", message)


def _empty(folder: Path) -> bool:
    """No files at all (hidden ones such as .DS_Store aside)."""
    return not any(
        p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts) for p in folder.rglob("*")
    )
