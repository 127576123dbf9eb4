"""After the engine runs, a second line of defence: no page's content may hold anything that runs.

Content is made inert before the engine sees it (``render/prose.py``) and HTML the generator
writes is sanitized (``render/rich.py``); this scan checks the result, whatever extensions the
site's ``mkdocs.yml`` enables. In the content area of every page (Material's ``<article>``;
the ``<body>`` of a page of our own; the whole of a snippet) it refuses:

- an event handler attribute (``on...=``);
- a ``javascript:``, ``vbscript:`` or ``data:`` address in an attribute that takes one;
- ``srcdoc``, an SVG animation of a link, ``http-equiv``;
- markup in a ``title`` in the theme's pages: Material's tooltips insert titles as HTML;
- ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<form>`` and the like, unless they
  are exactly those the generator's templates write (its own scripts, the embed page's form,
  the iframe snippet's frame).

A quick search finds pages that could hold any of these; only those are read tag by tag, as a
browser reads tags. Where a browser reads text (a comment, a ``<textarea>``) the scan reads tags
too, so it never sees less than a browser; and since the engine and the templates escape '<'
and '>' in attribute values, a value holding one is refused as well: that is how a tag would
hide from a reading that ends a comment later than a browser does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from generator.addresses import link_scheme

# Everything the reading tag by tag refuses needs one of these in the lower-cased text. Each is
# searched on its own: a literal start lets the search skip ahead, where one pattern of them all
# would be tried at every character.
_TAG_START_RE = re.compile(
    r"<(?:script|iframe|object|embed|form|frame|applet|base|meta|link|portal|style)"
)
_WORDS = ("srcdoc", "attributename", "http-equiv")
_EVENT_RE = re.compile(r"on[a-z]+\s*=")
_BEFORE_NAME = frozenset(" \t\n\r\f/\"'")
_VALUE_TOKENS = ("&#", "&colon", "&lt", "script", "data")
_VALUE_RE = re.compile(r"=\s*[\"']?[^\"'>]*?(?:&#|&colon|&lt|script\s*[:&]|data\s*[:&])")
# A start tag as a browser reads it: a quote after '=' opens a value that may hold '>'.
_TAG_RE = re.compile(r"<([a-zA-Z][^\t\n\f\r />]*)((?>=\s*\"[^\"]*\"|=\s*'[^']*'|[^>])*+)>")
_ATTR_RE = re.compile(r"([^\s/>][^\s/>=]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]*)))?")
_MARKUP_RE = re.compile(r"[<>]")

FORBIDDEN_TAGS = frozenset(
    {"script", "iframe", "object", "embed", "form", "frame", "frameset", "applet", "base"}
    | {"meta", "link", "portal", "style"}
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
    | {"srcset", "values", "from", "to", "by", "codebase", "cite", "ping", "lowsrc", "dynsrc"}
)
BAD_SCHEMES = frozenset({"javascript", "vbscript", "data"})
_SCRIPT_ATTRIBUTES = frozenset({"src", "integrity", "crossorigin", "defer"})
_SHOWN = 80

Attrs = list[tuple[str, str | None]]
OwnElement = Callable[[str, Attrs], bool]
"""Whether an element with a refused name is one the generator's templates wrote there."""


def content_area(text: str) -> tuple[str, bool]:
    """The part of a page that holds content: Material's article, else the body, else all;
    and whether it is the theme's (whose scripts treat titles as HTML)."""
    start = text.find("<article")
    if start >= 0:
        end = text.rfind("</article>")
        return text[start : end if end > start else len(text)], True
    start = text.find("<body")
    return (text[start:] if start >= 0 else text), False


def script_attributes_ok(attrs: Attrs) -> bool:
    """A script element as the templates write one: a source, and nothing that runs inline."""
    names = {name for name, _ in attrs}
    return "src" in names and names <= _SCRIPT_ATTRIBUTES


def _raw_attrs(raw: str) -> Attrs:
    """Attribute names (lower case) and values as written, in the order a browser reads them."""
    return [
        (m.group(1).lower(), next((v for v in m.group(2, 3, 4) if v is not None), None))
        for m in _ATTR_RE.finditer(raw)
    ]


def _bad_scheme(name: str, value: str) -> str | None:
    """The unsafe scheme an address attribute's value starts with (or an item of its list)."""
    if name == "srcset":
        candidates = [c.strip().split(" ")[0] for c in value.split(",")]
    elif name in ("values", "from", "to", "by"):
        candidates = value.split(";")
    else:
        candidates = [value]
    return next((s for c in candidates if (s := link_scheme(c)) in BAD_SCHEMES), None)


def _attribute_problems(tag: str, attrs: Attrs, themed: bool) -> Iterator[str]:
    for name, value in attrs:
        if value is None:
            continue
        scheme = _bad_scheme(name, value) if name in URL_ATTRIBUTES else None
        if name.lstrip("\"'<").startswith("on"):
            yield f"event handler attribute '{name}'"
        elif scheme:
            yield f"'{scheme}:' address in '{name}'"
        elif name == "srcdoc":
            yield "'srcdoc' attribute"
        elif name == "attributename" and value.strip().lower() in ("href", "xlink:href"):
            yield f"<{tag}> that changes a link"
        elif name == "http-equiv":
            yield f"<{tag} http-equiv>"
        elif name == "title" and themed and "<" in value:
            yield "markup in a title, which the theme's tooltips insert as HTML"


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _suspect(low: str) -> bool:
    """Whether lower-cased text could hold anything the reading tag by tag refuses."""
    if _TAG_START_RE.search(low) or any(word in low for word in _WORDS):
        return True
    if any(m.start() and low[m.start() - 1] in _BEFORE_NAME for m in _EVENT_RE.finditer(low)):
        return True
    return any(token in low for token in _VALUE_TOKENS) and _VALUE_RE.search(low) is not None


def unsafe_markup(text: str, own: OwnElement, themed: bool = True) -> list[tuple[str, str]]:
    """(problem, the markup) for everything in ``text`` that could run, each once; ``themed``
    when the theme's scripts run on it."""
    if not _suspect(text.lower()):
        return []
    found: dict[tuple[str, str], None] = {}
    for m in _TAG_RE.finditer(text):
        tag, raw = m.group(1).lower(), _raw_attrs(m.group(2))
        attrs = [(name, None if v is None else html.unescape(v)) for name, v in raw]
        problems = list(_attribute_problems(tag, attrs, themed))
        problems += [
            f"'<' or '>' in the value of '{n}'" for n, v in raw if _MARKUP_RE.search(v or "")
        ]
        if tag in FORBIDDEN_TAGS and not (
            own(tag, attrs) and (tag != "script" or text.startswith("</script>", m.end()))
        ):
            problems.insert(0, f"<{tag}> element")
        for problem in problems:
            found[(problem, _shown(m.group(0)))] = None
    return list(found)
