"""Walking one object's translation: each text read, checked and tied to its source text.

``Reader`` holds what one language's reading shares; ``TextWalk`` reads the translation of one
object along the translatable texts its kind declares (``generator.kinds``), and records in
``Findings`` each text's state, the citations in it and what is still untranslated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.errors import Location, Problems, relative_name
from generator.fields import ListOf, Obj, Spec, Text, did_you_mean
from generator.kinds import Texts
from generator.load.nodes import Mapping, Node, Sequence, kind_name
from generator.model import CitationUse, Content, Untranslated
from generator.translate.texts import State, fingerprint, one_line, read_written
from generator.validate.kinds import FILE_SPECS
from generator.validate.links import check_text_links
from generator.validate.prose import Locator, body_locator, check_prose, scalar_locator

CONTENT_DIR = "content"


@dataclass(frozen=True)
class FieldStatus:
    """The state of one translated text, where the translator finds it."""

    kind: str
    owner: str
    path: str
    """As the translation file names it: ``questions.state-loan.answers.yes.label``."""
    state: State
    location: Location
    source_text: str


@dataclass(frozen=True)
class FileStatus:
    """One translation file (or the file an object's translation belongs in)."""

    kind: str
    owner: str
    file: str
    exists: bool
    reviewed: dt.date | None
    location: Location


@cache
def _prose_paths(kind: str) -> frozenset[str]:
    """The source's Markdown prose fields, as paths without list positions
    (``questions.hint``): their translations are checked for citations and links as they are."""

    def walk(spec: Spec[Any], prefix: str) -> set[str]:
        out: set[str] = set()
        for f in spec.fields:
            kind_of = f.type.item if isinstance(f.type, ListOf) else f.type
            if isinstance(kind_of, Text):
                out.add(prefix + f.key)
            elif isinstance(kind_of, Obj):
                out |= walk(kind_of.spec, f"{prefix}{f.key}.")
        return out

    if kind == "page":
        return frozenset({"body"})
    return frozenset(walk(FILE_SPECS[kind], ""))


_INDEX_RE = re.compile(r"\[\d+\]")


@dataclass
class Findings:
    """What reading translations finds, besides problems: sent back whole by a forked child."""

    fields: list[FieldStatus] = field(default_factory=list)
    files: list[FileStatus] = field(default_factory=list)
    uses: list[CitationUse] = field(default_factory=list)
    translated: set[tuple[str, str, str]] = field(default_factory=set)
    """(kind, owner, source path) of each text that has its translation."""
    untranslated: set[tuple[str, str]] = field(default_factory=set)
    reviewed: dict[tuple[str, str], dt.date | None] = field(default_factory=dict)


@dataclass
class Reader:
    root: Path
    content: Content
    language: str
    problems: Problems
    partial: bool
    source_language: str
    findings: Findings = field(default_factory=Findings)

    def absorb(self, other: Findings) -> None:
        """What a forked child found, after what this process found."""
        self.findings.fields += other.fields
        self.findings.files += other.files
        self.findings.uses += other.uses
        self.findings.translated |= other.translated
        self.findings.untranslated |= other.untranslated
        self.findings.reviewed.update(other.reviewed)

    def name(self, path: Path) -> str:
        return relative_name(path.as_posix(), self.root.as_posix())

    def base(self) -> Path:
        return self.root / CONTENT_DIR / self.language


@dataclass
class TextWalk:
    """Reading the translation of one object: its kind, id, file and where it stands."""

    reader: Reader
    kind: str
    owner: str
    file: str
    exists: bool
    lines: Callable[[], list[str]]
    source_file: str
    body: tuple[str, int] | None = None
    """A page's translated body and its first line."""

    def walk(
        self,
        obj: Any,
        texts: Texts,
        node: Mapping | None,
        tpath: str,
        spath: str,
        meta: tuple[str, ...] = (),
        near: Node | None = None,
    ) -> Any:
        """``obj`` with its texts translated from ``node``; ``near`` is where a missing
        ``node`` would go, to locate what is missing."""
        changes: dict[str, Any] = {}
        if node is not None:
            self._unknown_keys(node, texts, tpath, meta)
            near = node
        for name in texts.fields:
            english = getattr(obj, name)
            entry = node.get(name) if node is not None else None
            path, source_path = _join(tpath, name), _join(spath, name)
            if english is None:
                if entry is not None:
                    self.reader.problems.warning(
                        "nothing-to-translate",
                        entry.loc,
                        f"the source ({self.source_file}) has no {name}, so this translation is "
                        "not used",
                        path,
                    )
                continue
            changes[name] = self.leaf(english, entry, path, source_path, near)
        for name in texts.lists:
            changes[name] = self._list(obj, name, node, tpath, spath, near)
        for name in texts.named:
            changes[name] = self._named(obj, name, node, tpath, spath, near)
        for name, key, sub in texts.parts:
            changes[name] = self._parts(obj, name, key, sub, node, tpath, spath, near)
        return dataclasses.replace(obj, **changes) if changes else obj

    def _unknown_keys(self, node: Mapping, texts: Texts, tpath: str, meta: tuple[str, ...]) -> None:
        known = {*texts.fields, *texts.lists, *texts.named, *(p[0] for p in texts.parts), *meta}
        spec = FILE_SPECS.get(self.kind)
        source_fields = set(spec.field_names()) if spec is not None else set()
        for entry in node.entries:
            if entry.key in known:
                continue
            own = source_fields if not tpath else _nested_fields(self.kind)
            if entry.key in own:
                message = (
                    f"'{entry.key}' is not translated: it comes from the source "
                    f"({self.source_file}), the same in every language"
                )
                self.reader.problems.error("not-translatable", entry.key_loc, message, tpath)
            else:
                self.reader.problems.error(
                    "unknown-key",
                    entry.key_loc,
                    f"unknown field '{entry.key}'{did_you_mean(entry.key, sorted(known))}",
                    tpath,
                )

    def _list(
        self, obj: Any, name: str, node: Mapping | None, tpath: str, spath: str, near: Node | None
    ) -> Any:
        english: tuple[str, ...] = getattr(obj, name)
        entry = node.get(name) if node is not None else None
        path = _join(tpath, name)
        items: tuple[Node, ...] = ()
        if entry is not None and not isinstance(entry, Sequence):
            self.reader.problems.error(
                "wrong-type", entry.loc, f"expected a list, found {kind_name(entry)}", path
            )
        elif isinstance(entry, Sequence):
            items = entry.items
            if len(items) > len(english):
                self.reader.problems.error(
                    "extra-item",
                    items[len(english)].loc,
                    f"has {len(items)} items; the source has {len(english)}: a list is "
                    "translated item by item, in the source's order",
                    path,
                )
        parent = entry if entry is not None else near
        return tuple(
            self.leaf(
                text,
                items[i] if i < len(items) else None,
                f"{path}[{i}]",
                f"{_join(spath, name)}[{i}]",
                parent,
            )
            for i, text in enumerate(english)
        )

    def _named(
        self, obj: Any, name: str, node: Mapping | None, tpath: str, spath: str, near: Node | None
    ) -> Any:
        english: dict[str, str] = dict(getattr(obj, name))
        entry = self._mapping(node, name, _join(tpath, name))
        path = _join(tpath, name)
        if entry is not None:
            for item in entry.entries:
                if item.key not in english:
                    self.reader.problems.warning(
                        "nothing-to-translate",
                        item.key_loc,
                        f"the source ({self.source_file}) gives no '{item.key}', so this "
                        "translation is not used",
                        path,
                    )
        parent = entry if entry is not None else near
        return {
            key: self.leaf(
                text,
                entry.get(key) if entry is not None else None,
                f"{path}.{key}",
                f"{_join(spath, name)}.{key}",
                parent,
            )
            for key, text in english.items()
        }

    def _parts(
        self,
        obj: Any,
        name: str,
        key: str,
        sub: Texts,
        node: Mapping | None,
        tpath: str,
        spath: str,
        near: Node | None,
    ) -> Any:
        objects: tuple[Any, ...] = getattr(obj, name)
        path = _join(tpath, name)
        entry = self._mapping(node, name, path)
        keys = [str(getattr(child, key)) for child in objects]
        if entry is not None:
            for item in entry.entries:
                if item.key not in keys:
                    self.reader.problems.error(
                        "unknown-ref",
                        item.key_loc,
                        f"the source has no {name} '{item.key}'{did_you_mean(item.key, keys)}: "
                        "each is named as in the source",
                        path,
                    )
        out = []
        for i, (child, child_key) in enumerate(zip(objects, keys, strict=True)):
            child_path = f"{path}.{child_key}"
            child_node = self._mapping(entry, child_key, child_path)
            out.append(
                self.walk(
                    child,
                    sub,
                    child_node,
                    child_path,
                    f"{_join(spath, name)}[{i}]",
                    near=entry if entry is not None else near,
                )
            )
        return tuple(out)

    def _mapping(self, node: Mapping | None, name: str, path: str) -> Mapping | None:
        if node is None:
            return None
        entry = node.get(name)
        if entry is None or isinstance(entry, Mapping):
            return entry
        self.reader.problems.error(
            "wrong-type", entry.loc, f"expected a mapping, found {kind_name(entry)}", path
        )
        return None

    def leaf(
        self, english: str, node: Node | None, path: str, source_path: str, parent: Node | None
    ) -> str:
        reader = self.reader
        want = fingerprint(english)
        is_body = self.kind == "page" and path == "body"
        if node is None:
            loc = parent.loc if parent is not None else Location(self.file, 1, 1)
            if self.exists and not reader.partial:
                reader.problems.error(
                    "missing-translation",
                    loc,
                    f"no '{reader.language}' translation of {path}, whose source "
                    f"(source: \"{want}\") reads: '{_short(english)}'",
                    path,
                )
            return self._missing(english, path, loc)
        written = read_written(node, path, want, reader.problems, body=is_body)
        if written is None:
            return self._missing(english, path, node.loc)
        if written.todo:
            if not reader.partial:
                reader.problems.error(
                    "untranslated",
                    node.loc,
                    "not translated yet (todo: true): write the translation, then remove todo",
                    path,
                )
            return self._missing(english, path, node.loc)
        text = written.text
        locate: Locator
        if is_body:
            assert self.body is not None
            text = self.body[0]
            locate = body_locator(self.file, self.body[1], text)
            if not text.strip():
                return self._missing(english, path, node.loc)
        else:
            assert text is not None and written.text_node is not None
            if "\n" not in english.strip() and "\n" in text:
                reader.problems.error(
                    "multi-line",
                    written.text_node.loc,
                    "must be a single line, as its source is",
                    path,
                )
            locate = scalar_locator(written.text_node, self.lines)
        if _INDEX_RE.sub("", source_path) in _prose_paths(self.kind):
            self._prose(text, path, source_path, locate, is_body)
        state = State.COMPLETE if written.source == want else State.STALE
        if state is State.STALE:
            reader.problems.warning(
                "stale-translation",
                written.source_loc,
                f"stale translation: its source changed since it was translated "
                f'(source: "{written.source}", now "{want}"); the source now reads: '
                f"'{one_line(english)}'",
                path,
            )
        reader.findings.fields.append(
            FieldStatus(self.kind, self.owner, path, state, written.source_loc, english)
        )
        reader.findings.translated.add((self.kind, self.owner, source_path))
        return text

    def _prose(self, text: str, path: str, source_path: str, locate: Locator, body: bool) -> None:
        reader = self.reader
        for found in check_prose(text, path, locate, reader.problems):
            reader.findings.uses.append(
                CitationUse(found.citation, self.kind, self.owner, source_path, found.location)
            )
        if not body:
            check_text_links(text, path, locate, reader.problems)

    def _missing(self, english: str, path: str, loc: Location) -> str:
        reader = self.reader
        reader.findings.fields.append(
            FieldStatus(self.kind, self.owner, path, State.MISSING, loc, english)
        )
        reader.findings.untranslated.add((self.kind, self.owner))
        return Untranslated(english, reader.source_language)


@cache
def _nested_fields(kind: str) -> frozenset[str]:
    """Every field name of the objects inside a kind (a tree's questions' ``next``)."""
    if kind not in FILE_SPECS:
        return frozenset()
    out: set[str] = set()

    def walk(spec: Spec[Any]) -> None:
        for f in spec.fields:
            kind_of = f.type.item if isinstance(f.type, ListOf) else f.type
            if isinstance(kind_of, Obj):
                out.update(kind_of.spec.field_names())
                walk(kind_of.spec)

    walk(FILE_SPECS[kind])
    return frozenset(out)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _short(text: str, limit: int = 100) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
