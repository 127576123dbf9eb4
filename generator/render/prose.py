"""Content prose to the Markdown we publish: raw HTML escaped, citations linked."""

from __future__ import annotations

import re

from generator.citations import Citation, find_citations

# Spans that must be left alone: inline code, Markdown links and images, autolinks.
_PROTECTED_RE = re.compile(
    r"`[^`\n]*`"
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"
    r"|<(?:https?|mailto|tel):[^>\s]*>"
)
# The start of anything a browser would read as markup: tags, comments, declarations.
_HTML_START_RE = re.compile(r"<(?=[A-Za-z/!?])")


def citation_link(citation: Citation, text: str | None = None) -> str:
    """A Markdown link from a citation to the section's official text."""
    label = (text or citation.canonical).replace("\n", " ")
    title = f"{citation.long_form}: official text"
    return f'[{escape_inline(label)}]({citation.url} "{title}")'


def escape_inline(text: str) -> str:
    """Text that Markdown shows as written (for titles and labels from content)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def _escape_html(text: str) -> str:
    return _HTML_START_RE.sub("&lt;", text)


def _link_citations(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in find_citations(text):
        if match.citation is None:
            continue
        out.append(_escape_html(text[pos : match.start]))
        out.append(citation_link(match.citation, match.text))
        pos = match.end
    out.append(_escape_html(text[pos:]))
    return "".join(out)


def prose(text: str) -> str:
    """Render content Markdown: citations outside links and code become links; no raw HTML."""
    out: list[str] = []
    pos = 0
    for protected in _PROTECTED_RE.finditer(text):
        out.append(_link_citations(text[pos : protected.start()]))
        span = protected.group(0)
        out.append(_escape_html(span) if span.startswith(("[", "![")) else span)
        pos = protected.end()
    out.append(_link_citations(text[pos:]))
    return "".join(out)


def inline(text: str) -> str:
    """Prose made to fit on one line, for table cells and list items."""
    return " ".join(prose(text).split())
