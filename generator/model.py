"""The content model: frozen objects and lookups. No file access, no rendering.

Each field read from a file is declared once, in its annotation (``generator.fields``): the
validator's converter, the editors' JSON Schema, the open data's schema and the list of text to
translate are all read from these declarations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, ClassVar

from generator import urls
from generator.citations import SOURCES, Citation, Links, SectionKey
from generator.citations import Source as LawSource
from generator.errors import Location
from generator.fields import (
    About,
    Bool,
    Date,
    Derived,
    Field,
    Id,
    Int,
    Line,
    ListOf,
    Obj,
    Ref,
    Str,
    Text,
    WebAddress,
)
from generator.fields.values import (
    CITATION,
    EMAIL,
    LANGUAGE,
    LAST_REVIEWED,
    OFFICIAL_URL,
    OUTPUT_PATH,
    PHONE,
    PROBLEM_CODE,
    REVIEW_NOTE,
    SECTION,
    Words,
    renamed_from,
)
from generator.vocabulary import COUNT


@dataclass(frozen=True)
class Source:
    """Where an object came from, with the location of each of its fields (``steps[2]``)."""

    file: str
    locs: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def at(self, path: str) -> Location:
        return self.locs.get(path) or Location(self.file, 1, 1)


@dataclass(frozen=True)
class Contact:
    about: ClassVar[About] = About(
        "contact", "Contact", "Who to ask; leave out anything not confirmed"
    )

    name: Annotated[str | None, Field(Str(), "Name of the office")] = None
    url: Annotated[str | None, Field(WebAddress(), "Web page: a full http(s) address")] = None
    phone: Annotated[str | None, Field(PHONE, "Phone")] = None
    email: Annotated[str | None, Field(EMAIL, "E-mail")] = None

    def __bool__(self) -> bool:
        return any((self.name, self.url, self.phone, self.email))


GROUP_COUNT = f" {COUNT} is the number of kinds of support in the group."


@dataclass(frozen=True)
class SupportGroup:
    """A group of kinds of support, as the site shows them together; groups keep file order."""

    about: ClassVar[About] = About(
        "support_group",
        "Support group",
        "A group of kinds of support, shown together under its title; groups are shown in the "
        "order they are listed",
    )

    id: Annotated[str, Field(Id(), "Identifier that each kind of support names as its group")]
    title: Annotated[str, Field(Line(), f"The group's heading.{GROUP_COUNT}")]
    intro: Annotated[
        str | None,
        Field(Text(), f"Shown under the heading, before the list.{GROUP_COUNT}"),
    ] = None
    home_title: Annotated[
        str | None,
        Field(
            Line(),
            f"A heading for the group on the home page, if not its title.{GROUP_COUNT}",
            public=False,
        ),
    ] = None
    """A shorter heading for the home page, where there is one."""


@dataclass(frozen=True)
class Site:
    about: ClassVar[About] = About(
        "site", "Site settings", "Settings for the whole guidance site: content/site.yml"
    )

    title: Annotated[str, Field(Line(), "The site's name")]
    tagline: Annotated[str, Field(Text(), "One or two sentences under the title on the home page")]
    description: Annotated[
        str, Field(Line(max_length=300), "Description for search engines and the handbook")
    ]
    publisher: Annotated[str, Field(Str(), "Who publishes the guidance")]
    language: Annotated[
        str,
        Field(
            LANGUAGE,
            "The site's one language; the older form of 'languages' with one item",
            default=None,
        ),
    ]
    edition: Annotated[dt.date, Field(Date(), "Date of this edition, shown on the handbook cover")]
    review_interval_days: Annotated[
        int, Field(Int(1, 3650), "check warns about anything reviewed longer ago")
    ]
    review_note: Annotated[str | None, REVIEW_NOTE]
    source: Source
    keep_in_output: Annotated[
        tuple[str, ...] | None,
        Field(
            ListOf(OUTPUT_PATH),
            "Files or folders a host needs beside the site (CNAME, .nojekyll, .well-known/): a"
            " build copies them from the previous output into the new one instead of refusing"
            " to replace a folder that holds them",
        ),
    ] = None
    ignore_warnings: Annotated[
        tuple[str, ...] | None,
        Field(
            ListOf(PROBLEM_CODE),
            "Codes of warnings this site does not want to see (the README lists the codes);"
            " errors cannot be turned off",
        ),
    ] = None
    words: Annotated[
        Mapping[str, str],
        Field(Words(), "The program's own words"),
    ] = field(default_factory=dict, compare=False)
    """The program's own words (only those it gives), by name; see generator.vocabulary."""
    support_groups: Annotated[
        tuple[SupportGroup, ...],
        Field(
            ListOf(Obj(SupportGroup), unique=False),
            "The groups of kinds of support, in the order they are shown",
        ),
    ] = ()
    languages: Annotated[
        tuple[str, ...],
        Field(
            ListOf(LANGUAGE, min_items=1),
            "The languages the site is published in, the one its content is written in first "
            "(default: [en]); the others are translated in content/<language>/",
            default=None,
        ),
    ] = ()
    """Every language the site is published in, ``language`` (the content's own) first."""
    partial_translation: Annotated[
        bool,
        Field(
            Bool(),
            "Publish a language before all of it is translated: untranslated text shows in the "
            "first language, marked as such (default: false, a missing translation is an error)",
        ),
    ] = False
    """Whether a language may be published before all of it is translated."""


