"""What ``leaflet pictures`` shows a person who approves the pictures: each point, its picture, where it comes from, why.

``report(leaflet, approved)``        one entry a point: its line, words, picture, alt text, why and how sure
``review_sheet(leaflet, approved)``  the same as an HTML page, with each picture and the other candidates
``accepted(leaflet, approved)``      the approvals after a person accepts what the sheet shows
``find_names(word)``                 the symbols whose names have that word, to write 'picture: NAME'

Pure functions of the model and the approvals (a point's words -> the approved
picture): the command (``leaflet.cli``) reads the leaflet and writes the files.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterator, Mapping

from leaflet.core.model import Leaflet, Picture
from leaflet.core.text import plain
from leaflet.media.symbols import NONE, Decision, decide, words_of
from leaflet.media.symbols.catalogue import catalogue, render
from leaflet.media.symbols.choose import Idea

_STATUS = {
    "author": "the author decided",
    "approved": "approved by a person",
    "chosen": "chosen by the publisher: NOT YET APPROVED",
}


def find_names(word: str) -> list[str]:
    """The symbols with ``word`` in their names, best first (as 'picture:' takes them)."""
    from leaflet.media.symbols.choose import key
    from leaflet.media.symbols.curated import ALT

    symbols = catalogue().symbols
    wanted = key(word)
    health = {key(name) for name in ALT}
    found = [name for name in symbols if wanted in name]
    found.sort(key=lambda name: (name != wanted, f" {wanted} " not in f" {name} ", name not in health, len(name), name))
    return [symbols[name].name for name in found[:40]]


def _sections(leaflet: Leaflet, approved: Mapping[str, str]) -> list[tuple[str, list[Decision]]]:
    easy = leaflet.easy_read
    if easy is None:
        return []
    return [(s.heading, d) for s, d in zip(easy.sections, decide(easy.sections, approved), strict=True)]


def why(decision: Decision) -> str:
    """Why the point has the picture it has (or none)."""
    point, choice = decision.point, decision.choice
    if decision.source == "approved":
        return "approved by a person" + ("" if point.picture else " with no picture")
    if choice is not None:
        sure = f" (confidence {choice.confidence:.2f})" if point.picture else ""
        return ("chosen: " if point.picture else "NO PICTURE: ") + choice.reason + sure
    picture = point.picture
    if picture is None:
        return "the author wrote 'picture: none'"
    return "the author's own picture" if picture.credit is None else "the author named it"


def report(leaflet: Leaflet, approved: Mapping[str, str]) -> Iterator[str]:
    """The review: a summary line, then each section's points."""
    easy = leaflet.easy_read
    if easy is None:
        yield f"{leaflet.meta.id} has no easy-read.md: no pictures to show"
        return
    sections = _sections(leaflet, approved)
    decisions = [d for _, section in sections for d in section]
    waiting = sum(1 for d in decisions if d.source == "chosen" and d.point.picture)
    yield (
        f"{leaflet.meta.id}: {len(decisions)} points; "
        f"{sum(1 for d in decisions if d.point.picture)} with a picture; "
        f"{sum(1 for d in decisions if d.source == 'author')} decided by the author, "
        f"{sum(1 for d in decisions if d.source == 'approved')} approved by a person, "
        f"{waiting} chosen and waiting for approval, "
        f"{sum(1 for d in decisions if d.source == 'chosen' and not d.point.picture)} with no picture that fits"
    )
    for heading, section in sections:
        yield ""
        yield f"## {heading}"
        for decision in section:
            picture = decision.point.picture
            shown = f'{picture.name}  "{picture.alt}"' if picture else "(no picture)"
            yield f"{easy.path.name}:{decision.point.line}: {words_of(decision.point)}"
            yield f"    picture: {shown}  <- {why(decision)}"


def accepted(leaflet: Leaflet, approved: Mapping[str, str]) -> dict[str, str]:
    """The approvals once a person accepts the sheet: every point the publisher decides, with what it shows now
    (entries for words no point has any more are left out)."""
    found: dict[str, str] = {}
    for _, section in _sections(leaflet, approved):
        for decision in section:
            if decision.source != "author":
                picture = decision.point.picture
                found[words_of(decision.point)] = picture.name if picture else NONE
    return found


