"""The content model: frozen objects and lookups. No file access, no rendering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from generator.citations import SOURCES, Citation, Links, SectionKey
from generator.citations import Source as LawSource
from generator.errors import Location


@dataclass(frozen=True)
class Source:
    """Where an object came from, with the location of each of its fields (``steps[2]``)."""

    file: str
    locs: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def at(self, path: str) -> Location:
        return self.locs.get(path) or Location(self.file, 1, 1)


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    url: str | None = None
    phone: str | None = None
    email: str | None = None

    def __bool__(self) -> bool:
        return any((self.name, self.url, self.phone, self.email))


@dataclass(frozen=True)
class SupportGroup:
    """A group of kinds of support, as the site shows them together; groups keep file order."""

    id: str
    title: str
    intro: str | None = None
    home_title: str | None = None
    """A shorter heading for the home page, where there is one."""


@dataclass(frozen=True)
class Site:
    title: str
    tagline: str
    description: str
    publisher: str
    language: str
    edition: dt.date
    review_interval_days: int
    review_note: str | None
    source: Source
    keep_in_output: tuple[str, ...] | None = None
    ignore_warnings: tuple[str, ...] | None = None
    words: Mapping[str, str] = field(default_factory=dict, compare=False)
    """The program's own words (only those it gives), by name; see generator.vocabulary."""
    support_groups: tuple[SupportGroup, ...] = ()
    languages: tuple[str, ...] = ()
    """Every language the site is published in, ``language`` (the content's own) first."""
    partial_translation: bool = False
    """Whether a language may be published before all of it is translated."""


@dataclass(frozen=True)
class Statute:
    citation: Citation
    heading: str
    summary: str
    text_checked: dt.date
    last_reviewed: dt.date
    review_note: str | None
    source: Source
    given_url: str | None = None
    """The official text's address, for a source with no stable pattern of its own."""
    former_ids: tuple[str, ...] = ()
    """Earlier slugs of its page, each of which redirects to it."""

    @property
    def key(self) -> SectionKey:
        return self.citation.section_key

    @property
    def slug(self) -> str:
        return self.citation.slug

    @property
    def label(self) -> str:
        return self.citation.canonical

    @property
    def url(self) -> str | None:
        return self.given_url or self.citation.url


@dataclass(frozen=True)
class StatuteGroup:
    """The statutes of one source of law, as its group of statute pages shows them."""

    source: LawSource
    statutes: tuple[Statute, ...]

    @property
    def label(self) -> str:
        return self.source.group


@dataclass(frozen=True)
class Support:
    id: str
    title: str
    group: str
    order: int
    also_called: str | None
    summary: str
    description: str
    citations: tuple[Citation, ...]
    last_reviewed: dt.date
    review_note: str | None
    source: Source
    former_ids: tuple[str, ...] = ()
    """Earlier ids, whose pages redirect to this one's."""


@dataclass(frozen=True)
class SupportSection:
    group: SupportGroup
    supports: tuple[Support, ...]


@dataclass(frozen=True)
class Pathway:
    id: str
    title: str
    order: int
    initiated_by: str
    summary: str
    citations: tuple[Citation, ...]
    who_starts: str
    when_it_applies: str
    what_happens_next: str
    next_steps: tuple[str, ...]
    supports: tuple[str, ...]
    related_pathways: tuple[str, ...]
    contact: Contact
    last_reviewed: dt.date
    review_note: str | None
    source: Source
    former_ids: tuple[str, ...] = ()
    """Earlier ids, whose pages redirect to this one's."""


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    stands_for: str | None
    definition: str
    source: Source


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page from ``content/pages``; ``slug`` 'index' is the home page."""

    slug: str
    title: str
    nav_title: str | None
    order: int
    description: str | None
    body: str
    body_line: int
    last_reviewed: dt.date
    source: Source
    former_ids: tuple[str, ...] = ()
    """Earlier names of the page, whose addresses redirect to it."""


@dataclass(frozen=True)
class CitationUse:
    """One place where content cites a section: which object, which field, which subdivision."""

    citation: Citation
    kind: str
    owner_id: str
    field: str
    location: Location
    listed: bool = False
    """Whether it is in a citation list, which must name a statute entry, rather than prose."""


class Untranslated(str):
    """A text published in the source language inside a translated edition, because the site
    allows partial translation: the page marks it with the source's language tag."""

    language: str

    def __new__(cls, text: str, language: str) -> Untranslated:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self) -> tuple[type[Untranslated], tuple[str, str]]:
        # Sent between forked build processes by pickling.
        return (Untranslated, (str(self), self.language))


@dataclass(frozen=True)
class TranslationNotes:
    """What a translated edition of the content says about its translation, for its pages."""

    language: str
    source_language: str
    untranslated: frozenset[tuple[str, str]] = frozenset()
    """(kind, owner id) of each object with a text still in the source language."""
    reviewed: Mapping[tuple[str, str], dt.date | None] = field(default_factory=dict)
    """(kind, owner id) to the date a qualified translator reviewed it, or None if not yet."""

    def is_reviewed(self, kind: str, owner: str) -> bool:
        return self.reviewed.get((kind, owner)) is not None

    def is_complete(self, kind: str, owner: str) -> bool:
        return (kind, owner) not in self.untranslated