@dataclass(frozen=True)
class Statute:
    about: ClassVar[About] = About("statute", "Statute", "One section of law that content cites")

    citation: Annotated[
        Citation,
        Field(SECTION, "The section, such as 'Gov. Code § 11135' or '20 U.S.C. § 6311'"),
    ]
    heading: Annotated[str, Field(Line(), "What the section is about, in plain words")]
    summary: Annotated[str, Field(Text(), "A plain-language summary")]
    text_checked: Annotated[
        dt.date,
        Field(Date(), "When the summary was last checked against the official text"),
    ]
    last_reviewed: Annotated[dt.date, LAST_REVIEWED]
    review_note: Annotated[str | None, REVIEW_NOTE]
    source: Source
    given_url: Annotated[
        str | None,
        Field(
            OFFICIAL_URL,
            "The official text's address, for a source without a standard one (the California "
            "Code of Regulations); other sources link to their official text by themselves",
            key="url",
            public=False,
        ),
    ] = None
    """The official text's address, for a source with no stable pattern of its own."""
    former_ids: Annotated[
        tuple[str, ...], renamed_from("names of this section's page, such as 'ec-52072'")
    ] = ()
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
    language: str = "en"

    @property
    def label(self) -> str:
        """The source's name in the page's language, where the registry gives one."""
        names = self.source.names_in(self.language)
        return names.name if names else self.source.group


@dataclass(frozen=True)
class Support:
    about: ClassVar[About] = About(
        "support",
        "Kind of support",
        "One kind of support that a pathway can lead to",
        replaced=(
            (
                "category",
                "write 'group:' instead, naming one of the support_groups in content/site.yml",
            ),
        ),
    )

    id: Annotated[str, Field(Id(), "Identifier used in links and references")]
    title: Annotated[str, Field(Line(), "Name of the support")]
    group: Annotated[
        str, Field(Id(), "The id of its group, one of the support_groups in content/site.yml")
    ]
    order: Annotated[int, Field(Int(0, 999), "Position within its group")]
    also_called: Annotated[str | None, Field(Line(), "Another name in use for it", default=None)]
    summary: Annotated[str, Field(Text(), "One sentence for lists")]
    description: Annotated[str, Field(Text(), "What the support is")]
    citations: Annotated[
        tuple[Citation, ...],
        Field(ListOf(CITATION), "Statutes this support rests on", default=()),
    ]
    last_reviewed: Annotated[dt.date, LAST_REVIEWED]
    review_note: Annotated[str | None, REVIEW_NOTE]
    source: Source
    former_ids: Annotated[tuple[str, ...], renamed_from("ids of this support")] = ()
    """Earlier ids, whose pages redirect to this one's."""


@dataclass(frozen=True)
class SupportSection:
    group: SupportGroup
    supports: tuple[Support, ...]


