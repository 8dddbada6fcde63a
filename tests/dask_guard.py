"""Loaded into each test's ``dask worker`` (``--preload``): a worker may not touch the client's folders.

Every file a worker opens, lists, makes, renames or removes under the folder
named by ``LEAFLET_WORKER_FORBIDDEN`` (the test's source and output folders)
is refused with PermissionError, so the job fails and the test sees it, and
is noted in ``LEAFLET_WORKER_LOG`` in case the failure was swallowed.
"""

from __future__ import annotations

import os
import sys
from typing import Any

FORBIDDEN = os.environ.get("LEAFLET_WORKER_FORBIDDEN", "")
LOG = os.environ.get("LEAFLET_WORKER_LOG", "")
EVENTS = {"open", "os.listdir", "os.scandir", "os.mkdir", "os.rename", "os.remove", "os.rmdir", "shutil.copyfile"}


def _guard(event: str, args: tuple[Any, ...]) -> None:
    if event not in EVENTS or not FORBIDDEN or not args:
        return
    path = args[0]
    if isinstance(path, str | bytes | os.PathLike) and os.path.abspath(os.fsdecode(path)).startswith(FORBIDDEN):
        if LOG:
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(f"{event} {os.fsdecode(path)}\n")
        raise PermissionError(f"a Dask worker tried {event} on {os.fsdecode(path)}")


sys.addaudithook(_guard)
