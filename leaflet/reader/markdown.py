"""The Markdown body: CommonMark (with pipe tables) into the model's blocks.

markdown-it-py parses; this module visits its syntax tree, one method per
node type, and turns each node into a model node or a ``SourceError`` that
says where it is and what to write instead. Nothing is dropped silently.
"""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from leaflet.diagnostics import Diagnostic, SourceError
from leaflet.model import (
    Block,
    BulletList,
    Image,
    Inline,
    Inlines,
    Link,
    ListItem,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    Text,
)

LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
MAX_IMAGE_BYTES = 10 * 1024 * 1024
_SPACES = re.compile(r"\s+")
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
# markdown-it quietly leaves links it distrusts (javascript:, data:) as plain
# text; let every target through so the check below can name the mistake.
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]

# What the model cannot carry, and what to write instead.
_UNSUPPORTED = {
    "html_block": "raw HTML is not allowed (print and audio cannot show it); write the words in plain Markdown",
    "html_inline": "raw HTML is not allowed (print and audio cannot show it); write the words in plain Markdown",
    "code_block": "a code block is not allowed in a leaflet; write it as an ordinary paragraph (an indented line makes a code block: remove the indent)",
    "fence": "a code block is not allowed in a leaflet; write it as an ordinary paragraph",
    "code_inline": "code (`...`) is not allowed in a leaflet; write the words without backticks",
    "blockquote": "a quotation block (>) is not supported; write it as an ordinary paragraph",
    "hr": "a horizontal rule (---, ***) is not supported; start a new section with '## Heading' instead",
}


def parse_body(body: str) -> list[SyntaxTreeNode]:
    """The top-level nodes of a Markdown body."""
    return list(SyntaxTreeNode(_PARSER.parse(body)).children)


