"""Links from content to the site's own pages, checked before anything is built.

Hand-written pages link to other pages by their Markdown file, as MkDocs expects
(``pathways/first.md``, ``glossary.md#lea``); the link must lead to a page the build makes, and
an anchor must be one the content defines: a heading of a hand-written page or a glossary term.
Text fields in YAML are shown on several pages at different depths, in the widget and in the
handbook, so a relative link in one cannot work everywhere: they link only to full addresses.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import markdown

from generator import urls
from generator.addresses import is_safe_link
from generator.citations import is_canonical_url, official_hosts
from generator.errors import Location, Problems
from generator.model import Page, Pathway, Statute, Support, Term, Tree
from generator.validate.schemas import schema_files
from generator.validate.spec import did_you_mean

Locator = Callable[[int], Location]

# Inline links and images [text](target "title"), autolinks <scheme:...>, and reference
# definitions "[name]: target" at the start of a line.
_LINK_RE = re.compile(
    r"!?\[[^\]\n]*\]\(\s*(?:<([^>\n]*)>|([^)\s]*))(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|[^\s<>]+)",
    re.MULTILINE,
)
# Code is shown as written, so a link inside it is no link: blanked out, keeping offsets.
_CODE_RE = re.compile(
    r"^([ ]{0,3})(`{3,}|~{3,})[^\n]*\n.*?^[ ]{0,3}\2[`~]*[ \t]*$|`[^`\n]+`", re.M | re.S
)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
OFFICIAL_HOSTS = official_hosts()
# The extensions that give headings their ids as the engine's configuration does.
_HEADING_EXTENSIONS = ("toc", "attr_list", "admonition", "def_list", "tables")


def _blank_code(text: str) -> str:
    return _CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def links(text: str) -> Iterable[tuple[int, str]]:
    """(offset, target) of every link in Markdown text, outside code; a target written in
    angle brackets keeps them."""
    for match in _LINK_RE.finditer(_blank_code(text)):
        index = next(i for i in range(1, 5) if match.group(i) is not None)
        if index == 1:
            yield match.start(index) - 1, f"<{match.group(index).strip()}>"
        else:
            yield match.start(index), match.group(index).strip()


def _safe_links(text: str) -> Iterable[tuple[int, str]]:
    """The links whose scheme is allowed: an unsafe one is refused once, by the prose check."""
    for offset, target in links(text):
        bare = target[1:-1] if target.startswith("<") and target.endswith(">") else target
        if is_safe_link(bare):
            yield offset, target


def _angled(target: str) -> str | None:
    # Content's raw HTML is escaped before the engine reads it, and an address in angle
    # brackets would be escaped with it.
    if not (target.startswith("<") and target.endswith(">")):
        return None
    return f"link to '{target}': write the address without the angle brackets"


def _is_site_link(target: str) -> bool:
    # As a browser reads it: 'jav&#x61;script:' has a scheme (and is refused as unsafe elsewhere).
    target = re.sub(r"[\x00-\x20]", "", html.unescape(target))
    return bool(target) and not _SCHEME_RE.match(target) and not target.startswith("//")


def official_link_problem(target: str) -> str | None:
    """The build refuses a link to the official statutes that is not one section's canonical
    address, since it cannot tell what such a link cites."""
    # Only '&amp;' is read as '&' here: in an address '&sect' is text, not an entity.
    address = target.replace("&amp;", "&")
    host = urlsplit(address).netloc
    if host not in OFFICIAL_HOSTS or is_canonical_url(address):
        return None
    return (
        f"link to '{target}': a link to {host} must be a section's own address; "
        "write the citation (such as 'EC 52072') and it becomes that link"
    )


def check_text_links(text: str, path: str, locate: Locator, problems: Problems) -> None:
    """A YAML text field may link only to full addresses (https:, mailto:, tel:)."""
    for offset, target in _safe_links(text):
        angled = _angled(target)
        official = official_link_problem(target)
        if angled:
            problems.error("bad-link", locate(offset), angled, path)
        elif official:
            problems.error("statute-link", locate(offset), official, path)
        elif _is_site_link(target):
            problems.error(
                "relative-link",
                locate(offset),
                f"link to '{target}': text fields are shown on several pages, in the widget and "
                "in the handbook, so they can link only to a full address (https://...); "
                "link to a page of this site from a hand-written page",
                path,
            )


def site_files(
    pathways: Iterable[Pathway],
    supports: Iterable[Support],
    statutes: Iterable[Statute],
    terms: list[Term],
    pages: Iterable[Page],
    trees: Iterable[Tree],
) -> set[str]:
    """Every page (as its Markdown file) and data file a build puts among the pages, whatever
    the build's options: pages may link to these."""
    docs = {urls.section_index(d) for d in (urls.PATHWAYS_DIR, urls.SUPPORTS_DIR)}
    docs.add(urls.section_index(urls.STATUTES_DIR))
    docs |= {urls.pathway_page(p.id) for p in pathways}
    docs |= {urls.support_page(s.id) for s in supports}
    docs |= {urls.statute_page(s.slug) for s in statutes}
    docs |= {urls.content_page(p.slug) for p in pages}
    docs |= {f"{urls.SCHEMAS_DIR}/{name}" for name in schema_files()}
    if terms:
        docs.add(urls.GLOSSARY_PAGE)
    for tree in trees:
        docs.add(urls.tree_page(tree.id))
        docs.add(f"{urls.tree_dir(tree.id)}/{urls.paths_csv(tree.id)}")
        docs |= {urls.question_page(tree.id, q.id) for q in tree.questions}
        docs |= {urls.outcome_page(tree.id, o.id) for o in tree.outcomes}
        docs.add(urls.EMBED_PAGE)
    return docs


