"""The Word format's look: the built-in styles adjusted once for clear print, the scheme's colours.

Every style the document uses is rewritten whole (``leaflet.media.ooxml.styles``),
so nothing from the template (theme fonts, blue headings, italic captions,
9pt text) leaks in.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.xmlchemy import BaseOxmlElement

from leaflet.media.ooxml import fonts, links
from leaflet.media.ooxml.styles import paragraph_properties, run_properties, set_defaults, set_style
from leaflet.media.ooxml.xml import half_points
from leaflet.writers.docx.options import Options

LINE_SPACING = 1.25  # within clear print's 1.15 to 1.5
HEADING_SCALE = {1: 1.5, 2: 1.3, 3: 1.15, 4: 1.05}
LIST_STYLES = {("bullet", 0): "List Bullet", ("bullet", 1): "List Bullet 2", ("bullet", 2): "List Bullet 3"}
LIST_STYLES |= {("number", 0): "List Number", ("number", 1): "List Number 2", ("number", 2): "List Number 3"}


def heading_size(options: Options, level: int) -> float:
    """A heading's size in points: larger than the body by a fixed ratio, to the half point."""
    return half_points(options.size * HEADING_SCALE[level]) / 2


def apply(document: Document, options: Options, language: str) -> None:
    """Adjust the document defaults, the styles the leaflet uses, and the font table."""
    body = options.size
    colour = options.scheme.text

    def run(size: float, *, bold: bool = False) -> BaseOxmlElement:
        return run_properties(size, colour, language, bold=bold)

    set_defaults(document, run(body), paragraph_properties(after=body, line=LINE_SPACING))
    set_style(document, "Normal", paragraph_properties(after=body, line=LINE_SPACING), run(body))
    for level in HEADING_SCALE:
        paragraph = paragraph_properties(
            before=0 if level == 1 else body, after=body / 2, line=LINE_SPACING, keep=True, outline=level - 1
        )
        set_style(document, f"Heading {level}", paragraph, run(heading_size(options, level), bold=True))
    for name in LIST_STYLES.values():
        set_style(document, name, paragraph_properties(after=body / 2, line=LINE_SPACING), run(body))
    caption = paragraph_properties(after=body / 2, line=LINE_SPACING, keep=True)
    set_style(document, "Caption", caption, run(body, bold=True))
    # Space above the page number keeps it clear of the text at any size (Word grows the footer upward).
    set_style(document, "Footer", paragraph_properties(before=body * 0.75, after=0, line=LINE_SPACING), run(body))
    links.hyperlink_style(document, options.scheme.link)
    fonts.font_table(document)
