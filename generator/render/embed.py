"""Embedding a decision tree on another site: the bundle, the iframe page, the two snippets a
county office pastes, and the "Embed on your site" page that fills them in.

Everything here is a pure function of the content and the site URL, so the same input gives the
same bytes, and the ``integrity`` hashes in the snippets stay valid until the content changes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator import urls
from generator.addresses import site_address_problem
from generator.errors import BuildError, ContentError, Location, Problems
from generator.model import Content, Tree
from generator.render.pages import PageRenderer
from generator.render.strings import Strings
from generator.render.tree import bundle, tree_data, widget_css, widget_source
from generator.urls import (
    EMBED_DIR,
    EMBED_PAGE,
    EMBED_PAGE_DIR,
    FRAME_CSS,
    FRAME_HOST,
    FRAME_SCRIPT,
    PAGE_CSS,
    PAGE_SCRIPT,
    WIDGET_CSS,
)

# The iframe's sandbox. No allow-same-origin: the frame gets an opaque origin, so it can reach no
# cookies or storage of anyone's, and nothing in it could ever lift its own sandbox. allow-forms
# because a sandboxed form fires no submit event (the widget's questions are a form; it never
# submits anywhere); allow-modals for the widget's Print button; allow-top-navigation-by-user-
# activation so a link the reader clicks opens in the page, not inside the frame; allow-popups
# (and -to-escape-sandbox) so opening a link in a new tab works and that tab is an ordinary page.
FRAME_SANDBOX = " ".join(
    [
        "allow-scripts",
        "allow-forms",
        "allow-modals",
        "allow-popups",
        "allow-popups-to-escape-sandbox",
        "allow-top-navigation-by-user-activation",
    ]
)
# The frame's height before the host script sizes it (or for good, without that script).
FRAME_HEIGHT = 640
# The frame's own policy: only files from the state's site, nothing inline, never a form post.
FRAME_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'"
)
# The widget's stylesheet is the one place its default primary colour is written.
_DEFAULT_PRIMARY = re.compile(r"--pw-default-primary:\s*(#[0-9a-fA-F]{3,8})\s*;")
CONTACT_ATTRIBUTES = ("contact-name", "contact-url", "contact-phone", "contact-email")
# The embed page's form (embed-page.js finds it by this id); the only form in any page's content.
EMBED_FORM_ID = "pw-embed-form"


def default_primary() -> str:
    """The widget's own primary colour, shown as the embed page's colour field's placeholder."""
    found = _DEFAULT_PRIMARY.search(widget_css())
    if found is None:
        # Only a broken package gets here: the stylesheet ships with the generator.
        raise BuildError("the widget's stylesheet declares no --pw-default-primary colour")
    return found.group(1)


def sri(data: str | bytes) -> str:
    """A Subresource Integrity value (sha384) for the exact bytes a browser will fetch."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return "sha384-" + base64.b64encode(hashlib.sha384(raw).digest()).decode("ascii")


def published_bundle(
    content: Content, tree: Tree, strings: Strings, directory_urls: bool = True
) -> str:
    """The bundle exactly as the site serves it; its integrity covers the stylesheet too."""
    data = tree_data(content, tree, strings, directory_urls)
    data["css_integrity"] = sri(widget_css())
    return bundle(data)


def site_base(site_url: str | None) -> str:
    """The site's public address, ending in '/'; a ContentError when it is missing or unusable.

    The snippets a county pastes must name the state's site by its absolute address.
    """
    problems = Problems()
    where = Location("mkdocs.yml")
    if not site_url:
        problems.error(
            "no-site-url",
            where,
            "site_url is not set: the embed snippets need the site's public address; set "
            "site_url in mkdocs.yml or pass --site-url",
        )
        raise ContentError(problems)
    problem = site_address_problem(site_url)
    if problem:
        problems.error("bad-site-url", where, f"site_url {problem}")
        raise ContentError(problems)
    parts = urlsplit(site_url.strip())
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def origin_of(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"


def _comment(text: str) -> str:
    # "--" may not appear inside an HTML comment, and a tag in one (from a tree's title) is
    # still markup to whatever reads comments loosely: a county's page editor, the output scan.
    return html.escape(text, quote=False).replace("--", "- -")


@dataclass(frozen=True)
class Language:
    """One of the site's languages as the embeds see it: its content, words and address."""

    tag: str
    content: Content
    strings: Strings
    base: str
    """The public address of this language's site, ending in '/' (``es/`` under the root)."""
    root: str
    """Where this language's site starts inside the output (``urls.language_root``)."""

    def url(self, path: str) -> str:
        return self.base + path


