"""The model to the site's pages: ``{path inside docs: Markdown text}``."""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

import jinja2

from generator import urls
from generator.citations import Citation, Links
from generator.citations.sources import Source
from generator.kinds import cited_by
from generator.model import Content, Statute
from generator.render.compiled import COMPILED
from generator.render.prose import (
    abbreviation_definitions,
    citation_link,
    escape_inline,
    inline,
    prose,
)
from generator.render.rich import to_html
from generator.render.strings import Strings
from generator.render.translation_notes import marked

_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain(text: str) -> str:
    """Markdown to one line of plain text, for descriptions and metadata."""
    text = _LINK_RE.sub(r"\1", text)
    text = re.sub(r"[*_`#]", "", text)
    return " ".join(text.split())


def subdivisions_cited(citations: Iterable[Citation], whole: str) -> str:
    """The subdivisions one citer cites, each once, in the order they come in the section."""
    distinct = {c.subdivisions: c for c in citations}.values()
    ordered = sorted(distinct, key=lambda c: c.subdivision_sort_key)
    return ", ".join(c.subdivision_label or whole for c in ordered)


def site_links(content: Content, strings: Strings) -> Links:
    """Where the site's citations link, with the tooltip its locale gives them."""
    return content.links.titled(strings("cite.title"))


def source_name(content: Content, source: Source) -> str:
    """A source of law as the site's language names it (``Código de Educación``), which labels
    its group of statute pages."""
    return source.group_in(content.site.language)


def statutes_title(content: Content, strings: Strings) -> str:
    """The statutes' heading: the source's own name when every section comes from one."""
    groups = content.statute_groups
    if len(groups) == 1:
        return strings("statutes.title_one", source=source_name(content, groups[0].source))
    return strings("statutes.title")


def official_text_note(content: Content, statute: Statute, strings: Strings) -> str | None:
    """Beside a link to a section's official text, when that text is in another language than
    the page: a reader of a translated page would otherwise expect the law in their own."""
    language = statute.citation.source.text_language
    if not statute.url or language == content.site.language:
        return None
    return strings("statute.official_language", language=strings(f"language_names.{language}"))


def official_publisher(content: Content, statute: Statute) -> str | None:
    """Who publishes a section's official text, as the page's language names them; None for a
    section whose entry gives its own address, published by whoever that is."""
    if statute.given_url:
        return None
    return statute.citation.source.publisher_in(content.site.language)


@dataclass(frozen=True)
class Citer:
    kind: str
    title: str
    link: str
    subdivisions: str


def _environment(strings: Strings) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        bytecode_cache=COMPILED,
    )
    env.filters.update(
        prose=prose,
        inline=inline,
        esc=escape_inline,
        html=html.escape,
        plain=plain,
        yaml_str=lambda s: json.dumps(s, ensure_ascii=False),
        dial=lambda s: re.sub(r"[^0-9+]", "", s),
        longdate=strings.longdate,
    )

    # Templates name pages through urls and link them relative to their own page, as the engine
    # resolves Markdown links, so no template spells out where a page lives.
    env.filters["link_from"] = lambda doc, here: posixpath.relpath(
        doc, posixpath.dirname(here) or "."
    )
    env.globals.update(t=strings, cite=citation_link, urls=urls)
    return env


