"""What the elements of semantic HTML mean to the walker: which are blocks, which are left out, which are boxes.

Tables of tag names and small questions about one element (its text, its
table, the list level or box kind its classes say), with no state: the
walker (``leaflet.importers.walk``) asks them as it turns a tree into
draft blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeAlias

from lxml import html as lxml_html

from leaflet.core.model import CalloutKind

Element: TypeAlias = lxml_html.HtmlElement

SKIPPED = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "button", "input", "select"}
EMBEDDED = {
    "iframe": "an embedded page",
    "video": "a video",
    "audio": "a sound recording",
    "object": "an embedded object",
    "embed": "an embedded object",
    "form": "a form",
    "svg": "a drawing made in the page",
    "canvas": "a drawing made in the page",
    "map": "an image map",
}
INLINE_LOSSES = {
    "em": "italic (the words are kept, plain)",
    "i": "italic (the words are kept, plain)",
    "cite": "italic (the words are kept, plain)",
    "u": "underline (the words are kept, plain)",
    "s": "strikethrough (the words are kept, plain)",
    "strike": "strikethrough (the words are kept, plain)",
    "del": "strikethrough (the words are kept, plain)",
    "sup": "superscript (the words are kept on the line)",
    "sub": "subscript (the words are kept on the line)",
    "code": "code formatting (the words are kept, plain)",
    "kbd": "code formatting (the words are kept, plain)",
    "samp": "code formatting (the words are kept, plain)",
}
_BOX_CLASSES = ("callout", "care-card", "card--care", "warning", "alert", "inset-text", "notice", "important")
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = {
    "p", "div", "ul", "ol", "table", "blockquote", "aside", "section", "article", "main", "figure", "dl", "pre",
    "hr", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "details", "summary", "center",
    "fieldset", "address", "figcaption",
}  # fmt: skip
NOT_INLINE = frozenset(BLOCK_TAGS | SKIPPED | set(EMBEDDED))  # what ends a run of inline content
SPACES = re.compile(r"\s+")


def children_with_text(element: Element) -> Iterator[Element | str]:
    """The element's text and children in order, with the text after each block child (an inline one keeps its own)."""
    if element.text:
        yield element.text
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            if child.tail:
                yield child.tail
            continue
        yield child
        if child.tail and child.tag in NOT_INLINE:
            yield child.tail


def text_of(element: Element) -> str:
    """All the words inside ``element``, comments left out."""
    return "".join(t for t in element.itertext() if isinstance(t, str))


def spaced_text(element: Element) -> str:
    """The words inside ``element`` with a space between blocks, items and cells ("cannot get up", "has hit
    their head" stay two phrases), to quote where something was."""
    parts: list[str] = []

    def visit(node: Element) -> None:
        spaced = isinstance(node.tag, str) and (node.tag in NOT_INLINE or node.tag in ("li", "td", "th", "br", "tr"))
        if isinstance(node.tag, str):
            parts.append(" " if spaced else "")
            parts.append(node.text or "")
            for child in node:
                visit(child)
            parts.append(" " if spaced else "")
        parts.append(node.tail or "" if node is not element else "")

    visit(element)
    return " ".join("".join(parts).split())


def owner_table(row: Element) -> Element | None:
    """The table a row belongs to (not a table nested in one of its cells)."""
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def more_level(parts: list[Element | str]) -> int:
    """The list level a paragraph continues (class ``list-more-N``), or 0."""
    for part in parts:
        if not isinstance(part, str):
            for name in (part.get("class") or "").split():
                if name.startswith("list-more-") and name[10:].isdigit():
                    return int(name[10:])
    return 0


def typed_level(element: Element) -> int:
    """The list level of a typed bullet (class ``typed-N``), or 0."""
    for name in (element.get("class") or "").split():
        if name.startswith("typed-") and name[6:].isdigit():
            return int(name[6:])
    return 0


def is_box(element: Element) -> bool:
    """A ``div`` that is a box around words: a note or alert role, or a callout's class name."""
    classes = (element.get("class") or "").lower()
    return element.get("role") in ("note", "alert") or any(word in classes for word in _BOX_CLASSES)


def class_kind(element: Element) -> CalloutKind | None:
    """A box's kind from its class names (NHS care cards: 'nhsuk-card--care--urgent')."""
    classes = (element.get("class") or "").lower()
    kinds: tuple[CalloutKind, ...] = ("non-urgent", "emergency", "urgent")
    for kind in kinds:
        if kind in classes:
            return kind
    return None


def coloured(element: Element) -> bool:
    """Text given a colour of its own (a ``font color`` or a style)."""
    style = (element.get("style") or "").lower().replace(" ", "")
    return (element.tag == "font" and bool(element.get("color"))) or (
        "color:" in style and "color:inherit" not in style
    )


def drop(element: Element) -> None:
    """Take ``element`` out of the tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
