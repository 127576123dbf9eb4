"""The whole handbook as one print-ready HTML page: read in a browser, and made into the PDF."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

# Re-exported for the build's PDF step and the benchmark.
from generator import urls
from generator.model import Content, Untranslated
from generator.render.compiled import COMPILED
from generator.render.handbook_parts import REVIEWS, Handbook, anchor, mark
from generator.render.languages import language_roots
from generator.render.pages import statutes_title
from generator.render.strings import Strings
from generator.urls import HANDBOOK_CSS as HANDBOOK_CSS
from generator.urls import HANDBOOK_DIR as HANDBOOK_DIR
from generator.urls import PDF_NAME as PDF_NAME

_SECTION_OR_WEB_LINK = re.compile(r'<section\b|<a href="(https?://[^"]*)"')


def handbook_css() -> str:
    return resources.files("generator").joinpath(f"assets/{HANDBOOK_CSS}").read_text("utf-8")


def handbook_link(
    page: str,
    strings: Strings,
    pages: int | None,
    directory_urls: bool,
) -> str:
    """The line a web page ends with: the PDF and its length, or without a PDF the print page.

    ``page`` is the Markdown file's path inside the docs folder. The link is plain HTML, relative
    to the page's address: the handbook may be made while the engine runs and join the site after
    it, so the engine does not see it; the link check after the build does."""
    depth = page.count("/")
    at_index = page == urls.HOME_PAGE or page.endswith("/" + urls.HOME_PAGE)
    if directory_urls and not at_index:
        depth += 1
    up = "../" * depth
    if pages is None:
        text = strings("handbook.print_html")
        target = f"{up}{HANDBOOK_DIR}/" if directory_urls else f"{up}{HANDBOOK_DIR}/index.html"
    else:
        text, target = strings("handbook.download_pdf", pages=pages), f"{up}{PDF_NAME}"
    return (
        f'\n<p class="pathways-handbook"><a href="{html.escape(target)}">'
        f"{html.escape(text, quote=False)}</a></p>\n"
    )


def with_handbook_links(
    files: dict[str, str | bytes],
    strings: Strings,
    pages: int | None,
    directory_urls: bool,
) -> dict[str, str | bytes]:
    """Every Markdown page of ``files`` with the handbook line at its end."""
    return {
        path: text + handbook_link(path, strings, pages, directory_urls)
        if path.endswith(".md") and isinstance(text, str)
        else text
        for path, text in files.items()
    }


def _mark_repeats(html: str) -> str:
    """Mark all but the last link to each web address in a section, so that print gives the
    address once there: at the last link, which for a pathway or a kind of support is in its list
    of the law behind it."""
    tokens = list(_SECTION_OR_WEB_LINK.finditer(html))
    last: dict[tuple[int, str], int] = {}
    scope = 0
    for i, m in enumerate(tokens):
        if m.group(1) is None:
            scope += 1
        else:
            last[(scope, m.group(1))] = i
    keep = set(last.values())
    out, pos = [], 0
    for i, m in enumerate(tokens):
        if m.group(1) is not None and i not in keep:
            out += [html[pos : m.end()], ' class="again"']
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def _css_content(template: str, **parts: str) -> str:
    """A sentence with ``{name}`` slots as a CSS ``content`` value, each slot a CSS expression."""
    out = []
    for i, piece in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2:
            out.append(parts[piece])
        elif piece:
            out.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(out)


def _locale_css(t: Strings) -> str:
    """The rules that hold words, so that the stylesheet beside the page holds none."""
    footer = _css_content(t("handbook.page_footer"), page="counter(page)", pages="counter(pages)")
    page = "target-counter(attr(href), page)"
    see = _css_content(t("handbook.see_page"), page=page)
    law = _css_content(t("handbook.see_appendix"), section="attr(data-section)", page=page)
    return (
        f"@page {{ @bottom-center {{ content: {footer}; }} }}\n"
        f"@page cover {{ @bottom-center {{ content: none; }} }}\n"
        f'@media print {{ a.xref::after {{ content: " " {see}; }} }}\n'
        f'@media print {{ a.xref.law-ref::after {{ content: " " {law}; }} }}\n'
        # Inside the appendix a mention of another section needs only its page.
        f'@media print {{ .appendix a.xref.law-ref::after {{ content: " " {see}; }} }}\n'
    )


def _finalize(value: Any) -> Any:
    # Every text the templates print is tagged with its language where it is not the page's.
    return mark(value) if isinstance(value, Untranslated) else value


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates/handbook"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=COMPILED,
        finalize=_finalize,
    )
    # Where markup cannot go (an attribute, the page's title), a text prints as it is.
    env.filters["bare"] = str
    return env


def handbook_html(
    content: Content, *, site_url: str | None, pdf_name: str | None = f"../{PDF_NAME}"
) -> str:
    """The handbook as one standalone page that links only to its stylesheet (and the PDF).

    ``pdf_name`` is the PDF's address relative to the page, shown on screen only; None when the
    build makes no PDF."""
    book = Handbook(content)
    t = book.t
    alternates = _alternates(content, site_url)
    template = _environment().get_template("handbook.html.j2")
    html = template.render(
        book=book,
        content=content,
        site=content.site,
        t=t,
        longdate=t.longdate,
        anchor=anchor,
        site_url=site_url,
        pdf_name=pdf_name,
        css_name=HANDBOOK_CSS,
        alternates=alternates,
        locale_css=Markup(_locale_css(t)),
        toc=book.toc(),
        statutes_title=statutes_title(content, t),
        trees=[book.tree_view(tree) for tree in content.trees],
        reviews_id=REVIEWS,
    )
    return _mark_repeats(html)


@dataclass(frozen=True)
class Alternate:
    """The handbook page in one of the site's languages, as this language's page links it."""

    language: str
    name: str
    href: str
    """Relative to this page, for the reader's link."""
    address: str
    """Absolute when the site's address is known, for search engines' ``hreflang``."""
    current: bool


def _alternates(content: Content, site_url: str | None) -> list[Alternate]:
    """Each language's handbook page, where the site has more than one language."""
    languages = content.site.languages
    if len(languages) < 2:
        return []
    here = urls.language_root(languages, content.site.language)
    base = site_url.removesuffix(here) if site_url and site_url.endswith(here) else None
    found = []
    for root in language_roots(languages, content.site.language, base):
        # The page is one folder below its language's root.
        href = f"../{root.rel}{urls.HANDBOOK_DIR}/"
        address = f"{root.home}{urls.HANDBOOK_DIR}/" if root.home else href
        found.append(Alternate(root.language, root.name, href, address, root.current))
    return found
