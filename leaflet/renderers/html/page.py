"""The web page: one HTML5 document with its styles, typeface and pictures inside."""

from __future__ import annotations

import base64
import mimetypes

from leaflet.model import Image, Leaflet
from leaflet.xhtml import style
from leaflet.xhtml.fonts import font_bytes
from leaflet.xhtml.markup import Markup, attribute, heading_ids, text
from leaflet.xhtml.page import COLOPHON_TITLE, CONTENTS_TITLE, GLOSSARY_TITLE, page

SKIP_TEXT = "Skip to the leaflet"
MIN_HEADINGS_FOR_CONTENTS = 3  # a short leaflet reads faster without a list of its parts


def data_url(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def picture_url(image: Image) -> str:
    """A picture embedded in the page, so the page stands alone."""
    media_type = mimetypes.guess_type(image.path.name)[0] or "application/octet-stream"
    return data_url(image.path.read_bytes(), media_type)


def page_html(leaflet: Leaflet, size: int, colours: str | None) -> str:
    """The whole page, at ``size`` points, in ``colours`` (None: light or dark as the reader prefers)."""
    parts = page(leaflet)
    markup = Markup(parts.language, picture_url)
    ids = heading_ids(parts.body, markup)
    glossary_id = markup.heading_id(GLOSSARY_TITLE) if parts.glossary else ""
    colophon_id = markup.heading_id(COLOPHON_TITLE)
    contents_id = markup.heading_id(CONTENTS_TITLE)

    entries = [
        (section.heading or "", ids[index])
        for index, section in enumerate(parts.body)
        if section.level <= 2 and index in ids
    ]
    if glossary_id:
        entries.append((GLOSSARY_TITLE, glossary_id))
    entries.append((COLOPHON_TITLE, colophon_id))

    regular, bold = font_bytes()
    fonts = style.font_faces((data_url(regular, "font/ttf"), data_url(bold, "font/ttf")))
    head = [
        '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{text(parts.title)}</title>",
        f'<meta name="author" content="{attribute(leaflet.meta.publisher)}"/>',
    ]
    if colours is None:
        head.append('<meta name="color-scheme" content="light dark"/>')
    head.append(f"<style>\n{fonts}{style.page_css(size, colours)}</style>")

    body = [
        f'<a class="skip-link" href="#main">{SKIP_TEXT}</a>',
        "<header>",
        f"<h1>{text(parts.title)}</h1>",
        *(markup.paragraph(line) for line in parts.front),
        "</header>",
    ]
    if len(entries) >= MIN_HEADINGS_FOR_CONTENTS:
        links = "".join(f'<li><a href="#{id_}">{text(title)}</a></li>' for title, id_ in entries)
        body.append(
            f'<nav aria-labelledby="{contents_id}"><h2 id="{contents_id}">{CONTENTS_TITLE}</h2><ol>{links}</ol></nav>'
        )
    body.append('<main id="main" tabindex="-1">')
    body.append(markup.sections(parts.body, ids))
    if parts.glossary:
        body.append(
            f"<section>{markup.heading(2, GLOSSARY_TITLE, glossary_id)}{markup.glossary(parts.glossary)}</section>"
        )
    body.append("</main>")
    body.append(f"<footer>{markup.heading(2, COLOPHON_TITLE, colophon_id)}")
    body += [markup.paragraph(line) for line in parts.colophon]
    if leaflet.meta.url:
        body.append(f'<p><a href="{attribute(leaflet.meta.url)}">{text(leaflet.meta.publisher)} website</a></p>')
    body.append("</footer>")

    language = attribute(parts.language)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
