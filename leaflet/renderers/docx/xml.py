"""Tiny helpers for writing WordprocessingML elements python-docx has no API for."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


def el(tag: str, *children: BaseOxmlElement, **attributes: str | int) -> BaseOxmlElement:
    """``<w:tag w:name="value">children</w:tag>``; attribute names are given without their prefix."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}") if ":" not in name else qn(name), str(value))
    for child in children:
        element.append(child)
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


def twips(points: float) -> int:
    """Points in twentieths of a point, WordprocessingML's measure for spacing and indents."""
    return round(points * 20)


def half_points(points: float) -> int:
    """Points in half-points, WordprocessingML's measure for font sizes."""
    return round(points * 2)
