"""Braille pages from braille text: lines, indents, headings, page numbers, BRF bytes.

Pure and table-free: it takes text already in braille ASCII (from liblouis)
and only decides where lines and pages break. The conventions:

- line 1 of every page holds the braille page number at the right margin,
  as UK braille puts it (the page information line), and nothing else;
- the main heading is centred with at least three blank cells either side;
- paragraphs begin in cell 3 and run over to cell 1; list items begin in
  cell 1 (deeper items two cells further in) and run over two cells in;
- a heading has a blank line before it and is never the last line of a page;
- lines break only between words. A single sign-group longer than a line
  (a long web address) is divided after a slash where it can be, with the
  line continuation indicator (dot 5) at the end of the divided line;
- CR LF ends each line and a form feed separates pages (BRF).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

CONTINUATION = '"'  # dot 5: the sign-group goes on at the start of the next line
CENTRE_MARGIN = 3  # blank cells each side of a centred heading
LINE_END = b"\r\n"
PAGE_BREAK = b"\f"


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of braille to set: where its lines begin, and how it sits among the others."""

    braille: str
    first: int = 0  # blank cells before the first line
    runover: int = 0  # blank cells before every later line
    centred: bool = False
    blank_before: bool = False
    heading: bool = False  # kept whole and with the line after it
    new_page: bool = False


def wrap(braille: str, width: int, first: int = 0, runover: int = 0) -> list[str]:
    """Lines of at most ``width`` cells, broken only between sign-groups."""
    lines: list[str] = []
    current = " " * first
    has_word = False
    for word in braille.split():
        room = width - len(current) - (1 if has_word else 0)
        if len(word) <= room:
            current += (" " if has_word else "") + word
            has_word = True
            continue
        if has_word:
            lines.append(current)
            current, has_word = " " * runover, False
        while len(current) + len(word) > width:
            head, word = _divide(word, width - len(current))
            lines.append(current + head + CONTINUATION)
            current = " " * runover
        current += word
        has_word = True
    if has_word or not lines:
        lines.append(current.rstrip())
    return lines


SLASH = "_/"  # the slash sign (dots 456, 34); "/" alone is the contraction "st" ("cy/oscopy": cystoscopy)
HYPHEN = "-"  # dots 36: a hyphen inside a sign-group (at its start it is the contraction "com")
AT = "`a"  # the at sign (dots 4, 1)


def _divide(word: str, room: int) -> tuple[str, str]:
    """Split an over-long sign-group (a web or email address) to leave room for the continuation indicator:
    after its last slash, hyphen, or before its at sign that fits, so no word of it is divided; only a part
    longer than a whole line is cut where it must be (never after an indicator or inside a sign)."""
    limit = room - len(CONTINUATION)
    if limit < 1:
        raise ValueError(f"a line of {room} cells cannot hold any of {word!r}")
    cuts = [at + len(SLASH) for at in _finds(word, SLASH)]
    cuts += [at + 1 for at in _finds(word, HYPHEN) if at > 0 and word[at - 1] not in "_,"]
    cuts += [at for at in _finds(word, AT) if at > 0]
    fitting = [cut for cut in cuts if 0 < cut <= limit]
    if fitting:
        cut = max(fitting)
    else:
        cut = limit
        while cut > 1 and word[cut - 1] in '#,^_.@;"`':  # never end on an indicator or the first cell of a sign
            cut -= 1
    return word[:cut], word[cut:]


def _finds(word: str, sign: str) -> list[int]:
    """Where ``sign`` starts in ``word``, each time."""
    found, at = [], word.find(sign)
    while at >= 0:
        found.append(at)
        at = word.find(sign, at + 1)
    return found


def centre(braille: str, cells: int) -> list[str]:
    """Centred lines, each with at least CENTRE_MARGIN blank cells either side (where the line allows)."""
    margin = CENTRE_MARGIN if cells >= 4 * CENTRE_MARGIN + 8 else 0
    return [" " * ((cells - len(line)) // 2) + line for line in wrap(braille, cells - 2 * margin)]


def set_lines(piece: Piece, cells: int) -> list[str]:
    return centre(piece.braille, cells) if piece.centred else wrap(piece.braille, cells, piece.first, piece.runover)


def paginate(pieces: Iterable[Piece], cells: int, lines: int) -> list[list[str]]:
    """The text lines of each page (line 1, the page number line, not included)."""
    room = lines - 1
    if room < 2:
        raise ValueError(f"a page of {lines} lines has no room for text under its page number")
    pages: list[list[str]] = [[]]
    for piece in pieces:
        page = pages[-1]
        if piece.new_page and page:
            pages.append(page := [])
        body = set_lines(piece, cells)
        blank = 1 if piece.blank_before and page else 0
        if piece.heading and len(page) + blank + len(body) + 1 > room and page:
            pages.append(page := [])
            blank = 0
        if blank:
            page.append("")
        for line in body:
            if len(page) >= room:
                pages.append(page := [])
            page.append(line)
    return [_trim(page) for page in pages if _trim(page)]


def _trim(page: list[str]) -> list[str]:
    start, end = 0, len(page)
    while start < end and not page[start]:
        start += 1
    while end > start and not page[end - 1]:
        end -= 1
    return page[start:end]


def brf(pages: Sequence[Sequence[str]], cells: int, number: Callable[[int], str]) -> bytes:
    """BRF bytes: upper-case braille ASCII, the page number at the right of line 1, CR LF, form feeds."""
    out: list[bytes] = []
    for index, page in enumerate(pages, start=1):
        label = number(index)
        head = " " * (cells - len(label)) + label
        out.append(LINE_END.join(ascii_braille(line).encode("ascii") for line in (head, *page)) + LINE_END)
    return PAGE_BREAK.join(out)


_FOLD = str.maketrans("`abcdefghijklmnopqrstuvwxyz{|}~", "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^")


def ascii_braille(text: str) -> str:
    """liblouis's lower-case braille ASCII in the usual BRF form (0x20 to 0x5F), trailing blanks dropped."""
    return text.translate(_FOLD).rstrip()


# Braille ASCII in cell order: the character for dots 0x00 to 0x3F of the Unicode braille block.
_CELL_ORDER = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="


def unicode_braille(line: str) -> str:
    """A line of braille ASCII as Unicode braille (U+2800 to U+283F), for showing on screen."""
    return "".join(chr(0x2800 + _CELL_ORDER.index(char)) for char in ascii_braille(line))
