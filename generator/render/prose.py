"""Content prose to the Markdown we publish: citations linked, and nothing in it that could
become markup of its own.

Content text is Markdown, and the engine's Markdown extensions turn some of it into HTML
attributes or elements. Before any content text reaches the engine, this module makes inert:

- raw HTML (tags, comments, declarations): shown as text;
- attribute lists (``{: onclick=... }``, the ``attr_list`` extension, which can set any
  attribute, event handlers and ``href`` included): shown as text;
- abbreviation definitions (``*[X]: ...``), which would change every page they appear on;
- autolinks other than ``<https://...>`` and ``<mailto:...@...>``;
- markup in link titles and abbreviation meanings: the theme's tooltips (Material's
  ``content.tooltips``) insert an element's ``title`` into the page as HTML, so a title's
  text is escaped once more than an attribute needs.

Links keep working; their targets are checked when the content is (``validate/prose.py``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from functools import lru_cache

import markdown
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from generator.citations import Citation, Links, find_citations

OFFICIAL = Links()
"""Links to each section's official text, for prose that no statute entry adds addresses to."""

# Spans that must be left alone: inline code, Markdown links and images, and the autolinks
# Markdown itself makes into links (it reads any other '<...>' as raw HTML).
_PROTECTED_RE = re.compile(
    r"`[^`\n]*`"
    r"|!?\[[^\]\n]{0,1000}\]\([^)\n]{0,2000}\)"
    r"|<(?i:https?)://[^<>\s]*>"
    r"|<mailto:[^<> !]+@[^@<> ]+>"
)
# The start of anything a browser would read as markup: tags, comments, declarations.
_HTML_START_RE = re.compile(r"<(?=[A-Za-z/!?])")
# An attribute list is a '{' with a '}' after it on the same line. Escaped, the '{' is text to
# the extension; one already escaped (an odd run of backslashes before it) is left as it is.
_BRACE_RE = re.compile(r"(?<!\\)((?:\\\\)*)\{")
# What the abbr extension reads as a definition: '*[' at the start of a line (of a list item, a
# quote or a definition too) up to ']:' with no backslash between.
_ABBR_DEF_RE = re.compile(r"^([ \t>*+\-0-9.:]*?)\*\[(?=[^\\]{0,500}?\][ ]?:)", re.MULTILINE)
# A term Markdown can define as an abbreviation: one line, no backslash.
_ABBR_TERM_RE = re.compile(r"[^\\\n\]\[]+")
_CODE_RE = re.compile(r"`[^`\n]*`")
_TARGET_RE = re.compile(r"\]\(")
# A link target in angle brackets, kept as it is: '<' there is syntax, not text.
_ANGLE_TARGET_RE = re.compile(r"\(\s*<[^<>]*>")
# A reference definition's title, after its target: "...", '...' or (...).
_REFERENCE_TITLE_RE = re.compile(
    r"^([ \t>*+\-0-9.]*\[[^\[\]\n]{0,1000}\]:[ \t]*\n?[ \t>]*<?[^\s>]+>?[ \t]*\n?[ \t>]*)"
    r"([\"'(].*)$",
    re.MULTILINE,
)


class _TargetReader(LinkInlineProcessor):
    """Markdown's own reading of where a link's target (and title) ends."""

    def unescape(self, text: str) -> str:
        return text


_TARGETS = _TargetReader(LINK_RE, markdown.Markdown())
_TARGET_LIMIT = 1000
_TARGET_BUDGET = 200_000
_QUOTE_RE = re.compile("[\"']")


def citation_link(citation: Citation, text: str | None = None, links: Links = OFFICIAL) -> str:
    """A Markdown link from a citation to the section's official text, where it has one."""
    label = (text or citation.canonical).replace("\n", " ")
    url = links.url(citation)
    if url is None:
        return escape_inline(label)
    title = links.title_of(citation)
    return (
        f'[{escape_inline(label)}]({url} "{title}")'
        if title
        else f"[{escape_inline(label)}]({url})"
    )


