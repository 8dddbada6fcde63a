"""Byte-identical .docx files: the same entries, in a fixed order, with fixed times.

python-docx stamps each zip entry with the time of writing; rewrite the
archive with the time Word itself uses for entries (1 January 1980), the
content-types part first (as the format expects) and the rest sorted.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST = ("[Content_Types].xml", "_rels/.rels")


def rewrite(archive: bytes, replace: Mapping[str, bytes] | None = None) -> bytes:
    """``archive`` with fixed entry times and order; entries named in ``replace`` get new contents."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    contents.update({name: data for name, data in (replace or {}).items() if name in contents})
    order = [name for name in FIRST if name in contents]
    order += sorted(name for name in contents if name not in FIRST)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same on every platform
            info.external_attr = 0
            target.writestr(info, contents[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()
