"""What a host and a search engine read beside the pages: page addresses, the sitemap with each
page's own review date, and ``robots.txt``."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import posixpath
from collections.abc import Iterable, Mapping, Sequence
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


XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_xml(
    base: str,
    languages: Sequence[tuple[str, str, Mapping[str, dt.date]]],
    directory_urls: bool,
) -> str:
    """A sitemap of every Markdown page of each language, each with its own date; ``base`` ends
    in '/' (it is "/" alone when the site's address is not known, as MkDocs does).

    ``languages`` holds each language's tag, its folder ("" or ``es/``) and its pages' dates.
    With more than one, every entry names the same page in each language (``xhtml:link``), the
    sitemap form of the pages' own ``hreflang`` links."""
    several = len(languages) > 1
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        + (f' xmlns:xhtml="{XHTML}"' if several else "")
        + ">",
    ]
    published = [
        (tag, folder, {urls.page_url(md, directory_urls) for md in dates})
        for tag, folder, dates in languages
    ]
    for _, folder, dates in languages:
        for url, day in sorted((urls.page_url(md, directory_urls), d) for md, d in dates.items()):
            loc = html.escape(base + folder + quote(url), quote=False)
            lines.append(f"  <url><loc>{loc}</loc><lastmod>{day.isoformat()}</lastmod>")
            if several:
                for tag, other, addresses in published:
                    if url in addresses:
                        href = html.escape(base + other + quote(url))
                        lines.append(
                            f'    <xhtml:link rel="alternate" hreflang="{html.escape(tag)}"'
                            f' href="{href}"/>'
                        )
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_files(
    languages: Sequence[tuple[Content, str, Iterable[str]]], base: str, directory_urls: bool
) -> dict[str, str | bytes]:
    """``sitemap.xml`` and its compressed copy, for every language, and in each other
    language's folder its own (a sitemap names only addresses below its own). A zero time in
    the gzip header keeps a rebuild byte for byte the same."""
    dated = [
        (content.site.language, folder, page_dates(content, pages))
        for content, folder, pages in languages
    ]
    files: dict[str, str | bytes] = {}
    own = [(folder, [(tag, "", dates)]) for tag, folder, dates in dated if folder]
    for at, entries in [("", dated), *own]:
        text = sitemap_xml(base + at, entries, directory_urls)
        files[at + SITEMAP] = text
        files[at + SITEMAP_GZ] = gzip.compress(text.encode("utf-8"), mtime=0)
    return files


def robots_txt(base: str) -> str:
    """Everything may be crawled. The sitemap is named by its absolute address, as the robots
    exclusion standard asks, so only when the site's address is known."""
    text = "User-agent: *\nAllow: /\n"
    return text + f"\nSitemap: {base}{SITEMAP}\n" if base.startswith(("https:", "http:")) else text
