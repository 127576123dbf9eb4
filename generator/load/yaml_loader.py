"""A safe YAML loader that keeps the file, line and column of every value.

PyYAML composes the document into a node graph; this module walks that graph itself instead
of letting the constructor build Python objects, so that only plain values can ever come out,
every value keeps its location, and aliases are expanded under a budget.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Callable
from collections.abc import Mapping as MappingOf
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, ScalarEvent, StreamEndEvent
from yaml.reader import ReaderError
from yaml.tokens import ScalarToken

from generator.errors import Location, Problems, relative_name
from generator.load.nodes import Entry, Mapping, Node, Scalar, ScalarValue, Sequence

MAX_FILE_BYTES = 1_048_576
MAX_NODES = 100_000
MAX_DEPTH = 100

_STD = "tag:yaml.org,2002:"
_STR = _STD + "str"
_INT = _STD + "int"
_FLOAT = _STD + "float"
_BOOL = _STD + "bool"
_NULL = _STD + "null"
_TIMESTAMP = _STD + "timestamp"
_MAP = _STD + "map"
_SEQ = _STD + "seq"
_MERGE = _STD + "merge"
_VALUE = _STD + "value"

_SCALAR_BUILDERS: dict[str, Callable[[SafeConstructor, yaml.ScalarNode], ScalarValue]] = {
    _STR: SafeConstructor.construct_yaml_str,
    _INT: SafeConstructor.construct_yaml_int,
    _FLOAT: SafeConstructor.construct_yaml_float,
    _BOOL: SafeConstructor.construct_yaml_bool,
    _NULL: SafeConstructor.construct_yaml_null,
    _TIMESTAMP: SafeConstructor.construct_yaml_timestamp,
}
TagHandler = Callable[[Node, Problems], Node]
"""Turns the located value under an application tag (``!ENV``) into the value it stands for."""


@dataclass(frozen=True, slots=True)
class Dialect:
    """What a kind of file may hold beyond plain YAML: application tags, each with the handler
    that gives its value, and the words that name such files in a refused tag's message."""

    tags: MappingOf[str, TagHandler] = field(default_factory=dict)
    where: str = "content files"


CONTENT = Dialect()

_VALUE_WORDS = {_INT: "number", _FLOAT: "number", _BOOL: "true/false value", _TIMESTAMP: "date"}

# The same line breaks PyYAML counts, so positions computed here agree with its marks.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

_TOKEN_WORDS = {
    "<block end>": "the end of the indented block",
    "<block mapping start>": "another key",
    "<block sequence start>": "a list item",
    "<scalar>": "more text",
    "<stream end>": "the end of the file",
    "<document start>": "'---'",
    "<document end>": "'...'",
    "<flow mapping start>": "'{'",
    "<flow sequence start>": "'['",
    "<alias>": "an alias",
    "<anchor>": "an anchor",
    "<tag>": "a tag",
    "<directive>": "a directive",
}
_TOKEN_NAME = re.compile(r"'?(<[a-z ]+>)'?")
_GENERIC_HINT = "check the quotes, colons and indentation on this line and the line above"


class _Position(Protocol):
    line: int
    column: int


def _loc(name: str, mark: _Position | None) -> Location:
    if mark is None:
        return Location(name, 1, 1)
    return Location(name, mark.line + 1, mark.column + 1)


def _end_position(prefix: str) -> tuple[int, int]:
    """1-based line and column of the character that follows ``prefix``."""
    line, line_start = 1, 0
    for match in _BREAK.finditer(prefix):
        line, line_start = line + 1, match.end()
    return line, len(prefix) - line_start + 1


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


# --- reading and decoding ---------------------------------------------------------------


def _refuse_size(size: int, name: str, problems: Problems) -> None:
    # Rounded up so a file just over the limit never shows as "1.0 MB".
    megabytes = math.ceil(size * 10 / 1_048_576) / 10
    limit = MAX_FILE_BYTES // 1_048_576
    problems.error(
        "file-too-large",
        Location(name, 1, 1),
        f"file is {megabytes:.1f} MB; content files may be at most {limit} MB",
    )


