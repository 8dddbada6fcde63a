"""What every medium lays out: the leaflet with its furniture, as ordinary model nodes.

A writer lays out a ``Composed`` leaflet (or a ``ComposedEasyRead``) and
nothing else: the title, the lines under it (who it is from, when), the body
sections, then "Words explained" (the glossary) and "About this leaflet"
(publisher, dates, ISBN, web address) as ordinary ``Section``s of
``Paragraph``, ``Strong`` and ``Link`` nodes, so each writer lays them out
with the code it uses for the body and every format says the same words.

This module is the only place in ``leaflet/`` that writes those headings and
labels. It is pure: a function of the model, with no format's concerns.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.core.diagnostics import Diagnostic
from leaflet.core.model import (
    EASY_READ_NAME,
    Block,
    BulletList,
    Callout,
    Definition,
    EasyRead,
    EasyReadPoint,
    EasyReadSection,
    Image,
    Inlines,
    Leaflet,
    Link,
    NumberedList,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)
from leaflet.core.text import easy_read_terms, easy_read_title, long_date, plain

GLOSSARY_HEADING = "Words explained"
COLOPHON_HEADING = "About this leaflet"
WORDS_TO_KNOW_HEADING = "Words to know"
EASY_READ_ABOUT_HEADING = "About this easy read"
FURNITURE_LEVEL = 2  # the glossary and colophon sit beside the body's top-level sections


@dataclass(frozen=True, slots=True)
class Composed:
    """The full leaflet as every medium lays it out, in reading order.

    ``front`` are the short lines under the title (laid out close together);
    ``body`` the leaflet's own sections; ``glossary`` (None when the leaflet
    explains no words) and ``colophon`` are sections like any other, kept by
    name so a format can mark them (an EPUB landmark, a PDF that keeps the
    colophon on one page).
    """

    title: str
    language: str
    front: tuple[Paragraph, ...]
    body: tuple[Section, ...]
    glossary: Section | None
    colophon: Section
    logo: Image | None = None  # the publisher's logo: at the top of the first page, and in the web page's header

    @property
    def opening(self) -> int:
        """How many callouts open the leaflet (the first blocks before any heading): the most important thing
        in it, which print puts on the first page, before the lines under the title, and the web page before
        its contents."""
        if not self.body or self.body[0].heading is not None:
            return 0
        blocks = self.body[0].blocks
        return next((n for n, block in enumerate(blocks) if not isinstance(block, Callout)), len(blocks))

    @property
    def sections(self) -> tuple[Section, ...]:
        """Everything after the front matter: body, glossary (if any), colophon."""
        return (*self.body, *((self.glossary,) if self.glossary else ()), self.colophon)

    @property
    def furniture(self) -> tuple[Section, ...]:
        """The sections compose adds after the body: glossary (if any) and colophon."""
        return self.sections[len(self.body) :]


@dataclass(frozen=True, slots=True)
class ComposedEasyRead:
    """The easy read as every medium lays it out: title, front line, then sections of points.

    ``words_to_know`` (the glossary words the easy read uses; None when it
    uses none) and ``about`` are easy-read sections of ordinary points.
    """

    title: str
    language: str
    front: tuple[Paragraph, ...]
    body: tuple[EasyReadSection, ...]
    words_to_know: EasyReadSection | None
    about: EasyReadSection
    logo: Image | None = None  # the publisher's logo: above the title in print and on the web page

    @property
    def sections(self) -> tuple[EasyReadSection, ...]:
        """Everything after the front line: the easy read's sections, words to know (if any), about."""
        return (*self.body, *((self.words_to_know,) if self.words_to_know else ()), self.about)


def compose(leaflet: Leaflet, credit: str | None = None) -> Composed:
    """The leaflet with its front matter, glossary and colophon, ready to lay out; ``credit``: a spoken
    format's voice, credited in the colophon."""
    meta = leaflet.meta
    return Composed(
        title=meta.title,
        language=meta.language,
        front=front_lines(leaflet),
        body=leaflet.sections,
        glossary=glossary_section(leaflet.glossary),
        colophon=colophon_section(leaflet, credit),
        logo=leaflet.meta.logo,
    )


REVIEW_LABEL = "Review date"
REFERENCE_LABEL = "Leaflet reference"
DEPARTMENT_LABEL = "Department"


def front_lines(leaflet: Leaflet, *, filing: bool = True) -> tuple[Paragraph, ...]:
    """The lines under the title: who the leaflet is from (the department too, when it says), when it was
    published and updated, and (``filing``) its review date and reference, as NHS leaflets print them."""
    meta = leaflet.meta
    source = f"{meta.department}, {meta.publisher}" if meta.department else meta.publisher
    lines = [_line(f"Information from {source}"), _line(f"Published {long_date(meta.published)}")]
    if meta.updated:
        lines.append(_line(f"Updated {long_date(meta.updated)}"))
    if filing:
        lines += filing_lines(leaflet)
    return tuple(lines)


def filing_lines(leaflet: Leaflet) -> list[Paragraph]:
    """'Review date: ...' and 'Leaflet reference: ...', as the leaflet has them."""
    meta = leaflet.meta
    lines = [_line(f"{REVIEW_LABEL}: {long_date(meta.review)}")] if meta.review else []
    if meta.reference:
        lines.append(_line(f"{REFERENCE_LABEL}: {meta.reference}"))
    return lines


