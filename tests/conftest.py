"""Shared fixtures: where the leaflets are, and a way to run the CLI."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from leaflet.cli import main
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.pipeline import build
from leaflet.pipeline.checking import audit_folder
from leaflet.writers.registry import format_named

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_LEAFLETS = FIXTURES / "leaflets"
NICE_ID = "microaxial-flow-pump-cardiogenic-shock"


@pytest.fixture(autouse=True, scope="session")
def _quick_voice_and_own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The default files are said by eSpeak NG in the tests (seconds, not the natural voice's minutes): the
    natural voice's own tests (test_neural_voice.py) ask for it. Its clips go to a cache of the session's own,
    never the user's."""
    import os

    saved = {name: os.environ.get(name) for name in ("LEAFLET_SPEECH_ENGINE", "LEAFLET_CACHE")}
    os.environ["LEAFLET_SPEECH_ENGINE"] = "espeak"
    os.environ["LEAFLET_CACHE"] = str(tmp_path_factory.mktemp("leaflet-cache"))
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def all_leaflet_folders() -> list[Path]:
    """Every real leaflet and every fixture leaflet."""
    return sorted(p for base in (SOURCE, FIXTURE_LEAFLETS) for p in base.iterdir() if (p / "leaflet.md").is_file())


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    """A private copy of source/, safe to break, with one more leaflet beside the NICE one.

    A team adds its own leaflets to source/ (the README says how): no test may depend on
    which leaflets are there beyond the NICE one being among them.
    """
    target = tmp_path / "source"
    shutil.copytree(SOURCE, target)
    shutil.copytree(
        FIXTURE_LEAFLETS / "every-feature", target / "a-team-leaflet", ignore=shutil.ignore_patterns("expected.json")
    )
    return target


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run ``leaflet ARGS`` in-process; return (exit status, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Written:
    """What a writer's output became on disk: its files' paths, and its warnings."""

    paths: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...]


def render(writer: ModuleType, leaflet: Leaflet, options: object, out: Path) -> Written:
    """Run the format of the folder ``writer`` (its ``FORMAT``) and write its files into ``out`` as a build would."""
    output = writer.FORMAT.write(leaflet, options)
    return Written(build.write_files(output, out), output.warnings)


def audited(format_name: str, leaflet: Leaflet, out: Path) -> tuple[Diagnostic, ...]:
    """What ``leaflet check`` finds of ``format_name``'s default files in ``out`` (the leaflet's output folder)."""
    return audit_folder(format_named(format_name), leaflet, out)


def errors_of(found: tuple[Diagnostic, ...]) -> tuple[str, ...]:
    """The broken rules an audit found, as printed."""
    return tuple(str(d) for d in found if d.severity == "error")


def small_leaflet(where: Path, body: str = "Hello.", name: str = "short", title: str = "Short") -> Leaflet:
    """A leaflet folder ``where/name`` of front matter and ``body``, read."""
    from leaflet.reader import read_leaflet

    folder = where / name
    folder.mkdir()
    (folder / "leaflet.md").write_text(f"---\ntitle: {title}\npublisher: P\npublished: 2026-01-15\n---\n\n{body}\n")
    return read_leaflet(folder).leaflet


def damaged_png() -> bytes:
    """A PNG whose chunks and checksums are sound but whose pixel data is not (Pillow fails only on load)."""
    import io
    import struct
    import zlib

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    png, chunks, position = buffer.getvalue(), [buffer.getvalue()[:8]], 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, data = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        data = b"not deflate data" if kind == b"IDAT" else data
        chunks.append(struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data)))
        position += 12 + length
    return b"".join(chunks)
