"""``pathways serve``: the live preview picks up edits to the YAML content."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.build.output import LOCK_NAME, exclusive
from tests.conftest import ProjectFactory

START_TIMEOUT = 30.0
EDIT_TIMEOUT = 20.0
SERVE = (sys.executable, "-m", "generator", "serve")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(
    condition: Callable[[], bool], timeout: float, server: subprocess.Popen[bytes]
) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if server.poll() is not None:
            return False  # the server died; no point waiting out the clock
        time.sleep(0.2)
    return condition()


@dataclass
class Preview:
    """A running ``pathways serve`` and what it has printed."""

    base: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def fetch(self, path: str = "") -> str:
        return fetch(self.base + path) or ""

    def wait_for(self, condition: Callable[[], bool], timeout: float = EDIT_TIMEOUT) -> bool:
        return wait_for(condition, timeout, self.process)


@contextmanager
def preview(root: Path, log_path: Path) -> Iterator[Preview]:
    """``pathways serve`` on a free port, stopped with its whole process group afterwards."""
    port = free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*SERVE, "--root", str(root), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Preview(f"http://127.0.0.1:{port}/", process, log_path)
    try:
        assert wait_for(lambda: fetch(running.base) is not None, START_TIMEOUT, process), (
            running.log()
        )
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def test_serve_shows_content_edits(tmp_project: ProjectFactory, tmp_path: Path) -> None:
    root = tmp_project()
    source = root / "content" / "pathways" / "first.yml"
    with preview(root, tmp_path / "serve.log") as server:

        def page() -> str:
            return server.fetch("pathways/first/")

        assert "First pathway" in page()
        source.write_text(
            source.read_text("utf-8").replace("title: First pathway", "title: Edited pathway"),
            "utf-8",
        )
        assert server.wait_for(lambda: "Edited pathway" in page()), server.log()
        assert "First pathway" not in page()

        # A broken edit is reported in the contract's format; the preview keeps the last good page.
        source.write_text(
            source.read_text("utf-8").replace("- EC 52072(a)", "- EC 52072a)"), "utf-8"
        )
        problem = (
            "content/pathways/first.yml:7:5: error[bad-citation]: citations[0]: malformed citation"
        )
        assert server.wait_for(lambda: problem in server.log()), server.log()
        assert "Edited pathway" in page()
        assert "Traceback" not in server.log()


def test_serve_watcher_survives_an_error_and_recovers(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project()
    source = root / "content" / "pathways" / "first.yml"
    with preview(root, tmp_path / "serve.log") as server:

        def page() -> str:
            return server.fetch("pathways/first/")

        assert server.wait_for(lambda: "First pathway" in page(), START_TIMEOUT), server.log()
        generated = root / "build"
        # A build holding the generated folder makes each regeneration fail for a while.
        with exclusive(generated / LOCK_NAME, str(generated)):
            source.write_text(
                source.read_text("utf-8").replace("title: First pathway", "title: Later pathway"),
                "utf-8",
            )
            busy = f"error: another build is writing {generated}"
            assert server.wait_for(lambda: busy in server.log()), server.log()
            assert "First pathway" in page()
        # Once it is free, the same edit goes through without another one.
        assert server.wait_for(lambda: "Later pathway" in page()), server.log()
        assert server.process.poll() is None
        assert "Traceback" not in server.log()
