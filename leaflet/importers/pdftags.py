"""A tagged PDF's structure tree (PDF/UA: H1, P, L/LI/Lbl/LBody, Table, Figure, Link...) as semantic HTML.

pikepdf walks the tree in its order, which is the reading order; each marked
content id points at characters on a page (read by pdfplumber), so an
element's words are the characters of its ids, with a space where a line ends
or a gap is. Artifacts (running headers, footers, page numbers) are not in the
tree, so they never come in. A Link takes its address from its annotation, a
Figure its alt text and its picture from what is drawn in its marked content.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from leaflet.importers.document import Document, Loss, take_marker
from leaflet.importers.elements import Element
from leaflet.importers.pdflines import split_at_hyphen
from leaflet.importers.pdfpage import Page, element, runs_of, text_of
from leaflet.importers.pictures import Pictures

_TAGS = {
    "H1": "h1", "H2": "h2", "H3": "h3", "H4": "h4", "H5": "h5", "H6": "h6", "H": "h2", "Title": "h1",
    "P": "p", "Caption": "p", "BlockQuote": "blockquote", "Note": "aside",
    "L": "ul", "LI": "li", "LBody": "span",
    "Table": "table", "THead": "thead", "TBody": "tbody", "TFoot": "tfoot", "TR": "tr", "TH": "th", "TD": "td",
    "Link": "a", "Span": "span", "Quote": "span", "Reference": "span", "Em": "span", "Strong": "strong",
    "Code": "span", "Annot": "span", "BibEntry": "span", "Lbl": "span", "Formula": "span",
}  # fmt: skip
_LEFT_OUT = {"TOC": "the table of contents is left out (every format makes its own)", "Index": "an index is left out",
             "Form": "a form is left out", "Artifact": ""}  # fmt: skip
_BOLD_OF_ITS_OWN = {"h1", "h2", "h3", "h4", "h5", "h6", "th", "strong"}  # bold there is not the words' own
_HOLDS_WORDS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "a", "strong", "td", "th", "li"}  # its parts are words
_NUMBERED = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")


def structure(document: Any, pages: list[Page], pictures: Pictures, read: Document) -> Element | None:
    root = document.Root.get("/StructTreeRoot")
    if root is None:
        return None
    builder = _Builder(document, pages, pictures, read)
    body = element("div")
    builder.kids(root, body, None)
    for found in list(body.iter("ul", "ol")):
        _lists_in_items(found)
    for table in list(body.iter("table")):
        inner = [child for child in table if child.tag == "table"]
        if len(inner) == 1 and len(table) == 1:  # a table tagged inside its own wrapper
            table.getparent().replace(table, inner[0])
    _join_boxes_split_by_pages(body)
    _join_lists_split_by_pages(body)
    return body


class _Builder:
    def __init__(self, document: Any, pages: list[Page], pictures: Pictures, read: Document) -> None:
        self.pages = pages
        self.pictures = pictures
        self.read = read
        role_map = document.Root.StructTreeRoot.get("/RoleMap") or {}
        self.roles = {str(k).lstrip("/"): str(v).lstrip("/") for k, v in dict(role_map).items()}
        self.page_of = {page.objgen: index for index, page in enumerate(p.obj for p in document.pages)}
        self.chars: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        for page in pages:
            for char in page.chars:
                if char.get("mcid") is not None:
                    self.chars[(page.number, int(char["mcid"]))].append(char)
        self.last: dict[str, Any] | None = None  # the last character put in, to know where a space goes
        self.holder: tuple[Element | None, str] = (None, "text")  # where the last words went
        self.text = ""  # the last words put in
        self.trail: list[int] = []  # the page of each run of words put in, in order

    def role(self, struct: Any) -> str:
        kind = str(struct.get("/S", "")).lstrip("/")
        for _ in range(5):  # a role map may map to another mapped role
            if kind in _TAGS or kind in _LEFT_OUT or kind not in self.roles:
                break
            kind = self.roles[kind]
        return kind

    def page(self, struct: Any, inherited: int | None) -> int | None:
        page = struct.get("/Pg") if hasattr(struct, "get") else None
        return self.page_of.get(page.objgen, inherited) if page is not None else inherited

    def kids(self, struct: Any, into: Element, page: int | None) -> None:
        kids = struct.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) or hasattr(kids, "append") else [kids]:
            self.kid(kid, into, page)

    def kid(self, kid: Any, into: Element, page: int | None) -> None:
        if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
            self.words(into, page, int(kid))
        elif hasattr(kid, "get") and kid.get("/Type") == "/MCR":
            self.words(into, self.page(kid, page), int(kid.get("/MCID")))
        elif hasattr(kid, "get") and kid.get("/Type") == "/OBJR":
            annotation = kid.get("/Obj")
            action = annotation.get("/A") if annotation is not None else None
            if into.tag == "a" and action is not None and action.get("/URI") is not None:
                into.set("href", str(action.get("/URI")))
        elif hasattr(kid, "get") and "/S" in kid:
            self.element(kid, into, self.page(kid, page))

    def element(self, struct: Any, into: Element, page: int | None) -> None:
        kind = self.role(struct)
        if kind in _LEFT_OUT:
            if _LEFT_OUT[kind]:
                self.read.lose(Loss(_LEFT_OUT[kind], None, ""))
            return
        if kind == "Figure":
            self.figure(struct, into, page)
            return
        made = element(_TAGS.get(kind, "span" if into.tag in _HOLDS_WORDS else "div"))
        if kind in ("Sect", "Div", "Aside") and _names_a_box(struct.get("/T")):
            made.set("role", "note")  # our own large print's boxes: a section titled with its kind ('Emergency')
        if kind == "Lbl":
            label = element("span")
            self.kids(struct, label, page)
            into.set("data-label", " ".join(label.text_content().split()))
            return
        into.append(made)
        actual = struct.get("/ActualText")
        begun = len(self.trail)
        if actual is not None and kind not in ("L", "LI", "Table", "TR", "Link"):
            made.text = " " + str(actual)
            self.last = None
        else:
            self.kids(struct, made, page)
        if made.tag in ("blockquote", "aside") and len(self.trail) > begun:
            made.set("data-pages", f"{self.trail[begun]} {self.trail[-1]}")  # where its words start and end
        if kind == "LI" and page is not None:
            made.set("data-page", str(page))
        if kind == "L":
            _number_if_labelled(made)

    def words(self, into: Element, page: int | None, mcid: int) -> None:
        """The words of one marked content, with a link's area made a link where the tags have none."""
        if page is None:
            return
        chars = self.chars.get((page, mcid), [])
        if chars:
            self.trail.append(page)
        weighted = not any(e.tag in _BOLD_OF_ITS_OWN for e in (into, *into.iterancestors()))
        for address, heavy, run in runs_of(self.pages[page], chars, into.tag == "a", weighted):
            if address is None:
                self.put(_new_child(into, "strong") if heavy else into, run)
                continue
            last = into[-1] if len(into) else None
            if last is not None and last.tag == "a" and last.get("href") == address and not (last.tail or "").strip():
                self.put(last, run, url=True)  # the same link, on its next line
            else:
                self.put(_new_child(into, "a", href=address), run)

    def put(self, into: Element, chars: list[dict[str, Any]], url: bool = False) -> None:
        text = text_of(chars)
        if not text:
            return
        last, first = self.last, next(c for c in chars if not c["text"].isspace())
        if last is not None and last["text"] in HYPHENS and _apart(last, first):
            self._unhyphenate()  # the layout split a word over two lines
        elif last is not None and _another_line(last, first) and split_at_hyphen(self.text, first["text"]):
            pass  # a hyphenated word or an address broken at its own hyphen: the hyphen stays, no space
        elif (url or self.text.endswith("://")) and last is not None and not last["text"].isspace() and " " not in text:
            pass  # an address the layout broke over two lines: one address
        elif last is not None and (last["text"].isspace() or chars[0]["text"].isspace() or _apart(last, first)):
            text = " " + text
        self.last, self.text = chars[-1], text
        if text.startswith(" ") and into.tag in ("a", "strong") and not into.text and not len(into):
            outer = _outermost_start(into)
            _put(outer.getparent(), outer.getprevious(), " ")  # a link's words start after the space before it
            text = text[1:]
        self.holder = _put(into, into[-1] if len(into) else None, text)

    def _unhyphenate(self) -> None:
        """Take the layout's hyphen off the end of the words put in so far."""
        element, where = self.holder
        if element is not None:
            value = (element.tail if where == "tail" else element.text) or ""
            value = value.rstrip().rstrip("".join(HYPHENS))
            if where == "tail":
                element.tail = value
            else:
                element.text = value

    def figure(self, struct: Any, into: Element, page: int | None) -> None:
        alt = struct.get("/Alt")
        ids = [(p, m) for p, m in _marked(self, struct, page)]
        drawn = _bbox(self.pages, ids)
        data = self.pages[drawn[0]].picture(drawn[1]) if drawn is not None else None
        said = f"'{alt}'" if alt is not None else "no alt text"
        if data is None:
            self.read.lose(
                Loss(f"a picture ({said}) could not be read from the PDF; add it beside leaflet.md", None, "")
            )
            return
        picture = element("img", src=self.pictures.keep(data))
        if alt is not None and str(alt).strip():
            picture.set("alt", " ".join(str(alt).split()))
        into.append(picture)


