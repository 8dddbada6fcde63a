"""The page shell shared by the web formats (``html`` and ``easy-read-html``): one self-contained HTML5 document.

The language, a title, the author, the viewport, and one style sheet with the
large-print typeface inside it as data: URLs, so the page reads offline and
loads nothing from the network.
"""

from __future__ import annotations

import base64

from leaflet.media.xhtml import style
from leaflet.media.xhtml.fonts import font_bytes
from leaflet.media.xhtml.markup import attribute, text


def data_url(data: bytes, media_type: str) -> str:
    """Bytes carried inside the page."""
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def document(
    language: str, title: str, author: str, size: int, colours: str | None, body: str, extra_css: str = ""
) -> str:
    """The whole page: ``body`` at ``size`` points in ``colours`` (None: light or dark as the reader prefers).

    ``extra_css`` is a format's own layout, added after the shared rules.
    """
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
    head.append(f"<style>\n{fonts}{style.page_css(size, colours)}{extra_css}</style>")
    return (
        f'<!DOCTYPE html>\n<html lang="{attribute(language)}">\n<head>\n'
        + "\n".join(head)
        + f"\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
