"""The model written back as source: ``leaflet.md`` (front matter and body), ``easy-read.md``, its pictures.

The one writer of the source format, beside the one reader of it: reading
what this writes gives the same model (``tests/test_source_writer.py`` reads
every fixture back). ``leaflet import`` builds a model from a document and
writes it out with ``write_source``; a front matter value the document did not
give is written as a ``# key: ...`` note for the author instead (``left``).

Everything the reader would take as markup is escaped (``*``, ``[``, a ``1.``
or ``#`` at a line's start, a bare web address that is not a link in the
model), one paragraph is one run of lines, and ``lines`` says where each
block, picture and link was written, so an import can point at ``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from leaflet.core import walk
from leaflet.core.model import (
    EASY_READ_NAME,
    SOURCE_NAME,
    Block,
    BulletList,
    Callout,
    EasyRead,
    EasyReadPoint,
    Image,
    Inline,
    Inlines,
    Leaflet,
    LineBreak,
    Link,
    ListItem,
    NumberedList,
    Paragraph,
    Picture,
    Pronunciation,
    Section,
    Strong,
    Table,
    Text,
)
from leaflet.core.text import plain

_ALWAYS = set("\\`*_[]<>~^|")  # markup wherever it stands
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=:](?=\s|$)|\d{1,9}(?=[.)](\s|$))|[-=]{3,}\s*$)")
_PICTURE_LINE = re.compile(r"^picture:", re.IGNORECASE)


@dataclass
class Written:
    """A leaflet as source files (name -> bytes), and the line each node was written on in its file."""

    files: dict[str, bytes]
    lines: list[tuple[object, int]] = field(default_factory=list)  # (model node, line in leaflet.md)

    def line_of(self, node: object) -> int:
        """The line of leaflet.md that ``node`` (this very object) was written on, or 0."""
        return next((line for found, line in self.lines if found is node), 0)


def write_source(leaflet: Leaflet, left: Mapping[str, str] | None = None) -> Written:
    """``leaflet`` as its source folder's files. ``left`` maps a front matter key to a note for the author,
    written as ``# key: note`` in place of the value (the model's value for it is then a stand-in)."""
    lines = _Lines(leaflet.folder)
    _front_matter(leaflet, left or {}, lines)
    for section in leaflet.sections:
        _section(section, lines)
    files = {SOURCE_NAME: lines.text().encode("utf-8")}
    if leaflet.easy_read is not None:
        files[EASY_READ_NAME] = easy_read_text(leaflet.easy_read).encode("utf-8")
    files.update(pictures(leaflet))
    return Written(files, lines.places)


def pictures(leaflet: Leaflet) -> dict[str, bytes]:
    """The body's pictures by the name the source gives them (relative to the leaflet's folder)."""
    found = {
        _picture_name(node, leaflet.folder): node.data
        for node in walk.body(leaflet)
        if isinstance(node, Image) and node.data
    }
    logo = leaflet.meta.logo
    if logo is not None and logo.data:
        found[_picture_name(logo, leaflet.folder)] = logo.data
    return found


# Front matter ----------------------------------------------------------


def _front_matter(leaflet: Leaflet, left: Mapping[str, str], lines: _Lines) -> None:
    meta = leaflet.meta
    values: dict[str, object] = {
        "title": meta.title,
        "publisher": meta.publisher,
        "published": meta.published,
        "updated": meta.updated,
        "review": meta.review,
        "reference": meta.reference,
        "department": meta.department,
        "language": meta.language,
        "isbn": meta.isbn,
        "url": meta.url,
        "certified-by": meta.certifier,
    }
    lines.add("---")
    for key, value in values.items():
        if key in left:
            lines.add(f"# {key}: {' '.join(left[key].split())}", node=key)
        elif isinstance(value, date):
            lines.add(f"{key}: {value.isoformat()}", node=key)
        elif value is not None:
            lines.add(_yaml({key: value}), node=key)
    if meta.logo is not None:
        lines.add(
            _yaml({"logo": {"file": _picture_name(meta.logo, leaflet.folder), "alt": meta.logo.alt}}), node="logo"
        )
    if leaflet.glossary:
        lines.add(_yaml({"glossary": {d.term: d.explanation for d in leaflet.glossary}}))
    if leaflet.say:
        lines.add(_yaml({"say": {p.word: _said(p) for p in leaflet.say}}))
    lines.add("---")


def _yaml(value: dict[str, object]) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10_000, sort_keys=False, default_flow_style=False).rstrip()


# Body ------------------------------------------------------------------


class _Lines:
    """The lines of a file as they are written, and which node each starts; ``folder`` is the leaflet's."""

    def __init__(self, folder: Path = Path()) -> None:
        self.folder = folder
        self.lines: list[str] = []
        self.places: list[tuple[object, int]] = []

    def add(self, line: str, node: object = None) -> None:
        self.lines.append(line)
        if node is not None:
            self.places.append((node, len(self.lines)))

    def blank(self, prefix: str = "") -> None:
        self.lines.append(prefix.rstrip())

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _section(section: Section, lines: _Lines) -> None:
    if section.heading is not None:
        lines.blank()
        lines.add(f"{'#' * section.level} {_heading(section.heading)}", node=section)
    previous: Block | None = None
    for block in section.blocks:
        lines.blank()
        _block(block, "", lines, alternate=_same_list_kind(previous, block))
        previous = block


