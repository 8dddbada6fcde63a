"""What ``leaflet pictures`` shows: each easy-read point, the picture it has and why, for a team to review.

``report(leaflet)``           one entry a point: its line, words, picture, alt text, why
``contact_sheet(leaflet)``    the same as a contact sheet (one HTML page, pictures inside)
``find_names(word)``          the symbols whose names have that word, to write 'picture: NAME'

Pure functions of the model: the command (in ``leaflet.cli``) reads the leaflet.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterator

from leaflet.core.model import EasyReadPoint, Leaflet
from leaflet.core.text import plain


def find_names(word: str) -> list[str]:
    """The symbols with ``word`` in their names, best first (as 'picture:' takes them)."""
    from leaflet.media.symbols.catalogue import catalogue
    from leaflet.media.symbols.choose import key
    from leaflet.media.symbols.curated import ALT

    symbols = catalogue().symbols
    wanted = key(word)
    health = {key(name) for name in ALT}
    found = [name for name in symbols if wanted in name]
    found.sort(key=lambda name: (name != wanted, f" {wanted} " not in f" {name} ", name not in health, len(name), name))
    return [symbols[name].name for name in found[:40]]


def why(point: EasyReadPoint) -> str:
    """Why the point has the picture it has (or none)."""
    picture = point.picture
    if picture is None:
        return "the author wrote 'picture: none'" if not point.wants_picture else "NO PICTURE: no symbol fits its words"
    if picture.matched:
        return "chosen for the words: " + ", ".join(f"'{word}'" for word in picture.matched)
    return "the author's own picture" if picture.credit is None else "the author named it"


def report(leaflet: Leaflet) -> Iterator[str]:
    """The review: a summary line, then each section's points."""
    easy = leaflet.easy_read
    if easy is None:
        yield f"{leaflet.meta.id} has no easy-read.md: no pictures to show"
        return
    points = [point for section in easy.sections for point in section.points]
    chosen = sum(1 for p in points if p.picture and p.picture.matched)
    author = sum(1 for p in points if p.picture and not p.picture.matched)
    none = sum(1 for p in points if p.picture is None and not p.wants_picture)
    missing = sum(1 for p in points if p.picture is None and p.wants_picture)
    yield (
        f"{leaflet.meta.id}: {len(points)} points; {chosen + author} with a picture "
        f"({chosen} chosen, {author} the author's), {none} with none by the author's choice, {missing} with none fitting"
    )
    name = easy.path.name
    for section in easy.sections:
        yield ""
        yield f"## {section.heading}"
        for point in section.points:
            picture = point.picture
            shown = f'{picture.name}  "{picture.alt}"' if picture else "(no picture)"
            yield f"{name}:{point.line}: {plain(point.inlines)}"
            yield f"    picture: {shown}  <- {why(point)}"


def contact_sheet(leaflet: Leaflet) -> str:
    """One HTML page: every point beside its picture, with the picture's name, alt text and why."""
    title = f"Pictures for the easy read of {leaflet.meta.title}"
    rows = []
    easy = leaflet.easy_read
    for section in easy.sections if easy else ():
        rows.append(f'<tr><th colspan="3" scope="colgroup"><h2>{html.escape(section.heading)}</h2></th></tr>')
        for point in section.points:
            picture = point.picture
            image = (
                f'<img src="data:{picture.kind};base64,{base64.b64encode(picture.data).decode()}" '
                f'alt="{html.escape(picture.alt)}" width="96" height="96">'
                if picture
                else ""
            )
            about = f"{html.escape(picture.name)}<br>alt: {html.escape(picture.alt)}<br>" if picture else ""
            rows.append(
                f"<tr><td>{image}</td><td>{html.escape(plain(point.inlines))}<br><small>line {point.line}</small></td>"
                f"<td>{about}{html.escape(why(point))}</td></tr>"
            )
    return (
        f'<!doctype html>\n<html lang="{html.escape(leaflet.meta.language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;font-size:18px}}"
        "td{vertical-align:middle;padding:6px;border-bottom:1px solid #999}th{text-align:left}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>\n<table><thead><tr><th>Picture</th><th>Point</th>"
        f"<th>Why</th></tr></thead><tbody>\n{chr(10).join(rows)}\n</tbody></table></body></html>\n"
    )
