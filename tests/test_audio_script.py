"""The spoken script: golden files, and what a listener needs from it, checked piece by piece."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from leaflet.core.model import (
    BulletList,
    Leaflet,
    Link,
    ListItem,
    Metadata,
    NumberedList,
    Paragraph,
    Pronunciation,
    Section,
    Text,
)
from leaflet.core.text import first_missing_word, words
from leaflet.core.walk import inline_runs
from leaflet.media.speech import script as spoken
from leaflet.media.speech.say import Lexicon, address, digits, isbn
from leaflet.reader import read_leaflet

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "audio"
LEAFLETS = {
    "microaxial-flow-pump-cardiogenic-shock": ROOT / "source" / "microaxial-flow-pump-cardiogenic-shock",
    "every-feature": ROOT / "tests" / "fixtures" / "leaflets" / "every-feature",
    "numbers": ROOT / "tests" / "fixtures" / "leaflets" / "numbers",
    "real-leaflet": ROOT / "tests" / "fixtures" / "leaflets" / "real-leaflet",
}


def _read(name: str) -> Leaflet:
    return read_leaflet(LEAFLETS[name]).leaflet


@pytest.mark.parametrize("name", sorted(LEAFLETS))
def test_script_matches_its_golden_file(name: str) -> None:
    """The script is reviewed as text; any change to what is said shows up here (UPDATE_GOLDEN=1 rewrites)."""
    made = spoken.build(_read(name), 150).as_text()
    golden = GOLDEN / f"{name}.audio-script.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(made, encoding="utf-8")
    assert made == golden.read_text(encoding="utf-8")


def _expected_words(leaflet: Leaflet) -> list[str]:
    """The leaflet's words with each lexicon word swapped for how it is said, numbers and units in words
    (phone numbers digit by digit), and an address written bare left for the address reading."""
    from leaflet.core.text import shows_own_address
    from leaflet.media.speech.numbers import spoken_numbers

    said = {p.word.lower(): words(p.spoken) for p in leaflet.say}
    pieces = [leaflet.meta.title]
    for section in leaflet.sections:
        pieces.append(section.heading or "")
        for block in section.blocks:
            for inlines in inline_runs(block):
                for inline in inlines:
                    if isinstance(inline, Link) and shows_own_address(inline.text, inline.url):
                        if inline.url.startswith("tel:"):
                            pieces.append(" ".join(DIGITS[int(c)] for c in inline.text if c.isdigit()))
                        continue  # an email or web address: said piece by piece, checked elsewhere
                    pieces.append(inline.text)
    result: list[str] = []
    for word in words(" ".join(spoken_numbers(piece) for piece in pieces)):
        result += said.get(word, [word])
    return result


DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@pytest.mark.parametrize("name", sorted(LEAFLETS))
def test_every_word_is_said_in_order(name: str) -> None:
    leaflet = _read(name)
    script_words = words(spoken.build(leaflet, 150).as_text())
    assert first_missing_word(_expected_words(leaflet), script_words) is None


def test_opening_gives_title_publisher_date_sections_and_length() -> None:
    script = spoken.build(_read("microaxial-flow-pump-cardiogenic-shock"), 150)
    opening = script.sections[0].text
    assert script.sections[0].title == "About this recording"
    assert "cardio jennick shock" in opening  # the title, as said
    assert "Information from nice." in opening
    assert "Published 25 March 2026." in opening
    assert "This recording has 7 sections and lasts about 8 minutes." in opening
    assert "1, About this recording, this one. 2, Introduction. 3, Is this procedure right for me?" in opening


def test_sections_are_announced_and_become_chapters() -> None:
    script = spoken.build(_read("microaxial-flow-pump-cardiogenic-shock"), 150)
    titles = [s.title for s in script.sections]
    assert titles == [
        "About this recording",
        "Introduction",
        "Is this procedure right for me?",
        "Some questions to think about",
        "Information and support",
        "Words explained",
        "About this leaflet",  # named for what it holds: the NICE leaflet gives no phone number or email
    ]
    # a section's number is its track's (the opening is section and track 1)
    assert script.sections[2].paragraphs[0] == "Section 3 of 7: Is this procedure right for me?"
    glossary = script.sections[5].paragraphs
    assert glossary[0] == "Section 6 of 7: Words explained."
    assert glossary[1].startswith("artery: A blood vessel")  # alphabetical, as every format lists it
    assert glossary[-1].startswith("ven trickle: One of the two lower chambers")


def test_length_estimate_follows_the_rate() -> None:
    leaflet = _read("microaxial-flow-pump-cardiogenic-shock")
    assert "lasts about 8 minutes" in spoken.build(leaflet, 150).sections[0].text
    assert "lasts about 10 minutes" in spoken.build(leaflet, 120).sections[0].text


def test_lists_say_how_many_and_where_each_item_ends() -> None:
    text = spoken.build(_read("every-feature"), 150).as_text()
    assert "There are 3 points in this list. Point 1. A plain bullet point." in " ".join(text.split())
    assert "Under point 2: 2 points." in text  # a nested list, briefly
    assert "That is the end of point 2." not in text
    assert "There are 3 numbered steps in this list." in text
    assert text.count("That is the end of the list.") == 2


def test_links_are_said_as_words_and_addresses_once_at_the_end_of_the_section() -> None:
    section = spoken.build(_read("microaxial-flow-pump-cardiogenic-shock"), 150).sections[4]
    body, last = " ".join(section.paragraphs[:-1]), section.paragraphs[-1]
    assert "slash" not in body and "http" not in body
    assert last.startswith("Here are the addresses from this section, to write down.")
    # Two links go to the same page: its address is said once, after both their words.
    assert last.count("N H S dot U K slash N H S dash services slash hospitals") == 1
    assert "N H S website has information about N H S hospital services and referrals for specialist care is:" in last


def test_tables_are_read_row_by_row_with_headers_and_pictures_by_alt_text() -> None:
    text = " ".join(spoken.build(_read("every-feature"), 150).as_text().split())
    assert "Table 1: Time and What happens. It has 2 columns and 2 rows." in text  # every format's caption
    assert "Row 1. Time: Morning. What happens: You have a blood test." in text
    assert "Picture: A red rectangle standing in for a diagram of the heart." in text


def test_symbols_are_said_as_words() -> None:
    text = " ".join(spoken.build(_read("every-feature"), 150).as_text().split())
    assert "3 less than 5, 7 more than 2, R and D" in text


def test_closing_repeats_where_to_get_help() -> None:
    closing = spoken.build(_read("every-feature"), 150).sections[-1]
    assert closing.title == "Phone numbers and email addresses again, and about this leaflet"
    said = " ".join(closing.paragraphs)
    assert "To phone, call zero three zero zero, one two three, one two three four." in said
    assert "To email, write to help at example dot org." in said
    about = said[said.index("About this leaflet.") :]
    assert "Published by Test Health Trust on 15 January 2026. Last updated 1 February 2026." in about
    assert "I S B N 9 7 8, 1, 4 7 3 1, 9 3 9 6, 3." in about
    assert "Web address: example dot org slash leaflets slash every dash feature." in about
    nice = spoken.build(_read("microaxial-flow-pump-cardiogenic-shock"), 150).sections[-1].text
    assert "go back to section 5: Information and support." in nice


def test_lexicon_replaces_whole_words_only_and_keeps_a_leading_capital() -> None:
    lexicon = Lexicon(
        (Pronunciation("NHS", "N H S"), Pronunciation("US", "U S"), Pronunciation("catheter", "cath itter"))
    )
    assert lexicon.say("The NHS told us. NHS's rules.") == "The N H S told us. N H S's rules."
    assert lexicon.say("Catheter-based catheters, a catheter.") == "Cath itter-based catheters, a cath itter."
    assert lexicon.say("NHSX and nhs") == "NHSX and nhs"


def test_addresses_are_said_so_they_can_be_written_down() -> None:
    lexicon = Lexicon((Pronunciation("NHS", "N H S"), Pronunciation("Healthwatch", "health watch")))
    assert address("https://www.nhs.uk/conditions/", lexicon) == "N H S dot U K slash conditions"
    assert address("https://www.healthwatch.co.uk/", lexicon) == "healthwatch dot co dot U K"
    assert address("mailto:help@example.org", lexicon) == "help at example dot org"
    assert digits("0300 123 1234") == "0 3 0 0, 1 2 3, 1 2 3 4"
    assert isbn("978-1-4731-9396-3") == "9 7 8, 1, 4 7 3 1, 9 3 9 6, 3"


def test_script_is_a_pure_function_of_the_model() -> None:
    leaflet = Leaflet(
        Metadata("tiny", "Tiny", "A Trust", date(2026, 1, 2)),
        (
            Section(None, 1, (Paragraph((Text("Hello "), Link("there", "https://a.org/b"), Text("."))),)),
            Section("Two", 2, (BulletList((ListItem((Text("one"),)),)), NumberedList((ListItem((Text("x"),)),), 3))),
        ),
    )
    first, second = spoken.build(leaflet, 150), spoken.build(leaflet, 150)
    assert first == second
    text = " ".join(first.as_text().split())
    assert "There is 1 point in this list." in text and "Step 3. x." in text
    assert re.search(r"The web address for there is: a dot org slash B\.", text)  # a lone letter is spelled