def read_content_file(path: Path, name: str, problems: Problems) -> str | None:
    """The file's text, or None after recording why it cannot be used (size, I/O, UTF-8)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _refuse_size(size, name, problems)
            return None
        with path.open("rb") as handle:
            # One byte more than allowed, so a file that grew since stat() is still caught.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problems.error("read-error", Location(name, 1, 1), f"cannot read the file ({reason})")
        return None
    return decode_content(data, name, problems)


def decode_content(data: bytes, name: str, problems: Problems) -> str | None:
    """``data`` as text without a leading BOM, or None after recording the first bad byte."""
    if len(data) > MAX_FILE_BYTES:
        _refuse_size(len(data), name, problems)
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _end_position(data[: exc.start].decode("utf-8"))
        problems.error(
            "not-utf8",
            Location(name, line, col),
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
        )
        return None


# --- composing ------------------------------------------------------------------------------


class _NestingError(Exception):
    def __init__(self, mark: _Position | None) -> None:
        super().__init__("nested too deeply")
        self.mark = mark


class _AliasNode(yaml.Node):
    """One ``*name`` occurrence: where it is written and the node it repeats."""

    def __init__(self, anchor: str, target: yaml.Node, event: AliasEvent) -> None:
        super().__init__(target.tag, None, event.start_mark, event.end_mark)  # type: ignore[arg-type]
        self.anchor = anchor
        self.target = target


class _ScalarEvent(ScalarEvent):
    """A scalar event that also knows where the value itself starts (after any anchor or tag)."""

    value_mark: Any


class _ScalarNode(yaml.ScalarNode):
    value_mark: Any


class _Loader(yaml.SafeLoader):
    """SafeLoader's composer with alias occurrences kept, value positions and a depth limit."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0
        self.alias_targets: set[int] = set()
        self.last_scalar_token: ScalarToken | None = None

    # Typed wrappers: PyYAML's stubs leave these calls untyped.
    def next_event(self) -> Any:
        return self.get_event()  # type: ignore[no-untyped-call]

    def resolve_scalar(self, value: str, implicit: tuple[bool, bool]) -> str:
        return str(self.resolve(yaml.ScalarNode, value, implicit))  # type: ignore[no-untyped-call]

    def get_token(self) -> Any:
        token = super().get_token()  # type: ignore[no-untyped-call]
        if isinstance(token, ScalarToken):
            self.last_scalar_token = token
        return token

    def parse_node(self, block: bool = False, indentless_sequence: bool = False) -> Any:
        self.last_scalar_token = None
        event = super().parse_node(block, indentless_sequence)
        token = self.last_scalar_token
        if isinstance(event, ScalarEvent) and token is not None:
            located = _ScalarEvent(
                event.anchor,
                event.tag,
                event.implicit,
                event.value,
                event.start_mark,
                event.end_mark,
                style=event.style,
            )
            located.value_mark = token.start_mark
            return located
        return event

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(AliasEvent):
            return self._compose_alias()
        if self.depth >= MAX_DEPTH:
            raise _NestingError(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _compose_alias(self) -> yaml.Node:
        event = self.next_event()
        anchor = str(event.anchor)
        target = self.anchors.get(anchor)
        if target is None:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {anchor!r}", event.start_mark
            )
        self.alias_targets.add(id(target))
        return _AliasNode(anchor, target, event)

    def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
        event = self.next_event()
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve_scalar(event.value, event.implicit)
        node = _ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        node.value_mark = getattr(event, "value_mark", event.start_mark)
        if anchor is not None:
            self.anchors[anchor] = node
        return node


def _compose(loader: _Loader, name: str, problems: Problems) -> yaml.Node | None:
    """The root node of the only document, or None for a stream without documents."""
    loader.next_event()
    if loader.check_event(StreamEndEvent):
        return None
    root = loader.compose_document()
    if not loader.check_event(StreamEndEvent):
        problems.error(
            "multiple-documents",
            _loc(name, loader.next_event().start_mark),
            "only one YAML document is allowed per file; a second one starts here",
        )
    return root


