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

from leaflet.media.colours import DEFAULT_SCHEME, LOOKS, SCHEMES, Scheme, card
from leaflet.media.xhtml.fonts import FAMILY

BROWSER_POINTS = 12  # a browser's default text is 16 px, which is 12 points
DARK_SCHEME = "white-on-black"
ACTIVE_CLASS = "-epub-media-overlay-active"
HIGHLIGHT = Scheme("highlight", text="000000", background="FFFF00", link="1A3D8F")
STACK_WIDTHS = tuple(range(10, 32, 2))  # a table's least width side by side, in rem: the classes stack-10...
STACK_ALWAYS = "stack-always"  # a table too wide for the page's column even then

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
th, td, caption { overflow-wrap: break-word; }  /* a word breaks only when wider than the screen */
.cell-label { display: none; }
%(tables)sfigure { margin-left: 0; margin-right: 0; }
.callout { border: min(0.2rem, 1vw) solid currentColor; padding: 0.75rem min(1rem, 3vw) 0.25rem; margin: 1.5rem 0; }
.callout-label { margin-bottom: 0.5rem; font-weight: bold; }
%(cards)sli > p { margin: 0.5rem 0 0; }
img { max-width: 100%%; height: auto; }
"""

_PAGE = """
header, nav, main, footer { max-width: 30rem; margin-left: auto; margin-right: auto; }
.skip-link { position: absolute; left: 1rem; right: 1rem; top: -100rem; padding: 0.5rem 1rem; z-index: 1; }
.skip-link:focus { top: 1rem; }
header { padding-top: 1rem; }
header p { margin: 0 0 0.25rem; }
header .logo { display: block; margin: 0 0 0.5rem auto; background-color: #FFFFFF; padding: 0.25rem; max-width: min(12rem, 60%); max-height: 6rem; width: auto; height: auto; }
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
%(cards)s}
"""

_PADDING = "min(1rem, 3vw)"  # a callout's side padding, which its label's band reaches across


def _card_looks() -> str:
    """Each kind's border (pattern, weight, a heavier left bar) and its label's band: the same in every
    scheme, so no kind rests on colour alone."""
    rules = []
    for kind, look in LOOKS.items():
        width = f"min({look.weight:g}rem, {look.weight * 5:g}vw)"
        rule = f".callout-{kind} {{ border-style: {look.pattern}; border-width: {width};"
        if look.bar:
            rule += f" border-left-width: min({look.bar:g}rem, {look.bar * 5:g}vw);"
        rules.append(rule + " }")
        if look.band:
            rules.append(
                f".callout-{kind} > .callout-label {{ margin: -0.75rem calc(-1 * {_PADDING}) 0.75rem; "
                f"padding: 0.5rem {_PADDING}; }}"
            )
    return "\n".join(rules) + "\n"


def _card_colours(scheme: Scheme, *, own_background: bool = False) -> str:
    """Each kind's colours in ``scheme``: its edge, its fill and words, its label's band.

    ``own_background``: every card sets its background too (a talking book's reading system chooses the page
    colour, so a card keeps its words readable by carrying both).
    """
    rules = []
    for kind in LOOKS:
        colours = card(kind, scheme)
        fill = colours.fill or (scheme.background if own_background else None)
        background = f" background-color: #{fill};" if fill else ""
        text_colour = f" color: #{colours.text};" if fill else ""
        rules.append(f"  .callout-{kind} {{ border-color: #{colours.edge};{background}{text_colour} }}")
        if colours.band:
            rules.append(
                f"  .callout-{kind} > .callout-label {{ background-color: #{colours.band}; color: #{colours.label_text}; }}"
            )
            rules.append(
                f"  .callout-{kind} > .callout-label a, .callout-{kind} > .callout-label a:visited "
                f"{{ color: #{colours.label_text}; }}"
            )
        if fill:
            rules.append(f"  .callout-{kind} a, .callout-{kind} a:visited {{ color: #{colours.link}; }}")
    return "\n".join(rules) + "\n"


def _stacking(size: float) -> str:
    """Where each table reflows into stacked rows: below the width its longest words need side by side.

    A table's class ``stack-N`` (see ``markup.table_class``) says it needs N rem (of the page's root size) to
    show every word of every column whole; a media query's em is the reader's default size, and the page's
    rem is ``size / BROWSER_POINTS`` of it. Stacked, each row is a bordered block and each cell a line,
    labelled with its column's header (hidden from screen readers, which know a cell's header).
    """
    stacked = (
        "  table.%(name)s, table.%(name)s tbody, table.%(name)s tr, table.%(name)s td, table.%(name)s caption "
        "{ display: block; width: auto; }\n"
        "  table.%(name)s thead { position: absolute; width: 0.0625rem; height: 0.0625rem; overflow: hidden; "
        "clip-path: inset(50%%); white-space: nowrap; }\n"
        "  table.%(name)s tr { border: 0.1rem solid currentColor; margin-bottom: 0.75rem; padding: 0.25rem 0; }\n"
        "  table.%(name)s td { border: none; padding: 0.25rem 0.5rem; }\n"
        "  table.%(name)s .cell-label { display: inline; font-weight: bold; }\n"
    )
    rules = ["@media all {\n" + stacked % {"name": STACK_ALWAYS} + "}\n"]
    for need in STACK_WIDTHS:
        limit = (need + 2) * size / BROWSER_POINTS  # the body's side padding too
        rules.append(f"@media (max-width: {limit:.2f}em) {{\n" + stacked % {"name": f"stack-{need}"} + "}\n")
    return "".join(rules)


def page_css(size: int, colours: str | None) -> str:
    """The web page's style sheet: body text at ``size`` points, in ``colours`` (None: follow the reader)."""
    root = f"{size / BROWSER_POINTS * 100:g}%"
    css = _TYPE % {"root": root, "family": FAMILY, "cards": _card_looks(), "tables": _stacking(size)} + _PAGE
    if colours is None:
        css += _scheme(SCHEMES[DEFAULT_SCHEME], "@media all")
        css += _scheme(SCHEMES[DARK_SCHEME], "@media (prefers-color-scheme: dark)")
        return css
    return css + _scheme(SCHEMES[colours], "@media all")


def book_css() -> str:
    """The talking book's style sheet: the type rules at the reading system's own size and colours."""
    css = _TYPE % {"root": "100%", "family": FAMILY, "cards": _card_looks(), "tables": _stacking(BROWSER_POINTS)}
    css += "body > * { max-width: 34em; }\n"  # about 65 characters a line, where the reading system allows
    css += ".logo { display: block; margin: 0 0 0.5em auto; max-width: 60%; max-height: 6em; }\n"
    css += "@media all {\n" + _card_colours(SCHEMES[DEFAULT_SCHEME], own_background=True) + "}\n"
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
    return _SCHEME % {
        "selector": selector,
        "text": scheme.text,
        "background": scheme.background,
        "link": scheme.link,
        "cards": _card_colours(scheme),
    }
