"""What mammoth does not see in a Word document, read from its XML with lxml.

mammoth maps paragraph styles to HTML but knows nothing of outline levels,
shading, borders, typed bullets' indents, comments' words or tracked
changes. One pass over ``word/document.xml`` gives each paragraph a role
(title, heading, box, typed bullet, table of contents) by setting a style id
that the style map in ``word.py`` knows, moves text boxes' words into the
text, takes out footnote marks, and records each loss with where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from leaflet.importers.document import Loss, first_words, take_marker
from leaflet.importers.lists import typed_marker

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
TRACKED = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "tblPrChange", "trPrChange", "tcPrChange",
           "sectPrChange", "numberingChange", "cellIns", "cellDel")  # fmt: skip
_QUOTE_STYLES = ("quote", "intense quote", "block text")
_PLAIN_COLOURS = ("auto", "000000", "")
Lose = Callable[..., None]


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    based_on: str | None
    outline: int | None
    numbering: tuple[str, str] | None  # (numId, ilvl) of a list style
    boxed: bool
    indent: int


@dataclass
class Pass:
    """The rewritten document.xml, and what the pass found."""

    xml: bytes
    losses: list[Loss] = field(default_factory=list)
    tracked: list[Loss] = field(default_factory=list)
    text: str = ""  # every word in the body, to tell an empty document


def read_styles(xml: bytes | None) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    if not xml:
        return styles
    for style in etree.fromstring(xml).iterfind("w:style", NS):
        style_id = style.get(w("styleId")) or ""
        ppr = style.find("w:pPr", NS)
        styles[style_id] = Style(
            name=(style.findtext("w:name", default="", namespaces=NS) or _attr(style.find("w:name", NS))).lower(),
            based_on=_attr(style.find("w:basedOn", NS)) or None,
            outline=_outline(ppr),
            numbering=_numbering(ppr),
            boxed=_boxed(ppr),
            indent=_indent(ppr),
        )
    return styles


def unmarked_levels(xml: bytes | None) -> set[tuple[str, str]]:
    """(numId, ilvl) of list levels that show no marker: a list item's further paragraphs (as pandoc writes them)."""
    if not xml:
        return set()
    root = etree.fromstring(xml)
    blank: dict[str, set[str]] = {}
    for abstract in root.iterfind("w:abstractNum", NS):
        for level in abstract.iterfind("w:lvl", NS):
            text, fmt = _attr(level.find("w:lvlText", NS)), _attr(level.find("w:numFmt", NS))
            if fmt == "none" or (level.find("w:lvlText", NS) is not None and not text.strip()):
                blank.setdefault(_attr(abstract, "abstractNumId"), set()).add(_attr(level, "ilvl"))
    return {
        (_attr(num, "numId"), level)
        for num in root.iterfind("w:num", NS)
        for level in blank.get(_attr(num.find("w:abstractNumId", NS)), ())
    }


