"""Start-up: a single-format build as a whole process, beside the tool a team would use instead; and the first
``leaflet check`` beside the build it checks.

    python bench/bench_startup.py [RUNS]

- Word: ``leaflet build -f docx`` of the NICE leaflet against ``pandoc leaflet.md -o x.docx``;
- large-print PDF: ``leaflet build -f large-print-pdf`` against WeasyPrint printing the same leaflet as a
  web page (pandoc makes the page once, outside the timing);
- ``leaflet check``'s first run (its memory of passed audits cleared) against the build of every format.

Each figure is the median of RUNS whole processes (wall and CPU seconds, from the operating system's own
accounting of the finished process), after one run not counted. Nothing here asserts a time.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import NICE_FOLDER, runs_asked

PY = sys.executable


def measured(command: list[str], runs: int, before: Callable[[], None] | None = None) -> tuple[float, float]:
    """The median wall and CPU seconds of ``command`` over ``runs`` runs (after one not counted); ``before``
    runs ahead of each, untimed."""
    walls, cpus = [], []
    for number in range(runs + 1):
        if before:
            before()
        start = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        wall = time.perf_counter() - began
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        if number:
            walls.append(wall)
            cpus.append(end.ru_utime - start.ru_utime + end.ru_stime - start.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def row(label: str, ours: tuple[float, float], theirs: tuple[float, float] | None, name: str) -> str:
    text = f"{label:34} ours {ours[0]:6.2f} s wall {ours[1]:6.2f} s cpu"
    if theirs is None:
        return text + f"   ({name}: not installed)"
    return (
        text
        + f"   {name} {theirs[0]:6.2f} s wall {theirs[1]:6.2f} s cpu   = {ours[0] / theirs[0]:.2f}x wall, {ours[1] / theirs[1]:.2f}x cpu"
    )


def weasyprint() -> list[str] | None:
    """The command that runs WeasyPrint here, or None."""
    found = shutil.which("weasyprint")
    if found:
        return [found]
    done = subprocess.run([PY, "-c", "import weasyprint"], capture_output=True)
    return [PY, "-m", "weasyprint"] if done.returncode == 0 else None


def main() -> None:
    runs = runs_asked(5)
    source, leaflet_md = NICE_FOLDER.parent, NICE_FOLDER / "leaflet.md"
    print(f"start-up, whole process, the NICE leaflet; median of {runs} runs")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        build = [PY, "-m", "leaflet", "build", "--source", str(source), "--out", str(work / "out"), "--force", "-q"]
        pandoc = shutil.which("pandoc")
        theirs = measured([pandoc, str(leaflet_md), "-o", str(work / "p.docx")], runs) if pandoc else None
        print(row("Word (docx)", measured([*build, "-f", "docx"], runs), theirs, "pandoc"))

        printer = weasyprint()
        theirs = None
        if pandoc and printer:
            page = work / "page.html"
            subprocess.run([pandoc, str(leaflet_md), "-s", "-o", str(page)], check=True, capture_output=True)
            theirs = measured([*printer, str(page), str(work / "w.pdf")], runs)
        print(row("large-print PDF", measured([*build, "-f", "large-print-pdf"], runs), theirs, "WeasyPrint"))

        out = work / "checked"
        every = [PY, "-m", "leaflet", "build", "--source", str(source), "--out", str(out), "--force", "-q"]
        built = measured(every, 1)
        check = [PY, "-m", "leaflet", "check", "--source", str(source), "--out", str(out)]
        first = measured(check, 1, before=lambda: forget_checks(out))
        print(row("leaflet check, first run", first, built, "the build it checks"))


def forget_checks(out: Path) -> None:
    """Clear every manifest's memory of passed audits, so the next check audits everything again."""
    for manifest in out.glob("*/manifest.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["checks"] = {}
        manifest.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
