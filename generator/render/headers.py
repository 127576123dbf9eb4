"""The HTTP headers the site must be served with, in one table, written out for each host:
``_headers`` (Netlify, Cloudflare Pages) by every build, and the nginx and Apache configurations
in ``deploy/`` (``make deploy-configs``).

Each kind of file is matched by a regular expression on its path inside the site, first match
first, and gets every one of its headers from that one row: nginx's ``add_header`` in a
``location`` drops the headers of the level above, so nothing may rely on inheritance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.render.embed import FRAME_CSP

# Material's pages pass this with its inline scripts moved into files (the packaged overrides); its
# icons are data: SVG images in its stylesheet.
SITE_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The print handbook carries its page-numbering rules, worded in the site's language, in a
# <style> element.
HANDBOOK_CSP = SITE_CSP.replace("img-src", "style-src 'self' 'unsafe-inline'; img-src")
# Any county page may frame the widget's frame page, and only that page.
FRAME_PAGE_CSP = f"{FRAME_CSP}; frame-ancestors *"

SHORT_CACHE = "public, max-age=300"
LONG_CACHE = "public, max-age=31536000, immutable"

_COMMON = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)
_SHARED = (
    # Script integrity checks on a county's page need CORS; open data is read by other sites.
    ("Access-Control-Allow-Origin", "*"),
    ("Cross-Origin-Resource-Policy", "cross-origin"),
)


# Every language's site has the same files: a language other than the content's own is in a
# folder named by its tag (``es/embed/...``).
_IN_LANGUAGE = r"^(?:[a-z]{2,3}(?:-[a-z0-9]{2,8})*/)?"


def _page(csp: str) -> tuple[tuple[str, str], ...]:
    return (("Content-Security-Policy", csp), ("X-Frame-Options", "DENY"))


@dataclass(frozen=True)
class Kind:
    """One kind of file: which paths (a regular expression on the path inside the site, no
    leading slash) and the headers each of them is sent with."""

    name: str
    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        return re.search(self.pattern, path) is not None


KINDS: tuple[Kind, ...] = (
    Kind(
        "the widget's frame page, framed by county sites",
        _IN_LANGUAGE + r"embed/[^/]+/frame\.html$",
        (
            *_COMMON,
            *_SHARED,
            ("Cache-Control", SHORT_CACHE),
            ("Content-Security-Policy", FRAME_PAGE_CSP),
        ),
    ),
    Kind(
        "embed files: scripts, stylesheets and snippets county sites load",
        _IN_LANGUAGE + r"embed/",
        (*_COMMON, *_SHARED, ("Cache-Control", SHORT_CACHE), *_page(SITE_CSP)),
    ),
    Kind(
        "open data",
        _IN_LANGUAGE + r"data/",
        (*_COMMON, *_SHARED, ("Cache-Control", SHORT_CACHE), *_page(SITE_CSP)),
    ),
    Kind(
        "the feed of editions, which web feed readers fetch from their own pages",
        _IN_LANGUAGE + r"feed\.xml$",
        (*_COMMON, *_SHARED, ("Cache-Control", SHORT_CACHE), *_page(SITE_CSP)),
    ),
    Kind(
        "Material's assets, named by a hash of their content",
        _IN_LANGUAGE + r"assets/.+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$",
        (*_COMMON, ("Cache-Control", LONG_CACHE), *_page(SITE_CSP)),
    ),
    Kind(
        "the print handbook",
        _IN_LANGUAGE + r"handbook/",
        (*_COMMON, ("Cache-Control", SHORT_CACHE), *_page(HANDBOOK_CSP)),
    ),
    Kind("everything else", r"", (*_COMMON, ("Cache-Control", SHORT_CACHE), *_page(SITE_CSP))),
)

HEADER_NAMES: tuple[str, ...] = tuple(dict.fromkeys(n for k in KINDS for n, _ in k.headers))
COMPRESSED_TYPES = (
    "text/css text/plain text/xml text/csv text/javascript application/javascript application/json "
    "application/xml application/atom+xml image/svg+xml"
)


def kind_of(path: str) -> Kind:
    """The kind of a file, by its path inside the site (no leading slash)."""
    return next(k for k in KINDS if k.matches(path))


def _block(pattern: str, kind: Kind) -> str:
    lines = [pattern, *(f"  {name}: {value}" for name, value in kind.headers)]
    return "\n".join(lines) + "\n"


def netlify_headers(paths: Iterable[str]) -> str:
    """``_headers`` for the files at ``paths`` (every file of the site).

    Netlify lets a later rule replace a header and Cloudflare Pages joins both values, so a path
    matching two rules would get different headers on each: every path here matches exactly
    one rule. A folder whose files are all of one kind is one rule, ``/folder/*``."""
    tree: dict[str, object] = {}
    for path in paths:
        node = tree
        *folders, name = path.split("/")
        for folder in folders:
            child = node.setdefault(folder, {})
            assert isinstance(child, dict)
            node = child
        node[name] = None
    blocks = [
        "# Written by pathways from its table of headers (generator/render/headers.py), the same\n"
        "# rules as deploy/nginx.conf and deploy/apache.conf. Each path matches one rule only.\n"
    ]
    _emit(tree, "", blocks)
    return "\n".join(blocks)


def _kinds_below(node: dict[str, object], prefix: str) -> set[Kind]:
    found: set[Kind] = set()
    for name, child in node.items():
        if isinstance(child, dict):
            found |= _kinds_below(child, f"{prefix}{name}/")
        else:
            found.add(kind_of(prefix + name))
    return found


def _emit(node: dict[str, object], prefix: str, blocks: list[str]) -> None:
    for name in sorted(node):
        child = node[name]
        path = prefix + name
        if isinstance(child, dict):
            kinds = _kinds_below(child, path + "/")
            if len(kinds) == 1:
                blocks.append(_block(f"/{path}/*", kinds.pop()))
            else:
                _emit(child, path + "/", blocks)
            continue
        kind = kind_of(path)
        if name == "index.html":
            # The folder's own address serves this file.
            blocks.append(_block(f"/{prefix}", kind))
        blocks.append(_block(f"/{path}", kind))


def _nginx_location(kind: Kind) -> str:
    # Quoted: the braces of a repetition would otherwise end the directive.
    where = f'~ "^/{kind.pattern[1:]}"' if kind.pattern else "/"
    lines = [f"# {kind.name}", f"location {where} {{"]
    lines += [f'    add_header {name} "{value}" always;' for name, value in kind.headers]
    return "\n".join([*lines, "}"]) + "\n"


def nginx_conf() -> str:
    """Directives for the ``server`` block that serves the built site at its host's root."""
    head = f"""\
# Written by `make deploy-configs` from generator/render/headers.py; do not edit by hand.
# Include it in the server block that serves the built site at the root of its host:
#     server {{ listen 443 ssl; server_name ...; root /srv/pathways/site; include .../nginx.conf; }}
# For a site under a path such as /guide/, put that path after each "^/" below.

charset utf-8;
charset_types {COMPRESSED_TYPES};
gzip on;
gzip_vary on;
gzip_comp_level 6;
gzip_min_length 256;
gzip_types {COMPRESSED_TYPES};
index index.html;
error_page 404 /404.html;
server_tokens off;
"""
    return head + "".join("\n" + _nginx_location(kind) for kind in KINDS)


def _apache_section(kind: Kind) -> list[str]:
    lines = [f"# {kind.name}"]
    indent = ""
    if kind.pattern:
        lines.append(f'<LocationMatch "^/{kind.pattern[1:]}">')
        indent = "    "
        lines += [f"{indent}Header always unset {name}" for name in HEADER_NAMES]
    lines += [f'{indent}Header always set {name} "{value}"' for name, value in kind.headers]
    if kind.pattern:
        lines.append("</LocationMatch>")
    return lines


def apache_conf() -> str:
    """Directives for the ``VirtualHost`` that serves the built site at its host's root."""
    head = f"""\
# Written by `make deploy-configs` from generator/render/headers.py; do not edit by hand.
# Include it in the VirtualHost that serves the built site at the root of its host (it needs
# mod_headers and mod_deflate). For a site under a path such as /guide/, put that path after
# each "^/" below.
# Apache applies every matching section in order, a later one replacing the headers of an
# earlier one, so the most particular kinds of file come last.

AddCharset utf-8 .html .css .js .json .xml .csv .txt .svg
AddOutputFilterByType DEFLATE text/html {COMPRESSED_TYPES}
DirectoryIndex index.html
ErrorDocument 404 /404.html
"""
    sections = ["\n".join(_apache_section(kind)) + "\n" for kind in reversed(KINDS)]
    return head + "".join("\n" + s for s in sections)


def deploy_files() -> dict[str, str]:
    """The configurations shipped in the repository's ``deploy/`` folder."""
    return {"nginx.conf": nginx_conf(), "apache.conf": apache_conf()}
