"""One process that says sentences with the natural voice, each into its own WAV file.

    python -m leaflet.media.speech.engines.neural_worker --model PATH

Reads one request a line on standard input, as JSON: ``{"text": ..., "voice":
path of a style file, "speed": ..., "out": path}``; writes the clip (16-bit mono
at ``SAMPLE_RATE``) to ``out`` and answers ``ok`` on a line, or ``error: why``.

Why one thread: onnxruntime's results can change with the number of
threads it splits a sum over, so every clip is made by a session with one
intra-op thread, and a build says sentences side by side in several of
these processes instead. The same sentence then gives the same samples on
any machine and with any number of cores.

The text goes through hibari-tts's British G2P (misaki's British lexicon
and rules, an out-of-vocabulary net for unknown words); ``[word](/IPA/)``
in the text (from a `say:` entry) is taken as phonemes. The phonemes are
Kokoro's own alphabet (hibari's ``vocab.json``); at most ``MAX_PHONEMES`` go
to the model at a time, so a long sentence is said in parts cut at its
clause marks. Kokoro speaks at 24 kHz; the clip is resampled to the
pipeline's rate (a fixed polyphase filter) and trimmed to 50 ms of its own
silence at each end, so the pauses between clips are the builder's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np

MODEL_RATE = 24_000
MAX_PHONEMES = 400  # the model takes 510 tokens; its style table has a row per length up to 509
PART_GAP = 0.12  # seconds between the parts of a sentence cut at a clause mark
_QUIET = 1e-3
_CLAUSE = re.compile(r"(?<=[,;:—…])\s+")
_IPA = re.compile(r"\[([^\]]+)\]\(/([^)]*)/\)")
# IPA as people write it, in Kokoro's alphabet (misaki's): diphthongs are one letter there
_IPA_LETTERS = (("ɜr", "ɜː"), ("eɪ", "A"), ("aɪ", "I"), ("əʊ", "Q"), ("aʊ", "W"), ("ɔɪ", "Y"), ("tʃ", "ʧ"), ("dʒ", "ʤ"),
                ("r", "ɹ"), ("g", "ɡ"), (":", "ː"), ("'", "ˈ"), (",", "ˌ"))  # fmt: skip


class Voice:
    """The model, the British front end and the phoneme table, loaded once."""

    def __init__(self, model: Path) -> None:
        import hibari
        import onnxruntime
        from hibari.g2p import G2P

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # the same sums in the same order, whatever the machine
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        assets = Path(hibari.__file__).parent / "assets"
        self.vocab: dict[str, int] = json.loads((assets / "vocab.json").read_text(encoding="utf-8"))
        self.g2p = G2P(british=True)
        self.styles: dict[str, np.ndarray] = {}

    def phonemes(self, text: str) -> str:
        return str(self.g2p(_IPA.sub(lambda m: f"[{m.group(1)}](/{_kokoro_ipa(m.group(2))}/)", text)))

    def say(self, text: str, voice: str, speed: float) -> np.ndarray:
        """``text`` said: float samples at the model's rate."""
        if voice not in self.styles:
            self.styles[voice] = np.fromfile(voice, dtype="<f4").reshape(-1, 256)
        parts = [self._audio(ids, self.styles[voice], speed) for ids in self._parts(self.phonemes(text))]
        parts = [p for p in parts if p.size]
        if not parts:
            raise RuntimeError("the natural voice said nothing")
        gap = np.zeros(round(PART_GAP * MODEL_RATE), dtype=np.float32)
        return np.concatenate([piece for part in parts for piece in (part, gap)][:-1])

    def _parts(self, phonemes: str) -> list[list[int]]:
        """The phonemes as token ids, in parts of at most MAX_PHONEMES, cut at clause marks (else spaces)."""
        parts: list[str] = []
        for clause in _CLAUSE.split(phonemes):
            for piece in _pieces(clause):
                if parts and len(parts[-1]) + 1 + len(piece) <= MAX_PHONEMES:
                    parts[-1] += " " + piece
                else:
                    parts.append(piece)
        return [ids for ids in ([self.vocab[c] for c in part if c in self.vocab] for part in parts) if ids]

    def _audio(self, ids: list[int], style: np.ndarray, speed: float) -> np.ndarray:
        feed = {
            "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
            "style": style[len(ids)][np.newaxis, :],
            "speed": np.array([speed], dtype=np.float32),
        }
        return np.asarray(self.session.run(None, feed)[0], dtype=np.float32).reshape(-1)


def _pieces(clause: str) -> list[str]:
    """A clause longer than MAX_PHONEMES cut at spaces."""
    if len(clause) <= MAX_PHONEMES:
        return [clause]
    pieces = [""]
    for word in clause.split(" "):
        if pieces[-1] and len(pieces[-1]) + 1 + len(word) > MAX_PHONEMES:
            pieces.append("")
        pieces[-1] = f"{pieces[-1]} {word}".strip()
    return pieces


def _kokoro_ipa(ipa: str) -> str:
    for written, kokoro in _IPA_LETTERS:
        ipa = ipa.replace(written, kokoro)
    return ipa


def clip(samples: np.ndarray, sample_rate: int) -> bytes:
    """Model samples at ``sample_rate`` as 16-bit PCM, trimmed to 50 ms of silence at each end."""
    from scipy.signal import resample_poly

    ratio = np.gcd(sample_rate, MODEL_RATE)
    resampled = resample_poly(samples.astype(np.float64), sample_rate // ratio, MODEL_RATE // ratio)
    loud = np.flatnonzero(np.abs(resampled) > _QUIET)
    keep = int(0.05 * sample_rate)
    if loud.size:
        resampled = resampled[max(0, loud[0] - keep) : loud[-1] + 1 + keep]
    return np.clip(np.round(resampled * 32767.0), -32768, 32767).astype("<i2").tobytes()


def write(out: Path, sample_rate: int, pcm: bytes) -> None:
    temporary = out.with_name(f".{out.name}.part")
    with wave.open(str(temporary), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(sample_rate)
        audio.writeframes(pcm)
    os.replace(temporary, out)


def serve(voice: Voice, sample_rate: int, requests: Any, answers: Any) -> None:
    for line in requests:
        try:
            asked = json.loads(line)
            pcm = clip(voice.say(asked["text"], asked["voice"], float(asked["speed"])), sample_rate)
            write(Path(asked["out"]), sample_rate, pcm)
            answers.write("ok\n")
        except Exception as error:  # one line back to the builder, which names the sentence
            answers.write(f"error: {' '.join(str(error).split()) or type(error).__name__}\n")
        answers.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="neural_worker")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--sample-rate", type=int, required=True)
    args = parser.parse_args(argv)
    try:
        voice = Voice(args.model)
    except Exception as error:
        print(f"the natural voice could not start: {error}", file=sys.stderr, flush=True)
        return 1
    print("ready", flush=True)
    serve(voice, args.sample_rate, sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
