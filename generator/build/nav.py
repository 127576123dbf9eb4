"""The site's navigation, in sections so each page renders a small menu.

Every page renders the menu, so a section with hundreds of entries makes the build grow with
the square of the content. Long sections are split into groups; with Material's
``navigation.prune`` only the open group's entries are written into each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from generator import urls
from generator.model import Content
from generator.render.strings import Strings

GROUP_SIZE = 40


def _grouped(
    index: str | None, items: Sequence[tuple[str, str]], strings: Strings, size: int = GROUP_SIZE
) -> list[Any]:
    """A section's entries, split into labelled groups when there are more than ``size``."""
    entries: list[Any] = [index] if index else []
    if len(items) <= size:
        return entries + [path for _, path in items]
    for start in range(0, len(items), size):
        chunk = items[start : start + size]
        label = strings("nav.range", first=chunk[0][0], last=chunk[-1][0])
        entries.append({escape(label): [path for _, path in chunk]})
    return entries


def site_nav(content: Content, strings: Strings, pages: dict[str, str]) -> list[Any]:
    nav: list[Any] = []
    if urls.HOME_PAGE in pages:
        nav.append({strings("nav.home"): urls.HOME_PAGE})
    for tree in content.trees:
        nav.append({escape(tree.title): urls.tree_page(tree.id)})
    pathways = [(p.title, urls.pathway_page(p.id)) for p in content.pathways]
    supports = [(s.title, urls.support_page(s.id)) for s in content.supports]
    for word, folder, items in (
        ("pathways_nav", urls.PATHWAYS_DIR, pathways),
        ("supports_title", urls.SUPPORTS_DIR, supports),
    ):
        label = escape(strings.word(word))
        nav.append({label: _grouped(urls.section_index(folder), items, strings)})
    nav.append(_statutes(content, strings))
    if urls.GLOSSARY_PAGE in pages:
        nav.append({strings("nav.glossary"): urls.GLOSSARY_PAGE})
    for page in content.pages:
        if page.slug != urls.INDEX:
            nav.append({escape(page.nav_title or page.title): urls.content_page(page.slug)})
    if urls.CHANGES_PAGE in pages:
        nav.append({strings("changes.nav_title"): urls.CHANGES_PAGE})
    if content.trees:
        nav.append({strings("embed.nav_title"): urls.EMBED_PAGE})
    return nav


def _statutes(content: Content, strings: Strings) -> dict[str, list[Any]]:
    """The statute pages, under their source's name when the guide cites several sources."""
    groups = [
        (group.label, [(escape(s.label), urls.statute_page(s.slug)) for s in group.statutes])
        for group in content.statute_groups
    ]
    if len(groups) == 1:
        label, statutes = groups[0]
        return {escape(label): _grouped(urls.section_index(urls.STATUTES_DIR), statutes, strings)}
    entries: list[Any] = [urls.section_index(urls.STATUTES_DIR)]
    for label, statutes in groups:
        entries.append({escape(label): _grouped(None, statutes, strings)})
    return {strings("nav.statutes"): entries}