def _heading(text: str) -> str:
    return escape(text, False).replace("#", "\\#")  # a '#' at a heading's end would close it


def _same_list_kind(previous: Block | None, block: Block) -> bool:
    """Two lists of one kind in a row would read as one: the second takes the other marker."""
    return type(previous) is type(block) and isinstance(block, BulletList | NumberedList)


def _block(block: Block, prefix: str, lines: _Lines, alternate: bool = False) -> None:
    match block:
        case Paragraph():
            _paragraph(block.inlines, prefix, prefix, lines, node=block)
        case BulletList() | NumberedList():
            _list(block, prefix, lines, alternate)
        case Table():
            _table(block, prefix, lines)
        case Image():
            name = _picture_name(block, lines.folder)
            lines.add(f"{prefix}![{escape(block.alt, False)}]({_destination(name)})", node=block)
        case Callout():
            title = f" {escape(block.title, False)}" if block.title else ""
            lines.add(f"{prefix}> [!{block.kind.upper()}]{title}", node=block)
            inner_previous: Block | None = None
            for inner in block.blocks:
                lines.blank(prefix + ">")
                _block(inner, prefix + "> ", lines, _same_list_kind(inner_previous, inner))
                inner_previous = inner


def _paragraph(inlines: Inlines, first: str, rest: str, lines: _Lines, node: object = None) -> None:
    """One paragraph: its first line after ``first``, the lines after a hard break after ``rest``."""
    start = len(lines.lines) + 1
    for index, line in enumerate(_inline_lines(inlines)):
        lines.add((first if index == 0 else rest) + line, node=node if index == 0 else None)
    breaks = 0
    for inline in inlines:
        breaks += isinstance(inline, LineBreak)
        if isinstance(inline, Link):
            lines.places.append((inline, start + breaks))


def _as_words(inlines: Inlines) -> Inlines:
    """``inlines`` with each phone link the reader would make again of its words written as those words: an
    author reads 'Call 999' in the source, not '[999](tel:999)'."""
    from leaflet.core.phones import phone_links

    merged: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Link) and inline.url.startswith("tel:"):
            inline = Text(inline.text, inline.line)
        if isinstance(inline, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + inline.text, merged[-1].line)
        else:
            merged.append(inline)
    words = tuple(merged)
    return words if phone_links(words) == inlines else inlines


def _inline_lines(inlines: Inlines, breaks: bool = True) -> list[str]:
    """The inlines as text lines (a hard break ends a line with a backslash)."""
    inlines = _as_words(inlines)
    out = [""]
    for index, inline in enumerate(inlines):
        following = inlines[index + 1] if index + 1 < len(inlines) else None
        match inline:
            case LineBreak() if breaks:
                out[-1] += "\\"
                out.append("")
            case LineBreak():
                out[-1] += " "
            case Text():
                text = escape(inline.text, not out[-1])
                if isinstance(following, Link) and text.endswith("!"):
                    text = text[:-1] + "\\!"  # '![' would start a picture
                out[-1] += text
            case Strong():
                out[-1] += f"**{escape(inline.text, False)}**"
            case Link():
                out[-1] += f"[{escape(inline.text, False, links=False)}]({_destination(inline.url)})"
    return out


def _list(block: BulletList | NumberedList, indent: str, lines: _Lines, alternate: bool) -> None:
    loose = any(item.more for item in block.items)
    for index, item in enumerate(block.items):
        if index and loose:
            lines.blank(indent)
        if isinstance(block, NumberedList):
            marker = f"{block.start + index}{')' if alternate else '.'} "
        else:
            marker = "* " if alternate else "- "
        _item(item, indent, marker, loose, lines)


def _item(item: ListItem, indent: str, marker: str, loose: bool, lines: _Lines) -> None:
    inner = indent + " " * len(marker)
    _paragraph(item.inlines, indent + marker, inner, lines, node=item)
    for more in item.more:
        lines.blank(inner)
        _paragraph(more, inner, inner, lines)
    if item.sublist is not None:
        if loose:
            lines.blank(inner)
        _list(item.sublist, inner, lines, False)


def _table(block: Table, prefix: str, lines: _Lines) -> None:
    def row(cells: Iterable[Inlines]) -> str:
        return "| " + " | ".join("".join(_inline_lines(cell, breaks=False)) for cell in cells) + " |"

    for index, cells in enumerate((block.header, *block.rows)):
        lines.add(prefix + row(cells), node=block if index == 0 else None)
        lines.places.extend((i, len(lines.lines)) for cell in cells for i in cell if isinstance(i, Link))
        if index == 0:
            lines.add(prefix + "|" + "|".join(" --- " for _ in block.header) + "|")


