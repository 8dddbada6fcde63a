"""Time the web page and the EPUB of each leaflet, beside pandoc's HTML and EPUB writers on the same source.

Run: .venv/bin/python bench/bench_digital.py [RUNS]. Prints figures; asserts nothing.

pandoc gets the leaflet's own Markdown (``-s --self-contained`` for one
self-contained page; ``-t epub3`` for the book) and its time includes
starting a process, which is what a publisher calling it per leaflet would
pay. pandoc makes no media overlays, so its EPUB is compared with our plain
book (no speech) and our talking book is shown beside both.
"""

from __future__ import annotations

import functools
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import FOLDERS, runs_asked, timed

from leaflet.reader import read_leaflet
from leaflet.writers import epub, html

TALKING_RUNS = 2  # a talking book speaks every sentence: a few seconds a run


def pandoc(folder: Path, target: Path, *args: str) -> None:
    command = ["pandoc", "leaflet.md", "-f", "markdown", "-s", "-o", str(target), *args]
    subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=300)


def show(label: str, times: list[float], size: int) -> None:
    print(
        f"  {label:34} {statistics.median(times) * 1000:9.1f} ms median {min(times) * 1000:9.1f} best {size / 1024:8.0f} KiB"
    )


def main() -> None:
    runs = runs_asked(5)
    found = shutil.which("pandoc")
    print(f"html and epub, {runs} runs each ({TALKING_RUNS} for the talking book): median and best")
    for folder in FOLDERS:
        leaflet = read_leaflet(folder).leaflet
        print(leaflet.meta.id)
        page_options, plain, talking = html.Options(), epub.Options(talking=False), epub.Options()
        page = html.FORMAT.write(leaflet, page_options).files[0].data
        show("ours: html", timed(functools.partial(html.FORMAT.write, leaflet, page_options), runs), len(page))
        book = epub.FORMAT.write(leaflet, plain).files[0].data
        show("ours: epub, plain book", timed(functools.partial(epub.FORMAT.write, leaflet, plain), runs), len(book))
        spoken = epub.FORMAT.write(leaflet, talking).files[0].data
        times = timed(functools.partial(epub.FORMAT.write, leaflet, talking), TALKING_RUNS)
        show("ours: epub, talking book", times, len(spoken))
        if found is None:
            print("  pandoc is not installed (apt-get install -y pandoc): no baseline")
            continue
        with tempfile.TemporaryDirectory() as work:
            page_out, book_out = Path(work) / "page.html", Path(work) / "book.epub"
            make_page = functools.partial(pandoc, folder, page_out, "-t", "html5", "--self-contained")
            times = timed(make_page, runs)
            show("pandoc: html (process included)", times, page_out.stat().st_size)
            times = timed(functools.partial(pandoc, folder, book_out, "-t", "epub3"), runs)
            show("pandoc: epub3 (process included)", times, book_out.stat().st_size)


if __name__ == "__main__":
    main()
