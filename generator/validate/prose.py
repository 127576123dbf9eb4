"""Checks on prose fields: citations and link targets, located inside the text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.addresses import SAFE_SCHEMES, link_scheme
from generator.citations import Citation, find_citations
from generator.errors import Location, Problems
from generator.load.nodes import Scalar

# Every place Markdown reads a link target, whatever the link's text holds (nested brackets,
# line breaks): after '](' for inline links and images; in a reference definition, whose target
# may be on the next line, inside a list or a quote; and in an autolink.
_INLINE_TARGET_RE = re.compile(r"\]\(([^)\"'>]{0,2000})")
_REFERENCE_RE = re.compile(
    r"^[ \t>*+\-0-9.:]*(\[)[^\[\]]{0,1000}\]:[ \t]*\n?[ \t>]*<?([^\s>]+)>?[ \t]*(?=\n|$|[\"'(])",
    re.MULTILINE,
)
_AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{0,31}:[^>\s]{0,300})>")
# Markdown takes a backslash before these as an escape, in link targets too.
_ESCAPED_RE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
_BRACKET_RE = re.compile(r"[\[\]]")


@dataclass(frozen=True)
class Found:
    citation: Citation
    location: Location


Locator = Callable[[int], Location]


def file_lines(path: Path) -> Callable[[], list[str]]:
    """The lines of ``path``, read the first time a problem needs its text (most files have
    none), and empty when it cannot be read: the location then comes from the node alone."""

    @cache
    def lines() -> list[str]:
        try:
            return path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    return lines


def scalar_locator(node: Scalar, lines: Callable[[], list[str]]) -> Locator:
    """Map an offset in a scalar's value to a file location.

    Block scalars (``|``, ``>``) start on the line after their indicator, indented; plain and
    quoted ones start at the node. Folding in plain multi-line scalars makes columns there
    approximate, but the line of the first character is right.
    """
    value = node.value if isinstance(node.value, str) else ""

    def locate(offset: int) -> Location:
        before = value[:offset]
        line_no = before.count("\n")
        col_in_line = offset - (before.rfind("\n") + 1)
        if node.style in ("|", ">"):
            first = node.loc.line + 1 + line_no
            text = lines()
            indent = 0
            if 0 < first <= len(text):
                raw = text[first - 1]
                indent = len(raw) - len(raw.lstrip(" "))
            return Location(node.loc.file, first, indent + col_in_line + 1)
        quote = 1 if node.style in ("'", '"') else 0
        if line_no == 0:
            return Location(node.loc.file, node.loc.line, node.loc.col + quote + col_in_line)
        return Location(node.loc.file, node.loc.line + line_no, col_in_line + 1)

    return locate


def body_locator(file: str, first_line: int, text: str) -> Locator:
    def locate(offset: int) -> Location:
        before = text[:offset]
        return Location(
            file, first_line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1
        )

    return locate


def _openings(text: str) -> dict[int, int]:
    """The '[' (or '![') that opens the link text each ']' closes, in one pass over the text."""
    opened: list[int] = []
    pairs: dict[int, int] = {}
    for m in _BRACKET_RE.finditer(text):
        if m.group() == "[":
            opened.append(m.start())
        elif opened:
            start = opened.pop()
            pairs[m.start()] = start - 1 if start and text[start - 1] == "!" else start
    return pairs


def link_targets(text: str) -> list[tuple[int, str]]:
    """(offset of the link, its target as written) for every link Markdown would make."""
    # Keyed by where the target starts, so that '](<scheme:...>)' is not also an autolink.
    found: dict[int, tuple[int, str]] = {}
    openings = _openings(text) if "](" in text else {}
    for m in _INLINE_TARGET_RE.finditer(text):
        target = m.group(1).lstrip()
        target = target[1:] if target.startswith("<") else target
        found[m.end(1) - len(target)] = (openings.get(m.start(), m.start()), target)
    for m in _REFERENCE_RE.finditer(text):
        found.setdefault(m.start(2), (m.start(1), m.group(2)))
    for m in _AUTOLINK_RE.finditer(text):
        found.setdefault(m.start(1), (m.start(), m.group(1)))
    return sorted(found.values())


def check_prose(text: str, path: str, locate: Locator, problems: Problems) -> list[Found]:
    """Record malformed citations and unsafe links; return the well-formed citations."""
    found: list[Found] = []
    for match in find_citations(text):
        if match.citation is not None:
            found.append(Found(match.citation, locate(match.start)))
        elif match.error is not None:
            problems.error("bad-citation", locate(match.start), str(match.error), path)
    for offset, target in link_targets(text):
        scheme = link_scheme(_ESCAPED_RE.sub(r"\1", target))
        if scheme is not None and scheme not in SAFE_SCHEMES:
            problems.error(
                "unsafe-link",
                locate(offset),
                f"link to '{scheme}:' is not allowed; use https://, mailto: or tel:",
                path,
            )
    return found
