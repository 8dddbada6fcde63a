"""Which part of a saved web page is the leaflet: its main content, never its furniture.

Scripts, navigation, banners, cookie notices, hidden parts and footers go
first. Then the main content is ``main`` (or ``role=main``), else the largest
``article``. A page with neither that shows a site around it (menus, a search
box, share or print links, side boxes) is a whole-page save: trafilatura finds
its article (``leaflet.importers.article``), and what trafilatura kept that
still names itself furniture (a tab list, a "Pages you might like" box) goes
too. A page with neither and no site around it (a document saved as a web
page) is the block that holds most of its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaflet.core.text import words
from leaflet.importers.article import article, furniture
from leaflet.importers.elements import HEADINGS, Element, drop

_JUNK_TAGS = ("script", "style", "noscript", "template", "nav", "footer")
_JUNK_WORDS = ("cookie", "consent", "breadcrumb", "skip-link", "skiplink", "skip-to", "back-to-top", "site-header",
               "site-footer")  # fmt: skip
_JUNK_ROLES = ("navigation", "banner", "contentinfo", "search", "dialog", "alertdialog")
_CONTENT = ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "dd", "blockquote")
_SMALL_BOX = 0.4  # a furniture box is less than this share of the page's words (more is the page's own wrapper)


@dataclass(frozen=True, slots=True)
class Content:
    """The element that holds the leaflet, and how it was found (for the import's report)."""

    element: Element
    how: str
    left_out: int = 0  # the words of the page's own furniture left out


def main_content(root: Element, page: bytes) -> Content | None:
    body = root.find("body")
    if body is None:
        return None
    site = _shows_a_site(body)
    for element in [*body.iter("script", "style", "noscript", "template")]:
        drop(element)
    before = _count(body)
    _drop_junk(body)
    for choice in (body.find(".//main"), body.find(".//*[@role='main']")):
        if choice is not None:
            return Content(choice, "the page's main content")
    articles = list(body.iter("article"))
    if articles:
        return Content(max(articles, key=_score), "the page's article")
    if site:
        _drop_furniture(body)
        if article(body, page):
            return Content(body, "the article trafilatura found in the page", before - _count(body))
    for element in list(body.iter("header", "aside")):
        drop(element)
    return Content(_largest(body), "the part of the page that holds most of its text")


def _shows_a_site(body: Element) -> bool:
    """Menus, a search box, share, save or print links, side boxes: the page is a site's, not a document's."""
    if body.find(".//nav") is not None or body.find(".//*[@role='navigation']") is not None:
        return True
    if body.find(".//input[@type='text']") is not None or body.find(".//input[@type='search']") is not None:
        return True
    marked = sum(1 for e in body.iter() if isinstance(e.tag, str) and e.tag not in HEADINGS and furniture(e))
    return marked >= 2 or sum(1 for ul in body.iter("ul", "ol") if _link_list(ul)) >= 2


def _link_list(element: Element) -> bool:
    """A list of three or more items that are each a link and little else (a menu)."""
    items = [li for li in element if li.tag == "li"]
    if len(items) < 3:
        return False
    for li in items:
        linked = sum(len(words(a.text_content())) for a in li.iter("a"))
        if not linked or len(words(li.text_content())) > 2 * linked:
            return False
    return True


def _drop_junk(body: Element) -> None:
    for element in [*body.iter(*_JUNK_TAGS)]:
        drop(element)
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marks = f"{element.get('id') or ''} {element.get('class') or ''}".lower()
        if (
            element.get("role") in _JUNK_ROLES
            or element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or any(word in marks for word in _JUNK_WORDS)
        ):
            drop(element)


def _drop_furniture(body: Element) -> None:
    """What trafilatura kept that names itself furniture: a tab list of the page's other parts, a box headed
    "Pages you might like" (the heading with the box it heads)."""
    total = _score(body)
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or not furniture(element):
            continue
        parent = element.getparent()
        box = parent if element.tag in HEADINGS and parent is not body else element
        if box.getparent() is not None and _score(box) < _SMALL_BOX * total:
            drop(box)


def _count(element: Element) -> int:
    return len(words(" ".join(t for t in element.itertext() if isinstance(t, str))))


def _score(element: Element) -> int:
    return sum(
        len(" ".join(e.itertext()).strip())
        for e in element.iter(*_CONTENT)
        if not e.xpath("ancestor::li|ancestor::td") or e.tag in ("li", "td")
    )


def _largest(body: Element) -> Element:
    """The deepest block that still holds most (four fifths) of the page's text."""
    current = body
    while True:
        total = _score(current)
        children = [
            c
            for c in current
            if isinstance(c.tag, str) and c.tag in ("div", "section", "td", "table", "tbody", "tr", "center", "form")
        ]
        best = max(children, key=_score, default=None)
        if best is None or total == 0 or _score(best) < 0.8 * total:
            return current
        current = best
