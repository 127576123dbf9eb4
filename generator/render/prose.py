"""Content prose to the Markdown we publish: raw HTML escaped, citations linked."""

from __future__ import annotations

import re

from generator.citations import Citation, Links, find_citations

OFFICIAL = Links()
"""Links to each section's official text, for prose that no statute entry adds addresses to."""

# Spans that must be left alone: inline code, Markdown links and images, autolinks.
_PROTECTED_RE = re.compile(
    r"`[^`\n]*`"
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"
    r"|<(?:https?|mailto|tel):[^>\s]*>"
)
# The start of anything a browser would read as markup: tags, comments, declarations.
_HTML_START_RE = re.compile(r"<(?=[A-Za-z/!?])")


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
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def _escape_html(text: str) -> str:
    return _HTML_START_RE.sub("&lt;", text)


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


def prose(text: str, links: Links = OFFICIAL) -> str:
    """Render content Markdown: citations outside links and code become links; no raw HTML."""
    out: list[str] = []
    pos = 0
    for protected in _PROTECTED_RE.finditer(text):
        out.append(_link_citations(text[pos : protected.start()], links))
        span = protected.group(0)
        out.append(_escape_html(span) if span.startswith(("[", "![")) else span)
        pos = protected.end()
    out.append(_link_citations(text[pos:], links))
    return "".join(out)


def inline(text: str, links: Links = OFFICIAL) -> str:
    """Prose made to fit on one line, for table cells and list items."""
    return " ".join(prose(text, links).split())
