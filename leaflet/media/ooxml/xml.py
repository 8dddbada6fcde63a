"""Tiny helpers for writing WordprocessingML elements python-docx has no API for."""

from __future__ import annotations

from collections.abc import Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def el(tag: str, *children: BaseOxmlElement, **attributes: str | int) -> BaseOxmlElement:
    """``<w:tag w:name="value">children</w:tag>``; attribute names are given without their ``w:`` prefix."""
    element: BaseOxmlElement = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}") if ":" not in name else qn(name), str(value))
    for child in children:
        element.append(child)
    return element


def text(words: str, *, preserve: bool = True) -> BaseOxmlElement:
    """A ``w:t`` holding ``words``; ``preserve`` keeps leading and trailing spaces."""
    element = el("w:t")
    element.text = words
    if preserve:
        element.set(XML_SPACE, "preserve")
    return element


def replace_child(parent: BaseOxmlElement, child: BaseOxmlElement, before: tuple[str, ...] = ()) -> None:
    """Put ``child`` in ``parent`` in place of any element of the same tag, ahead of the first of ``before``.

    WordprocessingML requires its children in schema order; ``before`` names the tags that must follow.
    """
    for old in parent.findall(child.tag):
        parent.remove(old)
    for tag in before:
        following = parent.find(qn(tag))
        if following is not None:
            following.addprevious(child)
            return
    parent.append(child)


def insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, order: Iterable[str]) -> None:
    """Add ``child`` (replacing one of its tag) where ``order``, the schema's sequence of tags, puts it.

    Tags not named in ``order`` are taken to come after every named one.
    """
    tags = [qn(tag) for tag in order]
    position = tags.index(child.tag)
    for old in parent.findall(child.tag):
        parent.remove(old)
    for existing in parent:
        if existing.tag not in tags or tags.index(existing.tag) > position:
            existing.addprevious(child)
            return
    parent.append(child)


def sort_children(parent: BaseOxmlElement, order: Iterable[str]) -> None:
    """Sort ``parent``'s children into schema ``order`` (``w:`` tags), keeping the last of each tag."""
    children = {child.tag: child for child in parent}
    for child in list(parent):
        parent.remove(child)
    for tag in order:
        if qn(tag) in children:
            parent.append(children[qn(tag)])


def twips(points: float) -> int:
    """Points in twentieths of a point, WordprocessingML's measure for spacing and indents."""
    return round(points * 20)


def half_points(points: float) -> int:
    """Points in half-points, WordprocessingML's measure for font sizes."""
    return round(points * 2)
