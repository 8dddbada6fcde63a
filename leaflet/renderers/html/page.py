"""The web page: one HTML5 document with its styles, typeface and pictures inside."""

from __future__ import annotations

import base64

from leaflet.compose import compose
from leaflet.model import Image, Leaflet
from leaflet.xhtml import style
from leaflet.xhtml.fonts import font_bytes
from leaflet.xhtml.markup import Markup, attribute, heading_ids, text
from leaflet.xhtml.page import CONTENTS_TITLE

SKIP_TEXT = "Skip to the leaflet"
MIN_ENTRIES_FOR_CONTENTS = 3  # a short leaflet reads faster without a list of its parts


def data_url(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def picture_url(image: Image) -> str:
    """A picture embedded in the page, so the page stands alone."""
    return data_url(image.data, image.kind)


def page_html(leaflet: Leaflet, size: int, colours: str | None) -> str:
    """The whole page, at ``size`` points, in ``colours`` (None: light or dark as the reader prefers)."""
    composed = compose(leaflet)
    markup = Markup(composed.language, picture_url)
    main_sections = (*composed.body, *((composed.glossary,) if composed.glossary else ()))
    ids = heading_ids(main_sections, markup)
    colophon = composed.colophon
    colophon_id = markup.heading_id(colophon.heading or "")
    contents_id = markup.heading_id(CONTENTS_TITLE)

    entries = [(s.heading or "", ids[i]) for i, s in enumerate(main_sections) if s.level <= 2 and i in ids]
    entries.append((colophon.heading or "", colophon_id))

    body = [
        f'<a class="skip-link" href="#main">{SKIP_TEXT}</a>',
        "<header>",
        f"<h1>{text(composed.title)}</h1>",
        *(markup.block(line) for line in composed.front),
        "</header>",
    ]
    if len(entries) >= MIN_ENTRIES_FOR_CONTENTS:
        links = "".join(f'<li><a href="#{id_}">{text(title)}</a></li>' for title, id_ in entries)
        heading = f'<h2 id="{contents_id}">{CONTENTS_TITLE}</h2>'
        body.append(f'<nav aria-labelledby="{contents_id}">{heading}<ol>{links}</ol></nav>')
    body.append('<main id="main" tabindex="-1">')
    body.append(markup.sections(composed.body, ids))
    if composed.glossary:
        glossary = composed.glossary
        heading = markup.heading(2, glossary.heading or "", ids[len(composed.body)])
        body.append(f"<section>{heading}{markup.glossary(glossary.blocks)}</section>")
    body.append("</main>")
    body.append(f"<footer>{markup.heading(2, colophon.heading or '', colophon_id)}")
    body += [markup.block(block) for block in colophon.blocks]
    body.append("</footer>")
    return document(composed.language, composed.title, leaflet.meta.publisher, size, colours, "\n".join(body))


def document(language: str, title: str, author: str, size: int, colours: str | None, body: str) -> str:
    regular, bold = font_bytes()
    fonts = style.font_faces((data_url(regular, "font/ttf"), data_url(bold, "font/ttf")))
    head = [
        '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{text(title)}</title>",
        f'<meta name="author" content="{attribute(author)}"/>',
    ]
    if colours is None:
        head.append('<meta name="color-scheme" content="light dark"/>')
    head.append(f"<style>\n{fonts}{style.page_css(size, colours)}</style>")
    return (
        f'<!DOCTYPE html>\n<html lang="{attribute(language)}">\n<head>\n'
        + "\n".join(head)
        + f"\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
