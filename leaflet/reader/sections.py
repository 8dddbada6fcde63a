"""Headings into sections: the title, the introduction, ``##``, ``###`` and ``####``."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import Block, Link, Section
from leaflet.core.text import plain
from leaflet.reader.markdown import BodyReader


@dataclass(frozen=True, slots=True)
class Body:
    """The body's ``#`` title (if any) and its sections."""

    title: str | None
    title_line: int
    sections: tuple[Section, ...]


@dataclass
class _Open:
    heading: str | None
    level: int
    line: int
    blocks: list[Block]


def read_sections(nodes: list[SyntaxTreeNode], reader: BodyReader) -> Body:
    """Group the body's blocks under their headings, checking the outline as we go."""
    title, title_line = None, 0
    if nodes and nodes[0].type == "heading" and nodes[0].tag == "h1":
        title, title_line = heading_text(nodes[0], reader), reader.line(nodes[0])
        nodes = nodes[1:]
    open_sections = [_Open(None, 1, reader.offset + 1, [])]
    for node in nodes:
        if node.type == "heading":
            open_sections.append(_start_section(node, reader, open_sections))
        else:
            open_sections[-1].blocks.append(reader.block(node))
    for index, section in enumerate(open_sections):
        _check_not_empty(section, open_sections[index + 1 :], reader)
    intro = open_sections[0]
    if intro.blocks:
        intro.line = intro.blocks[0].line
    sections = tuple(
        Section(s.heading, s.level, tuple(s.blocks), s.line) for s in open_sections if s.heading or s.blocks
    )
    if not sections:
        raise SourceError(
            reader.path, reader.offset + 1, "the leaflet has no text; write its paragraphs under the front matter"
        )
    return Body(title, title_line, sections)


def heading_text(node: SyntaxTreeNode, reader: BodyReader) -> str:
    """A heading's words; links and pictures cannot go in a heading."""
    inlines = reader.inlines(node.children[0])
    if any(isinstance(i, Link) for i in inlines):
        raise reader.fail(
            node,
            "a heading cannot hold a link (print and audio cannot follow it there); put the link in the paragraph under the heading",
        )
    text = " ".join(plain(inlines).split())
    if not text:
        raise reader.fail(node, "this heading has no words; write the heading after the #s")
    return text


def _start_section(node: SyntaxTreeNode, reader: BodyReader, so_far: list[_Open]) -> _Open:
    level = int(node.tag[1])
    if level == 1:
        raise reader.fail(
            node, "only the title may use '#', as the first line after the front matter; start a section with '## '"
        )
    if level > 4:
        raise reader.fail(
            node,
            f"'{'#' * level}' headings go too deep for a leaflet; use '## ' for a section, '### ' for a subsection or '#### ' below that",
        )
    if level == 3 and not any(s.level == 2 for s in so_far):
        raise reader.fail(
            node,
            "a '###' subsection comes before any '##' section (a heading level is skipped); make it '## ' or add a '## ' section above it",
        )
    above = next((s.level for s in reversed(so_far) if s.heading is not None), 1)
    if level == 4 and above < 3:
        raise reader.fail(
            node,
            "a '####' heading comes straight under a '##' section or none (a heading level is skipped); make it '### ' or add a '### ' subsection above it",
        )
    return _Open(heading_text(node, reader), level, reader.line(node), [])


def _check_not_empty(section: _Open, after: list[_Open], reader: BodyReader) -> None:
    if section.heading is None or section.blocks:
        return
    has_subsection = bool(after) and after[0].level > section.level
    if not has_subsection:
        raise SourceError(
            reader.path,
            section.line,
            f"the section '{section.heading}' has no content; write its text under the heading, or remove the heading",
        )
