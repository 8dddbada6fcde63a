"""Markdown the model cannot carry: each construct, and what to write instead.

The parser is set up to recognise these (footnotes, strikethrough, sub- and
superscript, definition lists, task lists...) so that they are refused with
their line rather than printed as literal characters.
"""

from __future__ import annotations

_HTML = "raw HTML is not allowed (print and audio cannot show it); write the words in plain Markdown"
_CODE = "a code block is not allowed in a leaflet; write it as an ordinary paragraph"

REFUSED = {
    "html_block": _HTML,
    "html_inline": _HTML,
    "code_block": f"{_CODE} (an indented line makes a code block: remove the indent)",
    "fence": _CODE,
    "code_inline": "code (`...`) is not allowed in a leaflet; write the words without backticks",
    "hr": "a horizontal rule (---, ***) is not supported; start a new section with '## Heading' instead",
    "footnote_ref": "a footnote ([^1]) cannot be followed in print or audio; write the note's words in the sentence, "
    "or in brackets after it",
    "footnote_block": "a footnote ([^1]: ...) cannot be followed in print or audio; write the note's words where "
    "they are needed",
    "footnote": "a footnote ([^1]: ...) cannot be followed in print or audio; write the note's words where they are "
    "needed",
    "s": "crossed-out text (~~...~~) cannot be seen in large print or heard in audio; delete the words, or write "
    "what changed in words",
    "sub": "subscript (~...~) is not supported; write the words in full, e.g. 'H2O' as 'water'",
    "sup": "superscript (^...^) is not supported; write it in words or with a symbol, e.g. 'metres squared' or 'm²'",
    "dl": "a definition list (a line starting ': ') is not supported; put hard words in the front matter's "
    "'glossary:', or write '**Word**: what it means' as a paragraph",
    "task": "a task-list box (- [ ] or - [x]) cannot be ticked on paper or heard in audio; write an ordinary "
    "'-' list, e.g. '- Bring your medicines'",
}


def refusal(node_type: str) -> str | None:
    """What to say about a node of ``node_type`` the model cannot carry, or None if it can."""
    return REFUSED.get(node_type)
