"""Problems found in content, reported as ``FILE:LINE:COL: severity[code]: MESSAGE``.

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
        return f"{self.location}: {self.severity.value}[{self.code}]: {where}{self.message}"

    def __str__(self) -> str:
        return self.format()


STRICT_CODES = False
"""When true (the test suite sets it), a code missing from ``generator.codes`` or used with the
other severity is a programming error; for users an unlisted code is still printed."""


def _checked(code: str, severity: Severity) -> str:
    if STRICT_CODES:
        from generator.codes import CODES

        known = CODES.get(code)
        if known is None or known.severity != severity.value:
            raise AssertionError(f"problem code {code!r} is not listed as a {severity} in codes.py")
    return code


@dataclass
class Problems:
    """An ordered collection of problems that stages append to."""

    items: list[Problem] = field(default_factory=list)
    ignored: frozenset[str] = frozenset()
    """Warning codes the site turned off (``ignore_warnings:``): dropped as they are found."""
    dropped: int = 0

    def ignore(self, codes: frozenset[str]) -> None:
        self.ignored = codes
        kept = [p for p in self.items if not self._dropped(p)]
        self.dropped += len(self.items) - len(kept)
        self.items = kept

    def _dropped(self, problem: Problem) -> bool:
        return problem.severity is Severity.WARNING and problem.code in self.ignored

    def error(self, code: str, location: Location, message: str, path: str = "") -> None:
        self.items.append(Problem(_checked(code, Severity.ERROR), location, message, path))

    def warning(self, code: str, location: Location, message: str, path: str = "") -> None:
        checked = _checked(code, Severity.WARNING)
        if checked in self.ignored:
            self.dropped += 1
            return
        self.items.append(Problem(checked, location, message, path, Severity.WARNING))

    def extend(self, other: Problems | list[Problem]) -> None:
        found = other.items if isinstance(other, Problems) else other
        kept = [p for p in found if not self._dropped(p)]
        self.dropped += len(found) - len(kept)
        self.items.extend(kept)

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
