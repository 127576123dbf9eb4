"""After the engine runs: every internal link and anchor in the output must resolve, and every
link to the official statutes must have the canonical form."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.citations import is_canonical_url

OFFICIAL_HOST = "leginfo.legislature.ca.gov"
# Files the engine writes for itself, whose links are data rather than navigation.
SKIPPED = re.compile(r"^(search/|assets/|404\.html$|embed/)")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name] or "")
        if tag in ("a", "link", "area") and values.get("href") is not None:
            self.links.append((tag, values["href"] or ""))
        if tag in ("script", "img", "iframe", "source") and values.get("src"):
            self.links.append((tag, values["src"] or ""))


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.reason}: {self.target}"


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


class _Checker:
    def __init__(self, site: Path, site_url: str | None) -> None:
        self.site = site
        self.pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
        self.parsed: dict[str, _Links] = {}
        base = urlsplit(site_url) if site_url else None
        self.host = base.netloc if base else None
        self.prefix = (base.path if base else "/").strip("/")

    def links_of(self, rel: str) -> _Links:
        if rel not in self.parsed:
            self.parsed[rel] = _parse(self.pages[rel])
        return self.parsed[rel]

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
        if path in ("", "."):
            target = "index.html"
        elif (self.site / path).is_dir():
            target = posixpath.join(path, "index.html")
        else:
            target = path
        if path.startswith("..") or not (self.site / target).is_file():
            return "no such file"
        checkable = parts.fragment and target in self.pages and not SKIPPED.match(target)
        if checkable and unquote(parts.fragment) not in self.links_of(target).ids:
            return "no such anchor"
        return None


def check_links(site: Path, site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link or anchor, and every non-canonical statute link."""
    checker = _Checker(site, site_url)
    broken: list[BrokenLink] = []
    for rel in sorted(checker.pages):
        if SKIPPED.match(rel):
            continue
        for _, href in checker.links_of(rel).links:
            problem = checker.check(rel, href)
            if problem:
                broken.append(BrokenLink(rel, href, problem))
    return broken
