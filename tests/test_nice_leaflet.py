"""The NICE leaflet is the page NICE published: every sentence, in order, with its facts."""

from __future__ import annotations

import re

from leaflet.core.text import first_missing_word, leaflet_links, leaflet_words, words
from leaflet.reader import read_leaflet
from tests.conftest import NICE_ID, ROOT, SOURCE

# The page as NICE published it (a copy of ../shared/seeds/001_88b3212e951a19c1.txt, so a clone has it).
SEED = ROOT / "tests" / "fixtures" / "nice-published-page.txt"
LEAFLET = read_leaflet(SOURCE / NICE_ID).leaflet


def test_every_word_of_the_published_page_is_in_the_leaflet_in_order() -> None:
    page = SEED.read_text(encoding="utf-8")
    body = page.split("[www.nice.org.uk](http://www.nice.org.uk)", 1)[1].rsplit("ISBN:", 1)[0]
    body = re.sub(r"\]\(#\)", "]", body)  # the capture lost its link targets
    assert first_missing_word(words(body), leaflet_words(LEAFLET)) is None
    assert len(words(body)) > 400


def test_metadata_is_as_published() -> None:
    meta = LEAFLET.meta
    assert (meta.publisher, meta.published.isoformat(), meta.isbn, meta.language) == (
        "NICE",
        "2026-03-25",
        "978-1-4731-9396-3",
        "en-GB",
    )


def test_every_link_uses_the_agreed_target() -> None:
    links = list(leaflet_links(LEAFLET))
    assert len(links) == 8, "the ninth, www.nice.org.uk in the page header, is the leaflet's url"
    assert LEAFLET.meta.url == "https://www.nice.org.uk"
    by_text = {link.text: link.url for link in links}
    assert (
        by_text["giving consent to treatment on the NHS website"]
        == "https://www.nhs.uk/conditions/consent-to-treatment/"
    )
    assert by_text["Healthwatch"] == "https://www.healthwatch.co.uk/"
    assert all(link.url.startswith("https://") for link in links)


def test_lexicon_and_glossary_cover_the_hard_words() -> None:
    said = {p.word for p in LEAFLET.say}
    assert {"NICE", "NHS", "ISBN", "microaxial", "percutaneous", "cardiogenic"} <= said
    explained = {d.term for d in LEAFLET.glossary}
    assert {"cardiogenic shock", "microaxial", "percutaneous", "catheter", "artery", "ventricle", "groin"} <= explained
    assert all(len(words(d.explanation)) >= 5 for d in LEAFLET.glossary)


def test_the_question_list_is_a_real_list_of_seven() -> None:
    section = next(s for s in LEAFLET.sections if s.heading == "Some questions to think about")
    (questions,) = section.blocks
    assert len(questions.items) == 7
