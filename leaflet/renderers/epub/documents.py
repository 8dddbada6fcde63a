"""The talking book's content documents (XHTML) and its navigation document.

One document for the title page with the introduction, one per top-level
section, one for "Words explained" and one for "About this leaflet". With
speech on, each records its fragments: the id of every heading, sentence,
list item, cell and definition, and what is said for it.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field

from leaflet.model import Image, Leaflet
from leaflet.speech.say import Lexicon
from leaflet.text import slug
from leaflet.xhtml.markup import Fragment, Markup, attribute, heading_ids, text
from leaflet.xhtml.page import COLOPHON_TITLE, CONTENTS_TITLE, GLOSSARY_TITLE, Page, page

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
            self.files[f"{IMAGE_DIR}/{name}"] = image.path.read_bytes()
        return f"../{self._names[key]}"

    @staticmethod
    def media_type(name: str) -> str:
        return mimetypes.guess_type(name)[0] or "application/octet-stream"


def documents(leaflet: Leaflet, speaking: bool, pictures: Pictures) -> list[Document]:
    """Every content document, in reading order."""
    parts = page(leaflet)
    lexicon = Lexicon(leaflet.say) if speaking else None

    def markup() -> Markup:
        return Markup(parts.language, pictures, lexicon, epub=True)

    made = [_title(parts, markup())]
    body_chapters = [c for c in parts.chapters if c[0].heading]
    for number, chapter in enumerate(body_chapters, start=2):
        m = markup()
        ids = heading_ids(chapter, m)
        name = f"{TEXT_DIR}/{number:02d}-{slug(chapter[0].heading or '')}.xhtml"
        entries = tuple(
            Entry(s.heading or "", f"{name}#{ids[i]}") for i, s in enumerate(chapter) if i and i in ids and s.level == 3
        )
        made.append(
            _document(
                parts, m, name, chapter[0].heading or "", "", m.sections(chapter, ids), f"{name}#{ids[0]}", entries
            )
        )
    number = len(made) + 1
    if parts.glossary:
        m = markup()
        name, id_ = f"{TEXT_DIR}/{number:02d}-{slug(GLOSSARY_TITLE)}.xhtml", m.heading_id(GLOSSARY_TITLE)
        body = (
            f'<section epub:type="glossary">{m.heading(2, GLOSSARY_TITLE, id_)}{m.glossary(parts.glossary)}</section>'
        )
        made.append(_document(parts, m, name, GLOSSARY_TITLE, "glossary", body, f"{name}#{id_}"))
        number += 1
    m = markup()
    name, id_ = f"{TEXT_DIR}/{number:02d}-{slug(COLOPHON_TITLE)}.xhtml", m.heading_id(COLOPHON_TITLE)
    heading = m.heading(2, COLOPHON_TITLE, id_)
    lines = "".join(m.paragraph(line) for line in parts.colophon)
    body = f'<section epub:type="colophon">{heading}{lines}</section>'
    made.append(_document(parts, m, name, COLOPHON_TITLE, "", body, f"{name}#{id_}"))
    return made


def _title(parts: Page, m: Markup) -> Document:
    name = f"{TEXT_DIR}/01-title.xhtml"
    id_ = m.heading_id("title")
    heading = m.heading(1, parts.title, id_)
    lines = "".join(m.paragraph(line) for line in parts.front)
    body = f'<section epub:type="titlepage">{heading}{lines}</section>'
    introduction = [c for c in parts.chapters if not c[0].heading]
    for chapter in introduction:
        body += m.sections(chapter)
    return _document(parts, m, name, parts.title, "bodymatter", body, f"{name}#{id_}")


def _document(
    parts: Page, m: Markup, name: str, title: str, landmark: str, body: str, href: str, children: tuple[Entry, ...] = ()
) -> Document:
    xhtml = xhtml_document(parts.language, title, body)
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
