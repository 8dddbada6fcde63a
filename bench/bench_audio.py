"""The audio build beside its floor: eSpeak NG against the espeak-ng program plus LAME, and the natural voice
against onnxruntime alone, each saying the same script, side by side in one run.

    .venv/bin/python bench/bench_audio.py [--runs N] [--voice-runs N] [--only espeak|neural]

The natural voice (the default engine, bf_emma) on the NICE leaflet: the
whole ``leaflet build --format audio --jobs 2`` from an empty clip cache,
beside ``bench/voice_floor.py`` (onnxruntime alone, two one-thread processes,
the same sentences, tokens made off the clock); the real-time factor; and a
rebuild after one sentence of the source is edited, the cache warm. Goals
(issue 23): the build at most 1.2x the floor, a rebuild under 15 s.

eSpeak NG (``--engine espeak``):

For the NICE leaflet and for a generated leaflet of about 2,500 words, it
times, turn about, ``--runs`` times each (median shown):

- the build: ``leaflet build ID --format audio --force --jobs 1``, the whole
  process, under ``/usr/bin/time -v`` for its peak memory (the largest
  resident set of the process or any it started);
- the floor: the ``espeak-ng`` program saying the whole script into a WAV
  file, then the ``lame`` program encoding it once at the build's settings
  (64 kbit/s constant, mono, ``-q 5``: like for like, as the build's
  lameenc, LAME 3.100 inside, is set); both whole processes too.

CPU time (user + system, the process's own and its children's) is shown
beside the wall time: on a machine shared with other work, wall time is
mostly waiting, and CPU time is what the build itself costs.

The goals (issue 15): the build within 1.3x of the floor, and at most
150 MiB, not growing with the leaflet's length. Prints figures; asserts
nothing. Needs the Debian packages ``espeak-ng`` and ``lame`` (it says so).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import NICE, extra_section  # noqa: E402

from leaflet.media.speech import DEFAULT_RATE  # noqa: E402
from leaflet.media.speech import script as spoken  # noqa: E402
from leaflet.media.speech.mp3 import BIT_RATE, QUALITY  # noqa: E402
from leaflet.reader import read_leaflet  # noqa: E402

LONG_WORDS = 2_500  # the generated leaflet's spoken words, at least


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float  # wall clock
    peak_mib: float
    cpu: float  # user + system seconds, its own and its children's: what a loaded machine makes it wait for


def timed(command: list[str], environment: dict[str, str] | None = None) -> Run:
    """Run ``command`` under ``/usr/bin/time -v``: its wall time and peak resident set."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=ROOT, env=environment)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    cpu = sum(float(t) for t in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr))
    return Run(seconds, int(found.group(1)) / 1024 if found else float("nan"), cpu)


def long_leaflet(source: Path) -> str:
    """Write a leaflet of at least LONG_WORDS spoken words under ``source``; return its id."""
    import random

    rng, base = random.Random(15), NICE.read_text(encoding="utf-8")
    parts: list[str] = []
    folder = source / "long-leaflet"
    folder.mkdir(parents=True)
    while True:
        parts.append(extra_section(rng, len(parts) + 1))
        text = base.replace("title: Percutaneous", "title: Long leaflet, percutaneous", 1)
        (folder / "leaflet.md").write_text(text.rstrip("\n") + "\n\n" + "\n".join(parts), encoding="utf-8")
        if spoken.build(read_leaflet(folder).leaflet, DEFAULT_RATE).word_count() >= LONG_WORDS:
            return folder.name


def measure(source: Path, leaflet_id: str, scratch: Path, runs: int) -> None:
    leaflet = read_leaflet(source / leaflet_id).leaflet
    script = spoken.build(leaflet, DEFAULT_RATE)
    text = scratch / f"{leaflet_id}.txt"
    text.write_text("\n\n".join(s.text for s in script.sections), encoding="utf-8")
    wav, mp3 = scratch / f"{leaflet_id}.wav", scratch / f"{leaflet_id}.mp3"
    build = [sys.executable, "-m", "leaflet", "build", leaflet_id, "--source", str(source), "--engine", "espeak"]
    build += ["--out", str(scratch / "out"), "--format", "audio", "--force", "--jobs", "1", "-q"]
    speak = ["espeak-ng", "-v", leaflet.meta.language.lower(), "-s", str(DEFAULT_RATE), "-w", str(wav), "-f", str(text)]
    encode = ["lame", "--silent", "-m", "m", "-b", str(BIT_RATE), "--cbr", "-q", str(QUALITY), str(wav), str(mp3)]
    builds, floors, speaks, encodes = [], [], [], []
    timed(build)  # once first, so the files and caches are warm for every timed run alike
    for _ in range(runs):  # turn about, so the machine's other work falls on both alike
        builds.append(timed(build))
        speaks.append(timed(speak))
        encodes.append(timed(encode))
        floors.append(
            Run(
                speaks[-1].seconds + encodes[-1].seconds,
                max(speaks[-1].peak_mib, encodes[-1].peak_mib),
                speaks[-1].cpu + encodes[-1].cpu,
            )
        )
    minutes = _seconds(mp3) / 60
    built, floor = _median(builds), _median(floors)
    print(f"\n{leaflet_id}: {script.word_count()} words, {len(script.sections)} sections, {minutes:.1f} min of speech")
    cpu_built, cpu_floor = _cpu(builds), _cpu(floors)
    print(
        f"  build (leaflet build --format audio --jobs 1) {built:6.2f} s   peak {_peak(builds):4.0f} MiB   cpu {cpu_built:5.2f} s"
    )
    print(
        f"  floor (espeak-ng + lame)                      {floor:6.2f} s   peak {_peak(floors):4.0f} MiB   cpu {cpu_floor:5.2f} s"
    )
    print(
        f"    espeak-ng {_median(speaks):5.2f} s (cpu {_cpu(speaks):4.2f} s), "
        f"lame {_median(encodes):5.2f} s (cpu {_cpu(encodes):4.2f} s)"
    )
    print(
        f"  build / floor                                 {built / floor:6.2f}x  (goal: 1.3x or less; cpu {cpu_built / cpu_floor:.2f}x)"
    )
    print(f"  build times: {', '.join(f'{r.seconds:.2f}' for r in builds)}")
    print(f"  build cpu:   {', '.join(f'{r.cpu:.2f}' for r in builds)}")


