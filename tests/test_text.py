"""The e-text, read back from the file as a screen-reader user's software would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leaflet.core.model import Link, Text
from leaflet.core.text import display_url, first_missing_word, leaflet_words, shows_own_address, words
from leaflet.core.walk import inline_runs
from leaflet.reader import read_leaflet
from leaflet.writers import text as etext
from tests.conftest import FIXTURE_LEAFLETS, NICE_ID, SOURCE, audited, errors_of, render

URL = re.compile(r"^\s*(https?://|mailto:|tel:)?\S+$")


@pytest.fixture(
    scope="module", params=[SOURCE / NICE_ID, FIXTURE_LEAFLETS / "every-feature"], ids=["nice", "every-feature"]
)
def built(request, tmp_path_factory) -> tuple[object, str]:
    leaflet = read_leaflet(request.param).leaflet
    out = tmp_path_factory.mktemp("text")
    (path,) = render(etext, leaflet, etext.Options(), out).paths
    return leaflet, path.read_bytes().decode("utf-8")


def test_every_word_of_the_source_is_there_in_order(built) -> None:
    leaflet, text = built
    assert first_missing_word(leaflet_words(leaflet), words(text)) is None


def test_no_line_is_longer_than_80_unless_it_is_one_unbroken_address(built) -> None:
    _, text = built
    for line in text.splitlines():
        assert len(line) <= 80 or URL.match(line), line


def test_every_link_is_written_out_as_its_address(built) -> None:
    leaflet, text = built
    lines = {line.strip() for line in text.splitlines()}
    for section in leaflet.sections:
        for block in section.blocks:
            for inlines in inline_runs(block):
                for link in (i for i in inlines if isinstance(i, Link)):
                    address = display_url(link.url)
                    assert address in lines or address.replace(" ", "") in text.replace(" ", ""), address


def test_headings_are_underlined_so_search_finds_them(built) -> None:
    leaflet, text = built
    lines = text.splitlines()
    for section in leaflet.sections:
        if section.heading:
            index = next(i for i, line in enumerate(lines) if line == section.heading)
            assert set(lines[index + 1]) <= set("-~") and len(lines[index + 1]) == len(section.heading)


def test_lists_say_how_many_items_they_have(built) -> None:
    leaflet, text = built
    if leaflet.meta.id == NICE_ID:
        assert "A list of 7 items:" in text
        assert len(re.findall(r"^\* ", text, re.MULTILINE)) == 9
    else:
        assert "A numbered list of 3 items:" in text
        assert "  A list of 2 items:" in text, "nested lists are indented under their item"
        assert "Row 1:" in text and "What happens: You have a blood test." in text


def test_glossary_comes_last_before_the_colophon(built) -> None:
    leaflet, text = built
    assert text.index("Words explained") > text.index(leaflet.sections[-1].blocks[-1].inlines[0].text[:20])
    for entry in leaflet.glossary:
        assert f"{entry.term}: " in text
    colophon = text[text.index("About this leaflet") :]
    assert text.index("About this leaflet") > text.index("Words explained")
    assert f"ISBN {leaflet.meta.isbn}" in colophon
    assert text.rstrip().endswith(f"Web address: {leaflet.meta.url}"), "the address is in the colophon, not the header"
    assert f"Web address: {leaflet.meta.url}" not in text[: text.index("Words explained")]


def test_markup_characters_are_literal(tmp_path: Path) -> None:
    leaflet = read_leaflet(FIXTURE_LEAFLETS / "every-feature").leaflet
    (path,) = render(etext, leaflet, etext.Options(), tmp_path).paths
    text = " ".join(path.read_text(encoding="utf-8").split())
    assert "3 < 5, 7 > 2, R&D" in text and "<font color=red>" in text


def test_audit_catches_a_file_changed_by_hand(tmp_path: Path) -> None:
    leaflet = read_leaflet(SOURCE / NICE_ID).leaflet
    (path,) = render(etext, leaflet, etext.Options(), tmp_path).paths
    assert errors_of(audited("text", leaflet, tmp_path)) == ()
    path.write_text(path.read_text().replace("groin", "knee") + "x" * 90 + " y\n")
    problems = errors_of(audited("text", leaflet, tmp_path))
    assert any("groin" in p for p in problems) and any("characters" in p for p in problems)


def test_sentences_in_a_language_pysbd_lacks_or_with_other_marks() -> None:
    from leaflet.core.text import sentences

    assert sentences("Mae hyn yn dda. Diolch yn fawr.", "cy") == ["Mae hyn yn dda.", "Diolch yn fawr."]
    bang = "\uff01"  # a full-width exclamation mark, as Japanese and Chinese text write it
    assert sentences(f"Ask your nurse{bang}Then rest.", "en-GB") == [f"Ask your nurse{bang}", "Then rest."]
    assert sentences("You stay in hospital.", "en-GB") == ["You stay in hospital."]


def test_the_talking_books_sentences_are_cut_by_the_same_rules_in_any_language() -> None:
    """The talking book's fragments (xhtml.sentences) use the checks' segmenter, with its offsets: one
    segmenter a thread, and English rules for a language pysbd lacks, for both."""
    from leaflet.core.text import sentences
    from leaflet.media.xhtml.sentences import split

    for language in ("en-GB", "cy"):
        text = "Mae hyn yn dda. Diolch yn fawr! Ask your nurse."
        pieces = ["".join(i.text for i in piece) for piece in split((Text(text),), language)]
        assert pieces == sentences(text, language) == ["Mae hyn yn dda.", "Diolch yn fawr!", "Ask your nurse."]


def test_sentences_split_in_many_threads_at_once_come_out_as_in_one() -> None:
    """The service reads leaflets in worker threads; pysbd's segmenter keeps the text it is splitting."""
    from concurrent.futures import ThreadPoolExecutor

    from leaflet.core.text import sentences

    texts = [f"Point {n}. Ask Dr. Jones about it. Then call 0300 123 {n:04d}." for n in range(400)]
    alone = [sentences(text) for text in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(sentences, texts))
    assert together == alone


def test_a_link_that_shows_its_own_phone_number_in_any_form_needs_no_address_after_it() -> None:
    assert shows_own_address("0300 123 1234", "tel:+443001231234")
    assert shows_own_address("+44 (0)300 123 1234", "tel:03001231234")
    assert not shows_own_address("0300 123 1235", "tel:+443001231234")
    assert not shows_own_address("Call 111", "tel:+443001231234")
    assert shows_own_address("www.nhs.uk", "https://www.nhs.uk/")
