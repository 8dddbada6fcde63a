"""Style properties written whole: run and paragraph properties, defaults, colours, language; pruning.

Theme fonts and theme colours are never written and are dropped where the
template has them: in Word they win over a named font or a plain colour.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from leaflet.media.ooxml.fonts import FONT, run_fonts
from leaflet.media.ooxml.xml import el, half_points, insert_in_order, replace_child, twips

STYLE_TAIL = ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")  # what must follow pPr/rPr in a style
RUN_ORDER = (
    *("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike"),
    *("w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden"),
    *("w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect"),
    *("w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout"),
)


def run_properties(size: float, colour: str, language: str, *, bold: bool = False, font: str = FONT) -> BaseOxmlElement:
    """A whole ``w:rPr`` in schema order: font, weight, no italics or capitals, colour, size, no underline, language."""
    parts = [run_fonts(font)]
    parts += [el("w:b"), el("w:bCs")] if bold else [el("w:b", val=0), el("w:bCs", val=0)]
    parts += [el("w:i", val=0), el("w:iCs", val=0), el("w:caps", val=0)]
    parts += [el("w:color", val=colour), el("w:sz", val=half_points(size))]
    parts += [el("w:szCs", val=half_points(size)), el("w:u", val="none"), el("w:lang", val=language)]
    return el("w:rPr", *parts)


def paragraph_properties(
    *,
    after: float,
    before: float = 0,
    line: float = 1.25,
    keep: bool = False,
    outline: int | None = None,
) -> BaseOxmlElement:
    """A whole ``w:pPr`` in schema order: spacing instead of empty paragraphs, left aligned, ``line`` spacing."""
    parts = [el("w:keepNext"), el("w:keepLines")] if keep else []
    parts.append(el("w:widowControl"))
    parts.append(el("w:spacing", before=twips(before), after=twips(after), line=round(240 * line), lineRule="auto"))
    parts.append(el("w:jc", val="left"))
    if outline is not None:
        parts.append(el("w:outlineLvl", val=outline))
    return el("w:pPr", *parts)


def set_style(document: Document, name: str, paragraph: BaseOxmlElement, run: BaseOxmlElement) -> None:
    """Replace a style's paragraph and run properties whole."""
    style = document.styles[name].element
    replace_child(style, paragraph, before=("w:rPr", *STYLE_TAIL))
    replace_child(style, run, before=STYLE_TAIL)


def set_defaults(document: Document, run: BaseOxmlElement, paragraph: BaseOxmlElement | None = None) -> None:
    """Replace the document defaults every style and run starts from."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    replace_child(defaults.find(qn("w:rPrDefault")), run)
    if paragraph is not None:
        replace_child(defaults.find(qn("w:pPrDefault")), paragraph)


def defaults_run(document: Document) -> BaseOxmlElement:
    """The ``w:rPr`` of the document defaults, for editing in place."""
    found: BaseOxmlElement = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    return found


def set_colour(run: BaseOxmlElement, colour: str) -> None:
    """A plain ``colour`` (hex RGB) on a ``w:rPr``, replacing any theme colour."""
    insert_in_order(run, el("w:color", val=colour), RUN_ORDER)


def set_language(run: BaseOxmlElement, language: str) -> None:
    """The language of a ``w:rPr`` (spelling, hyphenation, a screen reader's voice)."""
    insert_in_order(run, el("w:lang", val=language), RUN_ORDER)


def prune(document: Document, keep: tuple[str, ...] = ()) -> None:
    """Keep only the styles the document uses, what they build on, and ``keep``.

    The template defines about 150 styles, some italic or tiny; a reader who
    opens the style gallery should see only the ones this leaflet uses. Word
    still offers every built-in style through its latent style list.
    """
    root = document.styles.element
    parts = [document.element, *(section.footer._element for section in document.sections)]
    references = ("pStyle", "rStyle", "tblStyle")
    wanted = {ref.get(qn("w:val")) for part in parts for tag in references for ref in part.iter(qn(f"w:{tag}"))}
    styles = {style.get(qn("w:styleId")): style for style in root.findall(qn("w:style"))}
    wanted |= {style_id for style_id, style in styles.items() if style.get(qn("w:default")) in ("1", "true")}
    wanted |= set(keep)
    pending = list(wanted)
    while pending:
        style = styles.get(pending.pop())
        for tag in ("basedOn", "next"):
            found = style.find(qn(f"w:{tag}")) if style is not None else None
            if found is not None and found.get(qn("w:val")) not in wanted:
                wanted.add(found.get(qn("w:val")))
                pending.append(found.get(qn("w:val")))
    for style_id, style in styles.items():
        if style_id not in wanted:
            root.remove(style)
            continue
        link = style.find(qn("w:link"))  # the template's linked character styles, with theme fonts: dropped
        if link is not None and link.get(qn("w:val")) not in wanted:
            style.remove(link)
