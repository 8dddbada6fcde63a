"""Semantic HTML (mammoth's, or a saved page's main content) into draft blocks.

One walker for both importers: an lxml element tree in, ``draft`` blocks
out, with every construct the source format cannot carry recorded as a
``Loss`` saying where it was. Nothing here looks at markup as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urljoin

from leaflet.importers.draft import (
    Block,
    Bold,
    Break,
    Callout,
    Heading,
    Href,
    Item,
    ListBlock,
    Loss,
    Para,
    Picture,
    Span,
    Spans,
    TableBlock,
    Words,
    callout_kind,
    first_words,
    spans_text,
    take_marker,
)
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
    class_kind,
    coloured,
    is_box,
    more_level,
    owner_table,
    text_of,
    typed_level,
)
from leaflet.importers.lists import MoreParagraph, TypedItem, attach, group_typed, typed_marker
from leaflet.importers.spans import cut, has_words, trim, without_repeated_captions, words_of

# A picture's src -> (file name written beside leaflet.md, or None with the reason it cannot be carried).
PictureSaver = Callable[[str], tuple[str | None, str]]


class Walker:
    """Turns one element's content into blocks; remembers the heading it is under for each loss."""

    def __init__(self, base_url: str | None, save_picture: PictureSaver, losses: list[Loss]) -> None:
        self.base_url = base_url
        self.save_picture = save_picture
        self.losses = losses
        self.heading: str | None = None
        self._context = ""  # the words of the block being read, for the location of a loss

    def lose(self, what: str, words: str | None = None) -> None:
        self.losses.append(Loss(what, self.heading, first_words(words if words is not None else self._context)))

    # Blocks ------------------------------------------------------------

    def blocks(self, element: Element) -> list[Block]:
        """The blocks inside ``element``, typed bullets ("•", "1.") made into lists."""
        found: list[Block | TypedItem | MoreParagraph] = []
        inline_run: list[Element | str] = []

        def flush() -> None:
            if inline_run:
                found.extend(self._paragraph(list(inline_run)))
                inline_run.clear()

        for child in children_with_text(element):
            if isinstance(child, str) or child.tag not in NOT_INLINE:
                inline_run.append(child)
                continue
            flush()
            if isinstance(child, str):
                continue
            found.extend(self.block(child))
        flush()
        return attach(without_repeated_captions(group_typed(found, self.lose)))

    def block(self, element: Element) -> list[Block | TypedItem | MoreParagraph]:
        tag = element.tag if isinstance(element.tag, str) else ""
        self._context = text_of(element)
        if tag in SKIPPED or not tag:
            return []
        if tag in EMBEDDED:
            self.lose(f"{EMBEDDED[tag]} is left out", text_of(element) or element.get("title", "") or tag)
            return []
        if tag in HEADINGS:
            return [self._heading(element, HEADINGS[tag])]
        if tag == "p":
            return self._paragraph([element])
        if tag in ("ul", "ol"):
            return [self.list_block(element, 1)]
        if tag == "table":
            return self.table(element)
        if tag == "hr":
            return []
        if tag in ("blockquote", "aside") or (tag == "div" and is_box(element)):
            return [self.callout(element)]
        if tag == "pre":
            self.lose("preformatted text (the words are kept as a paragraph)")
            return self._paragraph([element])
        if tag == "dl":
            self.lose("a definition list (each term is kept as a bold line, its meaning as a paragraph)")
            return [
                Para([Bold(text_of(c))]) if c.tag == "dt" else Para(self.spans(c))
                for c in element
                if c.tag in ("dt", "dd")
            ]
        if tag == "figure":
            return list(self.blocks(element))
        if tag == "figcaption":
            return self._paragraph([element])
        return list(self.blocks(element))

    def _heading(self, element: Element, level: int) -> Heading:
        text = SPACES.sub(" ", text_of(element)).strip()
        if element.xpath(".//a[@href]"):
            self.lose("a link in a heading (its words are kept; put the link in the paragraph under it)", text)
        self.heading = text or self.heading
        return Heading(level, text, title_style="title" in (element.get("class") or "").split())

    def _paragraph(self, parts: list[Element | str]) -> list[Block | TypedItem | MoreParagraph]:
        """A paragraph's spans, split around its pictures; a typed bullet becomes a list item."""
        out: list[Block | TypedItem | MoreParagraph] = []
        spans: Spans = []
        level = 0
        for part in parts:
            if not isinstance(part, str):
                self._context = text_of(part)
                level = max(level, typed_level(part))
            for piece in self._spans_or_pictures(part, tail=isinstance(part, str) or part.tag not in BLOCK_TAGS):
                if isinstance(piece, Picture):
                    if has_words(spans):
                        out.append(Para(trim(spans)))
                    spans = []
                    out.append(piece)
                else:
                    spans.append(piece)
        more = more_level(parts)
        if has_words(spans) and more:
            out.append(MoreParagraph(more, trim(spans)))
        elif has_words(spans):
            spans = trim(spans)
            marker = typed_marker(spans_text(spans))
            if marker is not None:
                ordered, start, length = marker
                out.append(TypedItem(level or 1, ordered, start, cut(spans, length)))
            else:
                out.append(Para(spans))
        return out

    def list_block(self, element: Element, depth: int) -> ListBlock:
        ordered = element.tag == "ol"
        start = int(element.get("start", "1")) if (element.get("start") or "").isdigit() else 1
        items = [self.item(li, depth) for li in element if li.tag == "li"]
        return ListBlock(ordered, [i for i in items if i.paragraphs or i.sublist], start)

    def item(self, element: Element, depth: int) -> Item:
        item = Item([])
        for block in self.blocks(element):
            if isinstance(block, Para) and item.sublist is None:
                item.paragraphs.append(block.spans)
            elif isinstance(block, ListBlock) and item.sublist is None:
                item.sublist = block
            elif isinstance(block, ListBlock) and item.sublist is not None:
                item.sublist.items.extend(block.items)
            elif isinstance(block, Para | Heading | TableBlock | Callout) and item.sublist is not None:
                self.lose("words after a nested list inside a list item (moved to the end of the nested list)")
                item.sublist.items.append(Item(words_of(block)))
            elif isinstance(block, Picture):
                self.lose(f"a picture inside a list item ('{block.alt or block.name}') is left out")
            else:
                self.lose("a table, heading or box inside a list item (its words are kept as paragraphs)")
                item.paragraphs.extend(words_of(block))
        if not item.paragraphs and item.sublist is not None:
            item.paragraphs.append([Words(" ")])
        return item

    def table(self, element: Element) -> list[Block | TypedItem | MoreParagraph]:
        rows = [r for r in element.iter("tr") if owner_table(r) is element]
        grid = [[c for c in row if c.tag in ("td", "th")] for row in rows]
        grid = [r for r in grid if r]
        if not grid:
            return []
        if len(grid) == 1 and len(grid[0]) == 1:
            return [self._box(grid[0][0])]  # a one-cell table is a box around words
        if element.xpath(".//table"):
            self.lose("a table inside a table (its words are kept as paragraphs)")
            return [b for row in grid for cell in row for b in self.blocks(cell)]
        if len(grid) == 1:
            self.lose("a table with only one row (its cells are kept as paragraphs)")
            return [b for cell in grid[0] for b in self.blocks(cell)]
        header_rows = [r for r in rows if r.getparent() is not None and r.getparent().tag == "thead"]
        if not header_rows and not all(c.tag == "th" for c in grid[0]):
            self.lose("the table has no header row marked; its first row is used as the header")
        width = max(len(r) for r in grid)
        if any(len(r) != width for r in grid):
            self.lose("a table with merged cells (empty cells were added to keep its columns)")
        cells = [[self.cell(c) for c in row] + [[] for _ in range(width - len(row))] for row in grid]
        return [TableBlock(cells[0], cells[1:])]

    def cell(self, element: Element) -> Spans:
        spans: Spans = []
        for block in self.blocks(element):
            if isinstance(block, Picture):
                self.lose(f"a picture inside a table ('{block.alt or block.name}') is left out")
                continue
            if isinstance(block, ListBlock | Callout | Heading):
                self.lose("a list or box inside a table cell (its words are kept, one after another)")
            for paragraph in words_of(block):
                spans.extend([*([Words(" ")] if spans else []), *paragraph])
        return [Words(" ") if isinstance(s, Break) else s for s in spans]

    def callout(self, element: Element) -> Callout:
        return self._box(element)

    def _box(self, element: Element) -> Callout:
        blocks = [b for b in self.blocks(element)]
        words = " ".join(spans_text(p) for b in blocks for p in words_of(b))
        kind = class_kind(element) or callout_kind(words)
        title: str | None = None
        first = blocks[0] if blocks else None
        if isinstance(first, Heading):
            title, blocks = " ".join(first.text.split()), blocks[1:]
        elif isinstance(first, Para):
            text = spans_text(first.spans)
            marked, rest = take_marker(text)
            if marked is not None:
                kind = marked
                after = cut(first.spans, len(text) - len(rest))
                if any(isinstance(s, Href | Break) for s in after):
                    blocks = [Para(after), *blocks[1:]]  # a title cannot hold a link: the words stay a paragraph
                else:
                    title, blocks = " ".join(spans_text(after).split()) or None, blocks[1:]
            elif all(isinstance(s, Bold) for s in first.spans):
                title, blocks = " ".join(text.split()), blocks[1:]
        kept: list[Block] = []
        for block in blocks:
            if isinstance(block, Para | ListBlock):
                kept.append(block)
            elif isinstance(block, Picture):
                self.lose(f"a picture inside a box ('{block.alt or block.name}') is left out")
            else:
                self.lose("a table, heading or box inside a box (its words are kept as paragraphs)")
                kept.extend(Para(p) for p in words_of(block))
        return Callout(kind, title, kept)

    # Inlines -----------------------------------------------------------

    def spans(self, element: Element) -> Spans:
        return [s for s in self._spans_or_pictures(element, tail=False) if not isinstance(s, Picture)]

    def _spans_or_pictures(
        self, node: Element | str, bold: bool = False, tail: bool = True
    ) -> Iterator[Span | Picture]:
        if isinstance(node, str):
            if node:
                yield Bold(node) if bold else Words(node)
            return
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in SKIPPED:
            yield from self._tail(node, bold, tail)
            return
        if tag == "br":
            yield Break()
        elif tag == "img":
            picture = self.picture(node)
            if picture is not None:
                yield picture
        elif tag in EMBEDDED:
            self.lose(f"{EMBEDDED[tag]} is left out")
        elif tag == "a" and node.get("href") is not None:
            yield self.link(node)
        else:
            if tag in INLINE_LOSSES and text_of(node).strip():
                self.lose(INLINE_LOSSES[tag], text_of(node))
            if coloured(node):
                self.lose("coloured text (the colour is lost)", text_of(node))
            strong = bold or tag in ("strong", "b")
            if node.text:
                yield Bold(node.text) if strong else Words(node.text)
            for child in node:
                yield from self._spans_or_pictures(child, strong)
        yield from self._tail(node, bold, tail)

    @staticmethod
    def _tail(node: Element, bold: bool, tail: bool) -> Iterator[Span | Picture]:
        if tail and node.tail:
            yield Bold(node.tail) if bold else Words(node.tail)

    def link(self, element: Element) -> Href:
        href = (element.get("href") or "").strip()
        text = SPACES.sub(" ", text_of(element)).strip()
        for img in element.iter("img"):
            self.lose(f"a picture used as a link ('{img.get('alt') or 'no alt text'}') is kept as the link's words")
            text = text or (img.get("alt") or "").strip()
        if href and not href.startswith("#") and self.base_url:
            href = urljoin(self.base_url, href)
        elif href and not href.startswith("#") and "://" not in href and not href.startswith(("mailto:", "tel:")):
            self.lose(f"a link to '{href}' has no full address (the page does not say its own address)", text)
        return Href(text or href, href)

    def picture(self, element: Element) -> Picture | None:
        source = element.get("src") or ""
        alt = SPACES.sub(" ", element.get("alt") or element.get("title") or "").strip()
        if element.get("alt") == "" or element.get("role") == "presentation":
            self.lose("a decorative picture (empty alt text) is left out", source.rsplit("/", 1)[-1][:40])
            return None
        name, reason = self.save_picture(source)
        if name is None:
            self.lose(f"a picture ({alt or 'no alt text'}) is left out: {reason}")
            return None
        return Picture(name, alt)


__all__ = ["Bold", "Href", "Span", "Walker"]
