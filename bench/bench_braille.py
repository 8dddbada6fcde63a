"""Time the braille of each leaflet, beside liblouisutdml's file2brl on the same text.

Run: .venv/bin/python bench/bench_braille.py [RUNS]. Prints figures; asserts nothing.
file2brl (Debian: liblouisutdml-bin) is timed only where it is installed. It
gets the same print text our writer hands liblouis (title page, headings,
items, table lines, link addresses), one paragraph a block, with the same
table (en-ueb-g2.ctb), page size and page numbers; its time includes starting a process,
which is what a publisher calling it per leaflet would pay.
"""

from __future__ import annotations

import functools
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import FOLDERS, runs_asked, timed

from leaflet.core.compose import compose
from leaflet.core.text import plain
from leaflet.reader import read_leaflet
from leaflet.writers import braille
from leaflet.writers.braille import document
from leaflet.writers.braille.options import CODE_NAMES

FORM_FEED = b"\f"


def same_text(folder: Path) -> str:
    """The print our writer translates, one block a paragraph."""
    leaflet = read_leaflet(folder).leaflet
    composed = compose(leaflet)
    front = tuple(plain(line.inlines) for line in composed.front)
    code = CODE_NAMES[braille.Options().grade]
    return "\n\n".join(words.text for words in document.print_pieces(composed.title, front, code, composed.sections))


def main() -> None:
    runs = runs_asked(5)
    file2brl = shutil.which("file2brl")
    print(f"braille, {runs} runs each (median / best)")
    for folder in FOLDERS:
        leaflet = read_leaflet(folder).leaflet
        options = braille.Options()
        data = braille.FORMAT.write(leaflet, options).files[0].data
        ours = timed(functools.partial(braille.FORMAT.write, leaflet, options), runs)
        print(
            f"{folder.name[:40]:<40} ours     {statistics.median(ours) * 1000:7.1f} ms {min(ours) * 1000:7.1f} ms"
            f"   {data.count(FORM_FEED) + 1} pages, {len(data)} bytes"
        )
        if file2brl is None:
            print(f"{'':<40} file2brl not installed (apt-get install liblouisutdml-bin)")
            continue
        with tempfile.TemporaryDirectory() as work:
            text, out = Path(work) / "leaflet.txt", Path(work) / "leaflet.brf"
            text.write_text(same_text(folder), encoding="utf-8")
            command = [
                file2brl,
                "-t",
                "-CliteraryTextTable=en-ueb-g2.ctb",
                "-CcellsPerLine=40",
                "-ClinesPerPage=25",
                "-CbraillePages=yes",
                str(text),
                str(out),
            ]
            # file2brl leaves file2brl.temp in its working folder: run it in the scratch folder
            run = functools.partial(subprocess.run, command, check=True, capture_output=True, cwd=work)
            theirs = timed(run, runs)
            print(
                f"{'':<40} file2brl {statistics.median(theirs) * 1000:7.1f} ms {min(theirs) * 1000:7.1f} ms"
                f"   {out.read_bytes().count(FORM_FEED) + 1} pages, {out.stat().st_size} bytes"
            )


if __name__ == "__main__":
    main()
