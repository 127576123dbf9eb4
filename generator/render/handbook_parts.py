"""What the handbook's templates read: its contents, cross references and rendered text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import markdown
from markupsafe import Markup, escape

from generator import urls
from generator.citations import Citation
from generator.evaluate import all_paths
from generator.kinds import Place, cited_by
from generator.model import (
    Content,
    Page,
    Statute,
    StatuteGroup,
    SupportSection,
    Tree,
    Untranslated,
)
from generator.render.flowchart import (
    PRINT_HEIGHT,
    PRINT_WIDTH,
    flowchart_svg,
    outline,
)
from generator.render.pages import (
    official_text_note,
    site_links,
    source_name,
    statutes_title,
    subdivisions_cited,
)
from generator.render.prose import abbreviation_definitions, prose
from generator.render.rich import sanitize, to_html
from generator.render.strings import Strings
from generator.urls import handbook_anchor

# Links that lead somewhere from a printed page: the web, mail, phone, or inside the handbook.
_KEPT_LINK = re.compile(r"(?:https?:|mailto:|tel:|#)", re.IGNORECASE)
# A hand-written page's anchors are its headings' ids on the web; in the handbook they have none.
_WEB_LINK = re.compile(r"(?:https?:|mailto:|tel:)", re.IGNORECASE)
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_WEB_ADDRESS = re.compile(r'<a href="(https?://[^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


anchor = handbook_anchor
REVIEWS = "reviews"
# The handbook's one family (its stylesheet says the same), which the flowchart draws in too.
BOOK_FONT = "'Liberation Sans', Arial, sans-serif"


def mark(text: str) -> Markup:
    """A text as HTML, inside an element tagged with its own language when it is still in the
    source's: a screen reader, and the PDF's tags, then read it in that language."""
    if isinstance(text, Untranslated):
        return Markup('<span lang="{}">{}</span>').format(text.language, str(text))
    return escape(text)


def _in_language(text: str, html: str, element: str) -> str:
    if isinstance(text, Untranslated):
        return f'<{element} lang="{escape(text.language)}">{html}</{element}>'
    return html


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents."""

    anchor: str
    title: str
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class CitedIn:
    """Where the handbook cites a section: one row per citing object."""

    kind: str
    title: str
    anchor: str
    subdivisions: str


@dataclass(frozen=True)
class Reviewed:
    """A row of the review dates at the end: a part of the handbook and when it was reviewed."""

    title: str
    anchor: str
    last_reviewed: str
    text_checked: str = ""


@dataclass(frozen=True)
class Step:
    question: str
    answer: str
    anchor: str


@dataclass(frozen=True)
class Scenario:
    number: int
    steps: tuple[Step, ...]
    outcome: str
    outcome_anchor: str
    pathways: tuple[tuple[str, str], ...]  # title, anchor


@dataclass
class TreeView:
    tree: Tree
    svg: Markup
    items: list[Any] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)


def _local_links(html: str, kept: re.Pattern[str] = _KEPT_LINK) -> str:
    """Links relative to a web page lead nowhere from the handbook: keep their words only."""
    return _LINK.sub(lambda m: m.group(0) if kept.match(m.group(1)) else m.group(2), html)


