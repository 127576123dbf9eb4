"""Kinds of field values: each converts a located node, with located problems, and describes
itself as JSON Schema for editors."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.addresses import WEB_ADDRESS_PATTERN, web_address_problem
from generator.errors import Location, Problems
from generator.load.nodes import Node, Scalar, Sequence, kind_name
from generator.urls import SLUG_PATTERN

if TYPE_CHECKING:
    from generator.model import Source

# An id names a file and an address, so it has the shape of every such name.
ID_PATTERN = SLUG_PATTERN

INVALID: Any = object()
"""Returned by a converter when the value was wrong; the problem is already recorded."""


@dataclass
class Context:
    """What converters share while reading one file."""

    problems: Problems
    locs: dict[str, Location] = field(default_factory=dict)
    texts: list[tuple[str, Scalar]] = field(default_factory=list)
    """Every prose field read, with its node, for later checks (citations, links)."""
    file: str = ""
    """The file's name as problems print it; objects read from it keep it as their source."""

    def error(self, code: str, node_loc: Location, path: str, message: str) -> None:
        self.problems.error(code, node_loc, message, path)

    def source(self) -> Source:
        from generator.model import Source

        # The same dict: locations recorded after an object is made still reach it.
        return Source(self.file, self.locs)


def did_you_mean(word: str, choices: AbcMapping[str, Any] | list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class FieldType:
    """A kind of value: converts a node and describes itself as JSON Schema."""

    label = "a value"
    translatable = False
    """Whether text of this kind is written for readers, and so has a form in each language."""

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def non_empty(self, node: Node, path: str, ctx: Context) -> Any:
        """The text of a scalar, stripped, or INVALID (recorded) when it is not text or empty."""
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            return self.wrong_type(node, path, ctx)
        value = node.value.strip()
        if not value:
            ctx.error("empty", node.loc, path, "must not be empty")
            return INVALID
        return value

    def wrong_type(self, node: Node, path: str, ctx: Context) -> Any:
        found = kind_name(node)
        if isinstance(node, Scalar) and isinstance(node.value, bool) and self.label != "true/false":
            # YAML reads yes, no, on, off, true and false as true/false, not as words.
            found += '; to mean the word, put it in quotes, for example "yes"'
        ctx.error("wrong-type", node.loc, path, f"expected {self.label}, found {found}")
        return INVALID


class Str(FieldType):
    """A short single-line text such as a title."""

    label = "text"

    def __init__(
        self,
        pattern: str | None = None,
        hint: str = "",
        max_length: int = 200,
    ) -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.hint = hint
        self.max_length = max_length

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self.non_empty(node, path, ctx)
        if value is INVALID:
            return INVALID
        if "\n" in value:
            ctx.error("multi-line", node.loc, path, "must be a single line")
            return INVALID
        if len(value) > self.max_length:
            ctx.error(
                "too-long", node.loc, path, f"is {len(value)} characters; at most {self.max_length}"
            )
            return INVALID
        if self.pattern and not self.pattern.match(value):
            ctx.error("bad-format", node.loc, path, f"'{value}' is not valid: {self.hint}")
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.pattern:
            out["pattern"] = self.pattern.pattern
        return out


class Line(Str):
    """One line of text for readers (a title, a heading): translated with the prose."""

    translatable = True

    def __init__(self, max_length: int = 200) -> None:
        super().__init__(max_length=max_length)


class Text(FieldType):
    """Reader-facing prose in Markdown; citations in it become links.

    Kept as one type so that a later per-language mapping ({en: ..., es: ...}) is a change here
    and not in every model class.
    """

    label = "text"
    translatable = True

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self.non_empty(node, path, ctx)
        if value is not INVALID and isinstance(node, Scalar):
            ctx.texts.append((path, node))
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "description": "Markdown text"}


class Note(Text):
    """Markdown for editors only, never published: checked like prose, not translated."""

    translatable = False


class Id(Str):
    """An identifier: lower-case words joined by hyphens."""

    label = "an id"

    def __init__(self) -> None:
        super().__init__(ID_PATTERN, "use lower-case letters, digits and single hyphens", 80)


class Ref(Id):
    """The id of another piece of content; existence is checked once everything is read."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target


class Int(FieldType):
    label = "a whole number"

    def __init__(self, minimum: int = 0, maximum: int = 1_000_000) -> None:
        self.minimum, self.maximum = minimum, maximum

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if (
            not isinstance(node, Scalar)
            or isinstance(node.value, bool)
            or not isinstance(node.value, int)
        ):
            return self.wrong_type(node, path, ctx)
        if not self.minimum <= node.value <= self.maximum:
            ctx.error(
                "out-of-range", node.loc, path, f"must be from {self.minimum} to {self.maximum}"
            )
            return INVALID
        return node.value

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Date(FieldType):
    label = "a date (YYYY-MM-DD)"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if isinstance(node, Scalar) and type(node.value) is dt.date:
            return node.value
        if isinstance(node, Scalar) and isinstance(node.value, str):
            try:
                return dt.date.fromisoformat(node.value.strip())
            except ValueError:
                pass
        return self.wrong_type(node, path, ctx)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


class Bool(FieldType):
    label = "true/false"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        return self.wrong_type(node, path, ctx)

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(FieldType):
    def __init__(self, *values: str) -> None:
        self.values = values
        self.label = "one of " + ", ".join(f"'{v}'" for v in values)

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            return self.wrong_type(node, path, ctx)
        if node.value not in self.values:
            ctx.error(
                "bad-choice",
                node.loc,
                path,
                f"'{node.value}' is not {self.label}{did_you_mean(node.value, self.values)}",
            )
            return INVALID
        return node.value

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


class Custom(FieldType):
    """A text value checked by a function that returns a parsed value or raises ValueError."""

    def __init__(
        self, label: str, parse: Callable[[str], Any], code: str, description: str
    ) -> None:
        self.label, self.parse, self.code, self.description = label, parse, code, description

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            return self.wrong_type(node, path, ctx)
        try:
            return self.parse(node.value)
        except ValueError as exc:
            ctx.error(self.code, node.loc, path, str(exc))
            return INVALID

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "description": self.description}


class WebAddress(Str):
    """An absolute http(s) address, with nothing in it that would need escaping in a page."""

    label = "an http(s) address"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = super().convert(node, path, ctx)
        if value is INVALID:
            return INVALID
        problem = web_address_problem(value)
        if problem:
            ctx.error("bad-url", node.loc, path, problem)
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "pattern": WEB_ADDRESS_PATTERN}


class ListOf(FieldType):
    def __init__(self, item: FieldType, min_items: int = 0, unique: bool = True) -> None:
        self.item, self.min_items, self.unique = item, min_items, unique
        self.label = f"a list of {item.label}"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, Sequence):
            return self.wrong_type(node, path, ctx)
        if len(node.items) < self.min_items:
            ctx.error("too-few", node.loc, path, f"needs at least {self.min_items} item(s)")
        out: list[Any] = []
        seen: dict[str, int] = {}
        ok = True
        for i, child in enumerate(node.items):
            item_path = f"{path}[{i}]"
            ctx.locs[item_path] = child.loc
            value = self.item.convert(child, item_path, ctx)
            if value is INVALID:
                ok = False
                continue
            key = repr(value)
            if self.unique and key in seen:
                ctx.error("duplicate-item", child.loc, item_path, f"repeats item {seen[key]}")
                continue
            seen[key] = i
            out.append(value)
        return tuple(out) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out
