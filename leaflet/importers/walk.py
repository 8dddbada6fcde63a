"""Semantic HTML (mammoth's, or a saved page's article) into the model's blocks, with their headings.

One walker for the Word and web page importers: an lxml element tree in, a
``Flow`` of model blocks and ``Heading`` marks out, with every construct the
source format cannot carry recorded as a ``Loss`` saying where it was. Boxes
(quotations, asides, NHS care cards, shaded paragraphs) are in ``boxes``,
tables in ``tables``. Nothing here looks at markup as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from urllib.parse import urljoin

from leaflet.core.model import Block, Image, Inline, LineBreak, Link, ListItem, Paragraph, Strong, Text
from leaflet.core.text import plain
from leaflet.importers.blocks import words_of
from leaflet.importers.boxes import box
from leaflet.importers.document import Document, Flow, Heading, Loss, first_words
from leaflet.importers.elements import (
    BLOCK_TAGS,
    EMBEDDED,
    HEADINGS,
    INLINE_LOSSES,
    NOT_INLINE,
    SKIPPED,
    SPACES,
    Element,
    children_with_text,
    coloured,
    is_box,
    more_level,
    spaced_text,
    text_of,
    typed_level,
)
from leaflet.importers.inlines import cut, has_words, tidy, trim
from leaflet.importers.lists import (
    MAX_DEPTH,
    AnyList,
    MoreParagraph,
    TypedItem,
    attach,
    group_typed,
    make_list,
    typed_marker,
)
from leaflet.importers.tables import table

# A picture's src and alt -> the model's Image, or why it cannot be carried.
PictureSaver = Callable[[str, str], Image | str]
Found = list[Block | Heading | TypedItem | MoreParagraph]


class Walker:
    """Turns one element's content into blocks; remembers the heading it is under for each loss."""

    def __init__(self, base_url: str | None, save_picture: PictureSaver, document: Document) -> None:
        self.base_url = base_url
        self.save_picture = save_picture
        self.document = document
        self.heading: str | None = None
        self.in_box = 0  # how many boxes the walk is inside: a box inside a box is part of it
        self._context = ""  # the words of the block being read, for the location of a loss

    def lose(self, what: str, words: str | None = None) -> None:
        said = first_words(words if words is not None else self._context)
        self.document.lose(Loss(what, self.heading, said))

    # Blocks ------------------------------------------------------------

    def blocks(self, element: Element) -> Flow:
        """The blocks inside ``element``, typed bullets ("•", "1.") made into lists."""
        found: Found = []
        inline_run: list[Element | str] = []
        for child in children_with_text(element):
            if isinstance(child, str) or child.tag not in NOT_INLINE:
                inline_run.append(child)
                continue
            found.extend(self.paragraph(inline_run))
            inline_run = []
            found.extend(self.block(child))
        found.extend(self.paragraph(inline_run))
        return attach(_without_repeated_captions(group_typed(found, self.lose)))

    def block(self, element: Element) -> Found:
        tag = element.tag if isinstance(element.tag, str) else ""
        self._context = spaced_text(element)
        if tag in SKIPPED or not tag:
            return []
        if tag == "form" and element.xpath(".//p | .//h1 | .//h2 | .//h3 | .//li"):
            return list(self.blocks(element))  # an old site's page-wide form (ASP.NET) holds the article
        if tag in EMBEDDED:
            self.lose(f"{EMBEDDED[tag]} is left out", text_of(element) or element.get("title", "") or tag)
            return []
        if tag in ("blockquote", "aside") or (tag == "div" and is_box(element)):
            if self.in_box:
                return list(self.blocks(element))
            made = box(self, element)
            return [made] if made is not None else []
        handler = _HANDLERS.get(tag)
        return handler(self, element) if handler else list(self.blocks(element))

    def heading_block(self, element: Element) -> Found:
        text = SPACES.sub(" ", text_of(element)).strip()
        if element.xpath(".//a[@href]"):
            self.lose("a link in a heading (its words are kept; put the link in the paragraph under it)", text)
        self.heading = text or self.heading
        level = HEADINGS[element.tag]
        return [Heading(level, text, title_style="title" in (element.get("class") or "").split())]

    def paragraph(self, parts: list[Element | str]) -> Found:
        """A paragraph's words, split around its pictures; a typed bullet becomes a list item."""
        out: Found = []
        runs: list[Inline] = []
        level = 0
        for part in parts:
            if not isinstance(part, str):
                self._context = spaced_text(part)
                level = max(level, typed_level(part))
            for piece in self.inlines_or_pictures(part, tail=isinstance(part, str) or part.tag not in BLOCK_TAGS):
                if isinstance(piece, Image):
                    out.extend(_paragraphs(runs))
                    runs = []
                    out.append(piece)
                else:
                    runs.append(piece)
        runs = trim(runs)
        if not has_words(runs):
            return out
        marker = typed_marker(plain(tuple(runs)))
        if more_level(parts):
            out.append(MoreParagraph(tidy(runs)))
        elif marker is not None:
            ordered, start, length = marker
            out.append(TypedItem(level or 1, ordered, start, tidy(cut(runs, length))))
        else:
            out.extend(_paragraphs(runs))
        return out

    def list_block(self, element: Element, depth: int = 1) -> AnyList | None:
        ordered = element.tag == "ol"
        start = int(element.get("start", "1")) if (element.get("start") or "").isdigit() else 1
        items = [item for li in element if li.tag == "li" for item in [self.item(li, depth)] if item is not None]
        return make_list(ordered, items, start) if items else None

    def item(self, element: Element, depth: int) -> ListItem | None:
        paragraphs: list[tuple[Inline, ...]] = []
        sublist: AnyList | None = None
        for block in self.blocks(element):
            if isinstance(block, Paragraph) and sublist is None:
                paragraphs.append(block.inlines)
            elif isinstance(block, AnyList) and depth >= MAX_DEPTH:
                self.lose("a list nested more than three deep (its items are kept as paragraphs of the item above)")
                paragraphs.extend(words_of(block))
            elif isinstance(block, AnyList) and sublist is None:
                sublist = block
            elif isinstance(block, AnyList) and sublist is not None:
                sublist = replace(sublist, items=(*sublist.items, *block.items))
            elif isinstance(block, Image):
                self.lose(f"a picture inside a list item ('{block.alt or block.path.name}') is left out")
            elif sublist is not None:
                self.lose("words after a nested list inside a list item (moved to the end of the nested list)")
                sublist = replace(sublist, items=(*sublist.items, *(ListItem(p) for p in words_of(block))))
            else:
                self.lose(f"{_what(block)} inside a list item (its words are kept as paragraphs)")
                paragraphs.extend(words_of(block))
        if not paragraphs and sublist is None:
            return None
        first, *more = paragraphs or [(Text("-"),)]
        return ListItem(first, sublist, more=tuple(more))

    # Inlines -----------------------------------------------------------

    def inlines(self, element: Element) -> tuple[Inline, ...]:
        return tidy(p for p in self.inlines_or_pictures(element, tail=False) if not isinstance(p, Image))

    def inlines_or_pictures(
        self, node: Element | str, bold: bool = False, tail: bool = True
    ) -> Iterator[Inline | Image]:
        if isinstance(node, str):
            if node:
                yield Strong(node) if bold else Text(node)
            return
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br":
            yield LineBreak()
        elif tag == "img":
            picture = self.picture(node)
            if picture is not None:
                yield picture
        elif tag in EMBEDDED:
            self.lose(f"{EMBEDDED[tag]} is left out")
        elif tag == "a" and node.get("href") is not None:
            yield self.link(node)
        elif tag and tag not in SKIPPED:
            yield from self._styled(node, bold or tag in ("strong", "b"))
        if tail and node.tail:
            yield Strong(node.tail) if bold else Text(node.tail)

    def _styled(self, node: Element, strong: bool) -> Iterator[Inline | Image]:
        if node.tag in INLINE_LOSSES and text_of(node).strip():
            self.lose(INLINE_LOSSES[node.tag], text_of(node))
        if coloured(node):
            self.lose("coloured text (the colour is lost)", text_of(node))
        if node.text:
            yield Strong(node.text) if strong else Text(node.text)
        for child in node:
            yield from self.inlines_or_pictures(child, strong)

    def link(self, element: Element) -> Link:
        href = (element.get("href") or "").strip()
        text = SPACES.sub(" ", text_of(element)).strip()
        for img in element.iter("img"):
            self.lose(f"a picture used as a link ('{img.get('alt') or 'no alt text'}') is kept as the link's words")
            text = text or (img.get("alt") or "").strip()
        relative = href and not href.startswith("#") and "://" not in href and not href.startswith(("mailto:", "tel:"))
        if href and not href.startswith("#") and self.base_url:
            href = urljoin(self.base_url, href)
        elif relative:
            self.lose(f"a link to '{href}' has no full address (the page does not say its own address)", text)
        return Link(_without_printed_address(text, href) or href, href)

    def picture(self, element: Element) -> Image | None:
        source = element.get("src") or ""
        alt = SPACES.sub(" ", element.get("alt") or element.get("title") or "").strip()
        if element.get("alt") == "" or element.get("role") == "presentation":
            self.lose("a decorative picture (empty alt text) is left out", source.rsplit("/", 1)[-1][:40])
            return None
        saved = self.save_picture(source, alt)
        if isinstance(saved, str):
            self.lose(f"a picture ({alt or 'no alt text'}) is left out: {saved}")
            return None
        return saved