def _marked(builder: _Builder, struct: Any, page: int | None) -> list[tuple[int, int]]:
    """Every (page, marked content id) under ``struct``."""
    found: list[tuple[int, int]] = []
    kids = struct.get("/K")
    for kid in (kids if hasattr(kids, "append") else [kids]) if kids is not None else []:
        if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
            if page is not None:
                found.append((page, int(kid)))
        elif hasattr(kid, "get") and kid.get("/Type") == "/MCR":
            where = builder.page(kid, page)
            if where is not None:
                found.append((where, int(kid.get("/MCID"))))
        elif hasattr(kid, "get") and "/S" in kid:
            found.extend(_marked(builder, kid, builder.page(kid, page)))
    return found


def _bbox(pages: list[Page], ids: list[tuple[int, int]]) -> tuple[int, tuple[float, float, float, float]] | None:
    """The page and the area of what is drawn in the marked content ``ids`` (a picture, lines and shapes)."""
    if not ids:
        return None
    number = ids[0][0]
    wanted = {m for p, m in ids if p == number}
    page = pages[number].plumber
    drawn = [o for kind in ("images", "curves", "rects", "lines", "chars") for o in getattr(page, kind)
             if o.get("mcid") in wanted]  # fmt: skip
    if not drawn:
        return None
    return number, (min(o["x0"] for o in drawn), min(o["top"] for o in drawn), max(o["x1"] for o in drawn),
                    max(o["bottom"] for o in drawn))  # fmt: skip


