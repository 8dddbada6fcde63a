"""How long the audio build takes beside the floor: eSpeak NG alone plus LAME alone, for the same script.

    .venv/bin/python bench/bench_audio.py [LEAFLET_FOLDER]

Prints figures; asserts nothing. The floor is one process saying the whole
script section by section with pyttsx3 and eSpeak NG (no checks, no second
take), and one LAME pass over the result; the build adds the second take,
levels, the limiter, chapters and the per-section tracks.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leaflet.reader import read_leaflet  # noqa: E402
from leaflet.renderers import audio  # noqa: E402
from leaflet.speech import script as spoken  # noqa: E402
from leaflet.speech.audio import encode_mp3  # noqa: E402
from leaflet.speech.engines.offline import read_wav  # noqa: E402

SPEAK_ALL = """
import sys, threading
from pathlib import Path
from leaflet.speech.engines.espeak_worker import load_espeak
engine = load_espeak()
texts = sys.stdin.read().split("\\f")
folder = Path(sys.argv[1])
done = threading.Event()
engine.connect("finished-utterance", lambda name, completed: done.set())
engine.setProperty("voice", "gmw/en")
engine.setProperty("rate", 150)
for n, text in enumerate(texts):
    done.clear()
    engine.save_to_file(text, str(folder / f"{n:03d}.wav"))
    engine.runAndWait()
    assert done.wait(120)
"""


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
    leaflet = read_leaflet(folder).leaflet
    script = spoken.build(leaflet, 150)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        started = time.perf_counter()
        audio.write(leaflet, audio.Options())
        build = time.perf_counter() - started

        started = time.perf_counter()
        texts = "\f".join(s.text for s in script.sections)
        subprocess.run(
            [sys.executable, "-c", SPEAK_ALL, scratch],
            input=texts,
            text=True,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        speak = time.perf_counter() - started
        import numpy as np

        samples = np.concatenate([read_wav(p) for p in sorted(out.glob("*.wav"))])
        started = time.perf_counter()
        encode_mp3(samples)
        lame = time.perf_counter() - started

    minutes = samples.size / 22_050 / 60
    print(f"leaflet: {leaflet.meta.id} ({script.word_count()} words, about {minutes:.1f} min of speech)")
    print(f"audio build (render):          {build:6.2f} s")
    print(f"eSpeak NG alone (one process): {speak:6.2f} s")
    print(f"LAME alone (one pass):         {lame:6.2f} s")
    floor = speak + lame
    print(f"floor (eSpeak NG + LAME):      {floor:6.2f} s")
    print(f"build / floor:                 {build / floor:6.2f}x")


if __name__ == "__main__":
    main()
