"""YAML front matter: split it from the body, check every key, keep its line.

PyYAML's safe loader composes the front matter into nodes (never arbitrary
objects), and the nodes' marks give each key's line for messages. Values are
read from the scalars as written, so ``title: No`` stays the word "No".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from leaflet.core.diagnostics import SourceError
from leaflet.core.model import Definition, Pronunciation

KEYS = (
    "title",
    "publisher",
    "published",
    "updated",
    "review",
    "reference",
    "department",
    "easy-read",
    "logo",
    "certified-by",
    "language",
    "isbn",
    "url",
    "glossary",
    "say",
)
_DELIMITER = re.compile(r"^---\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_EXAMPLE = "---\ntitle: ...\npublisher: ...\npublished: 2026-03-25\n---"


@dataclass(frozen=True, slots=True)
class Logo:
    """The ``logo:`` mapping as written: the picture's file, its alt text, and the line of each."""

    file: str
    alt: str
    line: int


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front matter's values, checked, with the line of each key."""

    values: dict[str, str]
    lines: dict[str, int]
    glossary: tuple[Definition, ...]
    say: tuple[Pronunciation, ...]
    body: str
    body_offset: int  # lines before the Markdown body starts
    logo: Logo | None = None

    def date(self, key: str, path: Path) -> date | None:
        """The value of ``key`` as a date, or None when it is absent."""
        raw = self.values.get(key)
        if raw is None:
            return None
        line = self.lines[key]
        if not _DATE.match(raw):
            raise SourceError(
                path, line, f"{key}: {raw!r} is not a date in YYYY-MM-DD form; write it like {key}: 2026-03-25"
            )
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise SourceError(
                path, line, f"{key}: {raw} is not a real day; write a date that exists, like {key}: 2026-03-25"
            ) from None


def split(text: str, path: Path) -> tuple[str, str, int]:
    """Return (front matter, body, lines before the body)."""
    lines = text.split("\n")
    if not _DELIMITER.match(lines[0]):
        raise SourceError(path, 1, f"the file has no front matter; start it with:\n{_EXAMPLE}")
    for index in range(1, len(lines)):
        if _DELIMITER.match(lines[index]):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 1
    raise SourceError(path, 1, "the front matter that starts here is never closed; add a line '---' after its last key")


def parse(text: str, path: Path) -> FrontMatter:
    """Check the front matter of ``text`` and return it with the Markdown body's offset."""
    raw, body, offset = split(text, path)
    root = _compose(raw, path)
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    glossary: tuple[Definition, ...] = ()
    say: tuple[Pronunciation, ...] = ()
    logo: Logo | None = None
    for key_node, value_node in root.value if root is not None else ():
        key = _key(key_node, path, lines)
        lines[key] = _line(key_node)
        if key == "glossary":
            glossary = tuple(Definition(t, e, n) for t, e, n in _string_map(key, value_node, path))
        elif key == "say":
            say = _pronunciations(value_node, path)
        elif key == "logo":
            logo = _logo(value_node, path, lines[key])
        else:
            values[key] = _scalar(key, value_node, path)
    front = FrontMatter(values, lines, glossary, say, body, offset, logo)
    _check_values(front, path)
    return front


