"""One error story: input mistakes raise ``SourceError``; warnings are values.

Both carry the file and line they are about, and print the way compilers do,
so editors and CI logs can jump straight to the mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "note"]


def _where(path: Path | str, line: int) -> str:
    return f"{path}:{line}" if line > 0 else f"{path}"


class LeafletError(Exception):
    """Anything the user can fix; the CLI prints it without a traceback."""

    exit_status = 2


class SourceError(LeafletError):
    """A mistake in a leaflet's source: where it is, what is wrong, what to write."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(f"{_where(path, line)}: {message}")


class SourceErrors(SourceError):
    """Several mistakes found together in one source: it reads as the first; ``all`` holds every one."""

    def __init__(self, errors: Sequence[SourceError]) -> None:
        first = errors[0]
        more = f" ({len(errors) - 1} more error(s) after this one)" if len(errors) > 1 else ""
        super().__init__(first.path, first.line, first.message + more)
        self.all = tuple(errors)


def every_error(error: SourceError) -> tuple[SourceError, ...]:
    """Each mistake ``error`` stands for."""
    return error.all if isinstance(error, SourceErrors) else (error,)


class OptionError(LeafletError):
    """A command-line or personal option with a value that is not allowed.

    ``option`` names the personal option it is about (None: not one option) and ``allowed`` says what it
    takes, so a form or an API can show them beside the field without reading the message.
    """

    def __init__(self, message: str, option: str | None = None, allowed: str | None = None) -> None:
        super().__init__(message)
        self.option = option
        self.allowed = allowed


class BuildError(LeafletError):
    """A renderer or check that failed on a good source (exit status 1)."""

    exit_status = 1


class Unreachable(BuildError):
    """Something a job needs on the network (an online speech engine) cannot be reached now: try again later."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located finding: from reading a source (a warning) or from auditing a built file.

    ``error``: a rule is broken; ``warning``: it works, but a careful editor would fix
    it (``--strict`` makes it fatal); ``note``: a figure worth showing.
    """

    path: Path
    line: int
    code: str
    message: str
    severity: Severity = "warning"

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: {self.severity}[{self.code}]: {self.message}"

    def as_error(self) -> SourceError:
        """The same finding, made fatal (for ``--strict``)."""
        return SourceError(self.path, self.line, f"[{self.code}] {self.message}")


class JobsLost(Exception):
    """Raised by an executor's ``run`` after every other result was yielded: the jobs the machines lost, by index, and why."""

    def __init__(self, reasons: dict[int, str]) -> None:
        super().__init__(f"{len(reasons)} job(s) lost")
        self.reasons = reasons
