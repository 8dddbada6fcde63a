"""The title and the sections: a document's outline made the model's.

The title is the document's Title paragraph, else its title property (or,
for a web page, its one top heading); the heading that repeats it is not
kept twice. The other headings keep their order and are made ``##``,
``###`` and ``####`` by rank, so a document whose sections are Heading 1,
or a page whose sections are h2, both come out right.
"""

from __future__ import annotations

from leaflet.core.compose import COLOPHON_HEADING, GLOSSARY_HEADING, WORDS_TO_KNOW_HEADING
from leaflet.core.model import Block, Definition, Paragraph, Section
from leaflet.core.text import plain
from leaflet.importers.document import Document, Heading, Loss

DEEPEST = 4  # '####'


def sections(document: Document, prefer_heading: str = "") -> tuple[Section, ...]:
    """Find the title (into ``document.properties``), drop its heading, and group the rest under headings.
    ``prefer_heading`` names the input ('the page') when its one top heading is a better title than its
    title property."""
    title = _title(document, prefer_heading)
    flow = _without_title(document.flow, title)
    levels = sorted({h.level for h in flow if isinstance(h, Heading)})
    found: list[Section] = []
    heading: Heading | None = None
    blocks: list[Block] = []
    for piece in [*flow, None]:
        if piece is not None and not isinstance(piece, Heading):
            blocks.append(piece)
            continue
        if heading is not None and not blocks and _furniture(heading):
            document.said.append(f"the heading '{heading.text}' is left out: every format makes that section itself")
        elif heading is not None and not blocks and not _opens(heading, piece):
            document.lose(Loss("a heading with nothing under it is left out", None, heading.text))
        elif heading is not None and _glossary(heading, blocks, document):
            document.said.append(f"the section '{heading.text}' became the glossary (it explains {len(blocks)} words)")
        elif heading is not None or blocks:
            found.append(_section(heading, blocks, levels, document))
        heading, blocks = piece, []
    return tuple(found)


# Our own formats' glossary headings (compose says them), and what other leaflets call theirs.
_GLOSSARY_HEADINGS = (GLOSSARY_HEADING.lower(), WORDS_TO_KNOW_HEADING.lower(), "glossary", "medical words explained",
                      "what the words mean", "explanation of terms", "terms used in this leaflet")  # fmt: skip


def _glossary(heading: Heading, blocks: list[Block], document: Document) -> bool:
    """A "Words explained" section of 'word: what it means' paragraphs, read as the leaflet's glossary."""
    if " ".join(heading.text.lower().split()) not in _GLOSSARY_HEADINGS or not blocks:
        return False
    entries = []
    for block in blocks:
        term, colon, explanation = plain(block.inlines).partition(":") if isinstance(block, Paragraph) else ("", "", "")
        if not colon or not explanation.strip() or not 0 < len(term.split()) <= 5:
            return False
        entries.append(Definition(" ".join(term.split()), " ".join(explanation.split())))
    document.glossary.extend(entries)
    return True


def _furniture(heading: Heading) -> bool:
    """Our own formats' 'About this leaflet' (its lines, read into the front matter, have left the text)."""
    return " ".join(heading.text.split()).casefold() == COLOPHON_HEADING.casefold()


def _opens(heading: Heading, following: Heading | None) -> bool:
    """Does a subsection follow ``heading`` (so that it has something under it)?"""
    return following is not None and following.level > heading.level


def _title(document: Document, prefer_heading: str) -> str | None:
    headings = [h for h in document.flow if isinstance(h, Heading) and h.text.strip()]
    styled = next((h for h in headings if h.title_style), None)
    top = min((h.level for h in headings), default=1)
    tops = list({h.text: h for h in headings if h.level == top and not h.title_style}.values())  # one title, repeated
    title: str | None = None
    if styled is not None:
        title, where = styled.text, "the document's Title paragraph"
    elif prefer_heading and len(tops) == 1 and tops[0].level == 1:
        title, where = tops[0].text, f"{prefer_heading}'s top heading"
    elif "title" in document.properties:
        title, where = document.properties["title"], document.sources["title"]
    elif len(tops) == 1 and tops[0].level == 1:
        title, where = tops[0].text, "the document's only top-level heading"
    if title:
        document.properties["title"] = " ".join(title.split())
        document.sources["title"] = where
    return title


def _without_title(flow: list[Block | Heading], title: str | None) -> list[Block | Heading]:
    """The flow without the Title paragraph, empty headings and the first top heading that repeats the title."""
    keep: list[Block | Heading] = []
    dropped = False
    for piece in flow:
        if isinstance(piece, Heading):
            same = title is not None and " ".join(piece.text.split()).casefold() == " ".join(title.split()).casefold()
            if piece.title_style or not piece.text.strip():
                continue
            if same and (not keep or (piece.level == 1 and not dropped)):
                dropped = True  # the title, once or repeated before anything else (a title page, then a heading)
                continue
        keep.append(piece)
    return keep


def _section(heading: Heading | None, blocks: list[Block], levels: list[int], document: Document) -> Section:
    if heading is None:
        return Section(None, 1, tuple(blocks))
    rank = levels.index(heading.level) + 2
    if rank > DEEPEST:
        document.lose(
            Loss(f"a heading at level {heading.level} is kept at the source format's deepest, ####", None, heading.text)
        )
    return Section(" ".join(heading.text.split()), min(rank, DEEPEST), tuple(blocks))
