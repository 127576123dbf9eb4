"""Reading one language's translations into the same content in that language.

Everything but the texts comes from the source: the translated content is the source's objects
with their translatable texts replaced, so ids, citations, order, references and every tree's
logic are the same objects. A text with no translation is an error, or, where the site allows
partial translation, the source's text marked as ``Untranslated``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from generator.citations import CitationError, parse_citation
from generator.errors import Location, Problems, relative_name
from generator.kinds import KINDS, Texts
from generator.load import load_markdown_file, load_yaml_file
from generator.load.files import content_files, readable_file
from generator.load.nodes import Mapping, Node, Scalar, Sequence, kind_name
from generator.model import CitationUse, Content, Term, TranslationNotes, Untranslated
from generator.parallel import Child
from generator.translate.texts import State, fingerprint, one_line, read_written
from generator.validate.kinds import FILE_SPECS
from generator.validate.links import check_text_links
from generator.validate.prose import Locator, body_locator, check_prose, scalar_locator
from generator.validate.spec import ListOf, Obj, Spec, Text, did_you_mean

CONTENT_DIR = "content"
YAML_SUFFIXES = (".yml", ".yaml")
FOLDERS = {"pathway": "pathways", "support": "supports", "statute": "statutes", "tree": "trees"}
"""Where each kind with a file per object keeps its translations, in ``content/<language>/``."""
KEYS = {"statute": "citation"}
"""The field that names the translated object, where it is not ``id``."""
REVIEWED = "reviewed"


def folder(language: str) -> str:
    return f"{CONTENT_DIR}/{language}"


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


@dataclass
class Translation:
    language: str
    content: Content
    fields: list[FieldStatus] = field(default_factory=list)
    files: list[FileStatus] = field(default_factory=list)

    def count(self, state: State) -> int:
        return sum(1 for f in self.fields if f.state is state)


@cache
def _prose_paths(kind: str) -> frozenset[str]:
    """The source's Markdown prose fields, as paths without list positions
    (``questions.hint``): their translations are checked for citations and links as they are."""

    def walk(spec: Spec, prefix: str) -> set[str]:
        out: set[str] = set()
        for f in spec.fields:
            kind_of = f.type.item if isinstance(f.type, ListOf) else f.type
            if isinstance(kind_of, Text):
                out.add(prefix + f.name)
            elif isinstance(kind_of, Obj):
                out |= walk(kind_of.spec, f"{prefix}{f.name}.")
        return out

    if kind == "page":
        return frozenset({"body"})
    return frozenset(walk(FILE_SPECS[kind], ""))


_INDEX_RE = re.compile(r"\[\d+\]")


@dataclass
class _Findings:
    """What reading translations finds, besides problems: sent back whole by a forked child."""

    fields: list[FieldStatus] = field(default_factory=list)
    files: list[FileStatus] = field(default_factory=list)
    uses: list[CitationUse] = field(default_factory=list)
    translated: set[tuple[str, str, str]] = field(default_factory=set)
    """(kind, owner, source path) of each text that has its translation."""
    untranslated: set[tuple[str, str]] = field(default_factory=set)
    reviewed: dict[tuple[str, str], dt.date | None] = field(default_factory=dict)


@dataclass
class _Reader:
    root: Path
    content: Content
    language: str
    problems: Problems
    partial: bool
    source_language: str
    findings: _Findings = field(default_factory=_Findings)

    def absorb(self, other: _Findings) -> None:
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
class _Object:
    """Reading the translation of one object: its kind, id, file and where it stands."""

    reader: _Reader
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

    def walk(spec: Spec) -> None:
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


@dataclass(frozen=True)
class _Glossary:
    """The glossary's terms as one object, as its translation file holds them."""

    terms: tuple[Term, ...]


def _reviewed(reader: _Reader, node: Mapping | None, file: str) -> dt.date | None:
    value = node.get(REVIEWED) if node is not None else None
    if value is None:
        return None
    if isinstance(value, Scalar):
        if value.value is False:
            return None
        if type(value.value) is dt.date:
            return value.value
    reader.problems.error(
        "bad-reviewed",
        value.loc,
        "reviewed: is false until a qualified translator has reviewed this translation, then "
        "the date of that review, such as 2026-12-01",
        REVIEWED,
    )
    return None


def _lines_of(path: Path) -> Callable[[], list[str]]:
    @cache
    def lines() -> list[str]:
        try:
            return path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    return lines


def _file_problem(reader: _Reader, kind: str, owner: str, file: str, source_file: str) -> None:
    if reader.partial:
        return
    what = {"glossary": "the glossary", "site": "the site settings"}.get(kind, f"{kind} '{owner}'")
    reader.problems.error(
        "missing-translation",
        Location(file, 1, 1),
        f"no '{reader.language}' translation of {what} ({source_file}): write this "
        f"file; 'pathways translations {reader.language} --init' writes it with the text to "
        "translate",
    )


