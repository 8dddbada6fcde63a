"""Numbers said and shown as a person would (issue 11, part 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet.core.model import Pronunciation
from leaflet.core.text import keep_together, wrap
from leaflet.media.speech.numbers import spoken_numbers
from leaflet.media.speech.say import Lexicon
from leaflet.media.speech.script import build
from leaflet.reader import read_leaflet
from leaflet.writers import docx, large_print_pdf, text
from tests.conftest import render


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Call 999 or 111.", "Call nine nine nine or one one one."),
        ("Call Samaritans on 116 123.", "Call Samaritans on one one six, one two three."),
        ("Ring 0300 123 1234", "Ring zero three zero zero, one two three, one two three four"),
        ("Ring 03001231234", "Ring zero three zero zero, one two three, one two three four"),
        ("Ring +44 300 123 1234", "Ring plus four four, three zero zero, one two three, one two three four"),
        ("a BMI of 40 kg/m²", "a BMI of 40 kilograms per square metre"),
        ("≥ 40", "40 or more"),
        ("≤ 5", "5 or less"),
        ("below 7 mmol/l", "below 7 millimoles per litre"),
        ("38°C", "38 degrees Celsius"),
        ("take 1 mg, then 500 mg", "take 1 milligram, then 500 milligrams"),
        ("70% of people", "70 per cent of people"),
        ("from 8am to 6pm", "from 8 A M to 6 P M"),
        ("at 9:30am", "at 9 30 A M"),
        ("open until 5pm. Ring first.", "open until 5 P M. Ring first."),  # the full stop stays: a pause
        ("from 9 a.m. to 5 p.m. daily", "from 9 A M to 5 P M daily"),
        ("at 10:30", "at 10 30"),
        ("for 5-10 minutes", "for 5 to 10 minutes"),
        ("on 10/02/2026", "on 10 February 2026"),
        ("in 2026, 3 times", "in 2026, 3 times"),
        ("ISBN 978-1-4731-9396-3", "ISBN 978-1-4731-9396-3"),  # for isbns(), not a range
        # a number of a phone number's shape that libphonenumber does not know (Ofcom's drama range) is dialled
        ("Ring 01632 960 123.", "Ring zero one six three two, nine six zero, one two three."),
        ("on 2026-03-02 at 10.15am", "on 2026-03-02 at 10 15 A M"),  # dates and times are not phone numbers
        ("Ring (01632) 960 123.", "Ring zero one six three two, nine six zero, one two three."),
        ("0.0001234567 per cent", "0.0001234567 per cent"),  # a quantity
        ("ISBN 0-306-40615-2", "ISBN 0-306-40615-2"),
    ],
)
def test_numbers_are_said_as_a_person_says_them(written: str, said: str) -> None:
    assert spoken_numbers(written) == said


def test_the_lexicon_wins_over_the_number_rules() -> None:
    lexicon = Lexicon((Pronunciation("HbA1c", "H B A 1 C"), Pronunciation("999", "triple nine")))
    assert lexicon.say("Your HbA1c: call 999 or 111.") == "Your H B A 1 C: call triple nine or one one one."


def test_print_never_splits_a_phone_number_date_or_value_with_its_unit() -> None:
    sentence = "Call 0300 123 1234 before 10 February 2026 if your BMI is 40 kg/m² or ≥ 35 today"
    for width in range(12, 40):
        lines = wrap(sentence, width)
        joined = "\n".join(lines)
        for whole in ("0300 123 1234", "10 February 2026", "40 kg/m²", "≥ 35"):
            assert whole in joined, (width, lines)
    assert "\u00a0" not in "".join(wrap(sentence, 20)), "the glue is not printed"
    assert keep_together("5 to 10 days") == "5 to 10 days"


def _leaflet_with_tel(tmp_path: Path, target: str) -> Path:
    folder = tmp_path / "tel"
    folder.mkdir()
    (folder / "leaflet.md").write_text(
        f"---\ntitle: T\npublisher: P\npublished: 2026-01-15\n---\n\nCall [0300 123 1234]({target}) today.\n"
    )
    return folder


def test_a_tel_link_is_printed_and_said_as_written_with_no_extra_international_form(tmp_path: Path) -> None:
    import pdfplumber

    leaflet = read_leaflet(_leaflet_with_tel(tmp_path, "tel:+443001231234")).leaflet
    out = tmp_path / "out"
    for module in (text, large_print_pdf, docx):
        render(module, leaflet, module.FORMAT.parse({}), out)
    assert "+44" not in (out / "tel.txt").read_text()
    with pdfplumber.open(out / "tel.large-print.pdf") as pdf:
        assert "+44" not in "".join(page.extract_text() or "" for page in pdf.pages)
    import zipfile

    with zipfile.ZipFile(out / "tel.docx") as archive:
        assert "+44" not in archive.read("word/document.xml").decode()
    script = build(leaflet, 150).as_text()
    assert "plus" not in script and script.count("zero three zero zero, one two three, one two three four") >= 2
