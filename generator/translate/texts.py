"""One translated text as a translator writes it, and the fingerprint that ties it to its source.

A translated field is a mapping::

    summary:
      text: La traducción.
      source: "1a2b3c4d"    # the fingerprint of the English it translates
      todo: true            # optional: not translated yet (a skeleton holds the English)

The fingerprint is the first eight hexadecimal digits of the SHA-256 of the source text with
its runs of whitespace made single spaces, so re-wrapping a paragraph does not make its
translations stale, while any change of wording does.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

from generator.errors import Location, Problems
from generator.load.nodes import Mapping, Node, Scalar, kind_name

FINGERPRINT_LENGTH = 8
_FINGERPRINT_RE = re.compile(rf"[0-9a-f]{{{FINGERPRINT_LENGTH}}}")
KEYS = ("text", "source", "todo")


def fingerprint(text: str) -> str:
    """The fingerprint of a source text, as a translation records it."""
    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def one_line(text: str) -> str:
    return " ".join(text.split())


class State(StrEnum):
    COMPLETE = "complete"
    STALE = "stale"
    MISSING = "missing"


@dataclass(frozen=True)
class Written:
    """What a translator wrote for one field."""

    text: str | None
    """The translation, or None where there is none to use."""
    text_node: Scalar | None
    source: str | None
    source_loc: Location
    todo: bool


def _fingerprint_of(node: Node) -> str | None:
    """The fingerprint as written, also when YAML read its digits as a number."""
    if not isinstance(node, Scalar) or isinstance(node.value, bool):
        return None
    if isinstance(node.value, str):
        return node.value.strip().lower()
    if isinstance(node.value, int) and node.value >= 0:
        # Eight digits unquoted are a number to YAML: a decimal one keeps all eight, and one
        # with a leading 0 (and no 8 or 9) is read as octal.
        decimal = str(node.value)
        if len(decimal) == FINGERPRINT_LENGTH:
            return decimal
        return format(node.value, "o").zfill(FINGERPRINT_LENGTH)
    return None


def read_written(
    node: Node, path: str, want: str, problems: Problems, body: bool = False
) -> Written | None:
    """One translated field's mapping; None (with the problem recorded) when it is malformed.

    ``want`` is the source's fingerprint, named in messages so that a fix can be copied. A
    page's body is the Markdown after the front matter, so its mapping holds no ``text``."""
    example = f'source: "{want}"' if body else f'text: ... and source: "{want}"'
    if not isinstance(node, Mapping):
        problems.error(
            "translation-form",
            node.loc,
            f"expected a mapping holding {example} (the fingerprint of the text it translates), "
            f"found {kind_name(node)}",
            path,
        )
        return None
    ok = True
    allowed = KEYS[1:] if body else KEYS
    for entry in node.entries:
        if entry.key not in allowed:
            where = "the page's text follows the front matter; " if entry.key == "text" else ""
            problems.error(
                "unknown-key",
                entry.key_loc,
                f"unknown field '{entry.key}': {where}a translated field holds "
                f"{', '.join(allowed)}",
                path,
            )
            ok = False
    text: str | None = None
    text_node = node.get("text")
    if not body:
        if (
            not isinstance(text_node, Scalar)
            or not isinstance(text_node.value, str)
            or not text_node.value.strip()
        ):
            found = "nothing" if text_node is None else kind_name(text_node)
            problems.error(
                "translation-form",
                (text_node or node).loc,
                f"text: must hold the translation, found {found}",
                path,
            )
            ok = False
        else:
            text = text_node.value.strip()
    source_node = node.get("source")
    source = None if source_node is None else _fingerprint_of(source_node)
    if source is None or not _FINGERPRINT_RE.fullmatch(source):
        problems.error(
            "translation-form",
            (source_node or node).loc,
            f"source: must be the fingerprint of the text it translates, {FINGERPRINT_LENGTH} "
            f'hexadecimal digits; the text\'s now is "{want}"',
            path,
        )
        ok = False
    todo_node = node.get("todo")
    todo = False
    if todo_node is not None:
        if not isinstance(todo_node, Scalar) or not isinstance(todo_node.value, bool):
            problems.error("translation-form", todo_node.loc, "todo: must be true or false", path)
            ok = False
        else:
            todo = todo_node.value
    if not ok:
        return None
    source_loc = source_node.loc if source_node is not None else node.loc
    return Written(
        text, text_node if isinstance(text_node, Scalar) else None, source, source_loc, todo
    )
