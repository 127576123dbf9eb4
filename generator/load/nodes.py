"""Located YAML values: every node knows the file, line and column it was written at."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from generator.errors import Location

ScalarValue = str | int | float | bool | None | datetime.date


@dataclass(frozen=True, slots=True)
class Scalar:
    """A single value; ``style`` is the YAML style: None (plain), ``|``, ``>``, ``'`` or ``"``."""

    loc: Location
    value: ScalarValue
    style: str | None


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``key: value`` pair of a mapping."""

    key: str
    key_loc: Location
    value: Node


@dataclass(frozen=True, slots=True)
class Mapping:
    """Fields in the order they were written; keys are unique."""

    loc: Location
    entries: tuple[Entry, ...]

    def get(self, key: str) -> Node | None:
        found = self.entry(key)
        return None if found is None else found.value

    def entry(self, key: str) -> Entry | None:
        for item in self.entries:
            if item.key == key:
                return item
        return None

    def keys(self) -> list[str]:
        return [item.key for item in self.entries]


@dataclass(frozen=True, slots=True)
class Sequence:
    """A list of values."""

    loc: Location
    items: tuple[Node, ...]


Node = Scalar | Mapping | Sequence


def kind_name(node: Node) -> str:
    """What the node is, in words an editor understands: "a list", "text", "a date"..."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    value = node.value
    # bool is checked before int because True is an int in Python.
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    if value is None:
        return "nothing (null)"
    return "text"


def to_plain(node: Node) -> Any:
    """The node tree as plain dicts, lists and values, without locations."""
    if isinstance(node, Mapping):
        return {entry.key: to_plain(entry.value) for entry in node.entries}
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    return node.value
