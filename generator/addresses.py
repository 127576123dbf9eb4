"""Web addresses from content and settings: which schemes a link may use, and the rules an
address must meet before it is printed into HTML."""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = ("https", "http", "mailto", "tel")
"""What a link from content may use; ``data:`` is not one (it can carry a whole page)."""

_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop tabs and newlines anywhere in an address and control characters before it.
_IGNORED_RE = re.compile(r"[\x00-\x20]")

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:.]+\])"
_PORT = r"(?::[0-9]{1,5})?"
# Characters an address may hold that need no escaping anywhere it is printed: in an HTML
# attribute, in HTML text, in a Markdown link. No quotes, angle brackets, spaces, backslashes,
# backticks, braces or control characters.
_PATH_CHARS = r"[A-Za-z0-9\-._~!$()*+,;=:@%/]"
WEB_ADDRESS_PATTERN = (
    rf"^[Hh][Tt][Tt][Pp][Ss]?://{_HOST}{_PORT}(?:[/?#][A-Za-z0-9\-._~!$&()*+,;=:@%/?#\[\]]*)?$"
)
"""An absolute http(s) address with a host, as content may give one (a contact's web page)."""
SITE_ADDRESS_PATTERN = rf"^[Hh][Tt][Tt][Pp][Ss]?://{_HOST}{_PORT}(?:/{_PATH_CHARS}*)?$"
"""The site's own address: a folder, so no query, fragment or ``&``; pages add paths to it."""

_WEB_ADDRESS_RE = re.compile(WEB_ADDRESS_PATTERN)
_SITE_ADDRESS_RE = re.compile(SITE_ADDRESS_PATTERN)
_BAD_CHAR_RE = re.compile(r"[\x00-\x20\x7f\"'<>\\`{}|^]")


def link_scheme(target: str) -> str | None:
    """The scheme a browser reads from a link target (lower case), or None for a relative one.

    Character references are decoded first (``jav&#x61;script:`` is ``javascript:``), and
    tabs, newlines and control characters dropped, as browsers do."""
    match = _SCHEME_RE.match(_IGNORED_RE.sub("", html.unescape(target)))
    return match.group(1).lower() if match else None


def is_safe_link(target: str) -> bool:
    scheme = link_scheme(target)
    return scheme is None or scheme in SAFE_SCHEMES


def _address_problem(value: str, pattern: re.Pattern[str], example: str) -> str | None:
    value = value.strip()
    if not value.lower().startswith(("http://", "https://")):
        return f"'{value}' is not an absolute http(s) address such as {example}"
    bad = _BAD_CHAR_RE.search(value)
    if bad:
        return f"'{value}' holds {bad.group(0)!r}, which an address must not contain"
    if not pattern.match(value):
        return f"'{value}' is not an absolute http(s) address with a host, such as {example}"
    return None


def web_address_problem(value: str) -> str | None:
    """Why ``value`` cannot be published as a link to a web page, or None when it can.

    Both checks ignore spaces around the value; the caller strips it before using it."""
    return _address_problem(value, _WEB_ADDRESS_RE, "https://www.example.org/contact")


def site_address_problem(value: str) -> str | None:
    """Why ``value`` cannot be the site's address (``--site-url``, ``site_url``), or None."""
    problem = _address_problem(value, _SITE_ADDRESS_RE, "https://guidance.example.org/")
    if problem is None or not _WEB_ADDRESS_RE.match(value.strip()):
        return problem
    if "?" in value or "#" in value:
        return f"'{value}' has a query or fragment; the site's address names a folder"
    return f"'{value}' holds '&', which the site's address must not contain"