def _translate_one(
    reader: _Reader,
    kind: str,
    owner: str,
    obj: Any,
    path: Path,
    node: Mapping | None,
    source_file: str,
    meta: tuple[str, ...],
    body: tuple[str, int] | None = None,
) -> tuple[Any, FileStatus]:
    """The object translated from its file's ``node`` (None where there is no file)."""
    file = reader.name(path)
    exists = node is not None
    if not exists:
        _file_problem(reader, kind, owner, file, source_file)
    reviewed = _reviewed(reader, node, file)
    reader.findings.reviewed[(kind, owner)] = reviewed
    status = FileStatus(
        kind, owner, file, exists, reviewed, node.loc if node else Location(file, 1, 1)
    )
    walker = _Object(reader, kind, owner, file, exists, _lines_of(path), source_file, body)
    return walker.walk(obj, KINDS[kind].texts, node, "", "", meta=(*meta, REVIEWED)), status


def _mapping_file(reader: _Reader, path: Path) -> Mapping | None:
    node = load_yaml_file(path, reader.root, reader.problems)
    if node is None:
        return None
    if not isinstance(node, Mapping):
        reader.problems.error(
            "wrong-type",
            node.loc,
            f"expected a file holding a mapping of fields, found {kind_name(node)}",
        )
        return None
    return node


def _file_key(reader: _Reader, kind: str, node: Mapping) -> tuple[Any, Scalar] | None:
    """What a translation file translates: the id (or section) it names, and where."""
    key_name = KEYS.get(kind, "id")
    value = node.get(key_name)
    if not isinstance(value, Scalar) or not isinstance(value.value, str):
        reader.problems.error(
            "missing",
            (value or node).loc,
            f"a translation names what it translates: '{key_name}:' as in the source",
            key_name,
        )
        return None
    key: Any = value.value.strip()
    if kind == "statute":
        try:
            key = parse_citation(key).section_key
        except CitationError as exc:
            reader.problems.error("bad-citation", value.loc, str(exc), key_name)
            return None
    return key, value


def _identity(kind: str, obj: Any) -> tuple[Any, str, str]:
    """How a translation names an object, its owner id in citation uses, its file's name."""
    if kind == "statute":
        return obj.key, obj.label, obj.slug
    return obj.id, obj.id, obj.id


@dataclass(frozen=True)
class _Done:
    translated: Any
    status: FileStatus
    key: Scalar
    file: str


SPLIT_FILES = 200
"""From this many translation files of one kind on, a forked child reads the second half."""


def _translate_files(
    reader: _Reader, kind: str, paths: list[Path], objects: tuple[Any, ...]
) -> dict[Any, _Done]:
    """The objects that ``paths`` translate, by key; a file for nothing is a warning."""
    positions = {_identity(kind, obj)[0]: i for i, obj in enumerate(objects)}
    done: dict[Any, _Done] = {}
    for path in paths:
        node = _mapping_file(reader, path)
        found = None if node is None else _file_key(reader, kind, node)
        if node is None or found is None:
            continue
        key, written = found
        if key not in positions:
            reader.problems.warning(
                "unused-translation",
                node.loc,
                f"translates {kind} '{written.value}', which the source does not have (renamed "
                "or removed?): it is not used",
            )
            continue
        if key in done:
            _duplicate(reader, kind, written, done[key].file)
            continue
        obj = objects[positions[key]]
        _, owner, _ = _identity(kind, obj)
        meta = (KEYS.get(kind, "id"),)
        translated, status = _translate_one(
            reader, kind, owner, obj, path, node, obj.source.file, meta
        )
        done[key] = _Done(translated, status, written, reader.name(path))
    return done


def _duplicate(reader: _Reader, kind: str, written: Scalar, other: str) -> None:
    reader.problems.error(
        "duplicate-id",
        written.loc,
        f"translates the same {kind} as {other}",
        KEYS.get(kind, "id"),
    )


def _translate_share(
    reader: _Reader, kind: str, paths: list[Path], objects: tuple[Any, ...]
) -> tuple[dict[Any, _Done], Problems, _Findings]:
    share = dataclasses.replace(reader, problems=Problems(), findings=_Findings())
    return _translate_files(share, kind, paths, objects), share.problems, share.findings


