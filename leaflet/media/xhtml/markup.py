"""The leaflet's parts as polyglot XHTML5: markup that is both valid HTML and well-formed XML.

One ``Markup`` lays out headings, paragraphs, lists, tables, pictures and
the glossary. Made with a lexicon, it also speaks: every heading,
paragraph, list item, table cell, glossary term and definition (sentence
by sentence where pysbd finds more than one) gets an id, and a
``Fragment`` records what is said for it and the pause after it, so a
talking book can pair each with its clip of speech.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import assert_never

from leaflet.core.compose import callout_heading, table_caption
from leaflet.core.model import (
    Block,
    BulletList,
    Callout,
    Image,
    Inlines,
    LineBreak,
    Link,
    ListItem,
    NumberedList,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)
from leaflet.core.text import plain, shows_own_address, slug
from leaflet.media.speech.say import Lexicon
from leaflet.media.speech.script import said
from leaflet.media.xhtml.page import term_and_explanation
from leaflet.media.xhtml.sentences import split
from leaflet.media.xhtml.style import STACK_ALWAYS, STACK_WIDTHS

SENTENCE_PAUSE = 0.4  # seconds of silence after a sentence inside a paragraph
BLOCK_PAUSE = 0.7  # after a paragraph, list item, cell or definition
HEADING_PAUSE = 0.9  # after a heading
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")

Picture = Callable[[Image], str]  # the address an <img> gets for a picture: a file name or a data: URL


@dataclass(frozen=True, slots=True)
class Fragment:
    """One piece of text with an id, and what a speech engine says for it."""

    id: str
    said: str
    pause: float


def text(value: str) -> str:
    """Words as element content."""
    return html.escape(value, quote=False)


def attribute(value: str) -> str:
    """Words as an attribute value (double quotes)."""
    return html.escape(value, quote=True)


def inline_markup(inlines: Inlines) -> str:
    """Bold words as <strong>, links as <a> with their own words (only web, email and phone addresses)."""
    out: list[str] = []
    for inline in inlines:
        match inline:
            case Text(text=words):
                out.append(text(words))
            case Strong(text=words):
                out.append(f"<strong>{text(words)}</strong>")
            case Link(text=words, url=url) if url.startswith(SAFE_SCHEMES):
                shown = _shown_address(words, url) if shows_own_address(words, url) else text(words)
                out.append(f'<a href="{attribute(url)}">{shown}</a>')
            case Link(text=words):
                out.append(text(words))
            case LineBreak():
                out.append("<br/>")  # an address or opening hours keep their lines
            case _:
                assert_never(inline)
    return "".join(out)


_ADDRESS_BREAK = re.compile(r"(?<=/)(?=[^/])|(?<=[^/.])(?=[.@].)")  # not before a closing full stop


def _shown_address(words: str, url: str) -> str:
    """A link's words that are its own address: a phone number kept on one line, as in print (unless the
    screen is narrower than it), a web or email address free to break at its marks."""
    if url.startswith("tel:"):
        return text(words).replace(" ", "\u00a0")
    return _address_breaks(words)


def _address_breaks(words: str) -> str:
    """A web or email address shown as itself may break after a slash or before a dot or '@' (<wbr/>), as
    style guides break addresses, rather than inside a word where the screen is narrow ('abo|ut')."""
    if " " in words or not re.search(r"[/@.]\S", words):
        return text(words)
    return "<wbr/>".join(text(part) for part in _ADDRESS_BREAK.split(words))


@dataclass
class Markup:
    """Lays out the leaflet's parts; with ``lexicon`` set, records a fragment for everything it shows."""

    language: str
    picture: Picture
    lexicon: Lexicon | None = None  # None: no speech, no fragment ids
    epub: bool = False  # add EPUB's structural semantics (epub:type)
    fragments: list[Fragment] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)
    _tables: int = 0

    @property
    def speaking(self) -> bool:
        return self.lexicon is not None

    def unique_id(self, base: str) -> str:
        candidate, number = base, 2
        while candidate in self._ids:
            candidate, number = f"{base}-{number}", number + 1
        self._ids.add(candidate)
        return candidate

    def heading_id(self, heading: str) -> str:
        return self.unique_id(slug(heading))

    # Text-bearing elements -------------------------------------------------

    def _fragment(self, inlines: Inlines, pause: float, id_: str | None = None) -> str:
        assert self.lexicon is not None
        fragment_id = id_ or self.unique_id(f"t{len(self.fragments) + 1}")
        self.fragments.append(Fragment(fragment_id, said(inlines, self.lexicon), pause))
        return fragment_id

    def words(
        self,
        tag: str,
        inlines: Inlines,
        attrs: str = "",
        then: Callable[[], str] | None = None,
        empty: str = "Empty",
        before: str = "",
    ) -> str:
        """``<tag>`` holding ``before`` (markup, not spoken), ``inlines``, then what ``then`` lays out (a nested
        list); spoken sentence by sentence.

        ``then`` is called after the words are laid out, so fragments stay in reading order.
        """
        id_, content = self._content(inlines, whole=then is None, empty=empty)
        id_attr = f' id="{id_}"' if id_ else ""
        return f"<{tag}{id_attr}{attrs}>{before}{content}{then() if then else ''}</{tag}>"

    def _content(self, inlines: Inlines, whole: bool, empty: str) -> tuple[str, str]:
        """The id the element gets (or ""), and its content: sentences in spans with ids of their own.

        ``whole``: the element holds nothing else, so one sentence may use the element's own id.
        """
        if not self.speaking:
            return "", inline_markup(inlines)
        if not plain(inlines).strip():
            return self._fragment((Text(empty),), BLOCK_PAUSE), ""
        pieces = split(inlines, self.language)
        if len(pieces) == 1 and whole:
            return self._fragment(inlines, BLOCK_PAUSE), inline_markup(inlines)
        spans = []
        for number, piece in enumerate(pieces, start=1):
            pause = SENTENCE_PAUSE if number < len(pieces) else BLOCK_PAUSE
            spans.append(f'<span id="{self._fragment(piece, pause)}">{inline_markup(piece)}</span>')
        return "", " ".join(spans)

    def heading(self, level: int, words: str, id_: str) -> str:
        if self.speaking:
            self._fragment((Text(words),), HEADING_PAUSE, id_)
        return f'<h{level} id="{id_}">{text(words)}</h{level}>'

    # Blocks ----------------------------------------------------------------

    def block(self, block: Block) -> str:
        match block:
            case Paragraph(inlines=inlines):
                return self.words("p", inlines)
            case BulletList() | NumberedList():
                return self.list(block)
            case Table():
                return self.table(block)
            case Image():
                return self.image(block)
            case Callout():
                return self.callout(block)
            case _:
                assert_never(block)

    def callout(self, callout: Callout) -> str:
        """A labelled region with a border: its kind in words first ("Emergency: ..."), never colour alone.

        Its look (border pattern and weight, a band behind the label, the NHS care cards' red and blue) comes
        from the style sheet, by kind; a phone number in its first line is a link too.
        """
        label_id = self.unique_id(f"{callout.kind}-{len(self._ids) + 1}")
        label = callout_heading(callout)
        if self.speaking:
            self._fragment(label, HEADING_PAUSE, label_id)
        inner = "".join(self.block(block) for block in callout.blocks)
        return (
            f'<section class="callout callout-{callout.kind}" aria-labelledby="{label_id}">'
            f'<p class="callout-label" id="{label_id}"><strong>{inline_markup(label)}</strong></p>{inner}</section>'
        )

    def list(self, block: BulletList | NumberedList) -> str:
        items = []
        for item in block.items:
            then = (lambda item=item: self._item_rest(item)) if item.sublist is not None or item.more else None
            items.append(self.words("li", item.inlines, then=then))
        if isinstance(block, NumberedList):
            start = f' start="{block.start}"' if block.start != 1 else ""
            return f"<ol{start}>{''.join(items)}</ol>"
        return f"<ul>{''.join(items)}</ul>"

    def _item_rest(self, item: ListItem) -> str:
        """What a list item holds after its first paragraph: more paragraphs, then its nested list."""
        paragraphs = "".join(self.words("p", inlines) for inlines in item.more)
        return paragraphs + (self.list(item.sublist) if item.sublist is not None else "")

    def table(self, table: Table) -> str:
        """A captioned table; where the screen is too narrow for its words side by side (its class says how
        wide that is) the style sheet stacks its rows, each cell after its header as a label."""
        self._tables += 1
        headers = [" ".join(plain(cell).split()) for cell in table.header]
        caption = self.words("caption", (Text(table_caption(self._tables, table)),))
        head = "".join(self.words("th", cell, ' scope="col"') for cell in table.header)
        labels = [f'<span class="cell-label" aria-hidden="true">{text(h)}: </span>' if h else "" for h in headers]
        rows = "".join(
            f"<tr>{''.join(self.words('td', cell, before=label) for cell, label in zip(row, labels, strict=False))}</tr>"
            for row in table.rows
        )
        return (
            f'<table class="{table_class(table)}">{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )

    def image(self, image: Image) -> str:
        id_attr = ""
        if self.speaking:
            id_attr = f' id="{self._fragment((Text(f"Picture: {image.alt}"),), BLOCK_PAUSE)}"'
        return f'<figure class="picture"><img{id_attr} src="{attribute(self.picture(image))}" alt="{attribute(image.alt)}"/></figure>'

    # Sections, glossary ----------------------------------------------------

    def sections(self, sections: Sequence[Section], heading_ids: dict[int, str] | None = None) -> str:
        """Sections nested by level (<section> inside <section>), each opening with its heading.

        ``heading_ids`` (by position in ``sections``) gives headings the ids a table of contents points at.
        """
        out: list[str] = []
        open_levels: list[int] = []
        for index, section in enumerate(sections):
            level = section.level if section.heading else 1
            while open_levels and open_levels[-1] >= level:
                out.append("</section>")
                open_levels.pop()
            if section.heading:
                out.append(
                    '<section epub:type="chapter" role="doc-chapter">' if self.epub and level == 2 else "<section>"
                )
                open_levels.append(level)
                id_ = (heading_ids or {}).get(index) or self.heading_id(section.heading)
                out.append(self.heading(min(level, 6), section.heading, id_))
            out += [self.block(block) for block in section.blocks]
        out += ["</section>"] * len(open_levels)
        return "\n".join(out)

    def glossary(self, blocks: Sequence[Block]) -> str:
        """Composed glossary entries as one description list (a term, then its explanation)."""
        term_type, definition_type = (' epub:type="glossterm"', ' epub:type="glossdef"') if self.epub else ("", "")
        out: list[str] = []
        entries: list[str] = []
        for block in blocks:
            parts = term_and_explanation(block) if isinstance(block, Paragraph) else None
            if parts is None:
                out += [f"<dl>{''.join(entries)}</dl>"] if entries else []
                entries = []
                out.append(self.block(block))
                continue
            term, explanation = parts
            entries.append(self.words("dt", term, term_type) + self.words("dd", explanation, definition_type))
        out += [f"<dl>{''.join(entries)}</dl>"] if entries else []
        return "".join(out)


CHARACTER_EMS = 0.62  # Atkinson Hyperlegible's widest usual letters, regular, in ems (bold: a little wider)
CELL_EMS = 1.2  # a cell's padding and rules


def table_class(table: Table) -> str:
    """``stack-N``: the table needs about N rem to show its longest words whole, side by side (N rounded up
    to an even number); ``stack-always`` when that is wider than the page's column."""
    need = 0.0
    columns = max(len(table.header), *(len(row) for row in table.rows))
    for column in range(columns):
        widest = 0.0
        for number, row in enumerate((table.header, *table.rows)):
            cell = row[column] if column < len(row) else ()
            bold = number == 0 or any(isinstance(inline, Strong) for inline in cell)
            longest = max((len(word) for word in plain(cell).split()), default=0)
            widest = max(widest, longest * (CHARACTER_EMS + (0.04 if bold else 0.0)))
        need += widest + CELL_EMS
    rounded = max(STACK_WIDTHS[0], 2 * -(-int(need + 0.999) // 2))
    return f"stack-{rounded}" if rounded <= STACK_WIDTHS[-1] else STACK_ALWAYS


def heading_ids(sections: Sequence[Section], markup: Markup) -> dict[int, str]:
    """An id for each headed section, by position, made before the sections are laid out."""
    return {index: markup.heading_id(section.heading) for index, section in enumerate(sections) if section.heading}