HYPHENS = ("\u2010", "\u00ad")


def _new_child(into: Element, tag: str, **attributes: str) -> Element:
    made = element(tag, **attributes)
    into.append(made)
    return made


def _put(into: Element | None, after: Element | None, text: str) -> tuple[Element | None, str]:
    """Words into ``into``, after its child ``after`` (None: at its start); where they went."""
    if after is not None:
        after.tail = (after.tail or "") + text
        return after, "tail"
    if into is not None:
        into.text = (into.text or "") + text
    return into, "text"


def _outermost_start(into: Element) -> Element:
    """The outermost link or bold that ``into`` (empty so far) opens: a space before its words goes before it."""
    while True:
        parent = into.getparent()
        if parent is None or parent.tag not in ("a", "strong") or parent.text or parent[0] is not into:
            return into
        into = parent


def _another_line(before: dict[str, Any], after: dict[str, Any]) -> bool:
    size = float(after.get("size") or 10)
    return (
        before.get("page_number") != after.get("page_number")
        or abs(float(before["top"]) - float(after["top"])) > size * 0.5
    )


def _apart(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """A space between two characters: on another line or page, or a gap wider than a thin space."""
    if before.get("page_number") != after.get("page_number"):
        return True
    size = float(after.get("size") or 10)
    return abs(float(before["top"]) - float(after["top"])) > size * 0.5 or after["x0"] - before["x1"] > size * 0.15


def _number_if_labelled(made: Element) -> None:
    """A list whose items' labels are numbers is a numbered list, counted from its first."""
    labels = [li.get("data-label", "") for li in made if li.tag == "li"]
    first = labels[0].strip("().") if labels else ""
    if first and first[0] in _NUMBERED and first.isdigit():
        made.tag = "ol"
        if first != "1":
            made.set("start", first)


def _lists_in_items(found: Element) -> None:
    """A list tagged beside its parent's items (L > LI, L) goes inside the item before it, as HTML has it; one
    tagged inside an item's words (LI > LBody > L) goes after them."""
    for child in list(found):
        if child.tag in ("ul", "ol"):
            previous = child.getprevious()
            if previous is not None and previous.tag == "li":
                previous.append(child)
    for item in found.iterchildren("li"):
        for words in list(item.iterchildren("span")):
            at = item.index(words)
            for inner in [c for c in words if c.tag in ("ul", "ol", "p")]:
                tail, inner.tail = inner.tail, None
                at += 1
                item.insert(at, inner)  # lxml moves it out of the words
                if tail and tail.strip():
                    at += 1
                    item.insert(at, element("span"))
                    item[at].text = tail  # words after it stay after it


def _names_a_box(title: Any) -> bool:
    """Is a section's title (/T) the label of a kind of box ('Emergency', 'Non-urgent')?"""
    kind, rest = take_marker(f"{title}:") if title is not None else (None, "")
    return kind is not None and not rest.strip()


def _join_boxes_split_by_pages(body: Element) -> None:
    """A box that a page break cut in two (tagged as two boxes, the second opening the next page with no label
    of its own) is one box again."""
    for found in list(body.iter("blockquote", "aside")):
        after = found.getnext()
        if found.getparent() is None or after is None or after.tag != found.tag or (found.tail or "").strip():
            continue
        ends, starts = found.get("data-pages", "").split()[-1:], after.get("data-pages", "").split()[:1]
        if not ends or not starts or int(starts[0]) != int(ends[0]) + 1:
            continue
        if take_marker(" ".join(after.text_content().split()))[0] is not None:
            continue
        found.set("data-pages", f"{found.get('data-pages', '').split()[0]} {after.get('data-pages', '').split()[-1]}")
        for child in list(after):
            found.append(child)
        found.tail = after.tail
        after.getparent().remove(after)


def _join_lists_split_by_pages(body: Element) -> None:
    """A list that a page break cut in two (tagged as two lists) is one list again."""
    for found in list(body.iter("ul", "ol")):
        after = found.getnext()
        if after is None or after.tag != found.tag or (found.tail or "").strip():
            continue
        last, first = found.findall("li"), after.findall("li")
        if not last or not first or int(first[0].get("data-page", "0")) <= int(last[-1].get("data-page", "0")):
            continue
        for item in first:
            found.append(item)
        found.tail = after.tail
        after.getparent().remove(after)