def escape_inline(text: str) -> str:
    """Text that Markdown shows as written (for titles and labels from content)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{#|])", r"\\\1", text)


def _escape_html(text: str) -> str:
    return _HTML_START_RE.sub("&lt;", text)


def title_text(text: str) -> str:
    """Text for a ``title`` attribute that stays text when a script puts it into the page as
    HTML: an attribute's value is decoded once, so '<' (and '&', which could spell one) are
    escaped twice."""
    return text.replace("&", "&amp;").replace("<", "&amp;lt;").replace("{", "&#123;")


def _titles_as_text(source: str) -> str:
    """Every link title in ``source`` (and the rest of its target) made safe for ``title``.

    Markdown's reading of a target is slow on text made of unclosed ones, so it is asked only
    where a title could be (a quote and a ')' follow), over a bounded stretch, for a bounded number
    of characters in all; a title past those limits is left to the output scan, which fails
    the build on it."""
    code = [m.span() for m in _CODE_RE.finditer(source)]
    code_starts = [a for a, _ in code]
    out: list[str] = []
    pos = 0
    budget = _TARGET_BUDGET
    for m in _TARGET_RE.finditer(source):
        start = m.start() + 1
        i = bisect.bisect_right(code_starts, start) - 1
        if start < pos or (i >= 0 and start < code[i][1]):
            continue
        window = source[start : start + _TARGET_LIMIT]
        if budget <= 0 or ")" not in window or not _QUOTE_RE.search(window):
            continue
        _, _, end, handled = _TARGETS.getLink(window, 0)
        budget -= end if handled else len(window)
        if not handled:
            continue
        kept = _ANGLE_TARGET_RE.match(window)
        keep = start + (kept.end() if kept else 0)
        out += [source[pos:keep], title_text(source[keep : start + end])]
        pos = start + end
    out.append(source[pos:])
    return _REFERENCE_TITLE_RE.sub(lambda m: m.group(1) + title_text(m.group(2)), "".join(out))


def _escape_braces(line: str) -> str:
    last = line.rfind("}")
    if last < 0:
        return line
    return _BRACE_RE.sub(r"\1\\{", line[:last]) + line[last:]


def inert(markdown: str) -> str:
    """Markdown with its attribute lists and abbreviation definitions shown as text, and its
    link titles safe for tooltips."""
    markdown = _titles_as_text(markdown)
    markdown = "\n".join(_escape_braces(line) for line in markdown.split("\n"))
    return _ABBR_DEF_RE.sub(r"\1*\\[", markdown)


def _link_citations(text: str, links: Links) -> str:
    out: list[str] = []
    pos = 0
    for match in find_citations(text):
        if match.citation is None:
            continue
        out.append(_escape_html(text[pos : match.start]))
        out.append(citation_link(match.citation, match.text, links))
        pos = match.end
    out.append(_escape_html(text[pos:]))
    return "".join(out)


@lru_cache(maxsize=16384)
def prose(text: str, links: Links = OFFICIAL) -> str:
    """Render content Markdown: citations outside links and code become links; no raw HTML,
    no attribute lists, no abbreviation definitions."""
    out: list[str] = []
    pos = 0
    for protected in _PROTECTED_RE.finditer(text):
        out.append(_link_citations(text[pos : protected.start()], links))
        span = protected.group(0)
        if span.startswith(("[", "![")):
            # The target is left for _titles_as_text, which keeps '<url>' working.
            label, target = span.split("](", 1)
            span = f"{_escape_html(label)}]({target}"
        out.append(span)
        pos = protected.end()
    out.append(_link_citations(text[pos:], links))
    return inert("".join(out))


def inline(text: str, links: Links = OFFICIAL) -> str:
    """Prose made to fit on one line, for table cells and list items."""
    return " ".join(prose(text, links).split())


def abbreviation_definitions(abbreviations: Mapping[str, str]) -> str:
    """The Markdown that marks every use of each term with its meaning (the abbr extension).

    A definition Markdown would not read as one would stay on the page as a paragraph, so a
    term it cannot hold is left out; each meaning becomes a ``title``, so it is title text."""
    return "\n".join(
        f"*[{term}]: {title_text(meaning)}"
        for term, meaning in abbreviations.items()
        if _ABBR_TERM_RE.fullmatch(term) and "\n" not in meaning
    )