class Handbook:
    """Everything the handbook's templates read, computed once from the content."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.t = Strings.of(content)
        self.abbreviations = content.abbreviations()
        self.links = site_links(content, self.t)
        self.in_appendix = {st.url: st for st in content.statutes if st.url}

    def to_appendix(self, html: str) -> str:
        """A link to a section of the law leads to its entry in the appendix, which prints the
        official address once: printed after every mention, a long address breaks the sentence."""

        def swap(m: re.Match[str]) -> str:
            statute = self.in_appendix.get(m.group(1).replace("&amp;", "&"))
            if statute is None:
                return m.group(0)
            target = anchor("statute", statute.slug)
            return str(
                Markup('<a class="xref law-ref" href="#{}" data-section="{}">').format(
                    target, statute.label
                )
                + Markup(m.group(2))
                + Markup("</a>")
            )

        return _WEB_ADDRESS.sub(swap, html)

    def md(self, text: str) -> Markup:
        html = self.to_appendix(_local_links(to_html(text, self.abbreviations, self.links)))
        return Markup(_in_language(text, html, "div"))

    def md_inline(self, text: str) -> Markup:
        """One paragraph without its ``<p>``, for list items and table cells."""
        html = self.to_appendix(_local_links(to_html(text, self.abbreviations, self.links)))
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(_in_language(text, html, "span"))

    def page_body(self, page: Page) -> Markup:
        """A hand-written page keeps its headings, one level under the chapter's title."""
        source = prose(page.body, self.links)
        if self.abbreviations:
            source += "\n\n" + abbreviation_definitions(self.abbreviations)
        html = markdown.markdown(source, extensions=["abbr"])
        html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
        html = self.to_appendix(_local_links(sanitize(html, headings=True), _WEB_LINK))
        return Markup(_in_language(page.body, html, "div"))

    def say(self, key: str, **values: str) -> Markup:
        """A sentence of the locale with content filled in, each text in its own language."""
        return Markup(escape(self.t(key))).format(**{k: mark(v) for k, v in values.items()})

    def notices(self) -> list[str]:
        """What a translated handbook says once, near its start, about its translation."""
        notes = self.content.translation
        if notes is None:
            return []
        found = []
        if any(day is None for day in notes.reviewed.values()):
            found.append(self.t("translation.unreviewed"))
        if notes.untranslated:
            language = self.t(f"language_names.{notes.source_language}")
            found.append(self.t("translation.untranslated", language=language))
        return found

    def official_note(self, statute: Statute) -> str | None:
        return official_text_note(self.content, statute, self.t)

    def source_name(self, group: StatuteGroup) -> str:
        return source_name(self.content, group.source)

    def cite(self, citation: Citation, text: str | None = None) -> Markup:
        url = self.links.url(citation)
        if url is None:
            return Markup("{}").format(text or citation.canonical)
        return Markup('<a href="{}" title="{}">{}</a>').format(
            url, self.links.title_of(citation) or "", text or citation.canonical
        )

    @property
    def home(self) -> Page | None:
        return next((p for p in self.content.pages if p.slug == "index"), None)

    @property
    def other_pages(self) -> list[Page]:
        return [p for p in self.content.pages if p.slug != "index"]

    def toc(self) -> list[Entry]:
        c, t = self.content, self.t
        entries = [Entry(urls.HANDBOOK_INTRODUCTION, t("handbook.introduction"))]
        entries += [
            Entry(anchor("group", section.group.id), self.group_title(section))
            for section in c.support_sections
        ]
        pathways = tuple(Entry(anchor("pathway", p.id), p.title) for p in c.pathways)
        entries.append(Entry("pathways", t("handbook.pathways_part"), pathways))
        entries += [Entry(anchor("tree", tree.id), tree.title) for tree in c.trees]
        groups = tuple(
            Entry(
                anchor("statutes", group.source.slug),
                self.source_name(group),
                tuple(
                    Entry(
                        anchor("statute", s.slug),
                        Markup("{}: {}").format(mark(s.label), mark(s.heading)),
                    )
                    for s in group.statutes
                ),
            )
            for group in c.statute_groups
        )
        if groups:
            title = t("handbook.appendix_statutes", title=statutes_title(c, t))
            # One source needs no heading of its own: the appendix's title names it.
            entries.append(
                Entry("statutes", title, groups if len(groups) > 1 else groups[0].children)
            )
        if c.terms:
            entries.append(Entry(urls.HANDBOOK_GLOSSARY, t("glossary.title")))
        entries += [Entry(anchor("page", p.slug), p.title) for p in self.other_pages]
        entries.append(Entry(REVIEWS, t("handbook.reviews_title")))
        return entries

    def reviewed(self) -> list[Reviewed]:
        """Each part of the guidance and when it was last reviewed, in the handbook's order."""
        c, t, day = self.content, self.t, self.t.longdate
        rows = []
        if self.home is not None:
            rows.append(
                Reviewed(
                    t("handbook.introduction"),
                    urls.HANDBOOK_INTRODUCTION,
                    day(self.home.last_reviewed),
                )
            )
        for section in c.support_sections:
            rows += [
                Reviewed(s.title, anchor("support", s.id), day(s.last_reviewed))
                for s in section.supports
            ]
        rows += [
            Reviewed(p.title, anchor("pathway", p.id), day(p.last_reviewed)) for p in c.pathways
        ]
        rows += [Reviewed(tr.title, anchor("tree", tr.id), day(tr.last_reviewed)) for tr in c.trees]
        rows += [
            Reviewed(p.title, anchor("page", p.slug), day(p.last_reviewed))
            for p in self.other_pages
        ]
        return rows

    def law_reviewed(self) -> list[Reviewed]:
        """Each section of the law, when its summary was reviewed and checked against the law."""
        day = self.t.longdate
        return [
            Reviewed(
                st.label,
                anchor("statute", st.slug),
                day(st.last_reviewed),
                day(st.text_checked),
            )
            for group in self.content.statute_groups
            for st in group.statutes
        ]

    def group_title(self, section: SupportSection) -> str:
        title = section.group.title
        counted = self.t.counted(title, len(section.supports))
        return Untranslated(counted, title.language) if isinstance(title, Untranslated) else counted

    def group_intro(self, section: SupportSection) -> Markup | None:
        intro = section.group.intro
        if not intro:
            return None
        counted = self.t.counted(intro, len(section.supports))
        if isinstance(intro, Untranslated):
            counted = Untranslated(counted, intro.language)
        return self.md(counted)

    def cited_in(self, statute: Statute) -> list[CitedIn]:
        """Who cites a section and which subdivisions, as on the section's web page."""
        # Kept on one line: the column is as narrow as its longest unbreakable word.
        whole = self.t("statute.whole_section").replace(" ", "\u00a0")
        return [
            CitedIn(
                self.t(f"statute.kind.{row.kind}"),
                self._title(row.place),
                row.place.anchor,
                subdivisions_cited(row.citations, whole),
            )
            for row in cited_by(self.content, statute)
        ]

    def _title(self, place: Place) -> str:
        # In print the home page's text is the introduction, under the handbook's own heading.
        if place.anchor == urls.HANDBOOK_INTRODUCTION:
            return self.t("handbook.introduction")
        return place.title or self.t("glossary.title")

    def tree_view(self, tree: Tree) -> TreeView:
        svg = flowchart_svg(
            tree,
            title=tree.title,
            description=self.t("handbook.figure_caption"),
            labels=self.t.chart(),
            size=(PRINT_WIDTH, PRINT_HEIGHT),
            font=BOOK_FONT,
        )
        view = TreeView(tree, Markup(svg), outline(tree))
        for number, path in enumerate(all_paths(tree), start=1):
            steps = []
            for s in path.steps:
                question = tree.question_by_id[s.question]
                answer = question.answer(s.answer)
                steps.append(
                    Step(
                        question.text,
                        answer.label if answer else s.answer,
                        anchor("question", f"{tree.id}-{s.question}"),
                    )
                )
            pathways = tuple(
                (self.content.pathway_by_id[p].title, anchor("pathway", p)) for p in path.pathways
            )
            view.scenarios.append(
                Scenario(
                    number,
                    tuple(steps),
                    tree.outcome_by_id[path.outcome].title,
                    anchor("outcome", f"{tree.id}-{path.outcome}"),
                    pathways,
                )
            )
        return view
