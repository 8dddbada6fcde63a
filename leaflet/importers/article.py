"""A whole-page save's article: found by trafilatura, taken from the page's own elements.

Older sites (NHS Choices in 2014-2016, many trusts' sites still) have no
``main`` or ``article``: the article sits beside share, save and print links,
"Saved pages", "Recently visited", "Pages you might like", ratings, forum
posts and "contact us" promos, often in one column. trafilatura, a maintained
main-text extractor, tells the article's words from the page's furniture; its
own output keeps too little of the markup (care cards' classes, pictures'
files, links), so its words are aligned with the page's, and every piece of
the page whose words it did not keep is taken out. The importer's own rules
then map what is left, as they map any page.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from lxml import etree

from leaflet.core.text import words
from leaflet.importers.elements import NOT_INLINE, SKIPPED, Element, drop

# Elements whose words are their own (a paragraph, an item, a cell); a block inside one has its own words.
_BLOCKISH = NOT_INLINE | {"li", "td", "th", "tr", "thead", "tbody", "tfoot", "dt", "dd", "caption", "label"}
_KEPT_EMPTY = {"td", "th", "tr", "thead", "tbody", "tfoot", "br", "img"}  # a table keeps its shape
_KEEP = 0.5  # the share of a piece's words trafilatura must have kept for the piece to stay
# Class and id words of page furniture that trafilatura sometimes keeps with the article (a tab list): found in
# a name ('leftnav', 'socialbar'), or as one of its parts ('tab-list', 'page-tools').
FURNITURE = ("nav", "menu", "breadcrumb", "crumbs", "share", "sharing", "social", "sidebar", "promo", "related",
             "comment", "forum", "disqus")  # fmt: skip
FURNITURE_PARTS = ("tab", "tabs", "print", "save", "tools", "rate", "rating", "discussion", "widget")
FURNITURE_NAMES = ("footer", "banner", "masthead", "ft", "hd")  # a whole class or id
# The headings of the boxes a whole-page save holds beside the article, as NHS sites have long worded them.
FURNITURE_HEADINGS = ("pages you might like", "you might also like", "saved pages", "recently visited",
                      "rate this page", "share this page", "find services near you",
                      "comments", "your comments", "add your comment", "related pages", "related links",
                      "from our forum", "recently viewed")  # fmt: skip


def article(body: Element, page: bytes) -> bool:
    """Take out of ``body`` every piece whose words trafilatura left out of the article; False (``body``
    untouched) when trafilatura finds no article."""
    found = _extracted(page)
    if found is None:
        return False
    kept_words, pictures = found
    owners = list(_owners(body))
    tokens = [(index, word) for index, (_, own) in enumerate(owners) for word in own]
    matcher = difflib.SequenceMatcher(None, [w for _, w in tokens], kept_words, autojunk=False)
    matched = [0] * len(owners)
    for block in matcher.get_matching_blocks():
        for position in range(block.a, block.a + block.size):
            matched[tokens[position][0]] += 1
    kept = [i for i, ((_, own), count) in enumerate(zip(owners, matched, strict=True)) if count >= _KEEP * len(own)]
    keep = {id(owners[i][0]) for i in _with_what_it_missed(owners, kept)}
    for element, _ in owners:
        if id(element) not in keep:
            _clear_own_words(element)
    for img in list(body.iter("img")):
        if img.get("src") not in pictures and not _kept_owner(img, keep):
            drop(img)
    _remove_empty(body)
    return True


def _with_what_it_missed(owners: list[tuple[Element, list[str]]], kept: list[int]) -> list[int]:
    """trafilatura's pieces, with the page's one top heading when it comes before them, and the sentences
    between two of them that it passed over (a short introduction): prose, not links."""
    if not kept:
        return kept
    tops = [i for i, (element, _) in enumerate(owners) if element.tag == "h1"]
    first = tops[0] if len(tops) == 1 and tops[0] < kept[0] else kept[0]
    chosen = set(kept) | {first}
    chosen.update(i for i in range(first, kept[-1]) if _prose(*owners[i]))
    return sorted(chosen)


def _prose(element: Element, own: list[str]) -> bool:
    """The article's own words: a heading, an item or a sentence of six words or more, mostly not a link's,
    in nothing marked furniture."""
    linked = sum(len(words(a.text_content())) for a in element.iter("a"))
    said = element.text_content().strip()
    heading = element.tag in ("h2", "h3", "h4", "h5", "h6") or said.endswith(":")  # a box's "Call 999 if:"
    least = 1 if heading else 3 if element.tag in ("li", "dd", "td") else 6
    if len(own) < least or linked * 2 >= len(own):
        return False
    node: Element | None = element
    while node is not None:
        if furniture(node):
            return False
        node = node.getparent()
    return True


def furniture(element: Element) -> bool:
    """An element whose class or id names it page furniture ('share-tools', 'tab-list', 'sidebar'), or a
    heading that names a box of it ('Saved pages', 'Pages you might like', 'Media last reviewed: ...')."""
    if element.tag in ("h2", "h3", "h4", "h5", "h6"):
        said = " ".join(words("".join(t for t in element.itertext() if isinstance(t, str))))
        return said in FURNITURE_HEADINGS or said.startswith("media last reviewed")
    marks = f"{element.get('id') or ''} {element.get('class') or ''}".lower()
    parts = {part for word in marks.split() for part in word.replace("_", "-").split("-")}
    return (
        any(word in marks for word in FURNITURE)
        or any(word in parts for word in FURNITURE_PARTS)
        or any(word in marks.split() for word in FURNITURE_NAMES)
    )


def _extracted(page: bytes) -> tuple[list[str], set[str]] | None:
    """trafilatura's article: its words in order (the title first) and its pictures' addresses."""
    import trafilatura

    xml = trafilatura.extract(
        page,
        output_format="xml",
        include_comments=False,
        favor_precision=True,  # a leaflet would rather lose a stray line than print a "Saved pages" box
        include_tables=True,
        include_images=True,
        with_metadata=True,
        deduplicate=False,
    )
    if not xml:
        return None
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        return None
    text = " ".join(t for t in main.itertext())
    pictures = {g.get("src") or "" for g in main.iter("graphic")}
    return words(root.get("title") or "") + words(text), pictures


def _owners(element: Element) -> Iterator[tuple[Element, list[str]]]:
    """Every element with words of its own (not those of a block inside it), in the page's order."""
    own = words(" ".join(_own_text(element)))
    if own:
        yield element, own
    for child in element:
        if isinstance(child.tag, str) and child.tag in _BLOCKISH and child.tag not in SKIPPED:
            yield from _owners(child)


def _own_text(element: Element) -> Iterator[str]:
    yield element.text or ""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _BLOCKISH:
            yield child.tail or ""
        else:
            yield from (t for t in child.itertext() if isinstance(t, str))
            yield child.tail or ""


def _clear_own_words(element: Element) -> None:
    """Take out an element's own words and inline parts; a block inside it stays (it is judged by itself)."""
    element.text = None
    for child in list(element):
        if not isinstance(child.tag, str) or child.tag not in _BLOCKISH:
            element.remove(child)
        else:
            child.tail = None


def _kept_owner(node: Element, keep: set[int]) -> bool:
    parent = node.getparent()
    while parent is not None and id(parent) not in keep:
        parent = parent.getparent()
    return parent is not None


def _remove_empty(element: Element) -> None:
    """Blocks left with no words and no picture go (a list's or a table's skeleton)."""
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        _remove_empty(child)
        empty = not "".join(t for t in child.itertext() if isinstance(t, str)).strip()
        if empty and child.tag not in _KEPT_EMPTY and child.find(".//img") is None:
            drop(child)