def glossary_section(glossary: tuple[Definition, ...]) -> Section | None:
    """'Words explained': one paragraph per hard word, the word in bold, in alphabetical order; None for no
    words."""
    if not glossary:
        return None
    entries = tuple(
        Paragraph((Strong(entry.term, entry.line), Text(f": {entry.explanation}", entry.line)), entry.line)
        for entry in sorted(glossary, key=lambda entry: (entry.term.casefold(), entry.term))
    )
    return Section(GLOSSARY_HEADING, FURNITURE_LEVEL, entries)


def colophon_section(leaflet: Leaflet, credit: str | None = None) -> Section:
    """'About this leaflet': who published it and when, its department, review date and reference, its ISBN
    and web address, as the leaflet has them; and ``credit``, a spoken format's voice and its licences."""
    meta = leaflet.meta
    published = f"Published by {meta.publisher} on {long_date(meta.published)}."
    if meta.updated:
        published += f" Last updated {long_date(meta.updated)}."
    blocks = [_line(published)]
    if meta.department:
        blocks.append(_line(f"{DEPARTMENT_LABEL}: {meta.department}"))
    blocks += filing_lines(leaflet)
    if meta.isbn:
        blocks.append(_line(f"ISBN {meta.isbn}"))
    if meta.url:
        blocks.append(Paragraph((Text("Web address: "), Link(meta.url, meta.url))))
    if meta.no_easy_read:
        blocks.append(_line(f"There is no easy read version of this leaflet: {meta.no_easy_read}"))
    if credit:
        blocks.append(_line(credit))
    return Section(COLOPHON_HEADING, FURNITURE_LEVEL, tuple(blocks))


def table_caption(number: int, table: Table) -> str:
    """A table's caption, in the same words in every format: 'Table 2: Exercise, Hold for and Repetitions'."""
    headers = [" ".join(plain(cell).split()) for cell in table.header]
    named = [header for header in headers if header]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}" if named else ""
    return f"Table {number}: {listed}" if listed else f"Table {number}"


def introduces(paragraph: Paragraph, following: Block | None) -> bool:
    """A sentence ending in a colon that introduces a table, list or box: print never leaves it apart from it."""
    introduced = isinstance(following, Table | BulletList | NumberedList | Callout)
    return introduced and plain(paragraph.inlines).rstrip().endswith(":")


def callout_heading(callout: Callout) -> Inlines:
    """A callout's first line ('Emergency: Call 999 or go to A&E now if:') as inlines, each phone number in it
    a ``tel:`` link, for the formats that have links (the whole line is shown bold)."""
    from leaflet.core.phones import phone_links

    return phone_links((Text(callout.heading(), callout.line),))


def compose_easy_read(leaflet: Leaflet, *, pictures: bool = True) -> ComposedEasyRead | None:
    """The easy read with its front line, words to know and about section; None when there is none.

    ``pictures``: the medium shows the points' pictures, so the about section
    credits them (where they come from, and their licence); False for text.
    """
    easy = leaflet.easy_read
    if easy is None:
        return None
    meta = leaflet.meta
    return ComposedEasyRead(
        title=easy_read_title(leaflet),
        language=meta.language,
        front=(_line(f"Easy read from {meta.publisher}"),),
        body=easy.sections,
        words_to_know=words_to_know_section(leaflet),
        about=easy_read_about_section(leaflet, pictures=pictures),
        logo=meta.logo,
    )


def words_to_know_section(leaflet: Leaflet) -> EasyReadSection | None:
    """'Words to know': the glossary words the easy read uses, in the order it first uses them."""
    terms = easy_read_terms(leaflet)
    if not terms:
        return None
    points = tuple(
        EasyReadPoint(
            (Strong(entry.term[:1].upper() + entry.term[1:], entry.line), Text(f" means: {entry.explanation}"))
        )
        for entry in terms
    )
    return EasyReadSection(WORDS_TO_KNOW_HEADING, points)


def easy_read_about_section(leaflet: Leaflet, *, pictures: bool = True) -> EasyReadSection:
    """'About this easy read': the leaflet it goes with, when that was published, and whose pictures it shows."""
    meta = leaflet.meta
    said = [
        f"This easy read goes with the {meta.publisher} leaflet '{meta.title}'.",
        f"Published {long_date(meta.published)}.",
    ]
    if meta.updated:
        said.append(f"Updated {long_date(meta.updated)}.")
    if pictures and leaflet.easy_read is not None:
        said.extend(picture_credits(leaflet.easy_read))
    return EasyReadSection(EASY_READ_ABOUT_HEADING, tuple(EasyReadPoint((Text(words),)) for words in said))


def picture_credits(easy: EasyRead) -> list[str]:
    """Each credit the easy read's pictures carry (the symbol set and its licence), once, in order of use."""
    credits = (point.picture.credit for section in easy.sections for point in section.points if point.picture)
    return list(dict.fromkeys(credit for credit in credits if credit))


def _line(text: str) -> Paragraph:
    inlines: Inlines = (Text(text),)
    return Paragraph(inlines)


def no_easy_read(leaflet: Leaflet) -> tuple[Diagnostic, ...]:
    """The easy-read formats' warning for a leaflet with no easy-read source (an error with --strict); none when
    its front matter says no easy read is planned (``easy-read: none - why``)."""
    if leaflet.meta.no_easy_read is not None:
        return ()
    return (
        Diagnostic(
            leaflet.folder / EASY_READ_NAME,
            0,
            "no-easy-read",
            f"{leaflet.meta.id} has no {EASY_READ_NAME}, so the easy-read formats wrote nothing; write one (see "
            "the README, section 'easy-read'), or say why there is none in the front matter: easy-read: none - why",
        ),
    )
