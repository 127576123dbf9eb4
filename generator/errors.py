"""Problems found in content, reported as ``FILE:LINE:COL: severity: MESSAGE``.

Every stage collects problems instead of stopping at the first one, so an editor sees
everything that is wrong in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; ``line`` and ``col`` count from 1."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One finding: a stable code, where it is, the path inside the document, and a message."""

    code: str
    location: Location
    message: str
    path: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.location}: {self.severity.value}: {where}{self.message}"

    def __str__(self) -> str:
        return self.format()


@dataclass
class Problems:
    """An ordered collection of problems that stages append to."""

    items: list[Problem] = field(default_factory=list)

    def error(self, code: str, location: Location, message: str, path: str = "") -> None:
        self.items.append(Problem(code, location, message, path, Severity.ERROR))

    def warning(self, code: str, location: Location, message: str, path: str = "") -> None:
        self.items.append(Problem(code, location, message, path, Severity.WARNING))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.location, p.severity.value, p.message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class PathwaysError(Exception):
    """Base class for errors the command line reports as a message and exit status 1."""


class ContentError(PathwaysError):
    """The content has errors; ``problems`` holds every one of them."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__(f"{len(problems.errors)} error(s) in the content")

    def __reduce__(self) -> tuple[type[ContentError], tuple[Problems]]:
        # Raised in a forked build process, it is sent back to the parent by pickling.
        return (ContentError, (self.problems,))


class BuildError(PathwaysError):
    """The engine, the handbook or the output step failed."""


class UsageError(PathwaysError):
    """A value given on the command line is wrong; the command line reports it with exit 2."""


def relative_name(path: PurePosixPath | str, root: PurePosixPath | str) -> str:
    """``path`` relative to ``root`` with forward slashes, or as given when outside it."""
    p, r = PurePosixPath(str(path)), PurePosixPath(str(root))
    try:
        return str(p.relative_to(r))
    except ValueError:
        return str(p)