@lru_cache(maxsize=1024)
def _heading_ids(title: str, body: str) -> frozenset[str]:
    # The page's title is its first heading, so it takes its id before any heading of the body.
    md = markdown.Markdown(extensions=list(_HEADING_EXTENSIONS))
    html = md.convert(f"# {title}\n\n{body}")
    return frozenset(re.findall(r'\sid="([^"]*)"', html))


class PageLinks:
    """Checks the links of hand-written pages against what the build will make."""

    def __init__(self, problems: Problems, files: set[str], pages: list[Page], terms: list[Term]):
        self.problems = problems
        self.files = files
        self.pages = {urls.content_page(p.slug): p for p in pages}
        self.terms = {t.id for t in terms}

    def anchors(self, doc: str) -> frozenset[str] | None:
        """The anchors content defines on a page; None for a page made wholly from templates."""
        if doc == urls.GLOSSARY_PAGE:
            return frozenset(self.terms)
        page = self.pages.get(doc)
        return None if page is None else _heading_ids(page.title, page.body)

    def check(self, page: Page) -> None:
        doc = urls.content_page(page.slug)
        for offset, target in _safe_links(page.body):
            before = page.body[:offset]
            loc = Location(
                page.source.file,
                page.body_line + before.count("\n"),
                offset - (before.rfind("\n") + 1) + 1,
            )
            angled = _angled(target)
            if angled:
                self.problems.error("bad-link", loc, angled)
                continue
            official = official_link_problem(target)
            if official:
                self.problems.error("statute-link", loc, official)
                continue
            message = self.problem(doc, target)
            if message:
                self.problems.error("broken-link", loc, message)

    def problem(self, doc: str, target: str) -> str | None:
        """What is wrong with a link from ``doc`` to ``target``, as a message; None if nothing."""
        if not target or not _is_site_link(target):
            return None
        if target.startswith("/"):
            return (
                f"link to '{target}': an address from the site's root breaks when the site is "
                "published in a folder; link to the page's Markdown file, such as "
                "'pathways/index.md'"
            )
        parts = urlsplit(target)
        fragment = unquote(parts.fragment)
        if not parts.path:
            return self.anchor_problem(doc, target, fragment)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(doc), unquote(parts.path)))
        if path not in self.files:
            hint = did_you_mean(path, sorted(f for f in self.files if f.endswith(".md")))
            if path.endswith(".md"):
                return f"link to '{parts.path}', which is not a page of this site{hint}"
            return (
                f"link to '{target}': link to a page by its Markdown file, such as "
                f"'glossary.md'{hint}"
            )
        return self.anchor_problem(path, target, fragment)

    def anchor_problem(self, doc: str, target: str, fragment: str) -> str | None:
        if not fragment:
            return None
        anchors = self.anchors(doc)
        if anchors is None:
            return (
                f"link to '{target}': {doc} is made by the generator and its headings come from "
                "the templates and the locale; link to the page without '#'"
            )
        if fragment in anchors:
            return None
        kind = "glossary term" if doc == urls.GLOSSARY_PAGE else "heading"
        hint = did_you_mean(fragment, sorted(anchors))
        return f"link to '{target}': {doc} has no {kind} with the anchor '#{fragment}'{hint}"