@dataclass(frozen=True)
class Changed:
    """What one edition changed, by the ids the content has now (former ids already resolved)."""

    pathways: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    statutes: tuple[str, ...] = ()
    """Statute pages, by slug."""
    trees: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    """Hand-written pages, by slug ('index' is the home page)."""


@dataclass(frozen=True)
class Edition:
    """One published edition of the guidance: when, what it changed, and notes in plain words."""

    date: dt.date
    notes: tuple[str, ...]
    changed: Changed
    source: Source
    index: int
    """Its place in the editions file, for locating its fields (``editions[0].date``)."""


@dataclass(frozen=True)
class Content:
    site: Site
    pathways: tuple[Pathway, ...]
    supports: tuple[Support, ...]
    statutes: tuple[Statute, ...]
    terms: tuple[Term, ...]
    pages: tuple[Page, ...]
    uses: tuple[CitationUse, ...]
    trees: tuple[Tree, ...] = ()
    editions: tuple[Edition, ...] = ()
    """Newest first; empty when the site keeps no record of its editions."""
    translation: TranslationNotes | None = field(default=None, compare=False)
    """For a translated edition: what it says about its translation; None for the source."""
    translations: Mapping[str, Content] = field(default_factory=dict, compare=False, repr=False)
    """The same content in each other language the site declares, by language tag."""

    def for_language(self, language: str) -> Content:
        """This content in one of the site's languages (the source's own is itself)."""
        if language == self.site.language:
            return self
        return self.translations[language]

    @cached_property
    def pathway_by_id(self) -> dict[str, Pathway]:
        return {p.id: p for p in self.pathways}

    @cached_property
    def support_by_id(self) -> dict[str, Support]:
        return {s.id: s for s in self.supports}

    @cached_property
    def statute_by_key(self) -> dict[SectionKey, Statute]:
        return {s.key: s for s in self.statutes}

    @cached_property
    def statute_groups(self) -> tuple[StatuteGroup, ...]:
        """The statutes by source, in the registry's order; within each, in the statutes' order."""
        groups: dict[str, list[Statute]] = {}
        for s in self.statutes:
            groups.setdefault(s.citation.code, []).append(s)
        return tuple(
            StatuteGroup(SOURCES[code], tuple(members))
            for code in SOURCES
            if (members := groups.get(code))
        )

    @cached_property
    def links(self) -> Links:
        """Where citations link, with the addresses statute entries give."""
        return Links(
            tuple((s.key, s.given_url) for s in self.statutes if s.given_url),
            language=self.site.language,
        )

    def statute_for(self, citation: Citation) -> Statute | None:
        return self.statute_by_key.get(citation.section_key)

    def supports_in(self, group: str) -> list[Support]:
        return sorted(
            (s for s in self.supports if s.group == group), key=lambda s: (s.order, s.title)
        )

    @cached_property
    def support_sections(self) -> tuple[SupportSection, ...]:
        """Each group that has kinds of support, with them, in the order the groups are given."""
        return tuple(
            SupportSection(group, tuple(members))
            for group in self.site.support_groups
            if (members := self.supports_in(group.id))
        )

    @cached_property
    def _uses_by_section(self) -> dict[SectionKey, list[CitationUse]]:
        index: dict[SectionKey, list[CitationUse]] = {}
        for use in self.uses:
            index.setdefault(use.citation.section_key, []).append(use)
        return index

    @cached_property
    def _pathways_by_support(self) -> dict[str, list[Pathway]]:
        index: dict[str, list[Pathway]] = {}
        for p in self.pathways:
            for sid in p.supports:
                index.setdefault(sid, []).append(p)
        return index

    def uses_of(self, statute: Statute) -> list[CitationUse]:
        return self._uses_by_section.get(statute.key, [])

    def pathways_using(self, support: Support) -> list[Pathway]:
        return self._pathways_by_support.get(support.id, [])

    @cached_property
    def tree_by_id(self) -> dict[str, Tree]:
        return {t.id: t for t in self.trees}

    def abbreviations(self) -> dict[str, str]:
        return {t.term: t.stands_for for t in self.terms if t.stands_for}


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    next: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    hint: str | None
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    text: str
    pathways: tuple[str, ...]
    supports: tuple[str, ...]
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class Tree:
    """A decision tree: questions whose answers lead to another question or to an outcome."""

    id: str
    title: str
    intro: str
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    last_reviewed: dt.date
    review_note: str | None
    source: Source
    former_ids: tuple[str, ...] = ()
    """Earlier ids, whose pages (and iframe pages) redirect to this tree's."""

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def outcome_by_id(self) -> dict[str, Outcome]:
        return {o.id: o for o in self.outcomes}
