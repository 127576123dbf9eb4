"""The site's navigation, in sections so each page renders a small menu."""

from __future__ import annotations

from html import escape
from typing import Any

from generator.model import Content
from generator.render.pages import Strings


def site_nav(content: Content, strings: Strings, pages: dict[str, str]) -> list[Any]:
    nav: list[Any] = []
    if "index.md" in pages:
        nav.append({strings("nav.home"): "index.md"})
    for tree in content.trees:
        nav.append({escape(tree.title): f"find/{tree.id}/index.md"})
    nav.append(
        {
            strings("nav.pathways"): [
                "pathways/index.md",
                *(f"pathways/{p.id}.md" for p in content.pathways),
            ]
        }
    )
    nav.append(
        {
            strings("nav.supports"): [
                "supports/index.md",
                *(f"supports/{s.id}.md" for s in content.supports),
            ]
        }
    )
    nav.append(
        {
            strings("nav.statutes"): [
                "statutes/index.md",
                *(f"statutes/{s.slug}.md" for s in content.statutes),
            ]
        }
    )
    if "glossary.md" in pages:
        nav.append({strings("nav.glossary"): "glossary.md"})
    for page in content.pages:
        if page.slug != "index":
            nav.append({escape(page.nav_title or page.title): f"{page.slug}.md"})
    return nav
