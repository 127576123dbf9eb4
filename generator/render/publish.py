"""Where each page of the site is: its Markdown file and its address."""

from __future__ import annotations

import posixpath

# Where the page of each kind of record is, as the page renderer writes it.
_PAGE_OF = {
    "pathway": "pathways/{}.md",
    "support": "supports/{}.md",
    "statute": "statutes/{}.md",
    "page": "{}.md",
}


def markdown_page(kind: str, ident: str) -> str:
    """The generated Markdown file of one record: ``markdown_page("pathway", "x")``."""
    return _PAGE_OF[kind].format(ident)


def page_url(markdown: str, directory_urls: bool) -> str:
    """The address of a Markdown page relative to the site's root, as MkDocs makes it:
    ``pathways/x.md`` is ``pathways/x/`` (or ``pathways/x.html``), ``index.md`` is ``""``."""
    stem = markdown.removesuffix(".md")
    folder, name = posixpath.split(stem)
    if not directory_urls:
        return f"{stem}.html"
    if name == "index":
        return f"{folder}/" if folder else ""
    return f"{stem}/"
