"""A draft written in the source format: front matter, then CommonMark with callouts.

One emitter for every importer. It escapes what Markdown would read as
markup, keeps one paragraph per line so that a problem has one line to name,
and notes each place that needs the author's hand (a front matter key the
document did not give, a picture without alt text, a link without a real
address) with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import yaml

from leaflet.importers.draft import (
    Block,
    Bold,
    Break,
    Callout,
    Draft,
    Heading,
    Href,
    ListBlock,
    Para,
    Picture,
    Spans,
    TableBlock,
    Words,
)

KEYS = ("title", "publisher", "published", "updated", "review", "reference", "department", "language", "isbn", "url")
REQUIRED = ("title", "publisher", "published")
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_ASK = {
    "title": "the leaflet's title",
    "publisher": "who publishes the leaflet, e.g. 'publisher: Anytown NHS Foundation Trust'",
    "published": "the day it was published, e.g. 'published: 2026-03-25'",
}
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # a no-break space typed on purpose stays
_ALWAYS = set("\\`*_[]<>~^|")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=](?=\s|$)|\d{1,9}(?=[.)](\s|$))|[-=]{3,}\s*$)")


@dataclass
class Emitted:
    """The text of leaflet.md and the lines that need the author's hand."""

    text: str
    hands: list[tuple[int, str]] = field(default_factory=list)


def emit(draft: Draft) -> Emitted:
    writer = _Writer()
    writer.front_matter(draft.properties)
    bullets = 0
    previous: Block | None = None
    for block in draft.blocks:
        if isinstance(block, ListBlock) and isinstance(previous, ListBlock) and previous.ordered == block.ordered:
            bullets += 1  # a list right after another of its kind takes the other marker, or they would join
        writer.lines.append("")
        writer.block(block, "", alternate=bullets % 2 == 1)
        previous = block
    return Emitted("\n".join(writer.lines).rstrip("\n") + "\n", writer.hands)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.hands: list[tuple[int, str]] = []

    def hand(self, message: str, offset: int = 0) -> None:
        self.hands.append((len(self.lines) + offset, message))

    def front_matter(self, properties: dict[str, str]) -> None:
        self.lines.append("---")
        for key in KEYS:
            value = properties.get(key)
            if value is not None:
                dated = key in ("published", "updated", "review")
                self.lines.append(f"{key}: {value}" if dated else _yaml_line(key, value))
            elif key in REQUIRED:
                self.lines.append(f"# {key}: the document does not say; write {_ASK[key]}")
                self.hand(f"'{key}' is missing: the document does not say; write {_ASK[key]} (and remove the '#')")
        self.lines.append("---")

    def block(self, block: Block, prefix: str, alternate: bool = False) -> None:
        if isinstance(block, Heading):
            self.lines.append(f"{prefix}{'#' * block.level} {_escape(block.text, True)}")
        elif isinstance(block, Para):
            self.paragraph(block.spans, prefix, prefix)
        elif isinstance(block, ListBlock):
            self.list(block, prefix, alternate)
        elif isinstance(block, TableBlock):
            self.table(block, prefix)
        elif isinstance(block, Picture):
            if not block.alt:
                self.hand(
                    f"the picture {block.name} has no alt text; describe it for people who cannot see it: ![what it shows]({block.name})",
                    1,
                )
            self.lines.append(f"{prefix}![{_escape(block.alt, False)}]({block.name})")
        elif isinstance(block, Callout):
            title = f" {_escape(block.title, False)}" if block.title else ""
            self.lines.append(f"{prefix}> [!{block.kind.upper()}]{title}")
            for inner in block.blocks:
                self.lines.append(f"{prefix}>")
                self.block(inner, prefix + "> ")

    def paragraph(self, spans: Spans, first: str, rest: str) -> None:
        line = first
        for span in _tidy(spans):
            if isinstance(span, Break):
                self.lines.append(line + "\\")
                line = rest
            elif isinstance(span, Words):
                line += _escape(span.text, line in (rest, first))
            elif isinstance(span, Bold):
                line += f"**{_escape(span.text, False)}**"
            else:
                line += self.link(span)
        self.lines.append(line)

    def link(self, span: Href) -> str:
        url = span.url
        if url.lower().startswith("www."):
            url = "https://" + url
        if not url.lower().startswith(LINK_SCHEMES):
            self.hand(
                f"the link '{span.text}' goes to '{span.url or 'nowhere'}', which print and audio cannot follow; write its full address (https://...), or make it plain words",
                1,
            )
        url = quote(url, safe="/:?#[]@!$&'*+,;=%~-._")
        return f"[{_escape(span.text, False)}]({url})"

    def list(self, block: ListBlock, indent: str, alternate: bool) -> None:
        loose = any(len(item.paragraphs) > 1 for item in block.items)
        for index, item in enumerate(block.items):
            if index and loose:
                self.lines.append(indent.rstrip() if indent.strip(" ") else "")
            if block.ordered:
                marker = f"{block.start + index}{')' if alternate else '.'} "
            else:
                marker = "* " if alternate else "- "
            inner = indent + " " * len(marker)
            paragraphs = item.paragraphs or [[Words(" ")]]
            self.paragraph(paragraphs[0], indent + marker, inner)
            for more in paragraphs[1:]:
                self.lines.append(inner.rstrip() if inner.strip(" ") else "")
                self.paragraph(more, inner, inner)
            if item.sublist is not None:
                if loose:
                    self.lines.append(inner.rstrip() if inner.strip(" ") else "")
                self.list(item.sublist, inner, False)

    def table(self, block: TableBlock, prefix: str) -> None:
        def row(cells: list[Spans]) -> str:
            return "| " + " | ".join(self.cell(c) for c in cells) + " |"

        self.lines.append(prefix + row(block.header))
        self.lines.append(prefix + "|" + "|".join(" --- " for _ in block.header) + "|")
        for cells in block.rows:
            self.lines.append(prefix + row(cells))

    def cell(self, spans: Spans) -> str:
        out = ""
        for span in _tidy([Words(" ") if isinstance(s, Break) else s for s in spans]):
            if isinstance(span, Words):
                out += _escape(span.text, False)
            elif isinstance(span, Bold):
                out += f"**{_escape(span.text, False)}**"
            elif isinstance(span, Href):
                out += self.link(span)
        return out  # '|' is escaped with the rest