def review_sheet(leaflet: Leaflet, approved: Mapping[str, str], command: str) -> str:
    """One HTML page: every point beside its picture, where the picture comes from, why, how sure, the others
    considered; ``command`` is the one that approves them."""
    easy_title = leaflet.easy_read.title if leaflet.easy_read and leaflet.easy_read.title else leaflet.meta.title
    title = f"Pictures to approve for the easy read: {easy_title}"
    sections = _sections(leaflet, approved)
    waiting = sum(1 for _, s in sections for d in s if d.source == "chosen")
    rows = []
    for heading, section in sections:
        rows.append(f'<tr><th colspan="3" scope="colgroup" class="section">{html.escape(heading)}</th></tr>')
        rows.extend(_row(decision) for decision in section)
    lead = (
        f"{waiting} points were decided by the publisher and need a person to look at them (marked "
        "<strong>not yet approved</strong>). For each, check that the picture shows what the words say; where "
        "it does not, write a <code>picture: ...</code> line under the point in <code>easy-read.md</code> (a "
        "symbol's name, your own file, or <code>none</code>) and make this sheet again. When every picture is "
        f"right, approve them all with <code>{html.escape(command)}</code>."
        if waiting
        else "Every picture has been decided by the author or approved by a person."
    )
    return (
        f'<!doctype html>\n<html lang="{html.escape(leaflet.meta.language)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
        f"<style>{_STYLE}</style></head>\n<body><main><h1>{html.escape(title)}</h1>\n<p>{lead}</p>\n"
        '<table><thead><tr><th scope="col">Picture</th><th scope="col">Point</th>'
        f'<th scope="col">Where it comes from, and why</th></tr></thead><tbody>\n{chr(10).join(rows)}\n'
        "</tbody></table></main></body></html>\n"
    )


_STYLE = (
    "body{font-family:sans-serif;font-size:18px;line-height:1.4;margin:1rem;color:#000;background:#fff}"
    "table{border-collapse:collapse;width:100%}td,th{vertical-align:top;padding:8px;border-bottom:1px solid #767676;"
    "text-align:left}th.section{font-size:1.2em;background:#eee}.waiting{border-left:8px solid #d5281b}"
    ".status{font-weight:bold}.others img{vertical-align:middle;margin-right:4px}.others li{margin:4px 0}"
    "code{font-size:0.95em}"
)


def _image(picture: Picture | None, size: int) -> str:
    if picture is None:
        return "<p>(no picture)</p>"
    data = base64.b64encode(picture.data).decode()
    return (
        f'<img src="data:{picture.kind};base64,{data}" alt="{html.escape(picture.alt)}" width="{size}" height="{size}">'
    )


def _row(decision: Decision) -> str:
    point, choice = decision.point, decision.choice
    waiting = decision.source == "chosen"
    status = _STATUS[decision.source] if point.picture or not waiting else "NO PICTURE: a person must decide"
    reason = why(decision).removeprefix("chosen: ").removeprefix("NO PICTURE: ")
    about = [f'<p class="status">{html.escape(status)}</p>', f"<p>Why: {html.escape(reason)}</p>"]
    if point.picture:
        about.append(
            f"<p>Shown as <strong>{html.escape(point.picture.name)}</strong>, alt text: "
            f"\u201c{html.escape(point.picture.alt)}\u201d</p>"
        )
    if choice is not None:
        about.append(_others(choice.considered, point.picture))
    cls = ' class="waiting"' if waiting else ""
    return (
        f"<tr{cls}><td>{_image(point.picture, 120)}</td>"
        f"<td>{html.escape(plain(point.inlines))}<br><small>easy-read.md line {point.line}</small></td>"
        f"<td>{''.join(about)}</td></tr>"
    )


def _others(considered: tuple[Idea, ...], shown: Picture | None) -> str:
    symbols = catalogue().symbols
    items = []
    seen = {shown.name} if shown else set()
    for idea in considered:
        symbol = symbols.get(idea.symbol or "")
        if symbol is None or symbol.name in seen:
            continue
        seen.add(symbol.name)
        data = base64.b64encode(render(symbol.code)).decode()
        items.append(
            f'<li><img src="data:image/png;base64,{data}" alt="" width="48" height="48">'
            f"<code>picture: {html.escape(symbol.name)}</code>: '{html.escape(idea.words)}' "
            f"({html.escape(idea.meaning)}), confidence {idea.confidence:.2f}</li>"
        )
        if len(items) == 3:
            break
    if not items:
        return ""
    return '<p>Other pictures considered:</p><ul class="others">' + "".join(items) + "</ul>"
