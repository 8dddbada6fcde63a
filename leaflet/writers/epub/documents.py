"""The talking book's content documents (XHTML) and its navigation document.

One document for the title page with the introduction, one per top-level
section, one for "Words explained" and one for "About this leaflet". With
speech on, each records its fragments: the id of every heading, sentence,
list item, cell and definition, and what is said for it.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field

from leaflet.core.compose import Composed, compose
from leaflet.core.model import Image, Leaflet, Section
from leaflet.core.text import slug
from leaflet.media.speech.say import Lexicon
from leaflet.media.xhtml.markup import Fragment, Markup, attribute, heading_ids, text
from leaflet.media.xhtml.page import CONTENTS_TITLE, chapters

STYLE = "style.css"
NAV = "nav.xhtml"
TEXT_DIR = "text"
IMAGE_DIR = "images"


@dataclass(frozen=True, slots=True)
class Entry:
    """A line of the table of contents: a heading, where it is, and the entries under it."""

    title: str
    href: str
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One content document: its name inside the package, its markup and what is said in it."""

    name: str  # "text/02-lists.xhtml", relative to the package folder
    title: str
    landmark: str  # epub:type of the landmark it starts, or ""
    xhtml: bytes
    fragments: tuple[Fragment, ...]
    contents: Entry

    @property
    def stem(self) -> str:
        return self.name.rsplit("/", 1)[-1].removesuffix(".xhtml")


@dataclass
class Pictures:
    """The pictures the documents show, each stored once under a name of its own."""

    files: dict[str, bytes] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    def __call__(self, image: Image) -> str:
        key = str(image.path)
        if key not in self._names:
            stem, suffix = slug(image.path.stem), image.path.suffix.lower()
            name, number = f"{stem}{suffix}", 2
            while f"{IMAGE_DIR}/{name}" in self.files:
                name, number = f"{stem}-{number}{suffix}", number + 1
            self._names[key] = f"{IMAGE_DIR}/{name}"
            self.files[f"{IMAGE_DIR}/{name}"] = image.data  # the reader's bytes: no source folder needed
        return f"../{self._names[key]}"

    @staticmethod
    def media_type(name: str) -> str:
        return mimetypes.guess_type(name)[0] or "application/octet-stream"


def documents(
    leaflet: Leaflet, speaking: bool, pictures: Pictures, *, neural: bool = False, credit: str | None = None
) -> list[Document]:
    """Every content document, in reading order; ``neural``: said by the natural voice (the `say:` lexicon's
    forms for it); ``credit``: the voice's, in 'About this leaflet'."""
    composed = compose(leaflet, credit)
    lexicon = Lexicon(leaflet.say, neural) if speaking else None

    def markup() -> Markup:
        return Markup(composed.language, pictures, lexicon, epub=True)

    groups = chapters(composed.body)
    made = [_title(composed, [g for g in groups if not g[0].heading], markup())]
    for chapter in (g for g in groups if g[0].heading):
        m = markup()
        ids = heading_ids(chapter, m)
        name = _name(len(made) + 1, chapter[0].heading or "")
        entries = tuple(
            Entry(s.heading or "", f"{name}#{ids[i]}") for i, s in enumerate(chapter) if i and i in ids and s.level == 3
        )
        body = m.sections(chapter, ids)
        made.append(_document(composed, m, name, chapter[0].heading or "", "", body, f"{name}#{ids[0]}", entries))
    if composed.glossary:
        made.append(_furniture(composed, composed.glossary, markup(), len(made) + 1, "glossary"))
    made.append(_furniture(composed, composed.colophon, markup(), len(made) + 1, "colophon"))
    return made


def _name(number: int, heading: str) -> str:
    return f"{TEXT_DIR}/{number:02d}-{slug(heading)}.xhtml"


def _title(composed: Composed, introduction: list[tuple[Section, ...]], m: Markup) -> Document:
    name = f"{TEXT_DIR}/01-title.xhtml"
    id_ = m.heading_id("title")
    heading = m.heading(1, composed.title, id_)
    lines = "".join(m.block(line) for line in composed.front)
    logo = composed.logo  # the publisher's, above the title as in print and on the web page (not read aloud)
    mark = f'<img class="logo" src="{attribute(m.picture(logo))}" alt="{attribute(logo.alt)}"/>' if logo else ""
    body = f'<section epub:type="titlepage">{mark}{heading}{lines}</section>'
    body += "".join(m.sections(chapter) for chapter in introduction)
    return _document(composed, m, name, composed.title, "bodymatter", body, f"{name}#{id_}")


def _furniture(composed: Composed, section: Section, m: Markup, number: int, kind: str) -> Document:
    """The glossary or the colophon: a document of its own, marked as what it is."""
    title = section.heading or ""
    name, id_ = _name(number, title), m.heading_id(title)
    heading = m.heading(2, title, id_)
    content = m.glossary(section.blocks) if kind == "glossary" else "".join(m.block(b) for b in section.blocks)
    body = f'<section epub:type="{kind}" role="doc-{kind}">{heading}{content}</section>'
    return _document(composed, m, name, title, "glossary" if kind == "glossary" else "", body, f"{name}#{id_}")


def _document(
    composed: Composed,
    m: Markup,
    name: str,
    title: str,
    landmark: str,
    body: str,
    href: str,
    children: tuple[Entry, ...] = (),
) -> Document:
    xhtml = xhtml_document(composed.language, title, body)
    return Document(name, title, landmark, xhtml, tuple(m.fragments), Entry(title, href, children))


def xhtml_document(language: str, title: str, body: str, *, style: str = f"../{STYLE}") -> bytes:
    lang = attribute(language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{text(title)}</title>\n'
        f'<link rel="stylesheet" type="text/css" href="{attribute(style)}"/>\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    ).encode()


def nav_document(language: str, title: str, made: list[Document]) -> bytes:
    """The navigation document: the table of contents (with subsections) and the landmarks."""

    def items(entries: tuple[Entry, ...]) -> str:
        return "".join(
            f'<li><a href="{attribute(e.href)}">{text(e.title)}</a>{f"<ol>{items(e.children)}</ol>" if e.children else ""}</li>'
            for e in entries
        )

    toc = items(tuple(d.contents for d in made))
    marks = [f'<li><a epub:type="toc" href="{NAV}#toc">{CONTENTS_TITLE}</a></li>']
    marks += [
        f'<li><a epub:type="{d.landmark}" href="{attribute(d.name)}">{text(d.title)}</a></li>'
        for d in made
        if d.landmark
    ]
    body = (
        f'<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title"><h1 id="toc-title">{CONTENTS_TITLE}</h1><ol>{toc}</ol></nav>\n'
        f'<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="Landmarks"><ol>{"".join(marks)}</ol></nav>'
    )
    return xhtml_document(language, f"{CONTENTS_TITLE}: {title}", body, style=STYLE)