def _yaml_line(key: str, value: str) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10_000, sort_keys=False).strip()


def _tidy(spans: Spans) -> Spans:
    """White space folded, bold without its edge spaces, neighbours of one kind joined, ends trimmed."""
    out: Spans = []
    for span in spans:
        if isinstance(span, Bold):
            text = _SPACES.sub(" ", span.text)
            core = text.strip(" ")
            if not core:
                out.append(Words(text))
                continue
            lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
            out.extend([Words(lead), Bold(core), Words(trail)])
        elif isinstance(span, Words):
            out.append(Words(_SPACES.sub(" ", span.text)))
        elif isinstance(span, Href):
            out.append(Href(" ".join(span.text.split()) or span.url, span.url))
        else:
            out.append(span)
    joined: Spans = []
    for span in out:
        if isinstance(span, Words) and not span.text:
            continue
        last = joined[-1] if joined else None
        if isinstance(span, Words) and isinstance(last, Words):
            joined[-1] = Words(_SPACES.sub(" ", last.text + span.text))
        elif isinstance(span, Bold) and isinstance(last, Bold):
            joined[-1] = Bold(last.text + span.text)
        elif isinstance(span, Bold) and isinstance(last, Words) and not last.text.strip() and len(joined) > 1:
            previous = joined[-2]
            if isinstance(previous, Bold):  # **a** **b**: one bold run
                joined[-2:] = [Bold(previous.text + last.text + span.text)]
            else:
                joined.append(span)
        else:
            joined.append(span)
    for index, span in enumerate(joined):  # no space at either end of a line
        if isinstance(span, Words):
            at_start = index == 0 or isinstance(joined[index - 1], Break)
            at_end = index == len(joined) - 1 or isinstance(joined[index + 1], Break)
            text = span.text.lstrip(" ") if at_start else span.text
            joined[index] = Words(text.rstrip(" ") if at_end else text)
    return [s for s in joined if not (isinstance(s, Words) and not s.text)]


def _escape(text: str, line_start: bool) -> str:
    """``text`` with everything Markdown would read as markup escaped."""
    text = _SPACES.sub(" ", text)
    out = "".join(f"\\{c}" if c in _ALWAYS else c for c in text)
    out = _ENTITY.sub(lambda m: "\\" + m.group(0), out)
    if line_start:
        out = out.lstrip(" ")
        match = _LINE_START.match(out)
        if match:
            end = match.end()
            out = out[:end] + "\\" + out[end:] if match.group(0)[0].isdigit() else "\\" + out
    return out
