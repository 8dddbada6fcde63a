"""The large-print type rules as a style sheet, for a web page and for a talking book.

Sizes are in ``rem`` (and the root size in per cent of the reader's own
default), so a reader's browser settings and zoom still scale everything;
lines stop at about 65 characters; text is left aligned, never justified
or hyphenated; there are no italics (emphasis is bold); nothing has a fixed
height, so WCAG 1.4.12's text spacing never cuts words off; long addresses
break only where a word is wider than the screen (reflow at 400%).

The web page follows the reader's light or dark preference when no colour
scheme was asked for; a personal ``--colours`` variant keeps its scheme.
A talking book leaves colours and size to the reading system and defines
the class that marks the text being read aloud.
"""

from __future__ import annotations

from leaflet.core.model import HEAVY_CALLOUTS
from leaflet.media.colours import DEFAULT_SCHEME, SCHEMES, Scheme
from leaflet.media.xhtml.fonts import FAMILY

BROWSER_POINTS = 12  # a browser's default text is 16 px, which is 12 points
DARK_SCHEME = "white-on-black"
ACTIVE_CLASS = "-epub-media-overlay-active"
HIGHLIGHT = Scheme("highlight", text="000000", background="FFFF00", link="1A3D8F")

_TYPE = """
html { font-size: %(root)s; -webkit-text-size-adjust: 100%%; text-size-adjust: 100%%; }
body {
  font-family: "%(family)s", Verdana, Tahoma, "DejaVu Sans", Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; text-align: left; hyphens: none;
  overflow-wrap: anywhere; margin: 0; padding: 0 min(1rem, 5vw);
}
h1, h2, h3, h4, h5, h6 { font-weight: bold; line-height: 1.25; margin: 1.5em 0 0.5em; }
h1 { font-size: 1.75rem; margin-top: 0.5em; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.25rem; }
h4, h5, h6 { font-size: 1.125rem; }
p, ul, ol, dl, table, figure { margin: 0 0 1rem; }
ul { padding-left: min(1.5em, 10vw); }
ol { padding-left: min(2em, 14vw); }  /* giant print zoomed 4 times: three levels still leave room for words */
li { margin-bottom: 0.5rem; }
li > ul, li > ol { margin-top: 0.5rem; }
em, i, cite, dfn, var, address { font-style: normal; }
em, i, strong, b { font-weight: bold; }
dt { font-weight: bold; margin-top: 1rem; }
dd { margin: 0 0 0.5rem 1.5em; }
a { text-decoration: underline; }
a:focus-visible { outline: 0.2rem solid currentColor; outline-offset: 0.15rem; }
table { border-collapse: collapse; width: 100%%; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.5rem; }
th, td { border: 0.1rem solid currentColor; padding: 0.5rem; text-align: left; vertical-align: top; }
figure { margin-left: 0; margin-right: 0; }
.callout { border: min(0.2rem, 1vw) solid currentColor; padding: 0.75rem min(1rem, 3vw) 0.25rem; margin: 1.5rem 0; }
%(heavy)s { border-width: min(0.4rem, 2vw); }
.callout-label { margin-bottom: 0.5rem; }
li > p { margin: 0.5rem 0 0; }
img { max-width: 100%%; height: auto; }
"""

_PAGE = """
header, nav, main, footer { max-width: 30rem; margin-left: auto; margin-right: auto; }
.skip-link { position: absolute; left: 1rem; right: 1rem; top: -100rem; padding: 0.5rem 1rem; z-index: 1; }
.skip-link:focus { top: 1rem; }
header { padding-top: 1rem; }
header p { margin: 0 0 0.25rem; }
nav ol { padding-left: 1.5em; }
nav li { margin-bottom: 0.25rem; padding: 0.125rem 0; }
main:focus { outline: none; }
footer { margin-top: 2rem; padding: 0.5rem 0 2rem; border-top: 0.1rem solid currentColor; }
footer h2 { margin-top: 0.75em; }
"""

_SCHEME = """%(selector)s {
  body, .skip-link { color: #%(text)s; background-color: #%(background)s; }
  a, a:visited { color: #%(link)s; }
  .skip-link { border: 0.15rem solid #%(text)s; }
}
"""


_HEAVY = ", ".join(f".callout-{kind}" for kind in sorted(HEAVY_CALLOUTS))  # as print and Word draw them


def page_css(size: int, colours: str | None) -> str:
    """The web page's style sheet: body text at ``size`` points, in ``colours`` (None: follow the reader)."""
    root = f"{size / BROWSER_POINTS * 100:g}%"
    css = _TYPE % {"root": root, "family": FAMILY, "heavy": _HEAVY} + _PAGE
    if colours is None:
        css += _scheme(SCHEMES[DEFAULT_SCHEME], "@media all")
        css += _scheme(SCHEMES[DARK_SCHEME], "@media (prefers-color-scheme: dark)")
        return css
    return css + _scheme(SCHEMES[colours], "@media all")


def book_css() -> str:
    """The talking book's style sheet: the type rules at the reading system's own size and colours."""
    css = _TYPE % {"root": "100%", "family": FAMILY, "heavy": _HEAVY}
    css += "body > * { max-width: 34em; }\n"  # about 65 characters a line, where the reading system allows
    css += (
        f".{ACTIVE_CLASS} {{ color: #{HIGHLIGHT.text}; background-color: #{HIGHLIGHT.background}; }}\n"
        f".{ACTIVE_CLASS} a {{ color: #{HIGHLIGHT.link}; }}\n"
    )
    return css


def font_faces(sources: tuple[str, str]) -> str:
    """@font-face rules for the regular and bold typeface at ``sources`` (file names or data: URLs)."""
    regular, bold = sources
    return "".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: {weight}; '
        f'src: url("{source}") format("truetype"); }}\n'
        for weight, source in (("normal", regular), ("bold", bold))
    )


def _scheme(scheme: Scheme, selector: str) -> str:
    return _SCHEME % {"selector": selector, "text": scheme.text, "background": scheme.background, "link": scheme.link}