def _destination(url: str) -> str:
    """A link's or picture's address as Markdown reads it back unchanged."""
    depth = 0
    balanced = True
    for char in url:
        depth += {"(": 1, ")": -1}.get(char, 0)
        balanced = balanced and depth >= 0
    if any(c.isspace() for c in url) or not balanced or depth or "<" in url or ">" in url:
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _picture_name(image: Image, folder: Path) -> str:
    path = image.path
    root = folder.resolve()
    if path.is_absolute() and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix() if not path.is_absolute() else path.name


# Escaping --------------------------------------------------------------


def escape(text: str, line_start: bool, links: bool = True) -> str:
    """``text`` with everything Markdown would read as markup escaped, so that it reads back as these words.

    ``line_start``: the text begins a line (where '#', '-', '1.' mean something); ``links``: a bare web or
    email address is escaped so that it stays words (in a link's own words it already is).
    """
    marked = _address_marks(text) if links else set()
    out = "".join(f"\\{c}" if c in _ALWAYS or i in marked else c for i, c in enumerate(text))
    out = _ENTITY.sub(lambda m: "\\" + m.group(0), out)
    if line_start:
        match = _LINE_START.match(out)
        if match:
            end = match.end()
            out = out[:end] + "\\" + out[end:] if match.group(0)[0].isdigit() else "\\" + out
    return out


def _address_marks(text: str) -> set[int]:
    """Where a bare address's dots, '@' and '://' colon stand, so that escaping them keeps it words.

    The parser looks for addresses in the whole text, in each run between two escaped characters, and at
    every '://'; all three are covered.
    """
    from leaflet.reader.markdown import linkify

    finder = linkify()
    runs = [(0, text)]
    start = 0
    for index, char in enumerate(text):
        if char in _ALWAYS or char == "&":
            runs.append((start, text[start:index]))
            start = index + 1
    runs.append((start, text[start:]))
    marks = {i for i in range(len(text)) if text.startswith("://", i)}
    for offset, run in runs:
        for match in finder.match(run) or []:
            marks.update(offset + i for i in range(match.index, match.last_index) if run[i] in ".@:")
    return marks


# The easy read ---------------------------------------------------------


def easy_read_text(easy: EasyRead) -> str:
    """``easy-read.md``: its title, then each heading, its ``covers:`` lines and its points."""
    lines = _Lines()
    if easy.title:
        lines.add(f"# {_heading(easy.title)}")
    for section in easy.sections:
        if lines.lines:
            lines.blank()
        lines.add(f"## {_heading(section.heading)}")
        if section.covers:
            lines.blank()
            for heading in section.covers:
                lines.add(f"covers: {heading}")
        lines.blank()
        for point in section.points:
            _point(point, lines)
    return lines.text()


def _point(point: EasyReadPoint, lines: _Lines) -> None:
    written = _inline_lines(point.inlines)
    for index, line in enumerate(written):
        if index and _PICTURE_LINE.match(line):
            line = line.replace(":", "\\:", 1)  # words, not the author's picture line
        lines.add(("- " if index == 0 else "  ") + line)
    decided = _picture_line(point)
    if decided:
        lines.add(f"  {decided}")


def _picture_line(point: EasyReadPoint) -> str:
    """The point's ``picture:`` line: what the author decided; nothing where the publisher chose."""
    if not point.wants_picture:
        return "picture: none"
    picture = point.picture
    if picture is None or picture.matched:
        return ""  # no symbol fits, or the publisher's own choice: reading chooses it again
    alt = picture.alt.replace('"', "\u2019\u2019")
    if picture.credit is None:
        return f'picture: {picture.name} "{alt}"'
    return f"picture: {picture.name}" + ("" if alt == _symbol_alt(picture) else f' "{alt}"')


def _symbol_alt(picture: Picture) -> str:
    """The words a symbol says of itself when the author gives none."""
    from leaflet.media.symbols import ALT, symbol_named

    symbol = symbol_named(picture.name)
    return ALT.get(symbol.name, symbol.description) if symbol is not None else ""


def with_bare_links(text: str) -> Inlines:
    """``text`` as the reader reads it written as words: a bare web or email address in it made a link.

    For an importer, whose words come from a document: what a reader of the written source would make of them.
    The spaces at either end are kept.
    """
    from leaflet.reader.markdown import BodyReader, linkify, parse_body

    core = text.strip(" ")
    if not core or not linkify().test(core):
        return (Text(text),) if text else ()
    lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
    nodes = parse_body(escape(core, True, links=False))
    found = BodyReader(Path(), Path(), 0).inlines(nodes[0].children[0]) if nodes else ()
    if not found or " ".join(plain(found).split()) != " ".join(core.split()):
        return (Text(text),)  # the parser read something else: keep the words as they are
    return tuple(i for i in (Text(lead), *found, Text(trail)) if not isinstance(i, Text) or i.text)


def _said(entry: Pronunciation) -> str | dict[str, str]:
    """A `say:` entry as its source writes it: one form for every engine, or each engine's own (a form that
    is the word itself is left out: the reader reads it so)."""
    if entry.neural is None:
        return entry.spoken
    forms = {"espeak": entry.spoken, "neural": entry.neural}
    return {engine: form for engine, form in forms.items() if form != entry.word} or {"espeak": entry.spoken}