# --- syntax error messages --------------------------------------------------------------


def _clean(problem: str) -> str:
    return _TOKEN_NAME.sub(lambda m: _TOKEN_WORDS.get(m.group(1), m.group(0)), problem)


def _tab_message(text: str, mark: yaml.error.Mark | None) -> str:
    if mark is not None and not text[mark.index - mark.column : mark.index].strip(" \t"):
        return "a tab character is used for indentation; use spaces"
    return "a tab character is not allowed here; use spaces"


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str]:
    """A stable code and a plain-English message for a PyYAML syntax error."""
    problem = (exc.problem or exc.context or "the YAML syntax is not valid").strip()
    context = exc.context or ""
    before = exc.context_mark
    if "'\\t'" in problem:
        return "yaml-tab", _tab_message(text, exc.problem_mark)
    if context.startswith("found duplicate anchor"):
        anchor = context.split("'")[1] if "'" in context else "?"
        first = f" (first at line {before.line + 1})" if before else ""
        return "yaml-syntax", f"anchor '&{anchor}' is defined twice{first}; give each its own name"
    if problem.startswith("found undefined alias"):
        anchor = problem.split("'")[1] if "'" in problem else "?"
        return "yaml-syntax", (
            f"found undefined alias '*{anchor}'; there is no anchor '&{anchor}' above it "
            "(put the value in quotes if '*' is meant as text)"
        )
    if "that cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else "this character"
        return "yaml-syntax", f"a value cannot start with '{char}'; put the value in quotes"
    if problem.startswith("expected '<document start>'"):
        return "multiple-documents", (
            "only one YAML document is allowed per file; remove the '...' line and what follows"
        )
    if "end of stream" in problem and "quoted scalar" in context and before is not None:
        return "yaml-syntax", (
            f"the file ends inside a quoted value; the quote opened at line {before.line + 1}, "
            f"column {before.column + 1} is never closed"
        )
    return "yaml-syntax", f"{_clean(problem)}; {_hint(problem, context, before)}"


def _hint(problem: str, context: str, before: yaml.error.Mark | None) -> str:
    if problem.startswith("mapping values are not allowed"):
        return "if the value contains ': ', put the whole value in quotes"
    if problem.startswith("could not find expected ':'") and before is not None:
        return (
            f"the text on line {before.line + 1} needs the form 'key: value' "
            "(a value that goes on over several lines needs quotes or '|')"
        )
    if problem.startswith("found unknown escape character"):
        return "inside double quotes write '\\\\' for a backslash, or use single quotes"
    if "anchor" in context or "alias" in context:
        return "'&' and '*' at the start of a value mark an anchor or alias; put it in quotes"
    if problem.startswith("expected ',' or"):
        return "check the brackets and commas, and put values containing ':' or ',' in quotes"
    if "chomping or indentation" in problem:
        return "after '|' or '>' only '-', '+' or a digit may follow on the same line"
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        return "if a value starts with a quote, the whole value must be inside the quotes"
    if problem.startswith("expected <block end>, but found ':'"):
        return "a key is missing before ':'"
    if problem.startswith("expected <block end>"):
        return "check that this line lines up with the lines above it"
    return _GENERIC_HINT


def _reader_problem(exc: ReaderError, text: str) -> tuple[int, int, str]:
    position = exc.position if isinstance(exc.position, int) else 0
    line, col = _end_position(text[:position])
    char = exc.character if isinstance(exc.character, int) else 0
    message = f"the file contains a control character (U+{char:04X}) that is not allowed; remove it"
    return line, col, message


# --- walking --------------------------------------------------------------------------------


class _Abort(Exception):
    """Stops the walk after a problem that leaves no usable tree; it is already recorded."""


@dataclass(frozen=True, slots=True)
class _Built:
    node: Node
    size: int
    height: int