EDITED = ("There are uncertainties about how well this", "There are still uncertainties about how well this")


def measure_natural(source: Path, leaflet_id: str, scratch: Path, runs: int) -> None:
    """The natural voice (the default engine): the whole build on two cores from an empty clip cache, beside
    onnxruntime alone saying the same sentences in two processes (bench/voice_floor.py); the real-time factor;
    and a rebuild after one sentence of the source is edited (the cache warm)."""
    import os

    builds, floors, rebuilds = [], [], []
    out = scratch / "natural"
    for number in range(runs):
        cache = scratch / f"clips-{number}"
        environment = os.environ | {"LEAFLET_CACHE": str(cache), "LEAFLET_SPEECH_ENGINE": "neural"}
        build = [sys.executable, "-m", "leaflet", "build", leaflet_id, "--source", str(source)]
        build += ["--out", str(out), "--format", "audio", "--force", "--jobs", "2", "-q"]
        builds.append(timed(build, environment))
        script = out / leaflet_id / f"{leaflet_id}.audio-script.txt"
        printed = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "voice_floor.py"), str(script), "--jobs", "2"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        floors.append(float(printed.split()[0]))
        page = source / leaflet_id / "leaflet.md"
        original = page.read_text(encoding="utf-8")
        assert EDITED[0] in original, "the sentence the bench edits is not in the leaflet"
        page.write_text(original.replace(EDITED[0], EDITED[1], 1), encoding="utf-8")
        try:
            rebuilds.append(timed(build, environment))
        finally:
            page.write_text(original, encoding="utf-8")
    speech = _seconds(out / leaflet_id / f"{leaflet_id}.mp3")
    built, bare, rebuilt = _median(builds), statistics.median(floors), _median(rebuilds)
    print(f"\n{leaflet_id}, the natural voice (neural, bf_emma), {speech / 60:.1f} min of speech, {runs} run(s):")
    print(
        f"  build (--format audio --jobs 2, empty cache)  {built:7.1f} s   cpu {_cpu(builds):6.1f} s   peak {_peak(builds):4.0f} MiB"
    )
    print(f"  floor (onnxruntime alone, 2 processes)        {bare:7.1f} s")
    print(f"  build / floor                                 {built / bare:7.2f}x  (goal: 1.2x or less)")
    print(f"  real-time factor (build wall / speech)        {built / speech:7.2f}   (floor {bare / speech:.2f})")
    print(f"  rebuild after one edited sentence             {rebuilt:7.1f} s   (goal: under 15 s)")


def _median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def _cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


def _peak(runs: list[Run]) -> float:
    return max(r.peak_mib for r in runs)


def _seconds(mp3: Path) -> float:
    import miniaudio

    return float(miniaudio.mp3_get_file_info(str(mp3)).duration)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--voice-runs", type=int, default=1, help="runs of the natural voice (minutes each)")
    parser.add_argument("--only", choices=("espeak", "neural"), help="measure one engine")
    args = parser.parse_args()
    missing = [tool for tool in ("espeak-ng", "lame") if shutil.which(tool) is None]
    if (missing and args.only != "neural") or not Path("/usr/bin/time").exists():
        raise SystemExit(
            f"the floor needs eSpeak NG, LAME and GNU time: apt-get install -y espeak-ng lame time ({missing})"
        )
    with tempfile.TemporaryDirectory(prefix="bench-audio-") as folder:
        scratch = Path(folder)
        source = scratch / "source"
        shutil.copytree(NICE.parent, source / NICE.parent.name)
        print(f"{args.runs} runs each, turn about; medians. Machine: {_machine()}")
        if args.only != "neural":
            for leaflet_id in (NICE.parent.name, long_leaflet(source)):
                measure(source, leaflet_id, scratch, args.runs)
        if args.only != "espeak":
            measure_natural(source, NICE.parent.name, scratch, args.voice_runs)


def _machine() -> str:
    import os
    import platform

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        names = re.findall(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        model = names[0].strip() if names else model
    return f"{model}, {os.cpu_count()} cores, load average {load}"


if __name__ == "__main__":
    main()
