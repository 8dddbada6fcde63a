"""``easy-read.md``: an optional ``# title``, then ``##`` headings, each followed by a ``-`` list of points.

Each list item is one easy-read point. The publisher picks a picture for it
from the open symbol set (``leaflet.media.symbols``); the author can decide instead,
on a last line of the point, indented under it::

    - Will I have to stay in hospital?
      picture: hospital
    - Ring the ward if you are worried.
      picture: ward-phone.png "A nurse answering the phone"
    - NICE is not in charge of what these groups tell you.
      picture: none

``picture: NAME`` names a symbol (its emoji name, as ``leaflet pictures``
prints it; an optional ``"alt text"`` replaces its own description);
``picture: FILE.png "what it shows"`` is a PNG or JPEG of the author's in the
leaflet's folder, used as it is (alt text required); ``picture: none`` means
the point needs no picture. A point may also start with ``![alt](file)``, the
Markdown way to give a file of one's own.

A picture the publisher chose is shown once a person has approved it:
``leaflet pictures ID --accept`` records the approval in
``easy-read-approved.yaml`` beside this file (``reader.approvals``), keyed by
the point's words; until then it is ``warning[picture-unreviewed]``.

A heading may be followed by ``covers:`` lines, one for each section of the
full leaflet that the easy-read section tells (``covers: Is this procedure
right for me?``), so the checks can prove that no section was left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from leaflet.core.diagnostics import Diagnostic, SourceError
from leaflet.core.model import APPROVED_NAME, EasyRead, EasyReadPoint, EasyReadSection, Picture
from leaflet.reader.approvals import read_approvals
from leaflet.reader.markdown import BodyReader, parse_body
from leaflet.reader.pictureline import PICTURE_HELP, PICTURE_LINE, PictureLine, own_picture, parse_picture_line
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
    return EasyRead(_with_pictures(sections, reader), path, title)


def _with_pictures(sections: list[EasyReadSection], reader: BodyReader) -> tuple[EasyReadSection, ...]:
    """Each point's picture: the author's, a person's approval (``easy-read-approved.yaml``), or the chooser's,
    with a warning for each point a person must still look at."""
    from leaflet.media.symbols import decide, warnings  # the symbol set only when there is an easy read

    approved = read_approvals(reader.path.parent / APPROVED_NAME)
    decisions = decide(sections, approved)
    reader.warnings.extend(Diagnostic(reader.path, line, code, message) for line, code, message in warnings(decisions))
    return tuple(
        EasyReadSection(section.heading, tuple(d.point for d in decided), section.line, section.covers)
        for section, decided in zip(sections, decisions, strict=True)
    )


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
    choice = _picture_line(inline, reader)
    picture: Picture | None = None
    children = list(inline.children)
    if children and children[0].type == "image":
        image = reader.image(children[0], reader.line(item))
        picture = own_picture(image.path, image.alt, reader.path, reader.line(item), reader.folder)
        inline.children = children[1:]
    if any(child.type == "image" for child in inline.children):
        raise reader.fail(item, "a point's picture must come first: '- ![alt](file) The words.'")
    inlines = reader.inlines(inline)
    if not inlines:
        raise reader.fail(item, "this point has no words; write the point after the '-'")
    if choice is not None and picture is not None:
        raise reader.fail(item, "this point has two pictures: keep either '![alt](file)' or the 'picture:' line")
    if choice is not None:
        picture = choice.picture
    return EasyReadPoint(inlines, picture, reader.line(item), choice is None or choice.picture is not None)


def _picture_line(inline: SyntaxTreeNode, reader: BodyReader) -> PictureLine | None:
    """The author's ``picture:`` line at the end of a point, taken out of its words (None if there is none)."""
    lines = inline.content.split("\n")
    first = reader.line(inline)
    for number, text in enumerate(lines[1:-1], start=1):
        if PICTURE_LINE.match(text.strip()):
            raise SourceError(
                reader.path, first + number, f"the 'picture:' line must be the point's last line; {PICTURE_HELP}"
            )
    if len(lines) < 2 or not PICTURE_LINE.match(lines[-1].strip()):
        return None
    line = first + len(lines) - 1
    breaks = [i for i, child in enumerate(inline.children) if child.type == "softbreak"]
    inline.children = inline.children[: breaks[-1]]
    return parse_picture_line(lines[-1].strip(), reader.path, line, reader.folder)
