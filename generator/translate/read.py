"""Reading one language's translations into the same content in that language.

Everything but the texts comes from the source: the translated content is the source's objects
with their translatable texts replaced, so ids, citations, order, references and every tree's
logic are the same objects. A text with no translation is an error, or, where the site allows
partial translation, the source's text marked as ``Untranslated``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator.citations import CitationError, parse_citation
from generator.errors import Location, Problems
from generator.kinds import TRANSLATED
from generator.load import load_markdown_file, load_yaml_file
from generator.load.files import content_files, readable_file
from generator.load.nodes import Mapping, Scalar, kind_name
from generator.model import Content, Edition, Term, TranslationNotes
from generator.parallel import Child
from generator.translate.texts import State
from generator.translate.walk import (
    FieldStatus,
    FileStatus,
    Findings,
    Reader,
    TextWalk,
)
from generator.urls import EDITIONS_FILE
from generator.validate.prose import file_lines

YAML_SUFFIXES = (".yml", ".yaml")
FOLDERS = {"pathway": "pathways", "support": "supports", "statute": "statutes", "tree": "trees"}
"""Where each kind with a file per object keeps its translations, in ``content/<language>/``."""
KEYS = {"statute": "citation"}
"""The field that names the translated object, where it is not ``id``."""
REVIEWED = "reviewed"


@dataclass
class Translation:
    """One language's content, with the state of each of its texts and files."""

    language: str
    content: Content
    fields: list[FieldStatus] = field(default_factory=list)
    files: list[FileStatus] = field(default_factory=list)

    def count(self, state: State) -> int:
        return sum(1 for f in self.fields if f.state is state)


@dataclass(frozen=True)
class _Editions:
    """The editions as one object, as their translation file holds them, each by its date."""

    editions: tuple[Edition, ...]


@dataclass(frozen=True)
class _Glossary:
    """The glossary's terms as one object, as its translation file holds them."""

    terms: tuple[Term, ...]


def _reviewed(reader: Reader, node: Mapping | None, file: str) -> dt.date | None:
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


def _file_problem(reader: Reader, kind: str, owner: str, file: str, source_file: str) -> None:
    if reader.partial:
        return
    what = {
        "glossary": "the glossary",
        "site": "the site settings",
        "editions": "the editions' notes",
    }.get(kind, f"{kind} '{owner}'")
    reader.problems.error(
        "missing-translation",
        Location(file, 1, 1),
        f"no '{reader.language}' translation of {what} ({source_file}): write this "
        f"file; 'pathways translations {reader.language} --init' writes it with the text to "
        "translate",
    )


def _translate_one(
    reader: Reader,
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
    walker = TextWalk(reader, kind, owner, file, exists, file_lines(path), source_file, body)
    return walker.walk(obj, TRANSLATED[kind], node, "", "", meta=(*meta, REVIEWED)), status


def _mapping_file(reader: Reader, path: Path) -> Mapping | None:
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


def _file_key(reader: Reader, kind: str, node: Mapping) -> tuple[Any, Scalar] | None:
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
    reader: Reader, kind: str, paths: list[Path], objects: tuple[Any, ...]
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


def _duplicate(reader: Reader, kind: str, written: Scalar, other: str) -> None:
    reader.problems.error(
        "duplicate-id",
        written.loc,
        f"translates the same {kind} as {other}",
        KEYS.get(kind, "id"),
    )


def _translate_share(
    reader: Reader, kind: str, paths: list[Path], objects: tuple[Any, ...]
) -> tuple[dict[Any, _Done], Problems, Findings]:
    share = dataclasses.replace(reader, problems=Problems(), findings=Findings())
    return _translate_files(share, kind, paths, objects), share.problems, share.findings


def _objects(reader: Reader, kind: str, objects: tuple[Any, ...]) -> tuple[Any, ...]:
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


def _pages(reader: Reader) -> tuple[Any, ...]:
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


def _single(reader: Reader, kind: str, name: str, obj: Any, source_file: str) -> Any:
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
    reader = Reader(root, content, language, problems, site.partial_translation, site.language)
    translated_site = _single(reader, "site", "site.yml", site, site.source.file)
    pathways = _objects(reader, "pathway", content.pathways)
    supports = _objects(reader, "support", content.supports)
    statutes = _objects(reader, "statute", content.statutes)
    glossary_file = content.terms[0].source.file if content.terms else "content/glossary.yml"
    glossary = _single(reader, "glossary", "glossary.yml", _Glossary(content.terms), glossary_file)
    pages = _pages(reader)
    trees = _objects(reader, "tree", content.trees)
    editions = content.editions
    if editions:
        editions = _single(
            reader, "editions", "editions.yml", _Editions(editions), EDITIONS_FILE
        ).editions
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
    ) + tuple(
        # Edition notes cite as the source's do: checked, and listed on no statute page.
        u
        for u in found.uses
        if u.citation.section_key in known and u.kind != "editions"
    )
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
        editions=editions,
        uses=uses,
        translation=notes,
        translations={},
    )
    return Translation(language, translated, found.fields, found.files)
