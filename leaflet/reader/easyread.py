"""``easy-read.md``: an optional ``# title``, then ``##`` headings, each followed by a ``-`` list of points.

Each list item is one easy-read point; it may start with a picture,
``- ![alt](file) The words.``, which goes in the picture column.

A heading may be followed by ``covers:`` lines, one for each section of the
full leaflet that the easy-read section tells (``covers: Is this procedure
right for me?``), so the checks can prove that no section was left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from leaflet.diagnostics import SourceError
from leaflet.model import EasyRead, EasyReadPoint, EasyReadSection, Image
from leaflet.reader.markdown import BodyReader, parse_body
from leaflet.reader.sections import heading_text

_SHAPE = "write '## A heading', then one '- point' line for each point"
_COVERS = re.compile(r"^covers:\s*(\S.*)$", re.IGNORECASE)


def read_easy_read(text: str, path: Path, reader: BodyReader) -> EasyRead:
    """The easy-read sections of ``text``; every mistake is a ``SourceError``."""
    nodes = parse_body(text)
    title = None
    if nodes and nodes[0].type == "heading" and nodes[0].tag == "h1":
        title = heading_text(nodes[0], reader)
        nodes = nodes[1:]
    sections: list[EasyReadSection] = []
    for node in nodes:
        last = sections[-1] if sections else None
        if node.type == "heading" and node.tag == "h2":
            sections.append(EasyReadSection(heading_text(node, reader), (), reader.line(node)))
        elif node.type == "paragraph" and last and not last.points and _is_covers(node):
            sections[-1] = EasyReadSection(last.heading, (), last.line, (*last.covers, *_covers(node, reader)))
        elif node.type == "bullet_list" and last and not last.points:
            sections[-1] = EasyReadSection(last.heading, _points(node, reader), last.line, last.covers)
        elif node.type == "bullet_list" and not sections:
            raise reader.fail(node, f"these points have no heading; {_SHAPE}")
        elif node.type == "heading":
            marks = "#" * int(node.tag[1])
            raise reader.fail(
                node,
                f"a '{marks}' heading is not used in easy read: it has one level of headings, '##'; "
                f"write '## {heading_text(node, reader)}', or put its points under the '##' heading above",
            )
        else:
            raise reader.fail(
                node,
                f"easy read is only headings and points; {_SHAPE} (a 'covers: <heading in leaflet.md>' line may follow a heading)",
            )
    for section in sections:
        if not section.points:
            raise SourceError(path, section.line, f"the easy-read section '{section.heading}' has no points; {_SHAPE}")
    if not sections:
        raise SourceError(path, 1, f"the easy-read file has no sections; {_SHAPE}")
    return EasyRead(tuple(sections), path, title)


def _is_covers(node: SyntaxTreeNode) -> bool:
    return bool(_COVERS.match(_raw_lines(node)[0]))


def _covers(node: SyntaxTreeNode, reader: BodyReader) -> tuple[str, ...]:
    """The headings named by a paragraph of ``covers:`` lines, one a line."""
    headings = []
    for number, line in enumerate(_raw_lines(node)):
        match = _COVERS.match(line)
        if match is None:
            raise reader.fail(
                node,
                "after a heading, each line must be 'covers: <a ## heading of leaflet.md>'; put the points in a '-' list",
                reader.line(node) + number,
            )
        headings.append(" ".join(match.group(1).split()))
    return tuple(headings)


def _raw_lines(node: SyntaxTreeNode) -> list[str]:
    return [line.strip() for line in node.children[0].content.split("\n")]


def _points(node: SyntaxTreeNode, reader: BodyReader) -> tuple[EasyReadPoint, ...]:
    return tuple(_point(item, reader) for item in node.children)


def _point(item: SyntaxTreeNode, reader: BodyReader) -> EasyReadPoint:
    if len(item.children) != 1 or item.children[0].type != "paragraph":
        raise reader.fail(item, "an easy-read point is one line of words (one idea), with no list or block inside it")
    inline = item.children[0].children[0]
    picture: Image | None = None
    children = list(inline.children)
    if children and children[0].type == "image":
        picture = reader.image(children[0], reader.line(item))
        inline.children = children[1:]
    if any(child.type == "image" for child in inline.children):
        raise reader.fail(item, "a point's picture must come first: '- ![alt](file) The words.'")
    inlines = reader.inlines(inline)
    if not inlines:
        raise reader.fail(item, "this point has no words; write the point after the '-'")
    return EasyReadPoint(inlines, picture, reader.line(item))
