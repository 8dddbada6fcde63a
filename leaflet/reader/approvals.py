"""``easy-read-approved.yaml``: the pictures a person looked at and approved, keyed by each point's words.

``leaflet pictures ID --accept`` writes it beside ``easy-read.md``; a team
commits it with the easy read. Each entry holds a point's words exactly as
approved and the picture shown beside them (a symbol's name, or ``none``)::

    approved:
    - point: A nurse will tell you about the test.
      picture: health worker
    - point: We put a gel in to stop it hurting.
      picture: none

A point whose words change no longer matches its entry, so its picture needs
approving again. Every mistake is a ``SourceError`` at its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from leaflet.core.diagnostics import SourceError

HEADER = (
    "# Pictures a person has looked at and approved for easy-read.md, written by 'leaflet pictures <id> --accept'.\n"
    "# Each entry: a point's words as approved, and the picture shown beside them ('none': no picture).\n"
    "# When a point's words change, its entry no longer matches and its picture needs approving again.\n"
)
_SHAPE = "each entry is '- point: <the point's words>' with 'picture: <symbol name or none>' under it"


def read_approvals(path: Path) -> dict[str, str]:
    """A point's words -> the approved picture's name (or 'none'); empty when there is no such file."""
    if not path.is_file():
        return {}
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SourceError(
            path, 1, "this file is not UTF-8 text; let 'leaflet pictures <id> --accept' write it again"
        ) from None
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 1  # type: ignore[attr-defined]
        raise SourceError(path, line, f"this is not YAML ({getattr(error, 'problem', error)}); {_SHAPE}") from None
    entries = _entries(root, path)
    approved: dict[str, str] = {}
    for entry in entries:
        fields = _fields(entry, path)
        approved[" ".join(fields["point"].split())] = fields["picture"].strip()
    return approved


def _entries(root: yaml.Node | None, path: Path) -> list[yaml.Node]:
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode) or [k.value for k, _ in root.value] != ["approved"]:
        raise SourceError(path, _line(root), f"the file must hold one list, 'approved:'; {_SHAPE}")
    entries = root.value[0][1]
    if isinstance(entries, yaml.ScalarNode) and entries.value in ("", "null", "~"):
        return []
    if not isinstance(entries, yaml.SequenceNode):
        raise SourceError(path, _line(entries), f"'approved:' must be a list; {_SHAPE}")
    return list(entries.value)


def _fields(entry: yaml.Node, path: Path) -> dict[str, str]:
    if not isinstance(entry, yaml.MappingNode):
        raise SourceError(path, _line(entry), f"this entry is not a point and its picture; {_SHAPE}")
    fields = {key.value: value for key, value in entry.value}
    if sorted(fields) != ["picture", "point"] or not all(
        isinstance(value, yaml.ScalarNode) and str(value.value).strip() for value in fields.values()
    ):
        raise SourceError(
            path, _line(entry), f"this entry must have a 'point' and a 'picture', and nothing else; {_SHAPE}"
        )
    return {name: str(value.value) for name, value in fields.items()}


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def approvals_text(approved: Mapping[str, str]) -> str:
    """The file for ``approved`` (words -> picture), in the easy read's order as given: the same bytes each time."""
    entries = [{"point": words, "picture": picture} for words, picture in approved.items()]
    body = yaml.safe_dump({"approved": entries}, sort_keys=False, allow_unicode=True, width=1000)
    return HEADER + body