def _objects(reader: _Reader, kind: str, objects: tuple[Any, ...]) -> tuple[Any, ...]:
    folder_path = reader.base() / FOLDERS[kind]
    paths = content_files(folder_path, reader.root, YAML_SUFFIXES, reader.problems)
    if len(paths) < SPLIT_FILES:
        done = _translate_files(reader, kind, paths, objects)
    else:
        half = len(paths) // 2
        with Child(partial(_translate_share, reader, kind, paths[half:], objects)) as child:
            done = _translate_files(reader, kind, paths[:half], objects)
            later, problems, findings = child.result()
        # Joined in file order, as if one process had read them all.
        reader.problems.extend(problems)
        reader.absorb(findings)
        for key, item in later.items():
            if key in done:
                _duplicate(reader, kind, item.key, done[key].file)
            else:
                done[key] = item
    out = []
    for obj in objects:
        key, owner, name = _identity(kind, obj)
        if key in done:
            translated, status = done[key].translated, done[key].status
        else:
            path = folder_path / f"{name}.yml"
            meta = (KEYS.get(kind, "id"),)
            translated, status = _translate_one(
                reader, kind, owner, obj, path, None, obj.source.file, meta
            )
        reader.findings.files.append(status)
        out.append(translated)
    return tuple(out)


def _pages(reader: _Reader) -> tuple[Any, ...]:
    folder_path = reader.base() / "pages"
    paths = {p.stem: p for p in content_files(folder_path, reader.root, (".md",), reader.problems)}
    out = []
    for page in reader.content.pages:
        path = paths.pop(page.slug, folder_path / f"{page.slug}.md")
        node: Mapping | None = None
        body: tuple[str, int] | None = None
        if path.exists():
            loaded = load_markdown_file(path, reader.root, reader.problems)
            if loaded is not None:
                node = loaded.meta or Mapping(Location(reader.name(path), 1, 1), ())
                body = (loaded.body, loaded.body_line)
        translated, status = _translate_one(
            reader, "page", page.slug, page, path, node, page.source.file, (), body
        )
        reader.findings.files.append(status)
        if body is not None:
            translated = dataclasses.replace(translated, body_line=body[1])
        out.append(translated)
    for stem, path in paths.items():
        reader.problems.warning(
            "unused-translation",
            Location(reader.name(path), 1, 1),
            f"translates page '{stem}', which the source does not have (renamed or removed?): "
            "it is not used",
        )
    return tuple(out)


def _single(reader: _Reader, kind: str, name: str, obj: Any, source_file: str) -> Any:
    path = reader.base() / name
    node = (
        _mapping_file(reader, path) if readable_file(path, reader.root, reader.problems) else None
    )
    translated, status = _translate_one(reader, kind, kind, obj, path, node, source_file, ())
    reader.findings.files.append(status)
    return translated


def read_translation(
    root: Path, content: Content, language: str, problems: Problems
) -> Translation:
    """The content in ``language``, from ``content/<language>/``, with every text's state."""
    site = content.site
    reader = _Reader(root, content, language, problems, site.partial_translation, site.language)
    translated_site = _single(reader, "site", "site.yml", site, site.source.file)
    pathways = _objects(reader, "pathway", content.pathways)
    supports = _objects(reader, "support", content.supports)
    statutes = _objects(reader, "statute", content.statutes)
    glossary_file = content.terms[0].source.file if content.terms else "content/glossary.yml"
    glossary = _single(reader, "glossary", "glossary.yml", _Glossary(content.terms), glossary_file)
    pages = _pages(reader)
    trees = _objects(reader, "tree", content.trees)
    found = reader.findings
    missing = sum(1 for f in found.fields if f.state is State.MISSING)
    if reader.partial and missing:
        problems.warning(
            "partial-translation",
            site.source.at("partial_translation"),
            f"{missing} texts have no '{language}' translation yet: they are published in "
            f"'{site.language}', marked as such ('pathways translations {language}' lists them)",
            "partial_translation",
        )
    known = {s.key for s in content.statutes}
    # In the order of the files and places they are in, however the work was shared.
    found.uses.sort(key=lambda u: u.location)
    for use in found.uses:
        if use.citation.section_key not in known:
            problems.warning(
                "unknown-section",
                use.location,
                f"{use.citation.canonical} cites {use.citation.whole.canonical}, which is not in "
                "the statute registry (content/statutes/)",
                use.field if use.kind != "page" else "",
            )
    uses = tuple(
        u for u in content.uses if u.listed or (u.kind, u.owner_id, u.field) not in found.translated
    ) + tuple(u for u in found.uses if u.citation.section_key in known)
    notes = TranslationNotes(
        language, site.language, frozenset(found.untranslated), dict(found.reviewed)
    )
    translated_site = dataclasses.replace(translated_site, language=language)
    translated = dataclasses.replace(
        content,
        site=translated_site,
        pathways=pathways,
        supports=supports,
        statutes=statutes,
        terms=glossary.terms,
        pages=pages,
        trees=trees,
        uses=uses,
        translation=notes,
        translations={},
    )
    return Translation(language, translated, found.fields, found.files)
