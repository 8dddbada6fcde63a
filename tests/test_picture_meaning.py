"""Pictures chosen by what a point means, not by a word: phrases, senses, denials, emergencies, and doubt.

Each of the issue's six examples (a new user's cystoscopy easy read) must get a
picture that shows what the point says, or none: the code this started from
gave 'bus stop', 'clutch bag', 'microscope' twice, a plain telephone for 999
and a thinking face for 'find out more'.
"""

from __future__ import annotations

import pytest

from leaflet.media.symbols import vocab
from leaflet.media.symbols.catalogue import catalogue
from leaflet.media.symbols.choose import THRESHOLD, choose, choose_section, key, most_in_section
from leaflet.media.symbols.curated import ALT, HEALTH_WORDS


def _name(symbol: str | None) -> str | None:
    return catalogue().symbols[symbol].name if symbol else None


@pytest.mark.parametrize(
    ("words", "fitting"),
    [
        ("We put a gel in to stop it hurting.", {None}),  # not 'bus stop', not a face in pain
        ("Your bladder is the bag in your tummy that holds your pee.", {None}),  # not 'clutch bag'
        ("A nurse will tell you about the test.", {"health worker", "speaking head"}),  # not 'microscope'
        ("The test takes about 10 minutes.", {"timer clock", "hourglass not done", "stopwatch", None}),
        ("Phone 999 if you cannot pee at all.", {"ambulance", "police car light"}),  # not a plain telephone
        ("You can find out more on the NHS website.", {"desktop computer", "laptop"}),  # not 'thinking face'
    ],
)
def test_the_issues_examples_get_a_fitting_picture_or_none(words: str, fitting: set[str | None]) -> None:
    choice = choose(words, vocab())
    assert _name(choice.symbol) in fitting, choice.reason
    assert choice.reason  # every choice says why, a picture or none


@pytest.mark.parametrize(
    "words",
    ["Go to A&E if your wound bleeds a lot.", "Call 999 now if you have chest pain.", "This is an emergency."],
)
def test_an_emergency_says_emergency_whatever_else_the_point_names(words: str) -> None:
    choice = choose(words, vocab())
    assert _name(choice.symbol) == "ambulance" and choice.confidence >= 0.9


@pytest.mark.parametrize(
    ("words", "symbol"),
    [
        ("Ring 111 if you feel unwell.", "telephone receiver"),  # 111 is not an emergency
        ("Children have the vaccine as a spray up the nose.", "nose"),  # the phrase, not 'vaccine': no needle
        ("Take paracetamol if you have pain.", "pill"),
        ("Ask someone you trust to help you.", "people holding hands"),
        # the specialist: not the illness, in a clause about the doctor, nor the hospital building, a general sign
        ("It also tells you about hospitals. A specialist is a doctor who knows about one illness.", "health worker"),
        ("Flu is an illness that can make you very poorly.", "face with thermometer"),
        ("You can choose if you want it. You can say no.", "balance scale"),  # the choice, not a lone cross
        ("Blood carries oxygen to your brain.", "brain"),  # the part of the body says more than a drop of blood
        ("The audiologist will tell you the results.", "health worker"),  # who tells you, not a talking head
        ("What you say to the counsellor is private.", "locked"),
        ("You might need a hearing aid.", "ear with hearing aid"),  # the phrase, not a bare ear
        ("Asthma makes it hard to breathe.", "lungs"),  # breathing is what the point is about, not an act it denies
    ],
)
def test_the_sense_in_the_sentence_decides(words: str, symbol: str) -> None:
    assert _name(choose(words, vocab()).symbol) == symbol


@pytest.mark.parametrize(
    "words",
    ["Do not drive for 24 hours.", "Do not eat anything after midnight.", "You might need to stop eating."],
)
def test_a_point_that_says_not_to_gets_no_picture_of_doing_it(words: str) -> None:
    choice = choose(words, vocab())
    assert choice.symbol is None and "not" in choice.reason


@pytest.mark.parametrize(
    "words",
    ["You might find it hard to sleep.", "Some people find it difficult to walk.", "Do you have trouble eating?"],
)
def test_a_point_that_says_it_is_hard_to_do_gets_no_picture_of_doing_it(words: str) -> None:
    """A peaceful sleeper for 'hard to sleep' or a walker for 'hard to walk' would show the opposite."""
    choice = choose(words, vocab())
    assert choice.symbol is None and "hard" in choice.reason


