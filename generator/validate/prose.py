"""Checks on prose fields: citations and link targets, located inside the text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.citations import Citation, find_citations
from generator.errors import Location, Problems
from generator.load.nodes import Scalar

# Markdown inline links and images: [text](target "title"), and autolinks <scheme:...>.
_LINK_RE = re.compile(
    r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"
)
_SAFE_SCHEMES = ("https:", "http:", "mailto:", "tel:")
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Found:
    citation: Citation
    location: Location


Locator = Callable[[int], Location]


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


def check_prose(text: str, path: str, locate: Locator, problems: Problems) -> list[Found]:
    """Record malformed citations and unsafe links; return the well-formed citations."""
    found: list[Found] = []
    for match in find_citations(text):
        if match.citation is not None:
            found.append(Found(match.citation, locate(match.start)))
        elif match.error is not None:
            problems.error("bad-citation", locate(match.start), str(match.error), path)
    for link in _LINK_RE.finditer(text):
        target = (link.group(1) if link.group(1) is not None else link.group(2) or "").strip()
        # Browsers decode entities and drop tabs and newlines in URLs: 'jav&#x61;script:' runs.
        target = re.sub(r"[\x00-\x20]", "", html.unescape(target))
        scheme = _SCHEME_RE.match(target)
        if scheme and not target.lower().startswith(_SAFE_SCHEMES):
            problems.error(
                "unsafe-link",
                locate(link.start()),
                f"link to '{scheme.group(1)}:' is not allowed; use https://, mailto: or tel:",
                path,
            )
    return found
