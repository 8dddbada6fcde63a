"""Print how long the easy-read rules and both easy-read formats take for the NICE leaflet.

Run: .venv/bin/python bench/bench_easy_read.py [repeats]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from leaflet.checks import easy_read as easy_read_audit
from leaflet.pipeline.build import write_files
from leaflet.pipeline.checking import audit_folder
from leaflet.reader import read_leaflet, rules
from leaflet.writers import easy_read, easy_read_print

FOLDER = Path(__file__).resolve().parent.parent / "source" / "microaxial-flow-pump-cardiogenic-shock"


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    leaflet = read_leaflet(FOLDER).leaflet
    with tempfile.TemporaryDirectory() as out:
        steps = {
            "rules": lambda: list(rules.broken_rules(leaflet)),
            "readability comparison": lambda: easy_read_audit.compare(leaflet),
            "easy-read (.txt)": lambda: easy_read.FORMAT.write(leaflet, easy_read.Options()),
            "easy-read-print (.docx)": lambda: write_files(
                easy_read_print.FORMAT.write(leaflet, easy_read_print.Options()), Path(out)
            ),
            "easy-read-print audit": lambda: audit_folder(easy_read_print.FORMAT, leaflet, Path(out)),
        }
        for name, step in steps.items():
            step()  # warm up: imports, caches
            start = time.perf_counter()
            for _ in range(repeats):
                step()
            print(f"{name:26} {(time.perf_counter() - start) / repeats * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
