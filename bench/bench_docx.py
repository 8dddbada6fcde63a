"""Time building the NICE leaflet's .docx, beside pandoc's time for the same Markdown.

Run: .venv/bin/python bench/bench_docx.py [RUNS]. Prints figures; asserts nothing.
pandoc is timed only where it is installed. Its document is not comparable
in content (no numbering restarts, language, alt text checks, reproducible
zip...), only in cost: it answers "is our build in the same league?".
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import NICE_FOLDER as SOURCE
from common import runs_asked, timed

from leaflet.reader import read_leaflet
from leaflet.writers import docx as word


def report(name: str, times: list[float]) -> None:
    print(f"{name:<34} median {statistics.median(times) * 1000:8.1f} ms   best {min(times) * 1000:8.1f} ms")


def main() -> None:
    runs = runs_asked(10)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        options = word.FORMAT.parse({})
        word.FORMAT.write(read_leaflet(SOURCE).leaflet, options)  # warm up imports
        print(f"{runs} runs each; leaflet {SOURCE.name}")
        report(
            "leaflet: read + write .docx", timed(lambda: word.FORMAT.write(read_leaflet(SOURCE).leaflet, options), runs)
        )
        leaflet = read_leaflet(SOURCE).leaflet
        report("leaflet: write .docx only", timed(lambda: word.FORMAT.write(leaflet, options), runs))
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("pandoc: not installed; skipped")
            return
        command = [pandoc, str(SOURCE / "leaflet.md"), "-o", str(out / "pandoc.docx")]
        report("pandoc leaflet.md -o .docx", timed(lambda: subprocess.run(command, check=True), runs))
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        print(f"({version}; its time includes starting a process)")


if __name__ == "__main__":
    main()
