"""Print what easy-read pictures cost: reading (choose and draw) and writing the easy-read print, with and without.

Run: .venv/bin/python bench/bench_pictures.py [repeats]

Times are processor time (``time.process_time``), as the build machine is
shared. The print is written from the same model twice: as read (a picture beside
every point) and with the pictures taken out (every picture cell empty, as
before pictures). Reading is timed in fresh processes, so the first use of
the symbol set (loading the names, building the index, drawing each symbol)
is counted, not hidden by a warm cache.
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from leaflet.core.model import EasyRead, Leaflet
from leaflet.reader import read_leaflet
from leaflet.writers import easy_read_print

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock"
_READ = """
import sys, time
from pathlib import Path
if sys.argv[1] == "without":
    import leaflet.reader.easyread
    leaflet.reader.easyread._with_pictures = lambda sections, reader: tuple(sections)  # as the author wrote them
from leaflet.reader import read_leaflet
start = time.process_time()
read_leaflet(Path(sys.argv[2]))
print(time.process_time() - start)
"""


def without_pictures(leaflet: Leaflet) -> Leaflet:
    assert leaflet.easy_read is not None
    sections = tuple(
        dataclasses.replace(section, points=tuple(dataclasses.replace(p, picture=None) for p in section.points))
        for section in leaflet.easy_read.sections
    )
    easy: EasyRead = dataclasses.replace(leaflet.easy_read, sections=sections)
    return dataclasses.replace(leaflet, easy_read=easy)


def best_of(step: Callable[[], object], repeats: int) -> float:
    """The least processor time of ``repeats`` runs (processor, not wall-clock, time: the machine is shared)."""
    step()  # warm up: imports
    times = []
    for _ in range(repeats):
        start = time.process_time()
        step()
        times.append(time.process_time() - start)
    return min(times)


def read_in_fresh_process(kind: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-c", _READ, kind, str(FOLDER)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout))
    return statistics.median(times)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with_them = read_leaflet(FOLDER).leaflet
    bare = without_pictures(with_them)
    assert with_them.easy_read is not None
    points = [p for s in with_them.easy_read.sections for p in s.points]
    print(f"NICE easy read: {len(points)} points, {sum(1 for p in points if p.picture)} with a picture")
    options = easy_read_print.FORMAT.parse({})
    write_with = best_of(lambda: easy_read_print.FORMAT.write(with_them, options), repeats)
    write_without = best_of(lambda: easy_read_print.FORMAT.write(bare, options), repeats)
    read_with = read_in_fresh_process("with", max(3, repeats // 3))
    read_without = read_in_fresh_process("without", max(3, repeats // 3))
    print(f"{'step':44} {'with':>9} {'without':>9} {'ratio':>6}")
    for name, a, b in (
        ("write the easy-read print (least of runs)", write_with, write_without),
        ("read the leaflet, fresh process (median)", read_with, read_without),
        ("both", write_with + read_with, write_without + read_without),
    ):
        print(f"{name:44} {a * 1000:7.0f}ms {b * 1000:7.0f}ms {a / b:5.2f}x")


if __name__ == "__main__":
    main()
