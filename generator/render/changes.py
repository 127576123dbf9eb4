"""The What's changed page: every edition, newest first, with links to the pages it changed."""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.model import Content, Edition
from generator.render.pages import PageRenderer


@dataclass(frozen=True)
class ChangedPlace:
    """A page an edition changed: its title and its Markdown document, as ``urls`` names it."""

    title: str
    doc: str


def changed_places(content: Content, edition: Edition) -> list[ChangedPlace]:
    """The pages an edition changed, in the order the site's menu gives their kinds."""
    c, changed = content, edition.changed
    statutes = {s.slug: s for s in c.statutes}
    pages = {p.slug: p for p in c.pages}
    out = [ChangedPlace(c.tree_by_id[t].title, urls.tree_page(t)) for t in changed.trees]
    out += [ChangedPlace(c.pathway_by_id[p].title, urls.pathway_page(p)) for p in changed.pathways]
    out += [ChangedPlace(c.support_by_id[s].title, urls.support_page(s)) for s in changed.supports]
    for slug in changed.statutes:
        st = statutes[slug]
        out.append(ChangedPlace(f"{st.label}: {st.heading}", urls.statute_page(slug)))
    for slug in changed.pages:
        doc = urls.HOME_PAGE if slug == urls.INDEX else urls.content_page(slug)
        out.append(ChangedPlace(pages[slug].title, doc))
    return out


def tree_titles(content: Content, edition: Edition) -> str:
    """The titles of the trees an edition changed, for the note about script snippets."""
    return ", ".join(content.tree_by_id[t].title for t in edition.changed.trees)


def changes_files(renderer: PageRenderer) -> dict[str, str]:
    """The What's changed page; nothing for a site that keeps no record of its editions."""
    content = renderer.content
    if not content.editions:
        return {}
    page = urls.CHANGES_PAGE
    text = renderer.render(
        "changes.md.j2",
        here=page,
        editions=[
            (e, urls.edition_anchor(e.date.isoformat()), changed_places(content, e))
            for e in content.editions
        ],
        trees_of=lambda e: tree_titles(content, e),
    )
    return {page: text}
