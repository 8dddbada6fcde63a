"""Progress of a build: a bar on a terminal, one line per job in a log, or nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from leaflet.pipeline.build import JobResult


class Progress:
    """Shows jobs done, failed and left while a build runs."""

    def __init__(self, total: int, skipped: int, say: Callable[[str], None] | None) -> None:
        self.total, self.skipped, self.say = total, skipped, say
        self.done = self.failed = 0
        self.bar: Any = None
        if say is not None and sys.stderr.isatty():
            import tqdm as tqdm_module  # only a terminal needs the bar

            tqdm_module.tqdm.monitor_interval = 0  # no thread: workers are forked
            tqdm = tqdm_module.tqdm

            self.bar = tqdm(total=total, unit="job", desc="building", file=sys.stderr, dynamic_ncols=True)

    def __enter__(self) -> Progress:
        if self.say and self.skipped:
            self.say(f"{self.skipped} jobs up to date; {self.total} to build")
        return self

    def update(self, result: JobResult) -> None:
        self.done += 1
        self.failed += result.failure is not None
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed, left=self.total - self.done, refresh=False)
            self.bar.update(1)
        elif self.say:
            status = "failed" if result.failure else "done"
            self.say(f"[{self.done}/{self.total}] {status}: {result.target.folder.name} {result.target.key}")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.close()
