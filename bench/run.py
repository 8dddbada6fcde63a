"""Benchmarks for release builds: print figures; assert nothing about time.

    python bench/run.py [--leaflets 24] [--noop-leaflets 200] [--audio-leaflets 2]

For each format: time per leaflet and throughput with one worker, the
speed-up of two workers over one, and the peak memory of a worker; then the
time of a no-op rebuild of a large catalogue; then, where installed, the
baselines: pandoc (Markdown to docx), and eSpeak NG plus LAME on the same text.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_startup
from generate import make_catalogue

from leaflet.pipeline import build
from leaflet.pipeline.cores import usable
from leaflet.writers import registry


def timed_build(source: Path, out: Path, name: str, workers: int) -> tuple[float, int, int]:
    """Build ``name`` for every leaflet, as ``leaflet build`` does (reading included);
    return (seconds, jobs, peak worker memory in KiB)."""
    request = build.Request(source=source, out=out, formats=(name,), workers=workers, force=True)
    start = time.perf_counter()
    outcome = build.build(request)
    seconds = time.perf_counter() - start
    assert not outcome.source_errors and not outcome.failures, (outcome.source_errors, outcome.failures)
    return seconds, len(outcome.results), max((r.peak_memory_kib for r in outcome.results), default=0)


SPOKEN = ("audio", "epub")  # the formats that synthesise speech: seconds a leaflet, so fewer of them


def format_rows(work: Path, count: int, audio_count: int) -> list[str]:
    rows = []
    for name in registry.names():
        n = audio_count if name in SPOKEN else count
        if n == 0:
            continue
        source = work / f"source-{n}"
        if not source.exists():
            make_catalogue(source, n)
        one, jobs, memory = timed_build(source, work / f"out1-{name}", name, 1)
        two, _, memory2 = timed_build(source, work / f"out2-{name}", name, 2)
        rows.append(
            f"{name:16} {jobs:5d} {one / jobs * 1000:10.1f} {jobs / one:9.1f} {one / two:8.2f}x {max(memory, memory2) / 1024:9.0f}"
        )
    return rows


def noop_seconds(work: Path, count: int) -> float:
    source, out = work / f"noop-{count}", work / "noop-out"
    make_catalogue(source, count)
    # Every format but the spoken ones: making 200 recordings first would take a quarter of an hour.
    formats = [arg for name in registry.names() if name not in SPOKEN for arg in ("-f", name)]
    command = [sys.executable, "-m", "leaflet", "build", "--source", str(source), "--out", str(out), "-q", *formats]
    subprocess.run(command, check=True)
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def baselines(work: Path) -> list[str]:
    rows = []
    nice = Path(__file__).resolve().parent.parent / "source" / "microaxial-flow-pump-cardiogenic-shock" / "leaflet.md"
    if shutil.which("pandoc"):
        start = time.perf_counter()
        subprocess.run(["pandoc", str(nice), "-o", str(work / "pandoc.docx")], check=True)
        rows.append(f"pandoc Markdown -> docx (NICE leaflet): {(time.perf_counter() - start) * 1000:.0f} ms")
    else:
        rows.append("pandoc: not installed (apt-get install pandoc to compare)")
    if shutil.which("espeak-ng") and shutil.which("lame"):
        text = nice.read_text(encoding="utf-8").split("---", 2)[2]
        start = time.perf_counter()
        subprocess.run(["espeak-ng", "-w", str(work / "floor.wav"), text], check=True)
        subprocess.run(["lame", "--quiet", "-m", "m", str(work / "floor.wav"), str(work / "floor.mp3")], check=True)
        rows.append(f"eSpeak NG + LAME (NICE leaflet text): {(time.perf_counter() - start) * 1000:.0f} ms")
    else:
        rows.append("eSpeak NG + LAME: not installed (apt-get install espeak-ng lame to compare)")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leaflets", type=int, default=24, help="leaflets per format (default 24)")
    parser.add_argument(
        "--noop-leaflets", type=int, default=200, help="catalogue size for the no-op rebuild (default 200)"
    )
    parser.add_argument(
        "--audio-leaflets", type=int, default=2, help="leaflets for audio and epub, the spoken formats (default 2)"
    )
    args = parser.parse_args()
    # The spoken formats' rows time eSpeak NG: the natural voice takes minutes a leaflet and keeps its clips, so
    # a second build would only read them back; bench/bench_audio.py measures it (make bench runs both).
    os.environ.setdefault("LEAFLET_SPEECH_ENGINE", "espeak")
    print(f"speech engine for audio and epub: {os.environ['LEAFLET_SPEECH_ENGINE']}")
    print(f"machine: {platform.machine()}, {usable()} cores, Python {platform.python_version()}, {platform.system()}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"\n{'format':16} {'jobs':>5} {'ms/leaflet':>10} {'leaflets/s':>9} {'speed-up':>9} {'peak MiB':>9}")
        print("(one worker; speed-up of --jobs 2 over --jobs 1; peak resident memory of a worker)")
        for row in format_rows(work, args.leaflets, args.audio_leaflets):
            print(row, flush=True)
        print(
            f"\nno-op rebuild of {args.noop_leaflets} leaflets, every format but audio and epub (whole command): {noop_seconds(work, args.noop_leaflets):.2f} s"
        )
        print("\nbaselines:")
        for row in baselines(work):
            print(f"  {row}")
    print()
    bench_startup.main()


if __name__ == "__main__":
    main()
