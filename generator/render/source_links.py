"""Relative addresses in a page's raw HTML, rewritten for an engine that reads them from the
Markdown file's folder (Zensical) rather than from the page's address (MkDocs).

With directory addresses, ``a/b.md`` is published at ``a/b/``: a link written for the page's
address has one ``../`` more than one read from ``a/``. The generator writes every link for the
page's address; this moves the links of such pages to the source's folder in one place.
"""

from __future__ import annotations

import posixpath
import re

from generator import urls

_ATTR = re.compile(r'(?P<lead>\s(?:href|src)=")(?P<url>[^"]*)(?P<end>")')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|$)")


def _moved(url: str, page_dir: str, source_dir: str) -> str:
    if _ABSOLUTE.match(url):
        return url
    path, mark, rest = url, "", ""
    if split := re.search(r"[?#]", url):
        path, mark, rest = url[: split.start()], url[split.start()], url[split.end() :]
    target = posixpath.normpath(posixpath.join(page_dir, path))
    moved = posixpath.relpath(target, source_dir or ".")
    if path.endswith("/") and not moved.endswith("/"):
        moved += "/"
    return f"{moved}{mark}{rest}"


def page_links_from_source(page: str, text: str) -> str:
    """``text`` of the Markdown file ``page`` with its raw HTML links read from its folder."""
    if page == urls.HOME_PAGE or page.endswith("/" + urls.HOME_PAGE):
        return text
    source_dir = posixpath.dirname(page)
    page_dir = posixpath.join(source_dir, posixpath.splitext(posixpath.basename(page))[0])
    return _ATTR.sub(lambda m: m["lead"] + _moved(m["url"], page_dir, source_dir) + m["end"], text)


def pages_links_from_source(
    files: dict[str, str | bytes], directory_urls: bool
) -> dict[str, str | bytes]:
    """Every Markdown page of ``files`` with its raw HTML links read from its folder."""
    if not directory_urls:
        return files
    return {
        path: page_links_from_source(path, text)
        if path.endswith(".md") and isinstance(text, str)
        else text
        for path, text in files.items()
    }
