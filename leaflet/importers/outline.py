"""The title and the heading levels: a document's outline made the source format's.

The title is the document's Title paragraph, else its title property (or,
for a web page, its one top heading); the heading that repeats it is not
kept twice. The other headings keep their order and are made ``##``,
``###`` and ``####`` by rank, so a document whose sections are Heading 1,
or a page whose sections are h2, both come out right.
"""

from __future__ import annotations

from leaflet.importers.draft import Draft, Heading, Loss


def settle(draft: Draft, prefer_heading: bool) -> None:
    """Find the title, drop its heading, and rank the other headings 2 to 4."""
    headings = [b for b in draft.blocks if isinstance(b, Heading) and b.text.strip()]
    styled = next((h for h in headings if h.title_style), None)
    tops = [h for h in headings if h.level == min((x.level for x in headings), default=1) and not h.title_style]
    title: str | None = None
    if styled is not None:
        title, where = styled.text, "the document's Title paragraph"
    elif prefer_heading and len(tops) == 1 and tops[0].level == 1:
        title, where = tops[0].text, "the page's top heading"
    elif "title" in draft.properties:
        title, where = draft.properties["title"], draft.sources["title"]
    elif len(tops) == 1 and tops[0].level == 1:
        title, where = tops[0].text, "the document's only top-level heading"
    if title:
        draft.properties["title"] = " ".join(title.split())
        draft.sources["title"] = where
    keep = []
    dropped_title = False
    for block in draft.blocks:
        if isinstance(block, Heading):
            same = title is not None and " ".join(block.text.split()).casefold() == " ".join(title.split()).casefold()
            if block.title_style or not block.text.strip():
                continue
            if same and block.level == 1 and not dropped_title:
                dropped_title = True
                continue
        keep.append(block)
    draft.blocks = keep
    levels = sorted({b.level for b in keep if isinstance(b, Heading)})
    for block in keep:
        if isinstance(block, Heading):
            rank = levels.index(block.level) + 2
            if rank > 4:
                draft.losses.append(
                    Loss(
                        f"a heading at level {block.level} is kept at the source format's deepest, ####",
                        None,
                        block.text,
                    )
                )
            block.level = min(rank, 4)
