"""Serving a built site on localhost and driving Debian's Chromium with Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(
        "Chromium is not installed: run `make system-deps` (Debian: apt-get install chromium)"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve_folder(
    folder: Path,
    headers: dict[str, str] | None = None,
    handler: type[http.server.SimpleHTTPRequestHandler] | None = None,
) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yields the base URL ending in '/'."""
    if handler is None:
        handler = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's advice beyond WCAG: landmarks and dialogs with names, every part of a page in a landmark.
AXE_BEST_PRACTICE = [*AXE_TAGS, "best-practice"]


def axe_violations(page: Any, tags: list[str] = AXE_TAGS) -> list[str]:
    """Run axe-core with the WCAG 2.2 AA rules (or ``tags``); one line per violation and node."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:200]}"
            )
    return lines


class RequestLog:
    """Every URL a page asks for, to prove nothing leaves the site's own origin."""

    def __init__(self, page: Any) -> None:
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self, origin: str) -> list[str]:
        return [u for u in self.urls if not u.startswith((origin, "data:", "blob:"))]
