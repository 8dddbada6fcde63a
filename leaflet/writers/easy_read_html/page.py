"""The easy-read web page: a row per point, its picture left and its words right, inside the shared page shell."""

from __future__ import annotations

import re
from collections.abc import Sequence

from leaflet.core.compose import compose_easy_read, no_easy_read
from leaflet.core.model import EasyReadPoint, EasyReadSection, Image, Inlines, Leaflet, Picture, Text
from leaflet.core.text import find_terms
from leaflet.media.xhtml.markup import Markup, attribute, inline_markup, text
from leaflet.media.xhtml.shell import data_url, document
from leaflet.writers.contract import Output, OutputFile
from leaflet.writers.easy_read_html.options import Options, files

SKIP_TEXT = "Skip to the easy read"
WEB_ADDRESS = re.compile(
    r"(https?://[^\s()<>]+[^\s()<>.,;:!?'])"
)  # a written-out address, without the full stop after it
PICTURE_PIXELS = 360  # the width and height attributes every picture gets: all the same size, square

# The easy-read layout on top of the shared large-print rules. A row is a flex box: a fixed picture
# column (7.5rem, so it grows with the text size) and the words taking the rest, never narrower than
# 16rem: where that does not fit (a phone, or a desktop zoomed in) the row wraps and the picture,
# smaller, stands above its words. Pictures sit on a white plate so their black outlines show in the
# dark schemes too. A section with no pictures at all ("Words to know") gives its words the whole width.
LAYOUT_CSS = """
header, main, footer { max-width: 40rem; }
.points { list-style: none; padding: 0; margin: 0 0 1.5rem; }
.point {
  display: flex; flex-flow: row wrap; align-items: center; gap: 0.5rem 1.25rem;
  margin: 0; padding: 0.75rem 0; border-bottom: 0.0625rem solid currentColor;
}
.point:last-child { border-bottom: none; }
.text-only .point-picture { display: none; }
.text-only .point-words { max-width: 31rem; }  /* the same line length as beside a picture */
.point-picture { flex: 0 0 auto; min-width: min(7.5rem, 100%); max-width: 100%; }
.point-picture img {
  display: block; width: 7.5rem; max-width: 100%; height: auto; aspect-ratio: 1 / 1; object-fit: contain;
  background-color: #FFFFFF; border-radius: 0.5rem; padding: 0.25rem; box-sizing: border-box;
}
.point-words { flex: 1 1 16rem; min-width: 0; margin: 0; }
@media (max-width: 36em) {
  .point-picture img { width: 5.5rem; }
  .point-picture { min-width: 0; }
  .point-picture:empty { display: none; }
}
"""


def write(leaflet: Leaflet, options: Options) -> Output:
    if leaflet.easy_read is None:
        return Output((), no_easy_read(leaflet))
    (name,) = files(leaflet.meta.id, options)
    data = page_html(leaflet, options.size, options.fixed_colours).encode("utf-8")
    return Output((OutputFile(name, data),))


def page_html(leaflet: Leaflet, size: int, colours: str | None) -> str:
    """The whole page, at ``size`` points, in ``colours`` (None: light or dark as the reader prefers)."""
    composed = compose_easy_read(leaflet)
    assert composed is not None
    markup = Markup(composed.language, _image_url)
    hard_words = [entry.term for entry in leaflet.glossary]
    main = (*composed.body, *((composed.words_to_know,) if composed.words_to_know else ()))
    body = [
        f'<a class="skip-link" href="#main">{SKIP_TEXT}</a>',
        "<header>",
        *([_logo(composed.logo)] if composed.logo else []),
        f"<h1>{text(composed.title)}</h1>",
        *(markup.block(line) for line in composed.front),
        "</header>",
        '<main id="main" tabindex="-1">',
        *(f"<section>{_section(section, markup, hard_words)}</section>" for section in main),
        "</main>",
        f"<footer>{_section(composed.about, markup, ())}</footer>",  # the full leaflet's title is quoted as it is
    ]
    return document(
        composed.language, composed.title, leaflet.meta.publisher, size, colours, "\n".join(body), LAYOUT_CSS
    )


def _logo(logo: Image) -> str:
    return f'<img class="logo" src="{attribute(_image_url(logo))}" alt="{attribute(logo.alt)}"/>'


def _image_url(image: Image) -> str:
    return data_url(image.data, image.kind)


def _section(section: EasyReadSection, markup: Markup, hard_words: Sequence[str]) -> str:
    heading = markup.heading(2, section.heading, markup.heading_id(section.heading))
    points = "\n".join(_point(point, hard_words) for point in section.points)
    pictured = any(point.picture for point in section.points)
    return f'{heading}\n<ul class="{"points" if pictured else "points text-only"}">\n{points}\n</ul>'


def _point(point: EasyReadPoint, hard_words: Sequence[str]) -> str:
    """One row: the picture (or an empty column, so the words still line up), then the words."""
    picture = _picture(point.picture) if point.picture is not None else ""
    words = f'<p class="point-words">{_inlines(point.inlines, hard_words)}</p>'
    return f'<li class="point"><div class="point-picture">{picture}</div>{words}</li>'


def _picture(picture: Picture) -> str:
    source = attribute(data_url(picture.data, picture.kind))
    size = f'width="{PICTURE_PIXELS}" height="{PICTURE_PIXELS}"'
    return f'<img src="{source}" alt="{attribute(picture.alt)}" {size}/>'


def _inlines(inlines: Inlines, hard_words: Sequence[str]) -> str:
    """The point's words, each hard word (a glossary term) in <strong>; links, and web addresses written out
    (the pictures' credit), are links."""
    out: list[str] = []
    for inline in inlines:
        if not isinstance(inline, Text):
            out.append(inline_markup((inline,)))
            continue
        for number, piece in enumerate(WEB_ADDRESS.split(inline.text)):
            if number % 2:
                out.append(f'<a href="{attribute(piece)}">{text(piece)}</a>')
            else:
                out.append(_bold_hard_words(piece, hard_words))
    return "".join(out)


def _bold_hard_words(words: str, hard_words: Sequence[str]) -> str:
    out, position = [], 0
    for start, end, _term in find_terms(words, hard_words):
        out.append(text(words[position:start]) + f"<strong>{text(words[start:end])}</strong>")
        position = end
    return "".join(out) + text(words[position:])
