"""One pass of reportlab: fonts, page geometry, background, footer, the story."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from leaflet.core.model import Leaflet
from leaflet.media.colours import Scheme, as_fraction
from leaflet.writers.large_print_pdf.flowables import BOLD, REGULAR, TextStyle
from leaflet.writers.large_print_pdf.layout import StoryBuilder, Styles
from leaflet.writers.large_print_pdf.structure import Tagger

SIDE_MARGIN = 20 * mm
TOP_MARGIN = 20 * mm
FOOTER_BASELINE = 12 * mm
FRAME_PADDING = 6  # reportlab's frames keep 6 points inside each edge
MAX_CHARACTERS = 65  # UKAAF: about 60-70 characters a line at most
_SAMPLE = "The pump is built into the tip of a thin tube that goes in through the skin."


@functools.cache
def font_files() -> tuple[Path, Path]:
    """Atkinson Hyperlegible regular and bold, from the fontpkg package."""
    import fontpkg_atkinson_hyperlegible

    folder = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
    return folder / "AtkinsonHyperlegible-Regular.ttf", folder / "AtkinsonHyperlegible-Bold.ttf"


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register both weights (embedded as subsets with Unicode maps); return the characters they cover."""
    regular, bold = font_files()
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)


@dataclass(frozen=True, slots=True)
class Page:
    """Where things go on the page, for one body size."""

    size: float

    @property
    def footer_height(self) -> float:
        return self.size * 1.4

    @property
    def bottom_margin(self) -> float:
        return FOOTER_BASELINE + self.footer_height + self.size

    @property
    def frame_width(self) -> float:
        return A4[0] - 2 * SIDE_MARGIN

    def column(self) -> float:
        """The text's width: the frame, or about 65 characters if that is narrower."""
        average = pdfmetrics.stringWidth(_SAMPLE, REGULAR, self.size) / len(_SAMPLE)
        return min(self.frame_width, MAX_CHARACTERS * average)


def draw(leaflet: Leaflet, size: int, scheme: Scheme) -> tuple[bytes, Tagger]:
    """reportlab's PDF (marked content, no tree yet) and the record of what it drew."""
    register_fonts()
    page = Page(size)
    text_colour = as_fraction(scheme.text)
    frame_height = A4[1] - TOP_MARGIN - page.bottom_margin - 2 * FRAME_PADDING  # what a page holds
    styles = Styles.make(size, text_colour, Styles.keep_lines_for(size, frame_height))
    tagger = Tagger()
    column = page.column()
    story = StoryBuilder(leaflet, styles, tagger, column, frame_height, scheme).story()
    buffer = io.BytesIO()
    meta = leaflet.meta
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=SIDE_MARGIN,
        rightMargin=A4[0] - SIDE_MARGIN - column,
        topMargin=TOP_MARGIN,
        bottomMargin=page.bottom_margin,
        title=meta.title,
        author=meta.publisher,
        lang=meta.language,
        displayDocTitle=True,
        invariant=1,  # no clock in the bytes
        initialFontName=REGULAR,  # no stray Helvetica
        creator="leaflet-publisher",
    )

    def background(canv: Canvas, _doc: Any) -> None:
        if scheme.background == "FFFFFF":
            return  # white paper needs no fill
        canv.saveState()
        Tagger.begin_artifact(canv, "Background")
        canv.setFillColorRGB(*as_fraction(scheme.background))
        canv.rect(0, 0, A4[0], A4[1], stroke=0, fill=1)
        Tagger.end(canv)
        canv.restoreState()

    footer_style = TextStyle(size, page.footer_height, text_colour)
    doc.build(story, onFirstPage=background, onLaterPages=background, canvasmaker=_footer_canvas(footer_style, column))
    return buffer.getvalue(), tagger


def _footer_canvas(style: TextStyle, column: float) -> type[Canvas]:
    """A canvas that holds every page back until the end, so each footer can say 'Page N of M'."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self._footer(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, total: int) -> None:
            self.saveState()
            Tagger.begin_artifact(self, "Pagination", "Footer")
            self.setFillColorRGB(*style.colour)
            self.setFont(REGULAR, style.size)
            self.drawRightString(SIDE_MARGIN + column, FOOTER_BASELINE, f"Page {self._pageNumber} of {total}")
            Tagger.end(self)
            self.restoreState()

    return FooterCanvas
