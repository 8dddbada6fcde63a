"""Listening machines on built audio: Whisper base's word error rate and DNSMOS's overall score, per MP3.

    .venv/bin/python bench/listen.py OUT_DIR [OUT_DIR ...] [--source DIR]

For every ``<id>.mp3`` (and its ``<id>.audio-script.txt``) under each folder,
and every variant beside it (``<id>.espeak.mp3`` ...): the word error rate
Whisper base hears against the default script (the natural voice's, with the
`say:` lexicon's real words: ``leaflet.checks.listening``, numbers compared as
words), plain and with words that sound the same counted right ('alike':
'site' for 'sight', by the CMU Pronouncing Dictionary), and DNSMOS (speechmos; Microsoft's P.835 model, made for
noisy calls, run on 16 kHz mono) overall, signal and P.808 scores. Prints a
table; asserts nothing. The README's figures come from here. ``--errors``
also prints each error, the script's word against what was heard ('-' for
none), for reading whose fault it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leaflet.checks.listening import Heard, _said, comparable, listen, sound_alike  # noqa: E402


def dnsmos(path: Path) -> dict[str, float]:
    """DNSMOS's scores for the MP3 at ``path``, decoded to 16 kHz mono by miniaudio."""
    import miniaudio
    import numpy as np
    from speechmos import dnsmos as model

    decoded = miniaudio.decode_file(str(path), miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=16_000)
    samples = np.clip(np.frombuffer(decoded.samples, dtype=np.float32).astype(np.float64), -1, 1)
    found = model.run(samples, sr=16_000)
    return {name: float(found[name]) for name in ("ovrl_mos", "sig_mos", "p808_mos")}


def reference(source: Path, mp3: Path) -> str:
    """The words a listener should hear in ``mp3``: its leaflet's script with the `say:` lexicon's real words
    (eSpeak NG's respellings, 'per cue tay nee us', are how it is made to say a word: the word is what should
    be heard), and the natural voice's credit only where the natural voice speaks."""
    from leaflet.media.speech import DEFAULT_RATE
    from leaflet.media.speech import script as spoken
    from leaflet.media.speech.options import SpeechOptions
    from leaflet.reader import read_leaflet

    leaflet_id, *variant = mp3.name.removesuffix(".mp3").split(".")
    folder = next((f for f in (source / leaflet_id, ROOT / "source" / leaflet_id) if f.is_dir()), source / leaflet_id)
    leaflet = read_leaflet(folder).leaflet
    options = SpeechOptions(engine="espeak" if "espeak" in variant else "neural")
    credit = options.credit(leaflet.meta.language)
    return spoken.build(leaflet, DEFAULT_RATE, neural=True, credit=credit).as_text()


def differences(script: str, heard: Heard) -> list[tuple[str, str, bool]]:
    """Each word error on one cheapest path (Levenshtein, plain): the script's word or '-', the heard word or
    '-', and whether the two sound the same."""
    said, written = comparable(_said(script)), comparable(heard.text)
    cost = [[i + j if not i or not j else 0 for j in range(len(written) + 1)] for i in range(len(said) + 1)]
    for i in range(1, len(said) + 1):
        for j in range(1, len(written) + 1):
            same = said[i - 1] == written[j - 1]
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + (not same))
    found: list[tuple[str, str, bool]] = []
    i, j = len(said), len(written)
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (said[i - 1] != written[j - 1]):
            if said[i - 1] != written[j - 1]:
                found.append((said[i - 1], written[j - 1], sound_alike(said[i - 1], written[j - 1])))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            found.append((said[i - 1], "-", False))
            i -= 1
        else:
            found.append(("-", written[j - 1], False))
            j -= 1
    return found[::-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--source", type=Path, default=ROOT / "source", help="where the leaflets' sources are")
    parser.add_argument("--errors", action="store_true", help="print each error too")
    args = parser.parse_args()
    print(f"{'file':50} {'words':>6} {'WER':>6} {'alike':>6} {'DNSMOS':>7} {'SIG':>5} {'P.808':>6}")
    for folder in args.folders:
        for mp3 in sorted(folder.rglob("*.mp3")):
            own = mp3.with_name(mp3.name.removesuffix(".mp3") + ".audio-script.txt")
            if not own.is_file():
                continue  # a track, or a sample
            script = reference(args.source, mp3)
            heard = listen(mp3, script)
            scores = dnsmos(mp3)
            print(
                f"{mp3.name:50} {heard.words:6d} {heard.rate:6.1%} {heard.alike_rate:6.1%} "
                f"{scores['ovrl_mos']:7.2f} {scores['sig_mos']:5.2f} {scores['p808_mos']:6.2f}",
                flush=True,
            )
            if args.errors:
                for said, written, alike in differences(script, heard):
                    print(f"    {said:>20} -> {written}{'  (sounds the same)' if alike else ''}")
                print(f"    heard: {heard.text}", flush=True)


if __name__ == "__main__":
    main()
