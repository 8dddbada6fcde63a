"""Time `leaflet import` per document, beside pandoc's docx-to-Markdown on the same files.

Run: .venv/bin/python bench/bench_import.py [RUNS]. Prints figures; asserts nothing.
Each fixture leaflet and the NICE leaflet is made into a .docx by pandoc and
by python-docx (as a team's own Word file would be), then imported (reading,
mapping, writing leaflet.md and its pictures, and reading the result back
with the real reader) and converted by `pandoc -f docx -t markdown`. pandoc
writes Markdown only: no front matter, no checks, no read-back, so it answers
"is the import in the same league?", not "which is better?".
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leaflet.importers import import_document  # noqa: E402
from leaflet.reader import read_leaflet  # noqa: E402
from tests.word_from_model import write_word  # noqa: E402

ORIGINALS = [
    *sorted(p for p in (ROOT / "tests" / "fixtures" / "leaflets").iterdir() if (p / "leaflet.md").is_file()),
    ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock",
]


def timed(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    pandoc = shutil.which("pandoc")
    print(f"import time per document (median of {runs}), beside `pandoc -f docx -t markdown`")
    print(f"{'document':<58} {'KB':>6} {'import':>9} {'pandoc':>9}")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for original in ORIGINALS:
            documents = [write_word(read_leaflet(original).leaflet, work / f"{original.name}-python-docx.docx")]
            if pandoc:
                made = work / f"{original.name}-pandoc.docx"
                subprocess.run(
                    [pandoc, "-f", "markdown", "-t", "docx", "--resource-path", str(original), "-o", str(made),
                     str(original / "leaflet.md")],
                    check=True,
                )  # fmt: skip
                documents.append(made)
            for document in documents:
                mine = timed(partial(import_document, document, work / "source", "bench", force=True), runs)
                command = [pandoc or "pandoc", "-f", "docx", "-t", "markdown", str(document)]
                theirs = (
                    timed(partial(subprocess.run, command, check=True, capture_output=True), runs)
                    if pandoc
                    else float("nan")
                )
                size = document.stat().st_size / 1024
                print(f"{document.name[:58]:<58} {size:6.0f} {mine * 1000:7.0f}ms {theirs * 1000:7.0f}ms")


if __name__ == "__main__":
    main()
