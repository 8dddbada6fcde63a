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

from leaflet.importers.draft import Loss, first_words, take_marker
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
    heading: str | None = None
    typed: list[tuple[etree._Element, int]] = []
    box_letter, box_fill, in_box = "B", "", False
    words: list[str] = []
    for paragraph in list(body.iter(w("p"))):
        if not _attached(paragraph, root):
            continue  # the second copy of a text box, removed with its run
        text = _text(paragraph)
        words.append(text)
        where = first_words(text)

        def lose(what: str, at: str = where, under: str | None = heading) -> None:
            result.losses.append(Loss(what, under, at))

        for name in TRACKED:
            for _ in paragraph.iterfind(f".//w:{name}", NS):
                result.tracked.append(Loss(f"a tracked change ({name})", heading, where))
        _inline_losses(paragraph, comments, notes, lose)
        _move_text_boxes(paragraph, lose)
        ppr = paragraph.find("w:pPr", NS)
        style_id = _attr(ppr.find("w:pStyle", NS)) if ppr is not None else ""
        chain = _chain(style_id, styles)
        name = chain[0].name if chain else ""
        outline = (
            _outline(ppr)
            if _outline(ppr) is not None
            else next((s.outline for s in chain if s.outline is not None), None)
        )
        if outline is None and name.startswith("heading ") and name[8:].isdigit():
            outline = int(name[8:]) - 1
        numbered = _numbering(ppr) is not None or any(s.numbering for s in chain)
        at_body = paragraph.getparent() is body
        role = ""
        direct = _numbering(ppr)
        if direct is not None and direct in unmarked and ppr is not None:
            ppr.remove(ppr.find("w:numPr", NS))
            role = f"LeafletMore{min(int(direct[1]) + 1, 3)}"  # a further paragraph of the list item above
        elif name == "title":
            role = "LeafletTitle"
        elif name.startswith(("toc ", "table of contents")) or name == "toc heading":
            role = "LeafletDrop"
            if text.strip():
                lose("the table of contents is left out (every format makes its own)")
        elif outline is not None and outline < 9 and text.strip():
            role = f"LeafletH{min(outline + 1, 6)}"
        elif at_body and (_boxed(ppr) or any(s.boxed for s in chain) or name in _QUOTE_STYLES):
            fill = _attr(ppr.find("w:shd", NS), "fill") if ppr is not None else ""
            # another shading, or a [!KIND] written as text, starts a box of its own
            if not in_box or fill != box_fill or take_marker(text)[0] is not None:
                box_letter = "A" if box_letter == "B" else "B"
            role, box_fill = f"LeafletBox{box_letter}", fill
            if numbered and _numbering(ppr) is None:
                _copy_numbering(paragraph, chain)
        elif not numbered and typed_marker(text) is not None:
            indent = _indent(ppr) or next((s.indent for s in chain if s.indent), 0)
            typed.append((paragraph, indent))
        base, _, depth = name.rpartition(" ")
        if (
            not role
            and numbered
            and _numbering(ppr) is None
            and base in ("list bullet", "list number")
            and depth.isdigit()
        ):
            role = f"LeafletList{'O' if 'number' in base else 'U'}{min(int(depth), 3)}"  # 'List Bullet 2': level two
        in_box = role.startswith("LeafletBox")
        if role.startswith("LeafletH"):
            heading = " ".join(text.split()) or heading
        if role:
            _set_style(paragraph, role)
    ranks = sorted({indent for _, indent in typed})
    for paragraph, indent in typed:
        _set_style(paragraph, f"LeafletTyped{min(ranks.index(indent) + 1, 6)}")
    result.xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    result.text = " ".join(words)
    return result


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
    coloured = [
        r
        for r in paragraph.iterfind(".//w:r", NS)
        if _attr(r.find("w:rPr/w:color", NS)).lower() not in _PLAIN_COLOURS
        or r.find("w:rPr/w:highlight", NS) is not None
    ]
    if any(_text(r).strip() for r in coloured):
        lose("coloured or highlighted text (the colour is lost)", first_words(" ".join(_text(r) for r in coloured)))
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
