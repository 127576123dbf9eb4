"""After the engine runs: every internal link and anchor in the output must resolve, and every
link to the official statutes must have the canonical form."""

from __future__ import annotations

import multiprocessing as mp
import os
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.citations import is_canonical_url

OFFICIAL_HOST = "leginfo.legislature.ca.gov"
# Files the engine writes for itself, whose links are data rather than navigation.
SKIPPED = re.compile(r"^(search/|assets/|404\.html$|embed/)")


# The engine and the generator write attributes in double quotes; a regular expression reads
# a thousand pages many times faster than an HTML parser.
_LINK_RE = re.compile(r'<(?:a|link|area|script|img|iframe|source)\b[^>]*?\s(?:href|src)="([^"]*)"')
_ID_RE = re.compile(r'\s(?:id|name)="([^"]*)"')


@dataclass
class _Links:
    links: list[str]
    ids: set[str] | None = None


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.reason}: {self.target}"


def _parse(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text, [unescape(m.group(1)) for m in _LINK_RE.finditer(text)]


class _Checker:
    def __init__(self, site: Path, site_url: str | None) -> None:
        self.site = site
        self.pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
        self.files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
        self.dirs = {posixpath.dirname(f) for f in self.files}
        self.ids: dict[str, set[str]] = {}
        self.results: dict[tuple[str, str], str | None] = {}
        base = urlsplit(site_url) if site_url else None
        self.host = base.netloc if base else None
        self.prefix = (base.path if base else "/").strip("/")

    def links_of(self, rel: str) -> list[str]:
        return _parse(self.pages[rel])[1]

    def ids_of(self, rel: str) -> set[str]:
        if rel not in self.ids:
            text = self.pages[rel].read_text(encoding="utf-8", errors="replace")
            self.ids[rel] = {unescape(m.group(1)) for m in _ID_RE.finditer(text)}
        return self.ids[rel]

    def site_path(self, rel: str, href: str) -> str | None:
        """The path inside the output a link points at, or None when it leaves the site."""
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != self.host:
            return None
        if parts.netloc or parts.path.startswith("/"):
            path = unquote(parts.path).strip("/")
            if self.prefix:
                if not (path + "/").startswith(self.prefix + "/"):
                    return None
                path = path[len(self.prefix) :].strip("/")
            return path
        if not parts.path:
            return rel
        return posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))

    def check(self, rel: str, href: str) -> str | None:
        parts = urlsplit(href)
        if parts.scheme == "javascript":
            return "script link"
        if parts.scheme in ("mailto", "tel", "data"):
            return None
        if parts.netloc == OFFICIAL_HOST:
            return None if is_canonical_url(href) else "statute link not in the canonical form"
        path = self.site_path(rel, href)
        if path is None:
            return None
        return self.target_problem(path, unquote(parts.fragment))

    @cache  # noqa: B019 - one checker lives for one check
    def target_problem(self, path: str, fragment: str) -> str | None:
        if path in ("", "."):
            target = "index.html"
        elif path in self.dirs:
            target = posixpath.join(path, "index.html")
        else:
            target = path
        if path.startswith("..") or target not in self.files:
            return "no such file"
        checkable = fragment and target in self.pages and not SKIPPED.match(target)
        if checkable and fragment not in self.ids_of(target):
            return "no such anchor"
        return None


PARALLEL_PAGES = 400
"""From this many pages on, the check runs in as many forked processes as there are cores."""


def _check_pages(checker: _Checker, pages: list[str]) -> list[BrokenLink]:
    broken: list[BrokenLink] = []
    for rel in pages:
        for href in checker.links_of(rel):
            problem = checker.check(rel, href)
            if problem:
                broken.append(BrokenLink(rel, href, problem))
    return broken


_WORK: tuple[_Checker, list[list[str]]] | None = None


def _check_share(index: int) -> list[BrokenLink]:
    assert _WORK is not None
    checker, shares = _WORK
    return _check_pages(checker, shares[index])


def check_links(site: Path, site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link or anchor, and every non-canonical statute link."""
    global _WORK
    checker = _Checker(site, site_url)
    pages = [rel for rel in sorted(checker.pages) if not SKIPPED.match(rel)]
    workers = min(os.cpu_count() or 1, 4)
    if (
        len(pages) < max(PARALLEL_PAGES, 2)
        or workers < 2
        or "fork" not in mp.get_all_start_methods()
    ):
        return _check_pages(checker, pages)
    # Forked children inherit the checker; each reads and checks its share of the pages.
    size = -(-len(pages) // workers)
    shares = [pages[i * size : (i + 1) * size] for i in range(workers)]
    _WORK = (checker, shares)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.map(_check_share, range(workers))
    finally:
        _WORK = None
    return [b for part in results for b in part]
