"""The pages' colours, made from the print colour schemes so the pages honour the patient's choice.

Each scheme gives the page's text, background and link colours; buttons and the header use
the link colour as their background with the page's background as text (the header too, on a
light background; on a dark one the header stays dark, as the patient chose). Errors get a red
that keeps 4.5:1 on that background. Swatches and print-size samples for the request form
are here too, so the stylesheet needs no inline styles (the pages' security policy forbids them).
"""

from __future__ import annotations

import functools

from leaflet.media.colours import SCHEMES, relative_luminance
from leaflet.options import SIZE

ERROR_ON_LIGHT = "B0120A"
ERROR_ON_DARK = "FF9C9C"


def is_dark(background: str) -> bool:
    return relative_luminance(background) < 0.2


def error_colour(background: str) -> str:
    return ERROR_ON_DARK if is_dark(background) else ERROR_ON_LIGHT


@functools.cache
def scheme_css() -> str:
    lines = ["/* made from leaflet.media.colours.SCHEMES by leaflet.service.styles */"]
    for name, scheme in SCHEMES.items():
        dark = is_dark(scheme.background)
        header = (scheme.background, scheme.text) if dark else (scheme.link, scheme.background)
        lines.append(
            f".scheme-{name} {{ --text: #{scheme.text}; --background: #{scheme.background}; "
            f"--link: #{scheme.link}; --accent: #{scheme.link}; --on-accent: #{scheme.background}; "
            f"--header: #{header[0]}; --on-header: #{header[1]}; "
            f"--error: #{error_colour(scheme.background)}; color-scheme: {'dark' if dark else 'light'}; }}"
        )
        lines.append(
            f".swatch-{name} {{ color: #{scheme.text}; background-color: #{scheme.background}; "
            f"border: 2px solid #{scheme.text}; }}"
        )
    for size in (choice.value for choice in SIZE.offers()):
        lines.append(f".sample-size-{size} {{ font-size: {size}pt; }}")
    return "\n".join(lines) + "\n"
