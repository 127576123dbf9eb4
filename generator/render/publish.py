"""What a host and a search engine read beside the pages: page addresses, the sitemap with each
page's own review date, and ``robots.txt``."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import posixpath
from collections.abc import Iterable, Mapping
from urllib.parse import quote

from generator import urls
from generator.model import Content

SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
ROBOTS = urls.ROBOTS


def page_dates(content: Content, pages: Iterable[str]) -> dict[str, dt.date]:
    """The date each Markdown page was last reviewed.

    A page without a date of its own (an index, the glossary, the embed page) takes the newest
    date of the pages in its folder and below, or else the newest of the whole site."""
    own: dict[str, dt.date] = {}
    for p in content.pathways:
        own[urls.pathway_page(p.id)] = p.last_reviewed
    for s in content.supports:
        own[urls.support_page(s.id)] = s.last_reviewed
    for st in content.statutes:
        own[urls.statute_page(st.slug)] = st.last_reviewed
    for page in content.pages:
        own[urls.content_page(page.slug)] = page.last_reviewed
    if content.editions:
        own[urls.CHANGES_PAGE] = content.editions[0].date
    tree_dirs = {f"{urls.tree_dir(t.id)}/": t.last_reviewed for t in content.trees}
    wanted = sorted(pages)
    dated: dict[str, dt.date] = {}
    for md in wanted:
        found = own.get(md) or next((d for pre, d in tree_dirs.items() if md.startswith(pre)), None)
        if found:
            dated[md] = found
    newest = max(dated.values(), default=content.site.edition)
    out: dict[str, dt.date] = {}
    for md in wanted:
        if md in dated:
            out[md] = dated[md]
            continue
        folder = posixpath.dirname(md)
        below = [d for m, d in dated.items() if folder and m.startswith(folder + "/")]
        out[md] = max(below, default=newest)
    return out


def sitemap_xml(base: str, dates: Mapping[str, dt.date], directory_urls: bool) -> str:
    """A sitemap of every Markdown page, each with its own date; ``base`` ends in '/' (it is
    "/" alone when the site's address is not known, as MkDocs does)."""
    entries = sorted((urls.page_url(md, directory_urls), day) for md, day in dates.items())
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, day in entries:
        loc = html.escape(base + quote(url), quote=False)
        lines.append(f"  <url><loc>{loc}</loc><lastmod>{day.isoformat()}</lastmod></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_files(
    content: Content, pages: Iterable[str], base: str, directory_urls: bool
) -> dict[str, str | bytes]:
    """``sitemap.xml`` and its compressed copy; a zero time in the gzip header keeps a rebuild
    byte for byte the same."""
    text = sitemap_xml(base, page_dates(content, pages), directory_urls)
    return {SITEMAP: text, SITEMAP_GZ: gzip.compress(text.encode("utf-8"), mtime=0)}


def robots_txt(base: str) -> str:
    """Everything may be crawled. The sitemap is named by its absolute address, as the robots
    exclusion standard asks, so only when the site's address is known."""
    text = "User-agent: *\nAllow: /\n"
    return text + f"\nSitemap: {base}{SITEMAP}\n" if base.startswith(("https:", "http:")) else text
