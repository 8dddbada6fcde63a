"""The NHS test leaflet of issue 25 (tests/fixtures/leaflets/cystoscopy), copied so a test can change it.

``plain_copy`` leaves out what only this issue's reader knows (``logo``, ``certified-by``), so a test of a
finding that has nothing to do with them reads the same leaflet on the code before the fix too, and fails
there for the finding's own reason.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from leaflet.core.model import Leaflet
from leaflet.reader import read_leaflet
from tests.conftest import FIXTURE_LEAFLETS

FIXTURE = FIXTURE_LEAFLETS / "cystoscopy"
LOGO_ALT = "Anytown Hospitals NHS Foundation Trust"
KINDS = ("emergency", "urgent", "non-urgent", "important", "warning", "caution", "note", "tip")
LABELS = {
    "emergency": "Emergency: Call 999",
    "urgent": "Urgent: Call 111",
    "non-urgent": "Non-urgent: If you",
    "important": "Important: Tell us",
    "warning": "Warning: Do not drive",
    "caution": "Caution",
    "note": "Note",
    "tip": "Tip: Bring a sample",
}
ADDRESS = ("Level 2, Anytown General Hospital", "Infirmary Street", "Anytown AN1 3EX")
TABLE_CAPTION = "Table 1: Exercise, Squeeze and hold for, Repetitions and During the day"


def copy(target: Path, *, plain: bool = False, review: date | None = None, extra: str = "") -> Path:
    """The fixture in ``target/cystoscopy``; ``plain``: without its logo; ``review``: another review date
    (by default a year from today, so a strict build never meets an overdue date); ``extra``: more front
    matter lines."""
    folder = target / "cystoscopy"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("expected.json"))
    source = folder / "leaflet.md"
    text = source.read_text(encoding="utf-8")
    when = review or date.today() + timedelta(days=365)
    text = re.sub(r"^review: .*$", f"review: {when.isoformat()}", text, count=1, flags=re.MULTILINE)
    if plain:
        text = re.sub(r"^logo:\n(  .*\n)+", "", text, flags=re.MULTILINE)
        (folder / "logo.svg").unlink()
    if extra:
        text = text.replace("\n---\n", f"\n{extra.rstrip()}\n---\n", 1)
    source.write_text(text, encoding="utf-8")
    return folder


def plain_copy(target: Path) -> Path:
    return copy(target, plain=True)


def read(folder: Path) -> Leaflet:
    return read_leaflet(folder).leaflet
