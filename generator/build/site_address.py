"""The site's public address from ``mkdocs.yml``, checked as content is: a located error.

The engine prints ``site_url`` into every page as it is (canonical links, the sitemap), and the
handbook and the embed snippets carry it too, so it must be an address that needs no escaping.
``--site-url`` passes the same check on the command line (``generator.urls``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.errors import Location, Problems, relative_name
from generator.urls import site_address_problem

_KEY_RE = re.compile(r"^site_url[ \t]*:[ \t]*", re.MULTILINE)


def _where(config_file: Path, root: Path) -> Location:
    """The line of ``site_url:`` in the file, or the file's start when it cannot be found."""
    name = relative_name(config_file.as_posix(), root.as_posix())
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Location(name)
    match = _KEY_RE.search(text)
    if match is None:
        return Location(name)
    before = text[: match.end()]
    return Location(name, before.count("\n") + 1, match.end() - before.rfind("\n"))


def check_site_url(
    config: dict[str, Any], config_dir: Path, root: Path, problems: Problems
) -> None:
    """Record a located error when ``site_url`` is set but is not a usable http(s) address."""
    value = config.get("site_url")
    if value is None or value == "":
        return
    if isinstance(value, str):
        problem = site_address_problem(value)
    else:
        problem = f"{value!r} is not an http(s) address such as https://guidance.example.org/"
    if problem:
        where = _where(config_dir / "mkdocs.yml", root)
        problems.error("bad-site-url", where, f"site_url {problem}")