@dataclass(frozen=True)
class Pathway:
    about: ClassVar[About] = About(
        "pathway",
        "Pathway",
        "One way into the program's support: who starts it, when it applies and the law behind it",
    )

    id: Annotated[str, Field(Id(), "Identifier used in links and references")]
    title: Annotated[str, Field(Line(), "Name of the pathway")]
    order: Annotated[int, Field(Int(0, 9999), "Position in lists")]
    initiated_by: Annotated[str, Field(Line(max_length=80), "Who starts it, in a few words")]
    summary: Annotated[str, Field(Text(), "One or two sentences for lists")]
    citations: Annotated[
        tuple[Citation, ...],
        Field(ListOf(CITATION, min_items=1), "The legal basis, first the main one"),
    ]
    who_starts: Annotated[str, Field(Text(), "Who starts it and how")]
    when_it_applies: Annotated[str, Field(Text(), "When it applies")]
    what_happens_next: Annotated[str, Field(Text(), "What happens next")]
    next_steps: Annotated[
        tuple[str, ...], Field(ListOf(Text(), min_items=1), "What the reader can do now")
    ]
    supports: Annotated[
        tuple[str, ...], Field(ListOf(Ref("support")), "Kinds of support it can lead to")
    ]
    related_pathways: Annotated[
        tuple[str, ...],
        Field(ListOf(Ref("pathway")), "Other pathways to read", default=()),
    ]
    contact: Annotated[
        Contact,
        Field(Obj(Contact), "Who to ask; leave empty unless confirmed", default=Contact()),
    ]
    last_reviewed: Annotated[dt.date, LAST_REVIEWED]
    review_note: Annotated[str | None, REVIEW_NOTE]
    source: Source
    former_ids: Annotated[tuple[str, ...], renamed_from("ids of this pathway")] = ()
    """Earlier ids, whose pages redirect to this one's."""


@dataclass(frozen=True)
class Term:
    about: ClassVar[About] = About(
        "term",
        "Glossary term",
        "A term, its expansion if it is an abbreviation, and its definition",
        key="term",
    )

    term: Annotated[str, Field(Line(max_length=80), "The term as written")]
    stands_for: Annotated[
        str | None, Field(Line(), "What an abbreviation stands for", default=None)
    ]
    definition: Annotated[str, Field(Text(), "A plain-language definition")]
    source: Source

    @property
    def id(self) -> str:
        """Its anchor on the glossary page."""
        return urls.slugify(self.term) or "term"


@dataclass(frozen=True)
class Glossary:
    """The glossary file: its terms are the content's."""

    about: ClassVar[About] = About(
        "glossary",
        "Glossary",
        "Terms explained on the glossary page; abbreviations get a tooltip across the site",
    )

    terms: Annotated[tuple[Term, ...], Field(ListOf(Obj(Term), min_items=1), "The terms")]


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page from ``content/pages``; ``slug`` 'index' is the home page."""

    about: ClassVar[About] = About(
        "page", "Page front matter", "Fields at the top of a hand-written Markdown page"
    )

    slug: Annotated[str, Derived("the file's name without .md")]
    title: Annotated[str, Field(Line(), "The page title")]
    nav_title: Annotated[
        str | None,
        Field(Line(max_length=40), "A shorter title for the navigation", default=None),
    ]
    order: Annotated[int, Field(Int(0, 999), "Position in the navigation", default=100)]
    description: Annotated[
        str | None,
        Field(Line(max_length=300), "Description for search engines", default=None),
    ]
    body: Annotated[str, Derived("the Markdown after the front matter", translatable=True)]
    body_line: Annotated[int, Derived("the line of the file the body starts on")]
    last_reviewed: Annotated[dt.date, LAST_REVIEWED]
    source: Source
    former_ids: Annotated[
        tuple[str, ...], renamed_from("file names of this page, without '.md'")
    ] = ()
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

    about: ClassVar[About] = About(
        "changed",
        "What changed",
        "The pages an edition changed, by the ids they have now (or had then: former ids are "
        "followed); each is linked from the What's changed page",
    )

    pathways: Annotated[tuple[str, ...], Field(ListOf(Ref("pathway")), "Pathways, by id")] = ()
    supports: Annotated[
        tuple[str, ...], Field(ListOf(Ref("support")), "Kinds of support, by id")
    ] = ()
    statutes: Annotated[
        tuple[str, ...],
        Field(ListOf(Id()), "Statute pages, by the name of their page, such as 'ec-52072'"),
    ] = ()
    """Statute pages, by slug."""
    trees: Annotated[
        tuple[str, ...],
        Field(
            ListOf(Ref("tree")),
            "Decision trees, by id; counties must copy their script snippets again",
        ),
    ] = ()
    pages: Annotated[
        tuple[str, ...],
        Field(
            ListOf(Id()),
            "Hand-written pages, by file name without '.md' ('index' is the home page)",
        ),
    ] = ()
    """Hand-written pages, by slug ('index' is the home page)."""


@dataclass(frozen=True)
class Edition:
    """One published edition of the guidance: when, what it changed, and notes in plain words."""

    about: ClassVar[About] = About(
        "edition", "Edition", "One published edition of the guidance", key="date"
    )

    date: Annotated[
        dt.date, Field(Date(), "The day it was published (YYYY-MM-DD); not after the build")
    ]
    notes: Annotated[
        tuple[str, ...],
        Field(ListOf(Text(), min_items=1), "What changed, in plain words, one point per item"),
    ]
    changed: Annotated[Changed, Field(Obj(Changed), "The pages it changed", default=Changed())]
    source: Source
    index: Annotated[int, Derived("its place in the editions file")] = 0
    """Its place in the editions file, for locating its fields (``editions[0].date``)."""


@dataclass(frozen=True)
class Editions:
    """The editions file: its editions are the content's."""

    about: ClassVar[About] = About(
        "editions",
        "Editions",
        "Every edition of the guidance, newest first, for the What's changed page and the Atom "
        "feed: content/editions.yml",
    )

    editions: Annotated[
        tuple[Edition, ...],
        Field(
            ListOf(Obj(Edition), min_items=1, unique=False),
            "The editions, newest first; the newest is the edition in content/site.yml",
        ),
    ]


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
            StatuteGroup(SOURCES[code], tuple(members), self.site.language)
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
    about: ClassVar[About] = About(
        "answer", "Answer", "One answer to a question and where it leads"
    )

    id: Annotated[str, Field(Id(), "Identifier, unique within the question")]
    label: Annotated[str, Field(Line(max_length=160), "What the reader chooses")]
    next: Annotated[str, Field(Id(), "The id of the next question or of an outcome")]


