"""The braille audit: read each BRF back, independently of how it was made.

It checks what an embosser and a reader rely on: only braille ASCII (with
CR LF line ends and form feeds), no line longer than the cells and no page
longer than the lines the file's name promises, a braille page number at
the right of line 1 of every page counting up from 1, and, by liblouis's
back-translation of the braille, the leaflet's own words in order (web
addresses without their scheme, which liblouis cannot read back).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from leaflet.checks import error, note
from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import Leaflet
from leaflet.core.text import first_missing_word, leaflet_text, words

BRAILLE_ASCII = frozenset(range(0x20, 0x60))
CONTINUATION = '"'  # dot 5 at a line's end: the sign-group runs on to the next line
# Where liblouis 3.24's back-translation is known to slip: the lone lower wordsign for "enough" comes back "en".
BACK_TRANSLATION_SLIPS = {"en": "enough"}
# A web address's scheme: UEB writes "https://" faithfully (the colon is dots 2-5), but liblouis reads the colon
# before "/" back as other letters ("httpscc//"). The words compared leave schemes out on both sides; the rest of
# the address (host, path) is compared word by word like any other text.
_SCHEME = re.compile(r"\bhttps?[^\s/]{0,3}//", re.IGNORECASE)
_VARIANT = re.compile(r"^(?:grade(?P<grade>[12]))?-?(?:(?P<cells>\d+)x(?P<lines>\d+))?$")


@dataclass(frozen=True, slots=True)
class Promise:
    """What a BRF file's name says about it."""

    path: Path
    grade: int = 2
    cells: int = 40
    lines: int = 25


def audit(leaflet: Leaflet, files: tuple[Path, ...]) -> tuple[Diagnostic, ...]:
    """Every braille file of ``leaflet`` beside the default one checked."""
    leaflet_id, default = leaflet.meta.id, files[0]
    out_dir = default.parent
    try:
        from leaflet.writers.braille.louis import load

        louis = load()
    except Exception as problem:  # the audit reports what it cannot do, it does not crash the check
        return (error(default, "braille-liblouis", str(problem)),)
    found: list[Diagnostic] = []
    expected = words(without_schemes(leaflet_text(leaflet)))
    for promise in promises(leaflet_id, out_dir):
        table = f"en-ueb-g{promise.grade}.ctb"
        found.extend(check_file(promise, expected, functools.partial(louis.back_translate, table=table)))
    return tuple(found)


def promises(leaflet_id: str, out_dir: Path) -> Iterator[Promise]:
    """Each ``<id>.brf`` and ``<id>.<variant>.brf`` with the grade, cells and lines its name gives."""
    for path in sorted(out_dir.glob(f"{leaflet_id}*.brf")):
        variant = path.name[len(leaflet_id) : -len(".brf")].lstrip(".")
        match = _VARIANT.match(variant)
        if match is None:
            continue
        yield Promise(
            path,
            int(match["grade"] or 2),
            int(match["cells"] or 40),
            int(match["lines"] or 25),
        )


def check_file(promise: Promise, expected: list[str], back_translate: Callable[[str], str]) -> list[Diagnostic]:
    """The findings for one file: errors for each broken rule, or one note with its figures."""
    path, data = promise.path, promise.path.read_bytes()
    found: list[Diagnostic] = []
    for offset, byte in enumerate(data):
        if byte not in BRAILLE_ASCII and byte not in b"\r\n\f":
            where = data.count(b"\n", 0, offset) + 1
            found.append(error(path, "braille-ascii", f"byte 0x{byte:02x} is not braille ASCII", where))
            break
    pages = data.split(b"\f")
    text_lines: list[str] = []
    line_number = 0
    for page_number, page in enumerate(pages, start=1):
        if not page.endswith(b"\r\n") or page.count(b"\n") != page.count(b"\r\n"):
            found.append(error(path, "braille-line-end", "lines must end in CR LF", line_number + 1))
        lines = page.decode("ascii", "replace").split("\r\n")[:-1]
        if len(lines) > promise.lines:
            found.append(error(path, "braille-page", f"page {page_number} has {len(lines)} lines", line_number + 1))
        for index, line in enumerate(lines):
            if len(line) > promise.cells:
                message = f"line of {len(line)} cells (at most {promise.cells})"
                found.append(error(path, "braille-cells", message, line_number + index + 1))
        label = lines[0].strip() if lines else ""
        shown = back_translate(label).strip() if label else ""
        if not lines or lines[0][: -len(label) or None].strip() or shown != str(page_number):
            message = f"page {page_number} does not show its number at the right of line 1 (found {label!r})"
            found.append(error(path, "braille-page-number", message, line_number + 1))
        text_lines.extend(lines[1:])
        line_number += len(lines)
    print_text = without_schemes(back_translate(_join(text_lines)))
    found_words = [BACK_TRANSLATION_SLIPS.get(word, word) for word in words(print_text)]
    missing = first_missing_word(expected, found_words)
    if missing is not None:
        message = f"back-translated, the leaflet's words are not all there in order; first missing: {missing!r}"
        found.append(error(path, "braille-words", message))
    if not found:
        summary = (
            f"{path.name}: {len(pages)} pages of {promise.cells} cells by {promise.lines} lines, every word in order"
        )
        found.append(note(path, "braille-note", summary))
    return found


def without_schemes(text: str) -> str:
    """``text`` with each web address's "https://" or "http://" left out (see ``_SCHEME``)."""
    return _SCHEME.sub("", text)


def _join(lines: list[str]) -> str:
    """The braille as one run: lines joined by a space, a divided sign-group joined whole."""
    text = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if text.endswith(CONTINUATION):
            text = text[: -len(CONTINUATION)] + stripped
        else:
            text += (" " if text else "") + stripped
    return text