# libyaml's loader when PyYAML was built with it (the wheels are): the same nodes and marks, five times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(raw: str, path: Path) -> yaml.MappingNode | None:
    try:
        root = yaml.compose(raw, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark  # where the broken construct began, if it says
        line = mark.line + 2 if mark is not None else 2
        problem = error.problem or error.context or "it cannot be read"
        raise SourceError(
            path,
            line,
            f"the front matter is not valid YAML: {problem}; write one 'key: value' per line and put quotes around values that contain ':' or '#'",
        ) from None
    except yaml.YAMLError as error:
        raise SourceError(
            path, 2, f"the front matter is not valid YAML ({error}); write one 'key: value' per line"
        ) from None
    if root is None:
        return None
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(path, _line(root), "the front matter must be 'key: value' lines, like 'title: ...'")
    return root


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 2  # the front matter starts on the file's line 2


def _key(node: yaml.Node, path: Path, seen: dict[str, int]) -> str:
    key = node.value if isinstance(node, yaml.ScalarNode) else None
    if key not in KEYS:
        close = difflib.get_close_matches(str(key), KEYS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use only: {', '.join(KEYS)}"
        raise SourceError(path, _line(node), f"unknown front matter key {key!r}; {hint}")
    if key in seen:
        raise SourceError(path, _line(node), f"'{key}' is given twice (first on line {seen[key]}); keep one")
    return str(key)


def _scalar(key: str, node: yaml.Node, path: Path) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null" or not node.value.strip():
        raise SourceError(path, _line(node), f"'{key}' must be a single value on its line, like '{key}: ...'")
    return " ".join(node.value.split())


def _string_map(key: str, node: yaml.Node, path: Path) -> list[tuple[str, str, int]]:
    what = "a hard word and its plain explanation" if key == "glossary" else "a word and how to say it"
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(
            path,
            _line(node),
            f"'{key}' must be a mapping of strings, one '  word: ...' line each ({what}), indented under '{key}:'",
        )
    pairs: list[tuple[str, str, int]] = []
    for word_node, text_node in node.value:
        for part in (word_node, text_node):
            if not isinstance(part, yaml.ScalarNode) or not part.value.strip():
                raise SourceError(
                    path,
                    _line(part),
                    f"every entry of '{key}' must be a word and a string ({what}); write '  word: ...'",
                )
        pairs.append((word_node.value.strip(), " ".join(text_node.value.split()), _line(word_node)))
    return pairs


_LOGO_EXAMPLE = "logo:\n  file: logo.png\n  alt: Anytown Hospitals NHS Foundation Trust"


def _logo(node: yaml.Node, path: Path, line: int) -> Logo:
    """``logo:`` with ``file:`` (a PNG or SVG in the leaflet's folder) and ``alt:`` (the words that replace it)."""
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(
            path,
            line,
            f"'logo' needs the picture's file and its alt text, indented under it:\n{_LOGO_EXAMPLE}",
        )
    given: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in ("file", "alt"):
            raise SourceError(
                path, _line(key_node), f"'logo' takes only 'file' and 'alt', not {key!r}; write:\n{_LOGO_EXAMPLE}"
            )
        if not isinstance(value_node, yaml.ScalarNode) or not value_node.value.strip():
            raise SourceError(
                path, _line(value_node), f"the logo's '{key}' must be a single value, like:\n{_LOGO_EXAMPLE}"
            )
        given[str(key)] = " ".join(value_node.value.split())
    for missing in ("file", "alt"):
        if missing not in given:
            what = "its picture file" if missing == "file" else "its alt text (who the logo stands for, in words)"
            raise SourceError(path, line, f"the logo has no '{missing}': give {what}, like:\n{_LOGO_EXAMPLE}")
    return Logo(given["file"], given["alt"], line)


_ENGINE_KEYS = ("espeak", "neural")  # a `say:` entry's forms for each engine


def _pronunciations(node: yaml.Node, path: Path) -> tuple[Pronunciation, ...]:
    """``say:`` entries: ``word: how to say it`` (every engine), or ``word:`` with ``espeak: respelling`` and
    ``neural: real word or /IPA/`` under it (an engine left out says the word as written)."""
    if not isinstance(node, yaml.MappingNode):
        return tuple(Pronunciation(w, s, n) for w, s, n in _string_map("say", node, path))  # its error
    made = []
    for word_node, forms in node.value:
        if isinstance(forms, yaml.MappingNode) and isinstance(word_node, yaml.ScalarNode) and word_node.value.strip():
            word = word_node.value.strip()
            given = _engine_forms(forms, path)
            made.append(Pronunciation(word, given.get("espeak", word), _line(word_node), given.get("neural", word)))
        else:
            ((w, s, n),) = _string_map("say", yaml.MappingNode(node.tag, [(word_node, forms)]), path)
            made.append(Pronunciation(w, s, n))
    return tuple(made)


def _engine_forms(forms: yaml.MappingNode, path: Path) -> dict[str, str]:
    """An entry's forms for each engine, checked: 'espeak:' a respelling, 'neural:' a word or /IPA/."""
    given: dict[str, str] = {}
    for key, value in forms.value:
        if not isinstance(key, yaml.ScalarNode) or key.value not in _ENGINE_KEYS:
            raise SourceError(
                path,
                _line(key),
                "a `say:` entry's forms are 'espeak:' (a respelling for eSpeak NG) and 'neural:' (a real word, "
                f"or IPA between slashes, for the natural voice), not {getattr(key, 'value', '?')!r}",
            )
        if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
            raise SourceError(path, _line(value), f"'{key.value}:' must be a word or words on its line")
        given[key.value] = " ".join(value.value.split())
    if not given:
        raise SourceError(path, _line(forms), "write 'espeak: ...' or 'neural: ...' under the word")
    neural = given.get("neural", "")
    if neural.startswith("/") and (len(neural) < 3 or not neural.endswith("/")):
        raise SourceError(path, _line(forms), f"IPA goes between two slashes, like 'neural: /stˈɛnt/', not {neural!r}")
    return given


def _check_values(front: FrontMatter, path: Path) -> None:
    values, lines = front.values, front.lines
    for required in ("publisher", "published"):
        if required not in values:
            raise SourceError(
                path,
                1,
                f"the front matter has no '{required}'; add a line like {_EXAMPLE.splitlines()[2 if required == 'publisher' else 3]!r}",
            )
    front.date("published", path)
    front.date("updated", path)
    front.date("review", path)
    if "easy-read" in values:
        no_easy_read_reason(values["easy-read"], lines["easy-read"], path)
    if "isbn" in values:
        _check_isbn(values["isbn"], lines["isbn"], path)
    if "language" in values and not _LANGUAGE.match(values["language"]):
        raise SourceError(
            path,
            lines["language"],
            f"language: {values['language']!r} is not a language tag; write one like 'language: en-GB' or 'language: cy'",
        )
    if "url" in values and not values["url"].startswith(("https://", "http://")):
        raise SourceError(
            path,
            lines["url"],
            f"url: {values['url']!r} is not a web address; write the full address, starting https://",
        )


def no_easy_read_reason(value: str, line: int, path: Path) -> str:
    """The reason in ``easy-read: none - <why>`` (the only value the key takes)."""
    found = re.fullmatch(r"none\s*(?:[-:\u2013\u2014]|because)\s*(.+)", value, flags=re.IGNORECASE | re.DOTALL)
    if found is None or not found.group(1).strip():
        raise SourceError(
            path,
            line,
            f"easy-read: {value[:40]!r} is not understood; to say no easy read is planned, write why, like "
            "'easy-read: none - it is read with each patient by their nurse' (or delete the line and write easy-read.md)",
        )
    reason = found.group(1).strip()
    return reason if reason.endswith((".", "!", "?")) else reason + "."


def _check_isbn(value: str, line: int, path: Path) -> None:
    # only here: python-stdnum's import brings sockets and TLS (for its online checks) to every read
    from stdnum import isbn as stdnum_isbn
    from stdnum.exceptions import InvalidChecksum, ValidationError

    try:
        stdnum_isbn.validate(value)
    except InvalidChecksum:
        raise SourceError(
            path,
            line,
            f"isbn: {value} has a wrong check digit (the last digit); copy the ISBN again from the publisher's record",
        ) from None
    except ValidationError:
        raise SourceError(
            path, line, f"isbn: {value!r} is not an ISBN; write 13 digits with hyphens, like 'isbn: 978-1-4731-9396-3'"
        ) from None
