"""The content model as JSON: the view every renderer gets, for debugging and fixtures."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from leaflet.core.model import Leaflet


def to_json(leaflet: Leaflet) -> dict[str, Any]:
    """``leaflet`` as plain JSON data; paths relative to the leaflet's folder."""
    return _convert(leaflet, leaflet.folder.resolve())


def _convert(value: Any, folder: Path) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"type": type(value).__name__}
        for field in dataclasses.fields(value):
            if not field.compare and field.name != "line":
                continue  # where the files lie on this machine: not part of the content
            data[field.name] = _convert(getattr(value, field.name), folder)
        return data
    if isinstance(value, tuple | list):
        return [_convert(item, folder) for item in value]
    if isinstance(value, Path):
        return (
            value.relative_to(folder).as_posix()
            if value.is_absolute() and value.is_relative_to(folder)
            else value.as_posix()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):  # a picture: its size and fingerprint, not its bytes
        return f"{len(value)} bytes, sha256 {hashlib.sha256(value).hexdigest()[:16]}"
    return value