class _Walker:
    """Turns the composed graph into located nodes, counting every value aliases produce."""

    def __init__(self, name: str, loader: _Loader, problems: Problems, dialect: Dialect) -> None:
        self.name = name
        self.loader = loader
        self.problems = problems
        self.tags = dialect.tags
        self.where = dialect.where
        self.count = 0
        self.done: dict[int, _Built] = {}
        self.active: set[int] = set()

    def loc(self, node: yaml.Node) -> Location:
        return _loc(self.name, getattr(node, "value_mark", node.start_mark))

    def build(self, node: yaml.Node) -> _Built:
        if isinstance(node, _AliasNode):
            return self._alias(node)
        key = id(node)
        self._tick(node)
        self.active.add(key)
        if isinstance(node, yaml.MappingNode):
            built = self._mapping(node)
        elif isinstance(node, yaml.SequenceNode):
            built = self._sequence(node)
        else:
            built = _Built(self._scalar(cast(yaml.ScalarNode, node)), 1, 1)
        self.active.discard(key)
        if built.height > MAX_DEPTH:
            self._fatal(
                "too-deep", node, f"values are nested too deeply (more than {MAX_DEPTH} levels)"
            )
        handler = self.tags.get(node.tag)
        if handler is not None:
            built = _Built(handler(built.node, self.problems), built.size, built.height)
        if key in self.loader.alias_targets:
            self.done[key] = built
        return built

    def _fatal(self, code: str, node: yaml.Node, message: str) -> None:
        self.problems.error(code, self.loc(node), message)
        raise _Abort

    def _tick(self, node: yaml.Node) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            message = f"too many values in one file (more than {MAX_NODES}); split it up"
            self._fatal("too-many-values", node, message)

    def _alias(self, alias: _AliasNode) -> _Built:
        key = id(alias.target)
        if key in self.active:
            message = f"alias '*{alias.anchor}' is used inside the value it repeats"
            self._fatal("recursive-alias", alias, message + "; it would repeat forever")
        built = self.done.get(key)
        if built is None:
            # The anchored value was skipped (for example a dropped duplicate); build it here.
            return self.build(alias.target)
        self.count += built.size
        if self.count > MAX_NODES:
            message = f"too many values after expanding aliases (more than {MAX_NODES})"
            self._fatal("alias-bomb", alias, message + "; is this an alias bomb?")
        return built

    def _bad_tag(self, node: yaml.Node, kind: str, allowed: tuple[str, ...]) -> None:
        name = _tag_name(node.tag)
        standard = node.tag in (*_SCALAR_BUILDERS, _MAP, _SEQ) and node.tag not in allowed
        if standard or node.tag in self.tags:
            message = f"tag '{name}' cannot be used on {kind}; remove it"
        else:
            message = f"tag '{name}' is not allowed in {self.where}"
        self.problems.error("tag-not-allowed", _loc(self.name, node.start_mark), message)

    def _scalar(self, node: yaml.ScalarNode) -> Scalar:
        loc, raw, tag = self.loc(node), str(node.value), node.tag
        # PyYAML resolves a bare '<<' or '=' value to merge/value tags; as values they are text.
        if tag in (_MERGE, _VALUE) and node.style is None and raw in ("<<", "="):
            return Scalar(loc, raw, None)
        builder = _SCALAR_BUILDERS.get(tag)
        if builder is None:
            if tag not in self.tags:
                self._bad_tag(node, "text", tuple(_SCALAR_BUILDERS))
            return Scalar(loc, raw, node.style)
        try:
            value = builder(self.loader, node)
        except Exception:
            self._bad_value(node, loc)
            return Scalar(loc, raw, node.style)
        return Scalar(loc, value, node.style)

    def _bad_value(self, node: yaml.ScalarNode, loc: Location) -> None:
        word = _VALUE_WORDS.get(node.tag, _tag_name(node.tag))
        message = f"'{_short(str(node.value))}' is not a valid {word}"
        implicit = self.loader.resolve_scalar(str(node.value), (True, False))
        if node.style is None and implicit == node.tag:
            message += "; put it in quotes if it is meant as text"
        self.problems.error("bad-value", loc, message)

    def _sequence(self, node: yaml.SequenceNode) -> _Built:
        if node.tag != _SEQ and node.tag not in self.tags:
            self._bad_tag(node, "a list", (_SEQ,))
        items: list[Node] = []
        size, height = 1, 1
        for child in node.value:
            built = self.build(child)
            items.append(built.node)
            size, height = size + built.size, max(height, built.height + 1)
        return _Built(Sequence(_loc(self.name, node.start_mark), tuple(items)), size, height)

    def _mapping(self, node: yaml.MappingNode) -> _Built:
        if node.tag != _MAP and node.tag not in self.tags:
            self._bad_tag(node, "a mapping", (_MAP,))
        entries: dict[str, Entry] = {}
        size, height = 1, 1
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                continue
            text, key_loc = key
            first = entries.get(text)
            if first is not None:
                message = f"duplicate key '{text}' (first at line {first.key_loc.line})"
                self.problems.error("duplicate-key", key_loc, message)
                continue
            self._tick(key_node)
            built = self.build(value_node)
            entries[text] = Entry(text, key_loc, built.node)
            size, height = size + 1 + built.size, max(height, built.height + 1)
        mapping = Mapping(_loc(self.name, node.start_mark), tuple(entries.values()))
        return _Built(mapping, size, height)

    def _key(self, node: yaml.Node) -> tuple[str, Location] | None:
        loc = self.loc(node)
        target = node.target if isinstance(node, _AliasNode) else node
        if isinstance(target, yaml.MappingNode | yaml.SequenceNode):
            kind = "a mapping" if isinstance(target, yaml.MappingNode) else "a list"
            self.problems.error("key-not-text", loc, f"keys must be text, not {kind}")
            return None
        if target.tag == _STR:
            return str(target.value), loc
        if target.tag == _MERGE:
            message = "merge keys ('<<') are not supported; write the fields out"
            self.problems.error("merge-key", loc, message)
        elif target.tag in _SCALAR_BUILDERS:
            raw = str(target.value)
            message = (
                "a key is missing before ':'"
                if raw == ""
                else f"keys must be text; write '{_short(raw)}' in quotes"
            )
            self.problems.error("key-not-text", loc, message)
        else:
            self._bad_tag(target, "a key", (_STR,))
        return None