def _without_printed_address(text: str, href: str) -> str:
    """A link's words without the address printed after them for paper ('our page (https://...)'): every
    format shows or says a link's address its own way."""
    words, bracket, printed = text.rpartition("(")
    bare = "".join(printed.rstrip(")").split()).rstrip("/").lower()
    if bracket and words.strip() and printed.endswith(")") and bare and bare == href.rstrip("/").lower():
        return words.strip()
    return text


def _paragraphs(runs: list[Inline]) -> list[Paragraph]:
    inlines = tidy(runs)
    return [Paragraph(inlines)] if inlines else []


def _list(walker: Walker, element: Element) -> Found:
    made = walker.list_block(element)
    return [made] if made is not None else []


def _preformatted(walker: Walker, element: Element) -> Found:
    walker.lose("preformatted text (the words are kept as a paragraph)")
    return walker.paragraph([element])


def _definitions(walker: Walker, element: Element) -> Found:
    walker.lose("a definition list (each term is kept as a bold line, its meaning as a paragraph)")
    found: Found = []
    for child in element:
        inlines = (
            tidy([Strong(text_of(child))]) if child.tag == "dt" else walker.inlines(child) if child.tag == "dd" else ()
        )
        if inlines:
            found.append(Paragraph(inlines))
    return found


def _table(walker: Walker, element: Element) -> Found:
    return list(table(walker, element))


_HANDLERS: dict[str, Callable[[Walker, Element], Found]] = {
    **dict.fromkeys(HEADINGS, Walker.heading_block),
    "p": lambda walker, element: walker.paragraph([element]),
    "figcaption": lambda walker, element: walker.paragraph([element]),
    "ul": _list,
    "ol": _list,
    "table": _table,
    "hr": lambda walker, element: [],
    "pre": _preformatted,
    "dl": _definitions,
}


def _without_repeated_captions(found: list[object]) -> list[object]:
    """A caption that only repeats the picture's alt text (as pandoc writes one) is said once."""
    out: list[object] = []
    for piece in found:
        previous = out[-1] if out else None
        if (
            isinstance(piece, Paragraph)
            and isinstance(previous, Image)
            and " ".join(plain(piece.inlines).split()) == previous.alt
        ):
            continue
        out.append(piece)
    return out


def _what(block: object) -> str:
    """What a block is, in a comms officer's words."""
    from leaflet.core.model import Callout, Table

    if isinstance(block, Table):
        return "a table"
    if isinstance(block, Callout):
        return "a box"
    if isinstance(block, Heading):
        return "a heading"
    return "a list"