@dataclass
class BodyReader:
    """Turns markdown-it nodes into model nodes, collecting warnings as it goes."""

    path: Path
    folder: Path
    offset: int
    warnings: list[Diagnostic] = field(default_factory=list)

    def line(self, node: SyntaxTreeNode) -> int:
        """The file line of ``node`` (or of the nearest ancestor that has one)."""
        while node.map is None and node.parent is not None:
            node = node.parent
        return self.offset + (node.map[0] if node.map else 0) + 1

    def fail(self, node: SyntaxTreeNode, message: str, line: int | None = None) -> SourceError:
        return SourceError(self.path, line or self.line(node), message)

    # Blocks ------------------------------------------------------------

    def block(self, node: SyntaxTreeNode, depth: int = 0) -> Block:
        match node.type:
            case "paragraph":
                return self.paragraph(node)
            case "bullet_list" | "ordered_list":
                return self.list(node, depth)
            case "table":
                return self.table(node)
            case unsupported if unsupported in _UNSUPPORTED:
                raise self.fail(node, _UNSUPPORTED[unsupported])
            case other:
                raise self.fail(
                    node, f"{other.replace('_', ' ')} is not supported; write paragraphs, lists, tables or images"
                )

    def paragraph(self, node: SyntaxTreeNode) -> Paragraph | Image:
        inline = node.children[0]
        images = [child for child in inline.children if child.type == "image"]
        if images:
            others = [
                c for c in inline.children if c.type != "image" and not (c.type == "text" and not c.content.strip())
            ]
            if others or len(images) > 1:
                raise self.fail(
                    node,
                    "a picture must stand alone in its own paragraph; put a blank line before and after '![alt](file)'",
                )
            return self.image(images[0], self.line(node))
        return Paragraph(self.inlines(inline), self.line(node))

    def list(self, node: SyntaxTreeNode, depth: int) -> BulletList | NumberedList:
        if depth > 1:
            raise self.fail(node, "lists may nest only one level deep; move this list up a level or make it a new list")
        items = tuple(self.list_item(item, depth) for item in node.children)
        if node.type == "bullet_list":
            return BulletList(items, self.line(node))
        start = int(node.attrs.get("start", 1))
        return NumberedList(items, start, self.line(node))

    def list_item(self, node: SyntaxTreeNode, depth: int) -> ListItem:
        paragraphs = [c for c in node.children if c.type == "paragraph"]
        sublists = [c for c in node.children if c.type in ("bullet_list", "ordered_list")]
        others = [c for c in node.children if c not in paragraphs and c not in sublists]
        if others:
            raise self.fail(
                others[0], _UNSUPPORTED.get(others[0].type, "a list item may hold only words and one list under them")
            )
        if len(paragraphs) != 1 or len(sublists) > 1:
            raise self.fail(
                node,
                "a list item must be one paragraph, optionally followed by one nested list; split it into separate items",
            )
        if node.children[0] is not paragraphs[0]:
            raise self.fail(node, "a list item must start with its words; put the words before the nested list")
        inline = paragraphs[0].children[0]
        if any(child.type == "image" for child in inline.children):
            raise self.fail(node, "a picture cannot go inside a list item; put '![alt](file)' in its own paragraph")
        sublist = self.list(sublists[0], depth + 1) if sublists else None
        return ListItem(self.inlines(inline), sublist, self.line(node))

    def table(self, node: SyntaxTreeNode) -> Table:
        head, *body = node.children
        header = self.row(head.children[0])
        rows = tuple(self.row(row) for section in body for row in section.children)
        if not rows:
            raise self.fail(node, "a table needs at least one row under its header row")
        return Table(header, rows, self.line(node))

    def row(self, node: SyntaxTreeNode) -> tuple[Inlines, ...]:
        cells = []
        for cell in node.children:
            inline = cell.children[0] if cell.children else None
            if inline is not None and any(c.type == "image" for c in inline.children):
                raise self.fail(node, "a picture cannot go inside a table; put '![alt](file)' in its own paragraph")
            cells.append(self.inlines(inline) if inline is not None else ())
        return tuple(cells)

    def image(self, node: SyntaxTreeNode, line: int) -> Image:
        alt = " ".join(str(node.attrs.get("alt", "")).split()) or " ".join(_plain(node).split())
        source = str(node.attrs.get("src", "")).strip()
        if not alt:
            raise SourceError(
                self.path,
                line,
                f"the picture '{source}' has no alt text; describe it for people who cannot see it: ![what the picture shows]({source})",
            )
        if not source or "://" in source:
            raise SourceError(
                self.path, line, "a picture must be a file in the leaflet's folder; write ![alt](picture.png)"
            )
        target = (self.folder / source).resolve()
        if not target.is_relative_to(self.folder.resolve()):
            raise SourceError(
                self.path,
                line,
                f"the picture '{source}' is outside the leaflet's folder; copy it into {self.folder} and write ![{alt}]({Path(source).name})",
            )
        if not target.is_file():
            raise SourceError(
                self.path,
                line,
                f"the picture '{source}' does not exist; put the file in {self.folder} or correct its name",
            )
        if target.stat().st_size > MAX_IMAGE_BYTES:
            raise SourceError(
                self.path,
                line,
                f"the picture '{source}' is over 10 MB; save it smaller (a leaflet picture needs well under 1 MB)",
            )
        return Image(target, alt, line, target.read_bytes())

    # Inlines -----------------------------------------------------------

    def inlines(self, inline: SyntaxTreeNode) -> Inlines:
        """The inline children of ``inline`` as Text, Strong and Link, adjacent text merged."""
        line = self.line(inline)
        result: list[Inline] = []
        for child in inline.children:
            line += _breaks_before(child)
            result.extend(self.inline(child, line))
        return _merge(result)

    def inline(self, node: SyntaxTreeNode, line: int) -> builtins.list[Inline]:  # `list` is a method here
        match node.type:
            case "text":
                return [Text(node.content, line)] if node.content else []
            case "softbreak" | "hardbreak":
                return [Text(" ", line)]
            case "strong":
                return [self.strong(node, line)]
            case "em":
                self.warnings.append(
                    Diagnostic(
                        self.path,
                        line,
                        "italic",
                        f"italic text ('{_plain(node)}') is shown bold, since large print forbids italics; write **bold** instead",
                    )
                )
                return [self.strong(node, line)]
            case "link":
                return [self.link(node, line)]
            case "image":
                raise SourceError(
                    self.path,
                    line,
                    "a picture must stand alone in its own paragraph; put a blank line before and after '![alt](file)'",
                )
            case unsupported if unsupported in _UNSUPPORTED:
                raise SourceError(self.path, line, _UNSUPPORTED[unsupported])
            case other:
                raise SourceError(
                    self.path, line, f"{other.replace('_', ' ')} is not supported here; write plain words"
                )

    def strong(self, node: SyntaxTreeNode, line: int) -> Inline:
        for descendant in _walk(node):
            if descendant.type in _UNSUPPORTED:
                raise SourceError(self.path, line, _UNSUPPORTED[descendant.type])
            if descendant.type in ("link", "image"):
                raise SourceError(
                    self.path, line, "a link or picture cannot be inside bold text; close the ** before it"
                )
        return Strong(" ".join(_plain(node).split()), line)

    def link(self, node: SyntaxTreeNode, line: int) -> Link:
        url = str(node.attrs.get("href", "")).strip()
        text = " ".join(_plain(node).split())
        for descendant in _walk(node):
            if descendant.type in _UNSUPPORTED:
                raise SourceError(self.path, line, _UNSUPPORTED[descendant.type])
        if not text:
            raise SourceError(
                self.path, line, f"the link to {url or 'nowhere'} has no words; write [what the page is](address)"
            )
        if url in ("", "#") or url.startswith("#"):
            raise SourceError(
                self.path,
                line,
                f"the link '{text}' has no real target ({url or 'empty'}); print and audio cannot follow it, so write the full address: [{text}](https://...)",
            )
        if not url.lower().startswith(LINK_SCHEMES):
            raise SourceError(
                self.path,
                line,
                f"the link '{text}' goes to {url!r}; a link must start with https://, http://, mailto: or tel:",
            )
        return Link(text, url, line)


def _walk(node: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    return [node, *(d for child in node.children for d in _walk(child))]


def _plain(node: SyntaxTreeNode) -> str:
    """The words of an inline node and its children."""
    if node.type in ("softbreak", "hardbreak"):
        return " "
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type == "image":
        return "".join(_plain(c) for c in node.children) or node.content
    return "".join(_plain(child) for child in node.children)


def _breaks_before(node: SyntaxTreeNode) -> int:
    """1 when ``node`` is a line break, so later inlines know their line."""
    return 1 if node.type in ("softbreak", "hardbreak") else 0


def _merge(inlines: list[Inline]) -> Inlines:
    """Adjacent Text runs joined, runs of white space folded to one, ends trimmed."""
    merged: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + inline.text, merged[-1].line)
        else:
            merged.append(inline)
    folded = [Text(_SPACES.sub(" ", i.text), i.line) if isinstance(i, Text) else i for i in merged]
    if folded and isinstance(folded[0], Text):
        folded[0] = Text(folded[0].text.lstrip(), folded[0].line)
    if folded and isinstance(folded[-1], Text):
        folded[-1] = Text(folded[-1].text.rstrip(), folded[-1].line)
    return tuple(i for i in folded if not (isinstance(i, Text) and not i.text))
