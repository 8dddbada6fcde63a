"""Audits of sources and outputs: readability, and each format's own rules for the files it wrote.

Each format's audit (``leaflet/checks/<format module>.py``, named by the format's ``FORMAT.audit``)
provides ``audit(leaflet, files) -> tuple[Diagnostic, ...]``: ``files`` are the format's default files
(the main one first; the check has made sure it is there and current). It reads them back with a library
independent of the one that wrote them and returns located findings: ``error`` for a rule broken,
``warning`` for what a careful editor would fix, ``note`` for a figure worth showing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from leaflet.core.diagnostics import Diagnostic


def error(path: Path, code: str, message: str, line: int = 0) -> Diagnostic:
    """A broken rule in a built file."""
    return Diagnostic(path, line, code, message, "error")


def note(path: Path, code: str, message: str) -> Diagnostic:
    """A figure worth showing about a built file."""
    return Diagnostic(path, 0, code, message, "note")


def from_problems(path: Path, code: str, problems: Iterable[str], notes: Iterable[str] = ()) -> tuple[Diagnostic, ...]:
    """Diagnostics from a read-back that reports its findings as sentences."""
    return (*(error(path, code, p) for p in problems), *(note(path, code, n) for n in notes))


def long_lines(path: Path, text: str, width: int) -> list[Diagnostic]:
    """An error for each line longer than ``width`` (a line that is one unbroken word, such as an address, may be)."""
    return [
        error(path, "line-length", f"line of {len(line)} characters (at most {width})", number)
        for number, line in enumerate(text.splitlines(), start=1)
        if len(line) > width and " " in line.strip()
    ]


def words_in_order(path: Path, expected: list[str], text: str, whose: str) -> list[Diagnostic]:
    """An error naming the first of ``expected`` (``whose`` words) that ``text`` does not give in order."""
    from leaflet.core.text import first_missing_word, words

    missing = first_missing_word(expected, words(text))
    if missing is None:
        return []
    message = f"{whose} words are not all there in order; first missing: {missing!r}"
    return [error(path, "words-out-of-order", message)]


def errors(found: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    """Only the broken rules."""
    return tuple(d for d in found if d.severity == "error")
