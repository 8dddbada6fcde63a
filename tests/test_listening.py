"""The listening machine's word counts (``leaflet.checks.listening``) on written text: no Whisper, no audio."""

from __future__ import annotations

import pytest

from leaflet.checks.listening import comparable, compare, sound_alike, word_errors

SCRIPT = """Spoken script: Taking warfarin safely
Read at 150 words a minute; 20 words.

[Chapter 1: About this recording]

Taking [warfarin](/wˈɔːfəɹɪn/) safely. Call N H S one one one, or the
clinic on zero three zero zero, one two three, from 9 [A](/ˈA/) M.

[Chapter 2: When to get help]

Phone us if your sight gets worse. Wear the shield.
"""


@pytest.mark.parametrize(
    ("script", "heard"),
    [
        ("zero three zero zero, one two three", "0300 123"),
        ("nine nine nine", "999"),
        ("from 9 A M to 5 P M", "from 9am to 5 p.m."),
        ("N H S one one one", "NHS 111"),
        ("nice dot org dot uk slash our dash programmes", "nice.org.uk/our-programmes"),
        ("12 January 2026", "the 12th of January 2026"),
        ("2 March", "the second of March"),
        ("low in fibre", "low in fiber"),
        ("leave jewellery at home", "leave jewelry at home"),
        ("nice dot org dot uk slash our dash programmes", "nice.org.uk-slash-our-dash-programmes"),
        ("5 per cent", "5%"),
        ("1,000 people", "1000 people"),
        ("nhs dot uk slash help dash dashboard", "nhs.uk/help-dashboard"),  # a word that starts 'dash' is a word
    ],
)
def test_the_same_words_written_otherwise_compare_equal(script: str, heard: str) -> None:
    assert comparable(script) == comparable(heard)
    assert word_errors(comparable(script), comparable(heard)) == 0


def test_a_word_heard_otherwise_is_an_error_in_both_counts() -> None:
    script, heard = comparable("phone the eye unit"), comparable("phone the high unit")
    assert word_errors(script, heard) == word_errors(script, heard, alike=True) == 1


@pytest.mark.parametrize(
    ("said", "written"),
    [("sight", "site"), ("wear", "where"), ("four", "for"), ("hear", "here"), ("eye", "i")],
)
def test_words_that_sound_the_same_count_right_only_in_the_alike_count(said: str, written: str) -> None:
    """The CMU Pronouncing Dictionary gives both words a pronunciation in common: no voice can make a listener
    spell one rather than the other."""
    assert sound_alike(said, written) and sound_alike(written, said)
    assert word_errors([said, "gets", "worse"], [written, "gets", "worse"]) == 1
    assert word_errors([said, "gets", "worse"], [written, "gets", "worse"], alike=True) == 0


@pytest.mark.parametrize(
    ("said", "written"),
    [("sight", "side"), ("anytown", "enetown"), ("kokoro", "kakoro"), ("leaflet", "leafletter"), ("two", "three")],
)
def test_words_that_sound_different_or_are_not_in_the_dictionary_stay_errors(said: str, written: str) -> None:
    assert not sound_alike(said, written)
    assert word_errors([said], [written], alike=True) == 1


def test_a_word_heard_split_or_joined_counts_right_only_in_the_alike_count() -> None:
    script = comparable("phone the anticoagulation clinic about your web site")
    heard = comparable("phone the anti-coagulation clinic about your website")
    assert heard[2:4] == ["anti", "coagulation"] and heard[-1] == "website"
    assert word_errors(script, heard) == 4  # each a substitution and an insertion or a deletion
    assert word_errors(script, heard, alike=True) == 0
    assert word_errors(comparable("anti coagulation"), comparable("anticlotting"), alike=True) == 2


def test_words_the_listener_ran_together_in_capitals_are_parted() -> None:
    """Whisper writes 'the iUnit' and 'AnytownNHS'; the first then compares as a sound-alike, the second right."""
    assert comparable("call the iUnit") == ["call", "the", "i", "unit"]
    assert comparable("from AnytownNHS Trust") == comparable("from Anytown NHS Trust")
    assert word_errors(comparable("call the eye unit"), comparable("call the iUnit"), alike=True) == 0


def test_a_script_file_is_compared_as_it_is_said() -> None:
    """The script file's two first lines and chapter marks are not said; '[warfarin](/IPA/)' is the word."""
    heard = compare(
        "Taking warfarin safely. Call NHS 111, or the clinic on 0300 123 from 9am. "
        "Phone us if your site gets worse. Where the shield.",
        SCRIPT,
    )
    assert heard.words == 32
    assert (heard.errors, heard.alike_errors) == (2, 0)
    assert heard.rate == pytest.approx(2 / 32) and heard.alike_rate == 0
