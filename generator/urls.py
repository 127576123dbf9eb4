"""Where every generated file goes: the one place that names the site's folders and files.

Render modules build their output paths from here, and the validator checks content ids against
``RESERVED``, so a name the generator writes can never be taken by content as well. Nothing here
imports the rest of the package: every layer may use it.
"""

from __future__ import annotations

import posixpath
import re

INDEX = "index"
"""A folder's own page; content/pages/index.md is the home page's text."""
HOME_PAGE = f"{INDEX}.md"

PATHWAYS_DIR = "pathways"
SUPPORTS_DIR = "supports"
STATUTES_DIR = "statutes"
GLOSSARY = "glossary"
TREE_DIR = "find"
QUESTIONS_DIR = "q"
OUTCOMES_DIR = "result"
FLOWCHART_FILE = "flowchart.svg"
"""A tree's flowchart on its own, beside its page, to open and zoom."""
EMBED_DIR = "embed"
EMBED_PAGE_DIR = "embed-on-your-site"
HANDBOOK_DIR = "handbook"
HANDBOOK_CSS = "handbook.css"
PDF_NAME = "handbook.pdf"
SCHEMAS_DIR = "schemas"
DATA_DIR = "data"
ROBOTS = "robots.txt"
FEED = "feed.xml"
"""The Atom feed of editions, at the top of the site beside robots.txt."""
CHANGES = "changes"
"""The What's changed page, which lists every edition."""
EDITIONS_FILE = "content/editions.yml"
HEADERS_FILE = "_headers"
"""Netlify's and Cloudflare Pages' file of response headers; no content name has an '_'."""
MANIFEST = ".pathways-manifest.json"
"""In every output: what the build wrote, and the mark that lets the next build replace it."""

GLOSSARY_PAGE = f"{GLOSSARY}.md"
CHANGES_PAGE = f"{CHANGES}.md"
EMBED_PAGE = f"{EMBED_PAGE_DIR}/{HOME_PAGE}"

# The files every embedded tree shares, in embed/, and what each is.
WIDGET_CSS = "pathways-tree.css"
FRAME_SCRIPT = "frame.js"
FRAME_CSS = "frame.css"
FRAME_HOST = "frame-host.js"
EMBED_SHARED = {
    FRAME_HOST: "the script every county's iframe snippet loads",
    FRAME_SCRIPT: "the script of every tree's iframe page",
    FRAME_CSS: "the stylesheet of every tree's iframe page",
    WIDGET_CSS: "every embedded tree's stylesheet",
}
# Each tree's folder in embed/: its iframe page and the two snippets a county pastes.
FRAME_PAGE = "frame.html"
SNIPPET = "snippet.html"
IFRAME_SNIPPET = "iframe-snippet.html"
# The embed page's own script and stylesheet, beside it.
PAGE_SCRIPT = "embed-page.js"
PAGE_CSS = "embed-page.css"

# What the engine and its theme write at the top of the output, besides the pages.
ENGINE_NAMES = {
    "assets": "the theme's scripts, stylesheets and images",
    "search": "the search index",
    "404": "the page shown for a missing address (404.html)",
    "sitemap": "the sitemap (sitemap.xml and sitemap.xml.gz)",
}
# Outputs for machines and hosts, and those the product's contract names for later.
PLANNED_NAMES = {
    DATA_DIR: "the open data files",
    FEED.split(".")[0]: f"the Atom feed ({FEED})",
    ROBOTS.split(".")[0]: f"the robots file ({ROBOTS})",
}


def language_root(languages: tuple[str, ...] | list[str], language: str) -> str:
    """Where a language's site starts inside the output: the first language (the content's own)
    at the top, each other in a folder named by its tag, ``es/``."""
    return "" if not languages or language == languages[0] else f"{language}/"


def pathway_page(pathway_id: str) -> str:
    return f"{PATHWAYS_DIR}/{pathway_id}.md"


def support_page(support_id: str) -> str:
    return f"{SUPPORTS_DIR}/{support_id}.md"


def statute_page(slug: str) -> str:
    return f"{STATUTES_DIR}/{slug}.md"


def section_index(folder: str) -> str:
    return f"{folder}/{HOME_PAGE}"


def content_page(slug: str) -> str:
    """A hand-written page's Markdown; the page 'index' is the home page."""
    return f"{slug}.md"


def tree_dir(tree_id: str) -> str:
    return f"{TREE_DIR}/{tree_id}"


def tree_page(tree_id: str) -> str:
    return f"{tree_dir(tree_id)}/{HOME_PAGE}"


def paths_csv(tree_id: str) -> str:
    """The scenario table's file name, inside the tree's folder."""
    return f"{tree_id}-paths.csv"


def question_page(tree_id: str, question_id: str) -> str:
    return f"{tree_dir(tree_id)}/{QUESTIONS_DIR}/{question_id}.md"