def rewrite(
    document: bytes,
    styles: dict[str, Style],
    comments: dict[str, str],
    notes: dict[str, str],
    unmarked: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> Pass:
    """Give each paragraph its role; collect losses and tracked changes."""
    root = etree.fromstring(document)
    body = root.find("w:body", NS)
    result = Pass(b"")
    if body is None:
        return result
    state = _Walk(result.losses)
    words: list[str] = []
    for element in list(body.iter(w("p"))):
        if not _attached(element, root):
            continue  # the second copy of a text box, removed with its run
        paragraph = _Paragraph.of(element, styles, body)
        words.append(paragraph.text)
        _losses(paragraph, state.heading, comments, notes, result)
        role = _role(paragraph, state, unmarked)
        state.went_past(paragraph, role)
        if role:
            _set_style(element, role)
    ranks = sorted({indent for _, indent in state.typed})
    for element, indent in state.typed:
        _set_style(element, f"LeafletTyped{min(ranks.index(indent) + 1, 6)}")
    result.xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    result.text = " ".join(words)
    return result


@dataclass(frozen=True)
class _Paragraph:
    """One w:p and what its own properties and its style chain say of it."""

    element: etree._Element
    ppr: etree._Element | None
    chain: list[Style]
    name: str  # its style's name, lower-case
    text: str
    at_body: bool  # not inside a table or a text box

    @classmethod
    def of(cls, element: etree._Element, styles: dict[str, Style], body: etree._Element) -> _Paragraph:
        ppr = element.find("w:pPr", NS)
        chain = _chain(_attr(ppr.find("w:pStyle", NS)) if ppr is not None else "", styles)
        name = chain[0].name if chain else ""
        return cls(element, ppr, chain, name, _text(element), element.getparent() is body)

    @property
    def outline(self) -> int | None:
        own = _outline(self.ppr)
        found = own if own is not None else next((s.outline for s in self.chain if s.outline is not None), None)
        if found is None and self.name.startswith("heading ") and self.name[8:].isdigit():
            return int(self.name[8:]) - 1
        return found

    @property
    def numbering(self) -> tuple[str, str] | None:
        """The list numbering given on the paragraph itself (not by its style)."""
        return _numbering(self.ppr)

    @property
    def numbered(self) -> bool:
        return self.numbering is not None or any(s.numbering for s in self.chain)

    @property
    def boxed(self) -> bool:
        return _boxed(self.ppr) or any(s.boxed for s in self.chain) or self.name in _QUOTE_STYLES


@dataclass
class _Walk:
    """What the pass remembers from one paragraph to the next."""

    losses: list[Loss]
    heading: str | None = None
    box_letter: str = "B"  # boxes alternate A, B, A...: two boxes in a row stay two boxes
    box_fill: str = ""
    in_box: bool = False
    typed: list[tuple[etree._Element, int]] = field(default_factory=list)  # typed bullets and their indents

    def went_past(self, paragraph: _Paragraph, role: str) -> None:
        self.in_box = role.startswith("LeafletBox")
        if role.startswith("LeafletH"):
            self.heading = " ".join(paragraph.text.split()) or self.heading


def _losses(
    paragraph: _Paragraph, heading: str | None, comments: dict[str, str], notes: dict[str, str], result: Pass
) -> None:
    where = first_words(paragraph.text)

    def lose(what: str, at: str = where) -> None:
        result.losses.append(Loss(what, heading, at))

    for name in TRACKED:
        for _ in paragraph.element.iterfind(f".//w:{name}", NS):
            result.tracked.append(Loss(f"a tracked change ({name})", heading, where))
    _inline_losses(paragraph.element, comments, notes, lose)
    _move_text_boxes(paragraph.element, lose)


def _role(paragraph: _Paragraph, state: _Walk, unmarked: set[tuple[str, str]]) -> str:
    """The style id that tells mammoth's style map what the paragraph is ('' for an ordinary one)."""
    for decide in (_continuation, _named, _heading):
        role = decide(paragraph, state, unmarked)
        if role:
            return role
    if paragraph.at_body and paragraph.boxed:
        return _box(paragraph, state)
    if not paragraph.numbered and typed_marker(paragraph.text) is not None:
        indent = _indent(paragraph.ppr) or next((s.indent for s in paragraph.chain if s.indent), 0)
        state.typed.append((paragraph.element, indent))
        return ""
    return _list_level(paragraph)


def _continuation(paragraph: _Paragraph, state: _Walk, unmarked: set[tuple[str, str]]) -> str:
    """A further paragraph of the list item above: a list level that shows no marker, or 'List Continue'."""
    direct = paragraph.numbering
    if direct is not None and direct in unmarked and paragraph.ppr is not None:
        paragraph.ppr.remove(paragraph.ppr.find("w:numPr", NS))
        return f"LeafletMore{min(int(direct[1]) + 1, 3)}"
    if paragraph.name.startswith("list continue"):  # Word's own style for a list item's further paragraph
        depth = paragraph.name.rpartition(" ")[2]
        return f"LeafletMore{min(int(depth), 3) if depth.isdigit() else 1}"
    return ""


def _named(paragraph: _Paragraph, state: _Walk, unmarked: set[tuple[str, str]]) -> str:
    """The title, or a table of contents (left out: every format makes its own)."""
    name = paragraph.name
    if name == "title":
        return "LeafletTitle"
    if name.startswith(("toc ", "table of contents")) or name == "toc heading":
        if paragraph.text.strip():
            what = "the table of contents is left out (every format makes its own)"
            state.losses.append(Loss(what, state.heading, first_words(paragraph.text)))
        return "LeafletDrop"
    return ""


def _heading(paragraph: _Paragraph, state: _Walk, unmarked: set[tuple[str, str]]) -> str:
    outline = paragraph.outline
    return f"LeafletH{min(outline + 1, 6)}" if outline is not None and outline < 9 and paragraph.text.strip() else ""


def _box(paragraph: _Paragraph, state: _Walk) -> str:
    """A shaded, bordered or quoted paragraph: part of a box; another shading, or a [!KIND] written as text,
    starts a box of its own."""
    fill = _attr(paragraph.ppr.find("w:shd", NS), "fill") if paragraph.ppr is not None else ""
    if not state.in_box or fill != state.box_fill or take_marker(paragraph.text)[0] is not None:
        state.box_letter = "A" if state.box_letter == "B" else "B"
    state.box_fill = fill
    if paragraph.numbered and paragraph.numbering is None:
        _copy_numbering(paragraph.element, paragraph.chain)
    return f"LeafletBox{state.box_letter}"


def _list_level(paragraph: _Paragraph) -> str:
    """'List Bullet 2' and 'List Number 3' say their level in their name; mammoth reads it from numbering."""
    base, _, depth = paragraph.name.rpartition(" ")
    if (
        paragraph.numbered
        and paragraph.numbering is None
        and base in ("list bullet", "list number")
        and depth.isdigit()
    ):
        return f"LeafletList{'O' if 'number' in base else 'U'}{min(int(depth), 3)}"
    return ""


def _inline_losses(paragraph: etree._Element, comments: dict[str, str], notes: dict[str, str], lose: Lose) -> None:
    for reference in paragraph.iterfind(".//w:commentReference", NS):
        said = first_words(comments.get(reference.get(w("id")) or "", ""), 8)
        lose(f"a comment ('{said}') is left out")
    for kind in ("footnote", "endnote"):
        for reference in paragraph.iterfind(f".//w:{kind}Reference", NS):
            said = first_words(notes.get(f"{kind}:{reference.get(w('id'))}", ""), 8)
            lose(f"a {kind} ('{said}') is left out")
            run = reference.getparent()
            run.remove(reference)
    coloured = [r for r in paragraph.iterfind(".//w:r", NS) if _coloured(r) and not _in_link(r)]
    if any(_text(r).strip() for r in coloured):
        lose("coloured or highlighted text (the colour is lost)", first_words(" ".join(_text(r) for r in coloured)))
    _drawn_losses(paragraph, lose)


def _coloured(run: etree._Element) -> bool:
    colour = _attr(run.find("w:rPr/w:color", NS)).lower()
    return colour not in _PLAIN_COLOURS or run.find("w:rPr/w:highlight", NS) is not None


def _in_link(run: etree._Element) -> bool:
    """A hyperlink's own words: their colour is the link's, which every format gives a link."""
    style = _attr(run.find("w:rPr/w:rStyle", NS)).lower()
    return style in ("hyperlink", "followedhyperlink") or any(
        a.tag == w("hyperlink") or (a.tag == w("fldSimple") and "HYPERLINK" in (a.get(w("instr")) or ""))
        for a in run.iterancestors()
    )


def _drawn_losses(paragraph: etree._Element, lose: Lose) -> None:
    for _ in paragraph.iterfind(".//m:oMath", NS):
        lose("an equation is left out")
    for graphic in paragraph.iterfind(".//a:graphicData", NS):
        uri = graphic.get("uri") or ""
        if uri.endswith(("/chart", "/diagram")):
            lose(f"a {'chart' if uri.endswith('chart') else 'SmartArt diagram'} is left out")


def _move_text_boxes(paragraph: etree._Element, lose: Lose) -> None:
    """A text box's paragraphs go after the paragraph that holds it; a drawn shape is left out."""
    after = paragraph
    for run in list(paragraph.iterfind("w:r", NS)):
        boxes = run.findall(".//w:txbxContent", NS)
        shapes = run.findall(".//wps:wsp", NS) + run.findall(".//v:shape", NS) + run.findall(".//v:rect", NS)
        pictures = run.findall(".//a:blip", NS) + run.findall(".//v:imagedata", NS)
        if boxes:
            inner = boxes[0].findall("w:p", NS)  # the first: mc:AlternateContent holds the same box twice
            lose(
                f"a text box ('{first_words(' '.join(_text(p) for p in inner))}'): its words are kept after this paragraph"
            )
            for moved in inner:
                after.addnext(moved)
                after = moved
            paragraph.remove(run)
        elif shapes and not pictures:
            lose("a drawn shape is left out")
            paragraph.remove(run)


def _chain(style_id: str, styles: dict[str, Style]) -> list[Style]:
    chain: list[Style] = []
    while style_id and style_id in styles and len(chain) < 20:
        chain.append(styles[style_id])
        style_id = styles[style_id].based_on or ""
    return chain


def _copy_numbering(paragraph: etree._Element, chain: list[Style], level: str | None = None) -> None:
    """Numbering that came from the paragraph's style stays when its style id is changed."""
    num_id, style_level = next(s.numbering for s in chain if s.numbering)
    level = level or style_level
    ppr = paragraph.find("w:pPr", NS)
    numpr = etree.SubElement(ppr, w("numPr"))
    etree.SubElement(numpr, w("ilvl")).set(w("val"), level)
    etree.SubElement(numpr, w("numId")).set(w("val"), num_id)


def _numbering(ppr: etree._Element | None) -> tuple[str, str] | None:
    numpr = ppr.find("w:numPr", NS) if ppr is not None else None
    if numpr is None:
        return None
    num_id = _attr(numpr.find("w:numId", NS))
    return (num_id, _attr(numpr.find("w:ilvl", NS)) or "0") if num_id and num_id != "0" else None


def _attached(element: etree._Element, root: etree._Element) -> bool:
    while element.getparent() is not None:
        element = element.getparent()
    return element is root


def _set_style(paragraph: etree._Element, style_id: str) -> None:
    ppr = paragraph.find("w:pPr", NS)
    if ppr is None:
        ppr = etree.SubElement(paragraph, w("pPr"))
        paragraph.insert(0, ppr)
    pstyle = ppr.find("w:pStyle", NS)
    if pstyle is None:
        pstyle = etree.SubElement(ppr, w("pStyle"))
        ppr.insert(0, pstyle)
    pstyle.set(w("val"), style_id)


def _attr(element: etree._Element | None, name: str = "val") -> str:
    return (element.get(w(name)) or "") if element is not None else ""


def _outline(ppr: etree._Element | None) -> int | None:
    value = _attr(ppr.find("w:outlineLvl", NS)) if ppr is not None else ""
    return int(value) if value.isdigit() else None


def _boxed(ppr: etree._Element | None) -> bool:
    if ppr is None:
        return False
    fill = _attr(ppr.find("w:shd", NS), "fill").lower()
    return fill not in ("", "auto", "ffffff") or ppr.find("w:pBdr", NS) is not None


def _indent(ppr: etree._Element | None) -> int:
    ind = ppr.find("w:ind", NS) if ppr is not None else None
    value = _attr(ind, "left") or _attr(ind, "start")
    return int(value) if value.lstrip("-").isdigit() else 0


def _text(element: etree._Element) -> str:
    """The words of a paragraph or run, not those of a text box inside it."""
    parts = []
    for node in element.iter(w("t"), w("tab"), w("br")):
        owner = node.getparent()
        while owner is not None and owner is not element and owner.tag != w("txbxContent"):
            owner = owner.getparent()
        if owner is element:
            parts.append(node.text or "" if node.tag == w("t") else " ")
    return "".join(parts)