# --- public entry points --------------------------------------------------------------------


def implicit_value(text: str) -> ScalarValue:
    """``text`` as YAML reads it when written unquoted: a number, true/false, a date, null or
    text (an environment variable's value is read this way by MkDocs' ``!ENV``)."""
    resolver = yaml.resolver.Resolver()
    tag = str(resolver.resolve(yaml.ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]
    builder = _SCALAR_BUILDERS.get(tag)
    if builder is None:
        return text
    try:
        return builder(SafeConstructor(), yaml.ScalarNode(tag, text))
    except Exception:
        return text


@dataclass(frozen=True, slots=True)
class ParsedYaml:
    """The outcome of parsing text: a tree, nothing (``empty``), or None after errors."""

    node: Node | None
    empty: bool = False


def _is_empty(root: yaml.Node) -> bool:
    return (
        isinstance(root, yaml.ScalarNode)
        and root.tag == _NULL
        and root.value == ""
        and root.style is None
    )


# Anchors, aliases, tags and merge keys need the located Python composer; text without them
# (nearly every content file) is composed by libyaml, many times faster, with the same marks.
_NEEDS_PYTHON = re.compile(r"[&*!\t]|<<")


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.alias_targets: set[int] = set()

    def resolve_scalar(self, value: str, implicit: tuple[bool, bool]) -> str:
        return str(self.resolve(yaml.ScalarNode, value, implicit))


def _parse_fast(text: str, name: str, problems: Problems, dialect: Dialect) -> ParsedYaml | None:
    """The libyaml path; None when the text needs the Python composer or has an error."""
    if _NEEDS_PYTHON.search(text) or not getattr(yaml, "__with_libyaml__", False):
        return None
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None  # the Python composer gives the located, explained message
    finally:
        loader.dispose()
    if root is None or not _normalise(root):
        return None
    if _is_empty(root):
        return ParsedYaml(None, empty=True)
    try:
        return ParsedYaml(_Walker(name, loader, problems, dialect).build(root).node)
    except _Abort:
        return ParsedYaml(None)


def _normalise(root: yaml.Node) -> bool:
    """Give libyaml's nodes the Python composer's plain style (None, not ''); False when the
    nesting is too deep for the walker, so the Python composer reports it."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(node, yaml.ScalarNode):
            node.style = node.style or None
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
    return True


def _parse(text: str, name: str, problems: Problems, dialect: Dialect) -> ParsedYaml:
    fast = _parse_fast(text, name, problems, dialect)
    if fast is not None:
        return fast
    try:
        loader = _Loader(text)
        root = _compose(loader, name, problems)
    except ReaderError as exc:
        line, col, message = _reader_problem(exc, text)
        problems.error("control-character", Location(name, line, col), message)
        return ParsedYaml(None)
    except yaml.MarkedYAMLError as exc:
        code, message = _explain(exc, text)
        mark = exc.problem_mark or exc.context_mark
        problems.error(code, _loc(name, mark), message)
        return ParsedYaml(None)
    except _NestingError as exc:
        message = f"values are nested too deeply (more than {MAX_DEPTH} levels)"
        problems.error("too-deep", _loc(name, exc.mark), message)
        return ParsedYaml(None)
    if root is None or _is_empty(root):
        return ParsedYaml(None, empty=True)
    try:
        return ParsedYaml(_Walker(name, loader, problems, dialect).build(root).node)
    except _Abort:
        return ParsedYaml(None)


def parse_yaml_text(
    text: str, name: str, problems: Problems, dialect: Dialect = CONTENT
) -> ParsedYaml:
    """Parse decoded text; every problem is recorded, nothing is raised."""
    try:
        return _parse(text, name, problems, dialect)
    except RecursionError:
        message = f"values are nested too deeply (more than {MAX_DEPTH} levels)"
        problems.error("too-deep", Location(name, 1, 1), message)
    except yaml.YAMLError as exc:
        problems.error("yaml-syntax", Location(name, 1, 1), f"the file is not valid YAML ({exc})")
    except Exception as exc:
        message = f"the file could not be read as YAML ({type(exc).__name__}: {exc})"
        problems.error("yaml-error", Location(name, 1, 1), message)
    return ParsedYaml(None)


_PARSED: dict[str, tuple[str, Node]] = {}
"""Each file's last text that parsed without a problem, and its tree (which is immutable):
``pathways serve`` reads every file again after each edit, and most have not changed."""


def load_yaml_text(text: str, name: str, problems: Problems) -> Node | None:
    """The located tree of ``text``; None when no tree could be built (problems say why).

    A returned tree may still come with recorded errors (a duplicate key, a refused tag), so
    callers check ``problems`` too.
    """
    known = _PARSED.get(name)
    if known is not None and known[0] == text:
        return known[1]
    before = len(problems)
    parsed = parse_yaml_text(text, name, problems)
    if parsed.node is not None and len(problems) == before:
        _PARSED[name] = (text, parsed.node)
    if parsed.empty:
        problems.error("empty-file", Location(name, 1, 1), "file is empty")
    return parsed.node


def load_yaml_bytes(data: bytes, name: str, problems: Problems) -> Node | None:
    """Like ``load_yaml_text`` for raw file content; ``name`` is shown in messages."""
    text = decode_content(data, name, problems)
    return None if text is None else load_yaml_text(text, name, problems)


def load_yaml_file(path: Path, root: Path, problems: Problems) -> Node | None:
    """Load one content file; messages name it relative to ``root``."""
    name = relative_name(path.as_posix(), root.as_posix())
    text = read_content_file(path, name, problems)
    return None if text is None else load_yaml_text(text, name, problems)
