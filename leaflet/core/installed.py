"""Installed distributions' versions and requirements, read off their ``.dist-info`` folders.

``importlib.metadata`` parses every distribution's METADATA with the email
package: importing it and asking for some forty versions took about 35 ms
of every build's start (measured), before any leaflet was read. An
installer names each ``.dist-info`` folder ``{name}-{version}`` (the
packaging specification's "Recording installed projects"), so one listing
of each ``sys.path`` folder gives every version; the first folder on the
path wins, as it does for imports. A distribution installed some other
way (an ``.egg-info``) is asked of ``importlib.metadata``, as before.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

_SUFFIX = ".dist-info"
_SEPARATORS = re.compile(r"[-_.]+")
_REQUIREMENT = "Requires-Dist:"


def normalised(name: str) -> str:
    """A distribution's name as the specification compares them: 'Resvg-Py' and 'resvg_py' are one."""
    return _SEPARATORS.sub("_", name).lower()


@functools.cache
def _folders() -> dict[str, tuple[Path, str] | None]:
    """Every ``.dist-info`` folder on ``sys.path``: normalised name -> (folder, version), or None where one
    ``sys.path`` folder holds two for the name."""
    found: dict[str, tuple[Path, str] | None] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, or a folder that is not there
            continue
        here: dict[str, tuple[Path, str] | None] = {}
        for name in names:
            if name.endswith(_SUFFIX) and "-" in name:
                # a version never holds "-"; an old installer's name may ('foo-bar-1.0')
                distribution, _, version = name[: -len(_SUFFIX)].rpartition("-")
                key = normalised(distribution)
                # two folders for one name (an upgrade cut short): which is in force is importlib's to say
                here[key] = None if key in here else (Path(entry or ".") / name, version)
        for key, listed in here.items():
            found.setdefault(key, listed)
    return found


def version(name: str) -> str | None:
    """The installed version of distribution ``name``, or None when it is not installed. As the installer
    wrote it in the folder's name: normalised ('1.006' is '1.6'), the same on every machine."""
    listed = _folders().get(normalised(name))
    if listed is not None:
        return listed[1]
    from importlib import metadata  # not installed, installed another way, or listed twice

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def requires(name: str) -> list[str]:
    """The requirements distribution ``name`` declares (its ``Requires-Dist`` lines), or [] when not installed."""
    listed = _folders().get(normalised(name))
    if listed is not None:
        try:
            text = (listed[0] / "METADATA").read_text(encoding="utf-8")
        except OSError:
            return []
        header = text.split("\n\n", 1)[0]  # the body (the long description) may quote anything
        return [line[len(_REQUIREMENT) :].strip() for line in header.splitlines() if line.startswith(_REQUIREMENT)]
    from importlib import metadata

    try:
        return metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []
