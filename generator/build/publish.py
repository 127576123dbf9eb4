"""What a build adds for publishing once the engine has run, and what it warns about before."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from generator import urls
from generator.build.config import site_mapping
from generator.build.files import write_files
from generator.errors import Location, Problems
from generator.render.headers import netlify_headers

HEADERS = urls.HEADERS_FILE
LOCAL_NAMES = ("localhost", "localhost.localdomain")


def publish_output(staging: Path, files: Mapping[str, str | bytes]) -> None:
    """Put ``files`` over the engine's output, then write ``_headers`` for every file there."""
    write_files(staging, files)
    listing = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    write_files(staging, {HEADERS: netlify_headers(listing)})


def is_local_address(url: str) -> bool:
    """Whether ``url`` names this computer: ``localhost``, 127.0.0.0/8, ``::1`` or ``0.0.0.0``."""
    host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _site_url_location(root: Path) -> Location:
    """Where the settings give ``site_url``: the root's mkdocs.yml, a file it inherits, or the
    packaged defaults."""
    config = site_mapping(root, Problems())
    entry = config.entry("site_url") if config is not None else None
    return entry.value.loc if entry is not None else Location("mkdocs.yml")


def warn_local_address(
    root: Path, given: str | None, used: str | None, problems: Problems
) -> str | None:
    """Warn when the site's address is this computer: previews use one, but a site published
    with it has snippets and a handbook that point at the reader's own computer.

    From ``mkdocs.yml`` the warning is a problem at the ``site_url`` line; from the command
    line (``given``) it is returned as a plain line."""
    if not used or not is_local_address(used):
        return None
    if given:
        return (
            f"--site-url '{given}' is a local address: the embed snippets and the handbook (its "
            "cover and the PDF) would point there; give the public address before publishing"
        )
    message = (
        f"'{used}' is a local address: the embed snippets and the handbook (its cover and the "
        "PDF) would point there; before publishing, set the public address here or pass "
        "--site-url"
    )
    problems.warning("local-site-url", _site_url_location(root), message, "site_url")
    return None