class PageRenderer:
    """Renders every page of the guidance site from the content model."""

    def __init__(
        self,
        content: Content,
        find_link: str = urls.section_index(urls.PATHWAYS_DIR),
        directory_urls: bool = True,
    ) -> None:
        self.content = content
        self.strings = Strings.of(content)
        self.env = _environment(self.strings)
        links = site_links(content, self.strings)
        self.env.globals.update(
            content=content,
            site=content.site,
            cite=partial(citation_link, links=links),
            statutes_title=statutes_title(content, self.strings),
            source_name=partial(source_name, content),
            official_note=partial(official_text_note, content, strings=self.strings),
            official_publisher=partial(official_publisher, content),
        )
        self.env.filters.update(
            prose=marked(partial(prose, links=links), block=True),
            inline=marked(partial(inline, links=links), block=False),
            esc=marked(escape_inline, block=False),
            # Content text inside an element the template writes (never inside an attribute).
            text_html=marked(html.escape, block=False),
            md_html=marked(lambda text: to_html(text, content.abbreviations(), links), False),
        )
        self.find_link = find_link
        self.directory_urls = directory_urls

    def render(self, template: str, **values: Any) -> str:
        text = self.env.get_template(template).render(**values)
        return _tidy(text) + self._abbreviations()

    def _abbreviations(self) -> str:
        lines = abbreviation_definitions(self.content.abbreviations())
        return "\n" + lines + "\n" if lines else ""

    def pages(self) -> dict[str, str]:
        """Every page: the guidance pages and the law pages."""
        return {**self.guidance_pages(), **self.law_pages()}

    def guidance_pages(self) -> dict[str, str]:
        """The home page, hand-written pages, pathways and kinds of support."""
        c = self.content
        out: dict[str, str] = {}
        home = next((p for p in c.pages if p.slug == urls.INDEX), None)
        if home is not None:
            out[urls.HOME_PAGE] = self.render("home.md.j2", page=home, find_link=self.find_link)
        for page in c.pages:
            if page.slug != urls.INDEX:
                out[urls.content_page(page.slug)] = self.render("page.md.j2", page=page)
        out[urls.section_index(urls.PATHWAYS_DIR)] = self.render("pathways_index.md.j2")
        kept = _kept_pages(c.site.language, self._settings())
        for p in c.pathways:
            path = urls.pathway_page(p.id)
            inputs = (
                p,
                tuple(c.support_by_id.get(sid) for sid in p.supports),
                tuple(c.statute_for(citation) for citation in p.citations),
                tuple(c.pathway_by_id.get(rid) for rid in p.related_pathways),
            )
            before = kept.get(path)
            if before is None or before[0] != inputs:
                before = kept[path] = (inputs, self.render("pathway.md.j2", p=p))
            out[path] = before[1]
        out[urls.section_index(urls.SUPPORTS_DIR)] = self.render("supports_index.md.j2")
        for s in c.supports:
            out[urls.support_page(s.id)] = self.render("support.md.j2", s=s)
        return out

    def _settings(self) -> tuple[object, ...]:
        """What every page reads besides its own objects: the site's settings and words, the
        glossary's abbreviations, the statutes' addresses, the translation's state."""
        c = self.content
        return (c.site, c.terms, c.links, c.translation, self.find_link, self.directory_urls)

    def law_pages(self) -> dict[str, str]:
        """The statute pages and the glossary."""
        c = self.content
        out: dict[str, str] = {}
        out[urls.section_index(urls.STATUTES_DIR)] = self.render(
            "statutes_index.md.j2", cited_count=self._cited_summary
        )
        for st in c.statutes:
            out[urls.statute_page(st.slug)] = self.render(
                "statute.md.j2", st=st, citers=self.citers(st)
            )
        if c.terms:
            out[urls.GLOSSARY_PAGE] = self.render("glossary.md.j2")
        return out

    def citers(self, statute: Statute) -> list[Citer]:
        """Who cites a section, one row per citing object, with the subdivisions it cites."""
        whole = self.strings("statute.whole_section")
        # Links are relative to the statutes' folder, where both pages that list citers live.
        return [
            Citer(
                row.kind,
                row.place.title or self.strings("glossary.title"),
                posixpath.relpath(row.place.doc, urls.STATUTES_DIR),
                subdivisions_cited(row.citations, whole),
            )
            for row in cited_by(self.content, statute)
        ]

    def _cited_summary(self, statute: Statute) -> str:
        # The index sits in the same folder as the statute pages, so citer links carry over.
        rows = self.citers(statute)
        return ", ".join(f"[{escape_inline(r.title)}]({r.link})" for r in rows) or "-"


_KEPT: dict[str, tuple[tuple[object, ...], dict[str, tuple[object, str]]]] = {}


def _kept_pages(language: str, settings: tuple[object, ...]) -> dict[str, tuple[object, str]]:
    """The pathway pages rendered last time in this process, each with what it was made from,
    while the settings every page reads are the same: ``pathways serve`` regenerates after each
    edit, and an edit to one pathway then renders that page again, not a thousand."""
    before = _KEPT.get(language)
    if before is None or before[0] != settings:
        before = _KEPT[language] = (settings, {})
    return before[1]


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
