"""After the engine runs: every internal link and anchor in the output must resolve, every
link to the official statutes must have the canonical form, and no page's content may hold
markup that runs (``outputscan``)."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, partial
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator import urls
from generator.build.outputscan import Attrs, content_area, script_attributes_ok, unsafe_markup
from generator.citations import is_canonical_url, official_hosts
from generator.parallel import Child, can_fork, collector_paused
from generator.render.embed import EMBED_FORM_ID
from generator.translate.locales import available

OFFICIAL_HOSTS = official_hosts()
# Files the engine writes for itself, whose links are data rather than navigation.
SKIPPED = re.compile(rf"^(search/|assets/|404\.html$|{urls.EMBED_DIR}/)")
# Of those, the ones that hold no content at all: the others are scanned for unsafe markup.
UNSCANNED = re.compile(r"^(search/|assets/)")
# The scripts the generator's templates put into pages, and the page that holds the only form.
OWN_SCRIPT = re.compile(
    rf"{urls.EMBED_DIR}/[^/]+\.js|{urls.EMBED_PAGE_DIR}/{re.escape(urls.PAGE_SCRIPT)}"
)
OWN_FRAME = re.compile(rf"{urls.EMBED_DIR}/[^/]+/{re.escape(urls.FRAME_PAGE)}")
FORM_PAGE = f"{urls.EMBED_PAGE_DIR}/index.html"


# The engine and the generator write attributes in double quotes; a regular expression reads
# a thousand pages many times faster than an HTML parser.
_LINK_RE = re.compile(r'<(?:a|link|area|script|img|iframe|source)\b[^>]*?\s(?:href|src)="([^"]*)"')
# Patterns that start with a literal are searched for quickly; the attribute name must follow
# a space, which is checked on each match.
_ID_RES = (re.compile(r'id="([^"]*)"'), re.compile(r'name="([^"]*)"'))
# A redirect page's target, which must exist wherever the page is (embed/ too: an old iframe
# page of a renamed tree redirects to the new one).
_REFRESH = 'http-equiv="refresh"'
_REFRESH_RE = re.compile(r'<meta http-equiv="refresh" content="\d+; url=([^"]*)"')


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.reason}: {self.target}"


_UNKNOWN = object()
_STYLESHEET = re.compile(r"[^?#]+\.css")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _ids(text: str) -> set[str]:
    found = {
        m.group(1)
        for pattern in _ID_RES
        for m in pattern.finditer(text)
        if m.start() and text[m.start() - 1].isspace()
    }
    return {unescape(i) for i in found} if any("&" in i for i in found) else found


class _Checker:
    def __init__(
        self, site: Path, site_url: str | None, language_folders: Sequence[str] = ()
    ) -> None:
        self.site = site
        self.language_folders = tuple(language_folders)
        self.files: set[str] = set()
        self.dirs: set[str] = set()
        for folder, _, names in os.walk(site):
            here = Path(folder).relative_to(site).as_posix()
            prefix = "" if here == "." else here + "/"
            if names:
                self.dirs.add(prefix.rstrip("/"))
            self.files.update(prefix + name for name in names)
        self.pages = {f: site / f for f in self.files if f.endswith(".html")}
        self.ids: dict[str, set[str]] = {}
        self.results: dict[tuple[str, str], str | None] = {}
        self.current: tuple[str, str] = ("", "")
        base = urlsplit(site_url) if site_url else None
        self.host = base.netloc if base else None
        self.prefix = (base.path if base else "/").strip("/")

    def problems_of(self, rel: str) -> list[BrokenLink]:
        """The broken links of one page, each once, and any unsafe markup in its content."""
        text = _read(self.pages[rel])
        self.current = (rel, text)
        broken = [] if SKIPPED.match(self.local(rel)) else self.broken_links(rel, text)
        if _REFRESH in text:
            broken += self.broken_redirects(rel, text)
        area, themed = content_area(text)
        for problem, markup in unsafe_markup(area, partial(self.own, rel), themed):
            broken.append(BrokenLink(rel, markup, f"unsafe markup, {problem}"))
        return broken

    def broken_links(self, rel: str, text: str) -> list[BrokenLink]:
        # The page's folder and each folder above it, up to the site's root.
        parts = rel.split("/")[:-1]
        folders = ["/" + "/".join(parts[:i]) for i in range(len(parts), -1, -1)]
        broken = []
        for raw in dict.fromkeys(_LINK_RE.findall(text)):
            href = unescape(raw) if "&" in raw else raw
            problem = self.cached_check(rel, folders, href)
            if problem:
                broken.append(BrokenLink(rel, href, problem))
        return broken

    def broken_redirects(self, rel: str, text: str) -> list[BrokenLink]:
        targets = [unescape(t) for t in _REFRESH_RE.findall(text)]
        if not targets:
            return [BrokenLink(rel, _REFRESH, "a redirect in a form the check cannot read")]
        return [
            BrokenLink(rel, target, f"redirect: {problem}")
            for target in targets
            if (problem := self.check(rel, target))
        ]

    def local(self, path: str) -> str:
        """A path inside the output as a path inside its language's site (``es/embed/x.js``
        is ``embed/x.js``): every language's site has the same files in the same places."""
        for folder in self.language_folders:
            if path.startswith(folder):
                return path[len(folder) :]
        return path

    def own(self, rel: str, tag: str, attrs: Attrs) -> bool:
        """Whether an element the scan refuses in content is one the templates write there."""
        values = dict(attrs)

        def target(name: str, shape: re.Pattern[str]) -> bool:
            path = self.site_path(rel, values.get(name) or "")
            return (
                path is not None
                and path in self.files
                and shape.fullmatch(self.local(path)) is not None
            )

        if tag == "script":
            return script_attributes_ok(attrs) and target("src", OWN_SCRIPT)
        if tag == "link":
            return values.get("rel") == "stylesheet" and target("href", _STYLESHEET)
        if tag == "form":
            return (
                self.local(rel) == FORM_PAGE
                and values.get("id") == EMBED_FORM_ID
                and "action" not in values
            )
        if tag == "iframe":
            return rel.endswith("/iframe-snippet.html") and target("src", OWN_FRAME)
        return False

    def cached_check(self, rel: str, folders: list[str], href: str) -> str | None:
        """``check``, remembered for every link that resolves the same from every page.

        A link with a path depends on the page's folder only, and ``../`` steps from a folder
        equal the same link without them from its parent: pages in one section share one entry.
        ``folders`` are the page's folder and those above it, each after a "/".
        """
        if not href or href[0] in "#?":
            key = (rel, href)
        elif href[0] == "/" or href.startswith(("https://", "http://")):
            key = ("", href)
        else:
            up, top = 0, len(folders) - 1
            while up < top and href.startswith("../", 3 * up):
                up += 1
            key = (folders[up], href[3 * up :])
        problem = self.results.get(key, _UNKNOWN)
        if problem is _UNKNOWN:
            problem = self.results[key] = self.check(rel, href)
        return problem  # type: ignore[return-value]

    def ids_of(self, rel: str) -> set[str]:
        if rel not in self.ids:
            current, text = self.current
            self.ids[rel] = _ids(text if current == rel else _read(self.pages[rel]))
        return self.ids[rel]

    def site_path(self, rel: str, href: str) -> str | None:
        """The path inside the output a link points at, or None when it leaves the site."""
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != self.host:
            return None
        if parts.netloc or parts.path.startswith("/"):
            path = posixpath.normpath(unquote(parts.path)).strip("/")
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
        if parts.netloc in OFFICIAL_HOSTS:
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
        checkable = fragment and target in self.pages and not SKIPPED.match(self.local(target))
        if checkable and fragment not in self.ids_of(target):
            return "no such anchor"
        return None


