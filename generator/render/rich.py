"""Content Markdown to HTML the generator writes itself (the widget's JSON tree of elements, the
handbook, the tree page's introduction), through one allowlist sanitizer."""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3

from generator.addresses import SAFE_SCHEMES
from generator.citations import Links
from generator.render.prose import OFFICIAL, abbreviation_definitions, prose

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "a", "strong", "em", "abbr", "br", "code"})
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
"""Allowed as well where a whole hand-written page is shown (the handbook's chapters)."""
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = frozenset(SAFE_SCHEMES)
VOID = {"br"}

Node = str | dict[str, Any]


def sanitize(html: str, *, headings: bool = False) -> str:
    """Keep only the allowed elements and attributes; links keep safe schemes only.

    The result holds no '{' either (a character reference instead), so that Markdown with
    attribute lists enabled can never read one out of it where it is placed in a page."""
    clean: str = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS | HEADINGS if headings else ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return clean.replace("{", "&#123;")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict[str, Any] = {"tag": "root", "attrs": {}, "children": []}
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "children": []}
        self.stack[-1]["children"].append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        children = self.stack[-1]["children"]
        if self.stack[-1]["tag"] in ("root", "ul", "ol") and not data.strip():
            return
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


_MARKDOWN = markdown.Markdown(extensions=["abbr"])


@lru_cache(maxsize=4096)
def _safe_html(text: str, abbreviations: tuple[tuple[str, str], ...], links: Links) -> str:
    # One converter, reset between texts: building one per call costs more than converting.
    source = prose(text, links)
    # A term that is not in the text cannot be marked; leaving it out spares the converter.
    used = {k: v for k, v in abbreviations if k in source}
    if used:
        source += "\n\n" + abbreviation_definitions(used)
    _MARKDOWN.reset()
    return sanitize(_MARKDOWN.convert(source))


def to_html(text: str, abbreviations: dict[str, str], links: Links = OFFICIAL) -> str:
    """Content Markdown as sanitized HTML with no blank lines, for raw HTML blocks."""
    html = _safe_html(text, tuple(abbreviations.items()), links)
    return "\n".join(line for line in html.splitlines() if line.strip())


def rich(text: str, abbreviations: dict[str, str], links: Links = OFFICIAL) -> list[Node]:
    """Render content Markdown (citations linked, abbreviations marked) to block nodes."""
    return _nodes(_safe_html(text, tuple(abbreviations.items()), links))


@lru_cache(maxsize=4096)
def _nodes(html: str) -> list[Node]:
    # Shared between callers: the trees are serialized, never changed.
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    children: list[Node] = builder.root["children"]
    return children
