"""The kinds of content: where each object of a kind is found, and which of its texts are
translated.

The site's statute pages and the handbook both list who cites a section; both read it from
``cited_by`` here, so a new kind of content is added to ``KINDS`` once and shows up in both.
Translations (``generator.translate``) read each kind's ``texts``: what is not listed there
(ids, citations, order, references, a tree's logic) comes from the source language only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator import urls
from generator.citations import Citation
from generator.fields import ListOf, Obj, Spec, spec_of
from generator.fields.values import Words
from generator.model import (
    Content,
    Editions,
    Glossary,
    Page,
    Pathway,
    Site,
    Statute,
    Support,
    Tree,
)

FILE_MODELS: dict[str, type] = {
    "site": Site,
    "support": Support,
    "pathway": Pathway,
    "statute": Statute,
    "glossary": Glossary,
    "page": Page,
    "tree": Tree,
    "editions": Editions,
}
"""The model class of each kind of content file, whose declarations say what the file holds."""


@dataclass(frozen=True)
class Place:
    """Where one object of content lives: its title, its page and its entry in the handbook."""

    title: str | None
    """None when the interface names it rather than content (the glossary)."""
    doc: str
    """Its page's Markdown document, as ``urls`` names it."""
    anchor: str
    """The id of its chapter or entry in the handbook."""


@dataclass(frozen=True)
class Texts:
    """The translatable texts of one kind of object, and of the objects inside it."""

    fields: tuple[str, ...] = ()
    """Fields that hold one text (None where the source leaves an optional one out)."""
    lists: tuple[str, ...] = ()
    """Fields that hold a list of texts, translated item by item in the source's order."""
    named: tuple[str, ...] = ()
    """Fields that hold texts by name (a site's words)."""
    parts: tuple[tuple[str, str, Texts], ...] = ()
    """Fields that hold objects: the field, the attribute that keys each object in a
    translation (its id), and the object's own texts."""

    def paths(self, prefix: str = "") -> list[str]:
        """Every translatable field, as a path: ``questions.<id>.answers.<id>.label``."""
        out = [f"{prefix}{name}" for name in self.fields]
        out += [f"{prefix}{name}[]" for name in self.lists]
        out += [f"{prefix}{name}.<name>" for name in self.named]
        for name, key, texts in self.parts:
            out += texts.paths(f"{prefix}{name}.<{key}>.")
        return out


@dataclass(frozen=True)
class ContentKind:
    name: str
    place: Callable[[Content, str], Place]
    """Where the object with this owner id is; the id is the one ``CitationUse.owner_id`` gives."""
    texts: Texts = Texts()
    """What a translation of an object of this kind translates."""


def _pathway(c: Content, owner: str) -> Place:
    return Place(
        c.pathway_by_id[owner].title,
        urls.pathway_page(owner),
        urls.handbook_anchor("pathway", owner),
    )


def _support(c: Content, owner: str) -> Place:
    return Place(
        c.support_by_id[owner].title,
        urls.support_page(owner),
        urls.handbook_anchor("support", owner),
    )


def _statute(c: Content, owner: str) -> Place:
    # A statute entry cites under its label, but its page and entry are named by its slug.
    other = next(s for s in c.statutes if s.label == owner)
    return Place(
        f"{other.label}: {other.heading}",
        urls.statute_page(other.slug),
        urls.handbook_anchor("statute", other.slug),
    )


def _tree(c: Content, owner: str) -> Place:
    return Place(
        c.tree_by_id[owner].title, urls.tree_page(owner), urls.handbook_anchor("tree", owner)
    )


def _glossary(c: Content, owner: str) -> Place:
    return Place(None, urls.GLOSSARY_PAGE, urls.HANDBOOK_GLOSSARY)


def _page(c: Content, owner: str) -> Place:
    page = next(p for p in c.pages if p.slug == owner)
    # The home page's text opens the handbook as its introduction.
    anchor = (
        urls.HANDBOOK_INTRODUCTION if owner == urls.INDEX else urls.handbook_anchor("page", owner)
    )
    return Place(page.title, urls.content_page(owner), anchor)


def _site(c: Content, owner: str) -> Place:
    return Place(c.site.title, urls.HOME_PAGE, urls.HANDBOOK_INTRODUCTION)


def texts_of(spec: Spec[Any]) -> Texts:
    """The translatable texts of a kind, as its fields' declarations mark them."""
    fields: list[str] = []
    lists: list[str] = []
    named: list[str] = []
    parts: list[tuple[str, str, Texts]] = []
    for f in spec.fields:
        kind = f.type
        if isinstance(kind, Words):
            if f.translatable is not False:
                named.append(f.key)
        elif isinstance(kind, ListOf) and isinstance(kind.item, Obj):
            inner = kind.item.spec
            key = inner.model.__dict__["about"].key if inner.model is not None else "id"
            parts.append((f.key, key, texts_of(inner)))
        elif isinstance(kind, ListOf):
            if f.translated(kind.item):
                lists.append(f.key)
        elif not isinstance(kind, Obj) and f.translated(kind):
            fields.append(f.key)
    fields += spec.translated_derived
    return Texts(tuple(fields), tuple(lists), tuple(named), tuple(parts))


def _kind(name: str, place: Callable[[Content, str], Place]) -> ContentKind:
    return ContentKind(name, place, texts_of(spec_of(FILE_MODELS[name])))


KINDS: dict[str, ContentKind] = {
    kind.name: kind
    for kind in (
        _kind("pathway", _pathway),
        _kind("support", _support),
        _kind("statute", _statute),
        _kind("tree", _tree),
        _kind("glossary", _glossary),
        _kind("page", _page),
        _kind("site", _site),
    )
}
"""Every kind of content, by the name ``CitationUse.kind`` gives it."""


TRANSLATED: dict[str, Texts] = {
    **{name: kind.texts for name, kind in KINDS.items()},
    # The editions file cites nothing a statute page lists, so it is no kind of citer; its
    # notes are translated all the same, each edition named by its date.
    "editions": texts_of(spec_of(FILE_MODELS["editions"])),
}
"""What a translation of each kind of file translates."""


def translatable_fields(kind: str) -> list[str]:
    """The paths of the fields a translation of ``kind`` holds, as the model's declarations
    mark them: ``summary``, ``next_steps[]``, ``questions.<id>.answers.<id>.label``."""
    return TRANSLATED[kind].paths()


@dataclass(frozen=True)
class CitedBy:
    """One object that cites a section, with every citation of the section it makes."""

    kind: str
    place: Place
    citations: tuple[Citation, ...]


def cited_by(content: Content, statute: Statute) -> list[CitedBy]:
    """Who cites a section, one row per citing object, in the order of the subdivisions they
    cite as they come in the section ((a), (b), (b)(1), (b)(2), (b)(10)), the whole section
    first; rows citing the same subdivision keep the order they first cite it.

    A statute entry's own citation of its section is its heading, not a reference to it.
    """
    cited: dict[tuple[str, str], list[Citation]] = {}
    for use in content.uses_of(statute):
        if use.kind == "statute" and use.owner_id == statute.label:
            continue
        cited.setdefault((use.kind, use.owner_id), []).append(use.citation)
    rows = sorted(cited.items(), key=lambda row: min(c.subdivision_sort_key for c in row[1]))
    return [
        CitedBy(kind, KINDS[kind].place(content, owner), tuple(citations))
        for (kind, owner), citations in rows
    ]