PARALLEL_PAGES = 400
"""From this many pages on, the check runs in as many forked processes as there are cores."""


def _check_pages(checker: _Checker, pages: list[str]) -> list[BrokenLink]:
    return [b for rel in pages for b in checker.problems_of(rel)]


def check_links(
    site: Path, site_url: str | None = None, language_folders: Sequence[str] | None = None
) -> list[BrokenLink]:
    """Every broken internal link or anchor, and every non-canonical statute link.
    ``language_folders`` are where the other languages' sites are (``es/``); by default, each
    folder at the top named by a language the generator has a locale for."""
    if language_folders is None:
        language_folders = [
            f"{tag}/" for tag in available() if (site / tag / "index.html").is_file()
        ]
    with collector_paused():
        return _check_links(site, site_url, language_folders)


def _check_links(
    site: Path, site_url: str | None, language_folders: Sequence[str]
) -> list[BrokenLink]:
    checker = _Checker(site, site_url, language_folders)
    pages = [rel for rel in sorted(checker.pages) if not UNSCANNED.match(checker.local(rel))]
    workers = min(os.cpu_count() or 1, 4) if can_fork() else 1
    if len(pages) < max(PARALLEL_PAGES, 2) or workers < 2:
        return _check_pages(checker, pages)
    # Forked children inherit the checker; each reads and checks its share of the pages.
    size = -(-len(pages) // workers)
    shares = [pages[i * size : (i + 1) * size] for i in range(workers)]
    children = [Child(partial(_check_pages, checker, share)) for share in shares[1:]]
    try:
        broken = _check_pages(checker, shares[0])
        return broken + [b for child in children for b in child.result()]
    finally:
        for child in children:
            child.cancel()
