"""The built-in styles, adjusted once: clear-print type, the leaflet's language, the scheme's colours.

Every style the document uses is rewritten whole here, so nothing from the
template (theme fonts, blue headings, italic captions, 9pt text) leaks in.
Theme font attributes are dropped: in Word they win over a named font.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from leaflet.renderers.docx.options import Options
from leaflet.renderers.docx.xml import el, half_points, replace_child, twips

FONT = "Atkinson Hyperlegible"  # designed for low-vision readers
FALLBACK_FONT = "Arial"  # what Word substitutes where Atkinson Hyperlegible is not installed
ARIAL_PANOSE = "020B0604020202020204"
LINE_SPACING = 1.25  # within clear print's 1.15 to 1.5
HEADING_SCALE = {1: 1.5, 2: 1.3, 3: 1.15, 4: 1.05}
LIST_STYLES = {("bullet", 0): "List Bullet", ("bullet", 1): "List Bullet 2", ("bullet", 2): "List Bullet 3"}
LIST_STYLES |= {("number", 0): "List Number", ("number", 1): "List Number 2", ("number", 2): "List Number 3"}
_STYLE_TAIL = ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")  # what must follow pPr/rPr in a style


def heading_size(options: Options, level: int) -> float:
    """A heading's size in points: larger than the body by a fixed ratio, to the half point."""
    return half_points(options.size * HEADING_SCALE[level]) / 2


def apply(document: Document, options: Options, language: str) -> None:
    """Adjust the document defaults, the styles the leaflet uses, and the font table."""
    styles = document.styles.element
    _defaults(styles, options, language)
    body = options.size
    _style(document, "Normal", _paragraph(after=body, jc="left"), _run(options, body, language))
    for level in HEADING_SCALE:
        size = heading_size(options, level)
        paragraph = _paragraph(before=0 if level == 1 else body, after=body / 2, keep=True, outline=level - 1)
        _style(document, f"Heading {level}", paragraph, _run(options, size, language, bold=True))
    for name in LIST_STYLES.values():
        _style(document, name, _paragraph(after=body / 2), _run(options, body, language))
    _style(document, "Caption", _paragraph(after=body / 2, keep=True), _run(options, body, language, bold=True))
    # Space above the page number keeps it clear of the text at any size (Word grows the footer upward).
    _style(document, "Footer", _paragraph(before=body * 0.75, after=0), _run(options, body, language))
    _hyperlink_style(document, options)
    _font_table(document)


def _defaults(styles: BaseOxmlElement, options: Options, language: str) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault"))
    paragraph = defaults.find(qn("w:pPrDefault"))
    replace_child(run, _run(options, options.size, language))
    replace_child(paragraph, _paragraph(after=options.size, jc="left"))


def _run(options: Options, size: float, language: str, *, bold: bool = False) -> BaseOxmlElement:
    """Run properties in schema order: font, weight, colour, size, no italics or underline, language."""
    parts = [el("w:rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)]
    if bold:
        parts += [el("w:b"), el("w:bCs")]
    else:
        parts += [el("w:b", val=0), el("w:bCs", val=0)]
    parts += [el("w:i", val=0), el("w:iCs", val=0), el("w:caps", val=0)]
    parts += [el("w:color", val=options.scheme.text), el("w:sz", val=half_points(size))]
    parts += [el("w:szCs", val=half_points(size)), el("w:u", val="none"), el("w:lang", val=language)]
    return el("w:rPr", *parts)


def _paragraph(
    *, before: float = 0, after: float, jc: str = "left", keep: bool = False, outline: int | None = None
) -> BaseOxmlElement:
    """Paragraph properties in schema order: spacing instead of empty paragraphs, left aligned."""
    parts = [el("w:keepNext"), el("w:keepLines")] if keep else []
    parts.append(el("w:widowControl"))
    line = round(240 * LINE_SPACING)
    parts.append(el("w:spacing", before=twips(before), after=twips(after), line=line, lineRule="auto"))
    parts.append(el("w:jc", val=jc))
    if outline is not None:
        parts.append(el("w:outlineLvl", val=outline))
    return el("w:pPr", *parts)


def _style(document: Document, name: str, paragraph: BaseOxmlElement, run: BaseOxmlElement) -> None:
    style = document.styles[name].element
    replace_child(style, paragraph, before=("w:rPr", *_STYLE_TAIL))
    replace_child(style, run, before=_STYLE_TAIL)


def _hyperlink_style(document: Document, options: Options) -> None:
    """The character style Word's own links use (the template lacks it): the scheme's link colour.

    No underline (large print forbids it); the address shown after each link
    tells a reader it is a link without relying on colour.
    """
    style = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.base_style = document.styles["Default Paragraph Font"]
    style.priority = 99
    style.unhide_when_used = True
    rpr = el("w:rPr", el("w:color", val=options.scheme.link), el("w:u", val="none"))
    replace_child(style.element, rpr, before=_STYLE_TAIL)


def _font_table(document: Document) -> None:
    """Name Atkinson Hyperlegible with Arial's classification, so Word substitutes Arial where it is missing."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def font(name: str, alt: str = "") -> str:
        alt_name = f'<w:altName w:val="{alt}"/>' if alt else ""
        return (
            f'<w:font w:name="{name}">{alt_name}<w:panose1 w:val="{ARIAL_PANOSE}"/><w:charset w:val="00"/>'
            '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        )

    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{w}">{font(FONT, FALLBACK_FONT)}{font(FALLBACK_FONT)}</w:fonts>'
    )
    part._blob = xml.encode("utf-8")


def prune(document: Document) -> None:
    """Keep only the styles the document uses (and what they build on).

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
    wanted.add("Hyperlink")
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