def editions_of(
    content: Content, editions: Mapping[str, Content] | None = None
) -> dict[str, Content]:
    """The content in each of the site's languages that is at hand, in the site's order.

    The source content holds every translation; a translation holds none of the others, so its
    embed page offers the other languages only when they are given (``editions``, which, when
    given, are all there is: a preview builds one language)."""
    site = content.site
    found: dict[str, Content] = {}
    for tag in site.languages or (site.language,):
        if tag == site.language:
            found[tag] = content
        elif editions is not None:
            if tag in editions:
                found[tag] = editions[tag]
        elif tag in content.translations:
            found[tag] = content.for_language(tag)
    return found


class Embedder:
    """Every embedding file for every tree, with absolute URLs from the site's address.

    The files are those of the content's own language; its embed page also carries the snippets
    of each other language at hand, so that a county may choose the language of the questions."""

    def __init__(
        self,
        content: Content,
        renderer: PageRenderer,
        site_url: str | None,
        editions: Mapping[str, Content] | None = None,
    ) -> None:
        self.content = content
        self.renderer = renderer
        self.t = renderer.strings
        self.base = site_base(site_url)
        self.origin = origin_of(self.base)
        self.frame_host = widget_source(FRAME_HOST)
        self.directory_urls = renderer.directory_urls
        languages = list(content.site.languages or (content.site.language,))
        own_root = urls.language_root(languages, content.site.language)
        # Each language's site is the root's, with the language's folder after it.
        site_root = self.base.removesuffix(own_root) if own_root else self.base
        self.languages = [
            Language(
                tag,
                edition,
                self.t if edition is content else Strings.of(edition),
                site_root + urls.language_root(languages, tag),
                urls.language_root(languages, tag),
            )
            for tag, edition in editions_of(content, editions).items()
        ]
        self.own = next(lang for lang in self.languages if lang.content is content)

    def url(self, path: str) -> str:
        return self.base + path

    def relative(self, here: str, language: Language, path: str) -> str:
        """``path`` of ``language``'s site, as written in the file ``here`` of this one's."""
        return posixpath.relpath(language.root + path, posixpath.dirname(self.own.root + here))

    def files(self) -> dict[str, str]:
        out = {
            f"{EMBED_DIR}/{WIDGET_CSS}": widget_css(),
            f"{EMBED_DIR}/{FRAME_SCRIPT}": widget_source(FRAME_SCRIPT),
            f"{EMBED_DIR}/{FRAME_CSS}": widget_source(FRAME_CSS),
            f"{EMBED_DIR}/{FRAME_HOST}": self.frame_host,
            f"{EMBED_PAGE_DIR}/{PAGE_SCRIPT}": widget_source(PAGE_SCRIPT),
            f"{EMBED_PAGE_DIR}/{PAGE_CSS}": widget_source(PAGE_CSS),
        }
        snippets = []
        for tree in self.content.trees:
            folder = urls.tree_embed_dir(tree.id)
            made = {lang.tag: self.language_files(lang, tree.id) for lang in self.languages}
            own = made[self.own.tag]
            out[urls.tree_bundle(tree.id)] = own["bundle"]
            out[f"{folder}/{urls.FRAME_PAGE}"] = self.frame(tree)
            out[f"{folder}/{urls.SNIPPET}"] = own["script"]
            out[f"{folder}/{urls.IFRAME_SNIPPET}"] = own["iframe"]
            start = urls.question_page(tree.id, tree.start)
            snippets.append(
                {
                    "tree": tree,
                    "start_url": urls.link_between(EMBED_PAGE, start, self.directory_urls),
                    "script": own["script"],
                    "iframe": own["iframe"],
                    "languages": [
                        {
                            "tag": lang.tag,
                            "script": made[lang.tag]["script"],
                            "iframe": made[lang.tag]["iframe"],
                            "bundle": self.relative(EMBED_PAGE, lang, urls.tree_bundle(tree.id)),
                        }
                        for lang in self.languages
                    ],
                }
            )
        out[EMBED_PAGE] = self.page(snippets)
        return out

    def language_files(self, lang: Language, tree_id: str) -> dict[str, str]:
        """One language's bundle of a tree and the two snippets that load it."""
        tree = next(t for t in lang.content.trees if t.id == tree_id)
        script = published_bundle(lang.content, tree, lang.strings, self.directory_urls)
        return {
            "bundle": script,
            "script": self.snippet(tree, sri(script), lang),
            "iframe": self.iframe_snippet(tree, lang),
        }

    def bundle(self, tree: Tree) -> str:
        return published_bundle(self.content, tree, self.t, self.directory_urls)

    def _render(self, template: str, **values: Any) -> str:
        return self.renderer.env.get_template(template).render(**values)

    def fallback(self, tree: Tree, lang: Language | None = None) -> tuple[str, str]:
        """The first question's no-JavaScript page: shown until (or instead of) the widget."""
        lang = lang or self.own
        start = urls.question_page(tree.id, tree.start)
        url = lang.url(urls.page_url(start, self.directory_urls))
        return url, lang.strings("embed.fallback_link", title=tree.title)

    def comment(self, tree: Tree, lang: Language) -> str:
        page = lang.url(urls.page_url(EMBED_PAGE, self.directory_urls))
        return _comment(lang.strings("embed.snippet_comment", title=tree.title, page=page))

    def snippet(self, tree: Tree, integrity: str, lang: Language | None = None) -> str:
        lang = lang or self.own
        url, text = self.fallback(tree, lang)
        return self._render(
            "embed_snippet.html.j2",
            comment=self.comment(tree, lang),
            script_url=lang.url(urls.tree_bundle(tree.id)),
            integrity=integrity,
            tree=tree,
            lang=lang.tag,
            contact=CONTACT_ATTRIBUTES,
            fallback_url=url,
            fallback_text=text,
        )

    def iframe_snippet(self, tree: Tree, lang: Language | None = None) -> str:
        lang = lang or self.own
        return self._render(
            "embed_iframe_snippet.html.j2",
            comment=self.comment(tree, lang),
            frame_url=lang.url(f"{urls.tree_embed_dir(tree.id)}/{urls.FRAME_PAGE}"),
            title=tree.title,
            height=FRAME_HEIGHT,
            sandbox=FRAME_SANDBOX,
            host_url=lang.url(f"{EMBED_DIR}/{FRAME_HOST}"),
            host_integrity=sri(self.frame_host),
        )

    def frame(self, tree: Tree) -> str:
        url, text = self.fallback(tree)
        here = f"{urls.tree_embed_dir(tree.id)}/{urls.FRAME_PAGE}"
        return self._render(
            "embed_frame.html.j2",
            lang=self.content.site.language,
            # frame.js goes to the page in the language a county's ?lang= asks for.
            alternates=[
                (lang.tag, self.relative(here, lang, here))
                for lang in self.languages
                if lang is not self.own
            ],
            csp=FRAME_CSP,
            title=tree.title,
            tree=tree,
            fallback_url=url,
            fallback_text=text,
            frame_css=f"../{FRAME_CSS}",
            frame_script=f"../{FRAME_SCRIPT}",
            bundle=posixpath.relpath(urls.tree_bundle(tree.id), urls.tree_embed_dir(tree.id)),
        )

    def page(self, snippets: list[dict[str, Any]]) -> str:
        return self.renderer.render(
            "embed_page.md.j2",
            snippets=snippets,
            own_language=self.own.tag,
            languages=[(lang.tag, lang.strings("embed.language_name")) for lang in self.languages],
            origin=self.origin,
            page_script=PAGE_SCRIPT,
            page_css=PAGE_CSS,
            embed_root=f"../{EMBED_DIR}/",
            contact=CONTACT_ATTRIBUTES,
            default_primary=default_primary(),
            form_id=EMBED_FORM_ID,
        )


def embed_files(
    content: Content,
    renderer: PageRenderer,
    site_url: str | None,
    editions: Mapping[str, Content] | None = None,
) -> dict[str, str]:
    """``{path inside docs: text}`` for every embedding file; nothing when there is no tree.

    ``content`` is one language's, ``site_url`` that language's address (``.../es/``), and
    ``editions`` the content in each of the site's languages, for the embed page's choice of
    language (a source content knows its translations by itself)."""
    if not content.trees:
        return {}  # and no site address is needed
    return Embedder(content, renderer, site_url, editions).files()