def outcome_page(tree_id: str, outcome_id: str) -> str:
    return f"{tree_dir(tree_id)}/{OUTCOMES_DIR}/{outcome_id}.md"


def tree_bundle(tree_id: str) -> str:
    return f"{EMBED_DIR}/{tree_id}.js"


def tree_embed_dir(tree_id: str) -> str:
    return f"{EMBED_DIR}/{tree_id}"


def page_url(doc: str, directory_urls: bool = True) -> str:
    """The address of a Markdown page relative to the site's root, as the engine publishes it.

    With ``use_directory_urls`` each page is a folder (``pathways/first/``); without, a file
    (``pathways/first.html``), and a folder's page keeps its ``index.html``.
    """
    stem = doc.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == INDEX:
        return ""
    return f"{stem.removesuffix('/' + INDEX)}/"


def link_between(from_doc: str, to_doc: str, directory_urls: bool = True) -> str:
    """The address of ``to_doc``'s page as written in ``from_doc``'s page, for raw HTML and data
    that the engine does not rewrite."""
    here = page_url(from_doc, directory_urls)
    target = page_url(to_doc, directory_urls)
    folder = here[: here.rfind("/") + 1]
    rel = posixpath.relpath(target or ".", folder or ".")
    return rel + "/" if target.endswith("/") or not target else rel


def page_file(doc: str, directory_urls: bool = True) -> str:
    """The HTML file the engine writes for a Markdown page, inside the output."""
    url = page_url(doc, directory_urls)
    return f"{url}{INDEX}.html" if not url or url.endswith("/") else url


def frame_page(tree_id: str) -> str:
    """A tree's standalone page for iframe embedding."""
    return f"{tree_embed_dir(tree_id)}/{FRAME_PAGE}"


def edition_anchor(day: str) -> str:
    """The id of an edition's heading on the What's changed page (``day`` as YYYY-MM-DD); its
    feed entry is named after it too."""
    return f"edition-{day}"


HANDBOOK_INTRODUCTION = "introduction"
"""The handbook's first chapter, which holds the home page's text."""
HANDBOOK_GLOSSARY = GLOSSARY


def handbook_anchor(kind: str, key: str) -> str:
    """The id of a chapter or entry in the handbook; ids from content are already slug-shaped."""
    return f"{kind}-{key}"


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""The shape of every name content gives a file or an address: safe in URLs and on every disk."""
_SLUG_RE = re.compile(SLUG_PATTERN)


def is_slug(name: str) -> bool:
    return _SLUG_RE.match(name) is not None


def slugify(text: str) -> str:
    """The nearest slug to ``text``; empty when it has no letters or digits."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# Names the generator writes, by the kind of content whose ids share their folder, each with
# what it is: a content id equal to one of them (in any case) would overwrite it or be lost.
_ROOT_NAMES = {
    INDEX: "the home page, whose text is content/pages/index.md",
    PATHWAYS_DIR: "the pathways section",
    SUPPORTS_DIR: "the kinds of support section",
    STATUTES_DIR: "the statutes section",
    GLOSSARY: "the glossary page made from content/glossary.yml",
    TREE_DIR: "the decision trees' pages",
    EMBED_DIR: "the files county offices embed",
    EMBED_PAGE_DIR: "the page that explains embedding",
    CHANGES: "the What's changed page made from content/editions.yml",
    HANDBOOK_DIR: "the print handbook (and handbook.pdf)",
    SCHEMAS_DIR: "the JSON Schemas of the content files",
    **ENGINE_NAMES,
    **PLANNED_NAMES,
}


def _embed_names() -> dict[str, str]:
    # A tree's bundle is embed/<id>.js beside the shared files: no id may take a shared stem.
    names: dict[str, str] = {}
    for name, what in EMBED_SHARED.items():
        names.setdefault(name.rsplit(".", 1)[0], f"{EMBED_DIR}/{name}, {what}")
    return names


RESERVED: dict[str, dict[str, str]] = {
    "page": _ROOT_NAMES,
    "pathway": {INDEX: f"{section_index(PATHWAYS_DIR)}, the list of all pathways"},
    "support": {INDEX: f"{section_index(SUPPORTS_DIR)}, the list of all kinds of support"},
    "tree": _embed_names(),
    "question": {INDEX: f"{QUESTIONS_DIR}/{HOME_PAGE}, which would be the folder's own page"},
    "outcome": {INDEX: f"{OUTCOMES_DIR}/{HOME_PAGE}, which would be the folder's own page"},
}
"""For each kind of content: the names its ids may not take, and what the generator writes there.

A page's name is its file name, so the home page ('index') is listed only to say what it is;
the validator accepts it for content/pages/index.md itself."""


def reserved_by(kind: str, name: str) -> str | None:
    """What the generator writes under ``name`` for this kind, compared without case."""
    return RESERVED.get(kind, {}).get(name.lower())
