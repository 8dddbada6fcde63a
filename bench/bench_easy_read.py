"""Print how long the easy-read rules and both easy-read formats take for the NICE leaflet.

Run: .venv/bin/python bench/bench_easy_read.py [repeats]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from leaflet.checks import easyread as rules
from leaflet.reader import read_leaflet
from leaflet.renderers import easy_read, easy_read_print

FOLDER = Path(__file__).resolve().parent.parent / "source" / "microaxial-flow-pump-cardiogenic-shock"


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    leaflet = read_leaflet(FOLDER).leaflet
    with tempfile.TemporaryDirectory() as out:
        steps = {
            "rules": lambda: list(rules.find(leaflet)),
            "readability comparison": lambda: rules.compare(leaflet),
            "easy-read (.txt)": lambda: easy_read.render(leaflet, easy_read.Options(), Path(out)),
            "easy-read-print (.docx)": lambda: easy_read_print.render(leaflet, easy_read_print.Options(), Path(out)),
            "easy-read-print audit": lambda: easy_read_print.audit(leaflet, Path(out)),
        }
        for name, step in steps.items():
            step()  # warm up: imports, caches
            start = time.perf_counter()
            for _ in range(repeats):
                step()
            print(f"{name:26} {(time.perf_counter() - start) / repeats * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
