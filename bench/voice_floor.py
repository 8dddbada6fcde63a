"""The natural voice's floor: onnxruntime alone saying a script's sentences, as the build divides them.

    .venv/bin/python bench/voice_floor.py SCRIPT.txt --jobs 2 [--voice bf_emma] [--speed 0.9091]

The script file is what the audio format said (``<id>.audio-script.txt``). Its
sentences are cut as the build cuts them and turned into Kokoro's tokens
*before* the clock starts (the front end is not the engine); then ``--jobs``
processes each load the model (one intra-op thread each, as the build's
workers) and run it over the sentences, longest first. Prints the wall time
of that part and the seconds of speech made; nothing is encoded, levelled or
kept. bench/bench_audio.py runs it beside the build.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leaflet.media.speech import voicefiles  # noqa: E402
from leaflet.media.speech.engines.neural import _pieces, speed  # noqa: E402
from leaflet.media.speech.engines.neural_worker import MODEL_RATE, Voice  # noqa: E402

_VOICE: Voice | None = None


def _load(model: str) -> None:
    global _VOICE
    _VOICE = Voice(Path(model))


def _say(job: tuple[list[list[int]], str, float]) -> int:
    """Samples made for one sentence's token parts."""
    parts, style_path, said = job
    assert _VOICE is not None
    import numpy as np

    style = np.fromfile(style_path, dtype="<f4").reshape(-1, 256)
    return sum(_VOICE._audio(ids, style, said).size for ids in parts)


def sentences_of(script: str) -> list[str]:
    """The script file's said paragraphs (its first two lines and chapter marks are not said), cut as the build
    cuts them."""
    paragraphs = "\n\n".join(p for p in script.split("\n\n")[1:] if p.strip() and not p.strip().startswith("[Chapter "))
    return [piece.text for piece in _pieces(paragraphs, [])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("script", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--voice", default="bf_emma")
    parser.add_argument("--speed", type=float, default=speed(150))
    args = parser.parse_args()
    model, _ = voicefiles.model()
    style = str(voicefiles.voice(args.voice))
    front = Voice(model)  # tokens first, off the clock
    texts = sorted(sentences_of(args.script.read_text(encoding="utf-8")), key=len, reverse=True)
    jobs = [(front._parts(front.phonemes(text)), style, args.speed) for text in texts]
    del front
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with context.Pool(args.jobs, initializer=_load, initargs=(str(model),)) as pool:
        samples = sum(pool.imap_unordered(_say, jobs))
    seconds = time.perf_counter() - started
    print(f"{seconds:.2f} s for {samples / MODEL_RATE:.1f} s of speech in {len(texts)} sentences")


if __name__ == "__main__":
    main()
