"""Benchmark (not a test): time to render the NICE leaflet's large-print PDF, and pages per second.

Run: .venv/bin/python bench/bench_large_print_pdf.py [REPEATS]
"""

from __future__ import annotations

import functools
import io
import statistics

import pikepdf
from common import NICE_FOLDER as SOURCE
from common import runs_asked, timed

from leaflet.reader import read_leaflet
from leaflet.writers import large_print_pdf


def main(repeats: int = 5) -> None:
    leaflet = read_leaflet(SOURCE).leaflet
    for values in ({}, {"size": "28", "colours": "white-on-black"}, {"size": "48"}):
        options = large_print_pdf.FORMAT.parse(values)
        (made,) = large_print_pdf.FORMAT.write(leaflet, options).files  # warm up: fonts, imports
        times = timed(functools.partial(large_print_pdf.FORMAT.write, leaflet, options), repeats)
        with pikepdf.open(io.BytesIO(made.data)) as pdf:
            pages = len(pdf.pages)
        best, median = min(times), statistics.median(times)
        label = f"{options.size}pt {options.colours}"
        print(
            f"{label:28} {pages:3d} pages  median {median * 1000:7.1f} ms  best {best * 1000:7.1f} ms  {pages / median:6.1f} pages/s"
        )


if __name__ == "__main__":
    main(runs_asked(5))
