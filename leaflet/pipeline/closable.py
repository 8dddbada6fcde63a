"""An object that holds machines or processes until it is closed, as a context manager.

Apart from ``leaflet.pipeline.executors`` so that both executors (the local pool there, the Dask one in
``leaflet.pipeline.dask_executor``, which that module imports only when chosen) can share it without a circle.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self


class ClosedAfterUse:
    """An executor as a context manager: ``close()`` at the end of its ``with``."""

    def close(self) -> None:
        """Stop what it holds (nothing, by default)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