@dataclass(frozen=True)
class Question:
    about: ClassVar[About] = About("question", "Question", "One question of a decision tree")

    id: Annotated[str, Field(Id(), "Identifier, unique within the tree")]
    text: Annotated[str, Field(Line(max_length=300), "The question, in plain words")]
    hint: Annotated[str | None, Field(Text(), "Explains terms in the question", default=None)]
    answers: Annotated[
        tuple[Answer, ...],
        Field(ListOf(Obj(Answer), min_items=2, unique=False), "At least two answers"),
    ]

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Outcome:
    about: ClassVar[About] = About("outcome", "Outcome", "Where a path through the tree ends")

    id: Annotated[str, Field(Id(), "Identifier, unique within the tree")]
    title: Annotated[str, Field(Line(), "The result, as a heading")]
    text: Annotated[str, Field(Text(), "What the result means")]
    pathways: Annotated[
        tuple[str, ...],
        Field(ListOf(Ref("pathway")), "The pathways that apply (may be empty)"),
    ]
    supports: Annotated[
        tuple[str, ...],
        Field(ListOf(Ref("support")), "Kinds of support to look at", default=()),
    ]
    next_steps: Annotated[tuple[str, ...], Field(ListOf(Text()), "What to do next", default=())]


@dataclass(frozen=True)
class Tree:
    """A decision tree: questions whose answers lead to another question or to an outcome."""

    about: ClassVar[About] = About(
        "tree",
        "Decision tree",
        "Questions that lead a reader to the pathways that apply: decision_trees/<id>.yml",
    )

    id: Annotated[str, Field(Id(), "Identifier, used in links and embed file names")]
    title: Annotated[str, Field(Line(), "The tree's page title")]
    intro: Annotated[str, Field(Text(), "Shown before the first question")]
    start: Annotated[str, Field(Id(), "The id of the first question")]
    questions: Annotated[
        tuple[Question, ...],
        Field(ListOf(Obj(Question), min_items=1, unique=False), "The questions"),
    ]
    outcomes: Annotated[
        tuple[Outcome, ...],
        Field(ListOf(Obj(Outcome), min_items=1, unique=False), "The outcomes"),
    ]
    last_reviewed: Annotated[dt.date, LAST_REVIEWED]
    review_note: Annotated[str | None, REVIEW_NOTE]
    source: Source
    former_ids: Annotated[tuple[str, ...], renamed_from("ids of this tree")] = ()
    """Earlier ids, whose pages (and iframe pages) redirect to this tree's."""

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def outcome_by_id(self) -> dict[str, Outcome]:
        return {o.id: o for o in self.outcomes}
