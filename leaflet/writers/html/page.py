"""The web page: one HTML5 document with its styles, typeface and pictures inside."""

from __future__ import annotations

from dataclasses import replace

from leaflet.core.compose import compose
from leaflet.core.model import Image, Leaflet
from leaflet.media.xhtml.markup import Markup, attribute, heading_ids, text
from leaflet.media.xhtml.page import CONTENTS_TITLE
from leaflet.media.xhtml.shell import data_url, document
from leaflet.writers.contract import Output, OutputFile
from leaflet.writers.html.options import Options, files

SKIP_TEXT = "Skip to the leaflet"
MIN_ENTRIES_FOR_CONTENTS = 3  # a short leaflet reads faster without a list of its parts


def picture_url(image: Image) -> str:
    """A picture embedded in the page, so the page stands alone."""
    return data_url(image.data, image.kind)


def write(leaflet: Leaflet, options: Options) -> Output:
    (name,) = files(leaflet.meta.id, options)
    data = page_html(leaflet, options.size, options.fixed_colours).encode("utf-8")
    return Output((OutputFile(name, data),))


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

    logo = composed.logo
    body = [
        f'<a class="skip-link" href="#main">{SKIP_TEXT}</a>',
        "<header>",
        *([f'<img class="logo" src="{attribute(picture_url(logo))}" alt="{attribute(logo.alt)}"/>'] if logo else []),
        f"<h1>{text(composed.title)}</h1>",
        *(markup.block(line) for line in composed.front),
        "</header>",
    ]
    contents = ""
    if len(entries) >= MIN_ENTRIES_FOR_CONTENTS:
        links = "".join(f'<li><a href="#{id_}">{text(title)}</a></li>' for title, id_ in entries)
        heading = f'<h2 id="{contents_id}">{CONTENTS_TITLE}</h2>'
        contents = f'<nav aria-labelledby="{contents_id}">{heading}<ol>{links}</ol></nav>'
    opening = composed.opening
    if opening:  # the callouts that open the leaflet come before the contents: the most important thing first
        body.append('<main id="main" tabindex="-1">')
        body += [markup.block(block) for block in composed.body[0].blocks[:opening]]
        body.append(contents)
        rest = replace(composed.body[0], blocks=composed.body[0].blocks[opening:])
        body.append(markup.sections((rest, *composed.body[1:]), ids))
    else:
        body.append(contents)
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
