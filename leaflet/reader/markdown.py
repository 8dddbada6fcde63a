"""The Markdown body: CommonMark (with pipe tables, callouts and bare web addresses) into the model's blocks.

markdown-it-py parses; this module visits its syntax tree, one method per
node type, and turns each node into a model node or a ``SourceError`` that
says where it is and what to write instead. Nothing is dropped silently.
"""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from leaflet.core.diagnostics import Diagnostic, SourceError
from leaflet.core.model import (
    CALLOUT_LABELS,
    Block,
    BulletList,
    Callout,
    CalloutKind,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListItem,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    Text,
)
from leaflet.core.phones import phone_links
from leaflet.reader.pictures import read_picture
from leaflet.reader.refusals import REFUSED as _UNSUPPORTED
from leaflet.reader.refusals import refusal

LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
MAX_LIST_DEPTH = 3  # a list, a list in one of its items, and one more in that
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not the no-break space an author typed on purpose
_MARKER = re.compile(r"^\[!([A-Za-z-]+)\][ \t]*")
_MARKERS = ", ".join(f"[!{kind.upper()}]" for kind in CALLOUT_LABELS)
_ITEM_HOLDS = "a list item may hold only words and one list under them"
_IN_LIST_ITEM = {
    "blockquote": "a callout (> [!KIND]) cannot go inside a list item; put it after the list, not indented",
    "table": "a table cannot go inside a list item; put it after the list, not indented",
}


def _parser() -> MarkdownIt:
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.subscript import sub_plugin
    from mdit_py_plugins.superscript import superscript_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    # Constructs the model cannot carry are parsed too, so that they can be refused by name and line.
    parser = (
        MarkdownIt("commonmark", {"html": True, "linkify": True})
        .enable(["table", "strikethrough", "linkify"])
        .use(footnote_plugin)
        .use(deflist_plugin)
        .use(tasklists_plugin)
        .use(sub_plugin)
        .use(superscript_plugin)
    )
    # markdown-it quietly leaves links it distrusts (javascript:, data:) as plain
    # text; let every target through so the check below can name the mistake.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_PARSER = _parser()


def linkify() -> Any:
    """The parser's finder of bare web and email addresses (what it makes links of), for the source writer."""
    return _PARSER.linkify