def test_telling_alone_is_too_vague_to_show() -> None:
    """'They will tell you' says nothing a talking head shows: considered, not shown."""
    choice = choose("They will tell you what happens next.", vocab())
    assert choice.symbol is None and [_name(i.symbol) for i in choice.considered] == ["speaking head"]


def test_an_x_ray_that_does_not_hurt_shows_the_x_ray_not_pain() -> None:
    assert _name(choose("The X-ray does not hurt.", vocab()).symbol) == "x-ray"


def test_a_doubtful_picture_is_considered_and_not_shown() -> None:
    """A symbol found only by its name is never sure enough; the choice says what it considered."""
    choice = choose("You will need a rocket.", vocab())
    assert choice.symbol is None and choice.confidence == 0
    assert "considered 'rocket'" in choice.reason and [_name(i.symbol) for i in choice.considered] == ["rocket"]
    assert all(idea.confidence < THRESHOLD for idea in choice.considered)


def test_one_symbol_is_not_shown_for_most_points_of_a_section() -> None:
    """Six points that each name the doctor: the doctor is shown for two, the others show what else they say, or
    nothing and say why."""
    texts = [
        "The doctor will talk to you.",
        "The doctor will tell you more.",
        "The doctor will discuss it.",
        "The doctor will give you information.",
        "The doctor is kind.",
        "The doctor knows you well.",
    ]
    choices = choose_section(texts, vocab())
    names = [_name(c.symbol) if c else None for c in choices]
    assert names.count("health worker") == most_in_section(len(texts)) == 2
    assert names == ["health worker", "health worker", None, "bookmark tabs", None, None]
    for choice in (choices[2], choices[4], choices[5]):
        assert choice is not None and "the same picture as 4 other points of this section" in choice.reason
    assert choices[2] is not None and "'discuss' (talking, 0.38: a general sign" in choices[2].reason


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("It takes about 10 minutes.", "timer clock"),  # how long is all the point says
        ("The drops can make things look blurry for a few hours.", None),  # the drops, not the clock
        ("It hurts a little.", "face with head-bandage"),
        ("Your arm might feel sore for a day or two.", None),  # a bandaged head for a sore arm
        ("Tell the dentist if your mouth hurts.", "tooth"),
        ("Some people need another test in hospital.", None),  # the test, which no symbol shows
        ("You can ask us.", "red question mark"),
        ("It is OK to ask about your medicines.", "pill"),
    ],
)
def test_a_general_sign_is_shown_only_when_the_point_names_nothing_more_specific(words: str, shown: str) -> None:
    """A clock, a hospital building, a bandaged head, a question mark, a handshake, a talking head or a cross says
    little beside anything more specific: the point shows that, or nothing, and says why."""
    choice = choose(words, vocab())
    assert _name(choice.symbol) == shown, choice.reason
    general = [idea for idea in choice.considered if idea.general]
    assert general and all(
        (idea.confidence < THRESHOLD) == (shown is None or idea.symbol != choice.symbol) for idea in general
    )
    if shown is None:
        assert "a general sign, shown only when the point names nothing more specific, and it names" in choice.reason


def test_a_general_sign_is_marked_in_the_vocabulary_only_for_a_picture_that_says_little_by_itself() -> None:
    general = {concept.symbol for concept in HEALTH_WORDS if concept.general}
    assert general == {
        "timer clock",
        "hospital",
        "face with head-bandage",
        "speaking head",
        "red question mark",
        "handshake",
        "cross mark",
    }
    # the same drawing can say a specific idea: talking therapy is what the point is about, not a side detail
    assert not next(concept for concept in HEALTH_WORDS if concept.meaning == "talking therapy").general


def test_the_authors_pictures_count_but_stay() -> None:
    """Points the author decided are never changed, and count towards the section's limit."""
    texts = ["The doctor.", "The doctor.", "The doctor.", "The doctor."]
    decided = ["health worker", "health worker", None, None]
    choices = choose_section(texts, vocab(), decided)
    assert choices[:2] == [None, None] and [c.symbol if c else None for c in choices[2:]] == [None, None]


def test_every_symbol_of_the_vocabulary_is_in_the_set_and_says_what_it_shows() -> None:
    symbols = catalogue().symbols
    for concept in HEALTH_WORDS:
        assert concept.symbol is None or (key(concept.symbol) in symbols and concept.symbol in ALT), concept
        assert 0 < concept.sure <= 1 and concept.strength > 0, concept
    assert all(key(name) in symbols for name in ALT)
