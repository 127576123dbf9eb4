"""Static redirect pages at the addresses of former ids.

A static host cannot answer with a redirect status of the site's choosing, so each old address
gets a page that sends the browser on at once (``meta refresh``), tells search engines where the
page now is (``rel=canonical``, ``noindex``), and shows a link for anyone whose browser stays.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from generator import urls
from generator.model import Content
from generator.render.pages import PageRenderer


@dataclass(frozen=True)
class Redirect:
    """An old file in the output, the file (or page) it now is, and that page's title."""

    old: str
    """The redirect page's path inside the output."""
    target: str
    """The new address relative to the site's root, as the engine publishes it."""
    title: str


def _pages(old_doc: str, new_doc: str, title: str, directory_urls: bool) -> Redirect:
    return Redirect(
        urls.page_file(old_doc, directory_urls), urls.page_url(new_doc, directory_urls), title
    )


def redirects(content: Content, directory_urls: bool = True) -> Iterator[Redirect]:
    """Every redirect the content's former ids call for."""

    def moved(old_doc: str, new_doc: str, title: str) -> Redirect:
        return _pages(old_doc, new_doc, title, directory_urls)

    for p in content.pathways:
        for old in p.former_ids:
            yield moved(urls.pathway_page(old), urls.pathway_page(p.id), p.title)
    for s in content.supports:
        for old in s.former_ids:
            yield moved(urls.support_page(old), urls.support_page(s.id), s.title)
    for st in content.statutes:
        for old in st.former_ids:
            title = f"{st.label}: {st.heading}"
            yield moved(urls.statute_page(old), urls.statute_page(st.slug), title)
    for page in content.pages:
        new = urls.HOME_PAGE if page.slug == urls.INDEX else urls.content_page(page.slug)
        for old in page.former_ids:
            yield moved(urls.content_page(old), new, page.title)
    for tree in content.trees:
        for old in tree.former_ids:
            yield moved(urls.tree_page(old), urls.tree_page(tree.id), tree.title)
            # The no-JavaScript steps are bookmarked and linked from county pages too.
            for q in tree.questions:
                new_doc = urls.question_page(tree.id, q.id)
                yield moved(urls.question_page(old, q.id), new_doc, q.text)
            for o in tree.outcomes:
                new_doc = urls.outcome_page(tree.id, o.id)
                yield moved(urls.outcome_page(old, o.id), new_doc, o.title)
            # A county's iframe snippet names the frame page; its script snippet names the
            # bundle, whose integrity changes with any change, so it is copied again anyway.
            yield Redirect(urls.frame_page(old), urls.frame_page(tree.id), tree.title)


def relative_href(old: str, target: str) -> str:
    """``target``'s address as written in the page at ``old``."""
    folder = posixpath.dirname(old) or "."
    rel = posixpath.relpath(target or ".", folder)
    return rel + "/" if not target or target.endswith("/") else rel


def redirect_files(
    renderer: PageRenderer, base: str | None, directory_urls: bool
) -> dict[str, str]:
    """``{path inside the output: HTML}`` of every redirect page; ``base`` is the site's
    address ending in '/' (the canonical links are absolute when it is an http(s) one)."""
    template = renderer.env.get_template("redirect.html.j2")
    absolute = base if base and base.startswith(("https://", "http://")) else None
    out: dict[str, str] = {}
    for r in redirects(renderer.content, directory_urls):
        href = relative_href(r.old, r.target)
        out[r.old] = template.render(
            language=renderer.content.site.language,
            title=r.title,
            href=href,
            canonical=absolute + r.target if absolute else href,
        )
    return out
