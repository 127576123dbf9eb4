"""Hand-written Markdown pages with an optional YAML front matter block.

The front matter is the text between a first line ``---`` and the next ``---`` (or ``...``)
line. It is parsed with the same rules as content YAML files, and every location in it is the
real line of the Markdown file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Location, Problems, relative_name
from generator.load.nodes import Mapping
from generator.load.yaml_loader import decode_content, parse_yaml_text, read_content_file

# The line breaks PyYAML counts, so body_line agrees with the front matter's locations.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OPEN = "---"
_CLOSE = ("---", "...")


@dataclass(frozen=True, slots=True)
class MarkdownPage:
    """A page's fields (None without front matter), its body and the body's first line."""

    meta: Mapping | None
    body: str
    body_line: int


def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end of content, start of the next line) for each line of ``text``."""
    start = 0
    for match in _BREAK.finditer(text):
        yield start, match.start(), match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text), len(text)


def _front_matter(
    text: str, body: str, body_line: int, name: str, problems: Problems
) -> MarkdownPage | None:
    parsed = parse_yaml_text(text, name, problems)
    if parsed.empty:
        return MarkdownPage(Mapping(Location(name, 2, 1), ()), body, body_line)
    if parsed.node is None:
        return None
    if not isinstance(parsed.node, Mapping):
        problems.error(
            "front-matter-not-mapping", parsed.node.loc, "front matter must be a mapping of fields"
        )
        return None
    return MarkdownPage(parsed.node, body, body_line)


def parse_markdown_text(text: str, name: str, problems: Problems) -> MarkdownPage | None:
    """Split decoded text into front matter and body; None when the front matter is unusable."""
    lines = _lines(text)
    first = next(lines, None)
    if first is None or text[first[0] : first[1]].rstrip(" \t") != _OPEN:
        return MarkdownPage(None, text, 1)
    for number, (start, end, after) in enumerate(lines, start=2):
        if text[start:end].rstrip(" \t") in _CLOSE:
            # The YAML text keeps the opening '---' so its line numbers are the file's.
            return _front_matter(text[:start], text[after:], number + 1, name, problems)
    problems.error(
        "front-matter-unterminated",
        Location(name, 1, 1),
        "front matter starts with '---' on line 1 but has no closing '---' line",
    )
    return None


def load_markdown_bytes(data: bytes, name: str, problems: Problems) -> MarkdownPage | None:
    """Like ``parse_markdown_text`` for raw file content; ``name`` is shown in messages."""
    text = decode_content(data, name, problems)
    return None if text is None else parse_markdown_text(text, name, problems)


def load_markdown_file(path: Path, root: Path, problems: Problems) -> MarkdownPage | None:
    """Load one Markdown page; messages name it relative to ``root``."""
    name = relative_name(path.as_posix(), root.as_posix())
    text = read_content_file(path, name, problems)
    return None if text is None else parse_markdown_text(text, name, problems)