def link_address(url: str) -> str:
    """An address as the reader keeps a link's: the parser's own normal form (unsafe characters encoded)."""
    return str(_PARSER.normalizeLink(url))


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
            case "blockquote":
                return self.callout(node)
            case unsupported if refusal(unsupported):
                raise self.fail(node, _UNSUPPORTED[unsupported], self._refused_line(node))
            case other:
                raise self.fail(
                    node, f"{other.replace('_', ' ')} is not supported; write paragraphs, lists, tables or images"
                )

    def _refused_line(self, node: SyntaxTreeNode) -> int | None:
        """A footnote block has no line of its own: its first note's paragraph has."""
        for descendant in _walk(node):
            if descendant.map is not None:
                return self.line(descendant)
        return None

    def callout(self, node: SyntaxTreeNode) -> Callout:
        """``> [!KIND] optional title`` and ``>`` lines of paragraphs and lists."""
        line = self.line(node)
        first = node.children[0] if node.children else None
        inline = first.children[0] if first is not None and first.type == "paragraph" else None
        lead = inline.children[0] if inline is not None and inline.children else None
        marker = _MARKER.match(lead.content) if lead is not None and lead.type == "text" else None
        if marker is None or marker.group(1).lower() not in CALLOUT_LABELS:
            found = f" ('[!{marker.group(1)}]' is not one of them)" if marker else ""
            raise self.fail(
                node,
                f"a quotation block (>) must be a callout: start its first line with one of {_MARKERS}, "
                f"then an optional title{found}; or write it as an ordinary paragraph",
            )
        kind: CalloutKind = marker.group(1).lower()  # type: ignore[assignment]  # checked just above
        assert inline is not None and first is not None and lead is not None
        children = list(inline.children)
        cut = next((i for i, c in enumerate(children) if c.type in ("softbreak", "hardbreak")), len(children))
        title_nodes, rest_nodes = children[:cut], children[cut + 1 :]
        title_inlines = self._inline_nodes(title_nodes, line, strip_marker=marker.end())
        if any(isinstance(i, Link | LineBreak) for i in title_inlines):
            raise SourceError(
                self.path, line, "a callout's title cannot hold a link; put the link in the callout's text below it"
            )
        title = " ".join("".join(i.text for i in title_inlines).split()) or None
        blocks: list[Paragraph | BulletList | NumberedList] = []
        if rest_nodes:
            blocks.append(Paragraph(phone_links(self._inline_nodes(rest_nodes, line + 1)), line + 1))
        for child in node.children[1:]:
            if child.type == "blockquote":
                raise self.fail(child, "a callout cannot hold another quotation or callout; end the first one first")
            block = self.block(child)
            if isinstance(block, Image | Table | Callout):
                raise self.fail(
                    child, "a callout holds only paragraphs and lists; put the picture or table after the callout"
                )
            blocks.append(block)
        if not blocks and title is None:
            raise self.fail(
                node, f"this {CALLOUT_LABELS[kind].lower()} callout has no words; write them after the marker"
            )
        return Callout(kind, title, tuple(blocks), line)

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
        if depth >= MAX_LIST_DEPTH:
            raise self.fail(
                node, "lists may nest only three levels deep; move this list up a level or make it a new list"
            )
        items = tuple(self.list_item(item, depth) for item in node.children)
        if node.type == "bullet_list":
            return BulletList(items, self.line(node))
        start = int(node.attrs.get("start", 1))
        return NumberedList(items, start, self.line(node))

    def list_item(self, node: SyntaxTreeNode, depth: int) -> ListItem:
        if "task-list-item" in str(node.attrs.get("class", "")):
            raise self.fail(node, _UNSUPPORTED["task"])
        paragraphs = [c for c in node.children if c.type == "paragraph"]
        sublists = [c for c in node.children if c.type in ("bullet_list", "ordered_list")]
        others = [c for c in node.children if c not in paragraphs and c not in sublists]
        if others:
            raise self.fail(others[0], _UNSUPPORTED.get(others[0].type, _IN_LIST_ITEM.get(others[0].type, _ITEM_HOLDS)))
        if not paragraphs or node.children[0] is not paragraphs[0]:
            raise self.fail(node, "a list item must start with its words; put the words before the nested list")
        if len(sublists) > 1 or (sublists and node.children[-1] is not sublists[0]):
            raise self.fail(
                node,
                "a list item's paragraphs come first, then at most one nested list; move the words above the nested list, or start a new item",
            )
        for paragraph in paragraphs:
            if any(child.type == "image" for child in paragraph.children[0].children):
                raise self.fail(
                    paragraph, "a picture cannot go inside a list item; put '![alt](file)' in its own paragraph"
                )
        first, *more = (self.inlines(p.children[0]) for p in paragraphs)
        sublist = self.list(sublists[0], depth + 1) if sublists else None
        return ListItem(first, sublist, self.line(node), tuple(more))

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
        return read_picture(self.path, line, source, self.folder, alt)

    # Inlines -----------------------------------------------------------

    def inlines(self, inline: SyntaxTreeNode) -> Inlines:
        """The inline children of ``inline`` as Text, Strong, Link and LineBreak, adjacent text merged; a phone
        number written in the words becomes a ``tel:`` link."""
        return phone_links(self._inline_nodes(list(inline.children), self.line(inline)))

    def _inline_nodes(self, nodes: builtins.list[SyntaxTreeNode], line: int, strip_marker: int = 0) -> Inlines:
        result: builtins.list[Inline] = []
        for index, child in enumerate(nodes):
            line += _breaks_before(child)
            if index == 0 and strip_marker:
                result.append(Text(child.content[strip_marker:], line))
                continue
            result.extend(self.inline(child, line))
        return _merge(result)

    def inline(self, node: SyntaxTreeNode, line: int) -> builtins.list[Inline]:  # `list` is a method here
        match node.type:
            case "text":
                self.no_stray_bracket(node.content, line)
                return [Text(node.content, line)] if node.content else []
            case "softbreak":
                return [Text(" ", line)]
            case "hardbreak":
                return [LineBreak(line)]
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
            case "link" if node.markup == "linkify":
                return [self.bare_address(node, line)]
            case "link":
                return [self.link(node, line)]
            case "image":
                raise SourceError(
                    self.path,
                    line,
                    "a picture must stand alone in its own paragraph; put a blank line before and after '![alt](file)'",
                )
            case unsupported if refusal(unsupported):
                raise SourceError(self.path, line, _UNSUPPORTED[unsupported])
            case other:
                raise SourceError(
                    self.path, line, f"{other.replace('_', ' ')} is not supported here; write plain words"
                )

    def no_stray_bracket(self, words: str, line: int) -> None:
        """Square brackets in words are a link gone wrong ('[text(url)', '[text] (url)'): print would show them."""
        if "[" in words or "]" in words:
            raise SourceError(
                self.path,
                line,
                f"'{words.strip()[:60]}' has a square bracket that makes no link; to link, write [words](https://...) "
                "with nothing between ']' and '('; for an aside, use round brackets",
            )

    def bare_address(self, node: SyntaxTreeNode, line: int) -> Link:
        """A web or email address written bare becomes a link whose words are the address as written.

        An address written without its scheme ('www.nhs.uk/111') is taken to be https.
        """
        text = " ".join(_plain(node).split())
        url = str(node.attrs.get("href", "")).strip()
        if url.startswith("http://") and not text.lower().startswith("http://"):
            url = "https://" + url.removeprefix("http://")
        return Link(text, url, line)

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
        if url.lower().startswith(("http://", "https://")) and not _host(url):
            raise SourceError(
                self.path,
                line,
                f"the link '{text}' goes to {url!r}, which names no web site; write the whole address, like [{text}](https://www.nhs.uk/...)",
            )
        if url.lower().startswith("tel:"):
            from leaflet.core.phones import is_valid_tel

            if not is_valid_tel(url):
                raise SourceError(
                    self.path,
                    line,
                    f"the link '{text}' calls {url!r}, which is not a valid phone number; write the number as dialled, e.g. [0300 123 1234](tel:03001231234)",
                )
        return Link(text, url, line)


def _host(url: str) -> str:
    """The site an http(s) address names ('www.nhs.uk'), or '' when it names none ('https://', 'https:///x')."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host if "." in host or host == "localhost" else ""


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
    """Adjacent Text runs joined, runs of white space folded to one, ends trimmed (and around line breaks)."""
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
    for index, inline in enumerate(folded):
        if isinstance(inline, LineBreak):
            before, after = index - 1, index + 1
            if before >= 0 and isinstance(folded[before], Text):
                folded[before] = Text(folded[before].text.rstrip(), folded[before].line)
            if after < len(folded) and isinstance(folded[after], Text):
                folded[after] = Text(folded[after].text.lstrip(), folded[after].line)
    while folded and isinstance(folded[-1], LineBreak):
        folded.pop()  # a break at the very end of a paragraph breaks nothing
    return tuple(i for i in folded if not (isinstance(i, Text) and not i.text))
