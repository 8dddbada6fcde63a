"""The publisher's logo: a picture that opens the document (before any words but its title) and names the
publisher in its alt text ('Anytown Hospitals NHS Foundation Trust') or says it is a logo.

It leaves the text and becomes the front matter's ``logo`` (every format puts it on the first page, as our
own large print and web page do); any other picture stays where it is.
"""

from __future__ import annotations

from leaflet.core.model import Image
from leaflet.core.text import words
from leaflet.importers.document import Document, Heading


def take_logo(document: Document) -> Image | None:
    """The logo that opens ``document.flow`` (taken out of it), or None."""
    first = next((i for i, piece in enumerate(document.flow) if not isinstance(piece, Heading)), None)
    picture = document.flow[first] if first is not None else None
    if first is None or not isinstance(picture, Image) or not _names_the_publisher(picture.alt, document):
        return None
    del document.flow[first]
    document.said.append(f"the picture before the text ('{picture.alt}') became the logo")
    return picture


def _names_the_publisher(alt: str, document: Document) -> bool:
    said = words(alt)
    publisher = words(document.properties.get("publisher", ""))
    return "logo" in said or (bool(publisher) and (said == publisher or said[: len(publisher)] == publisher))
