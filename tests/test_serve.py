"""``pathways serve``: the live preview picks up edits to the content and the settings, says
where it serves and what it watches, and shows content errors in a banner on every page."""

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
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.build.output import LOCK_NAME, exclusive
from generator.cli import main
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
def preview(root: Path, log_path: Path, *options: str) -> Iterator[Preview]:
    """``pathways serve`` on a free port, stopped with its whole process group afterwards."""
    port = free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*SERVE, "--root", str(root), "--dev-addr", f"127.0.0.1:{port}", *options],
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


SECOND_PATHWAY = """\
    id: second
    title: Second pathway
    order: 2
    initiated_by: The district
    summary: The second pathway.
    citations:
      - EC 52072
    who_starts: The district starts it.
    when_it_applies: When the district asks.
    what_happens_next: CCEE answers.
    next_steps:
      - Write to CCEE.
    supports:
      - consultancy
    last_reviewed: 2026-11-01
    """


def test_an_edit_updates_the_page_and_the_index_and_rewrites_nothing_unrelated(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project({"content/pathways/second.yml": SECOND_PATHWAY})
    source = root / "content" / "pathways" / "first.yml"
    docs = root / "build" / "docs"
    with preview(root, tmp_path / "serve.log") as server:
        assert server.wait_for(lambda: "First pathway" in server.fetch("pathways/")), server.log()
        assert server.wait_for(lambda: (docs / "handbook").is_dir()), server.log()
        unrelated = [docs / "pathways" / "second.md", docs / "glossary.md"]
        before = [path.stat().st_mtime_ns for path in unrelated]
        source.write_text(
            source.read_text("utf-8").replace("title: First pathway", "title: Renamed pathway"),
            "utf-8",
        )
        assert server.wait_for(lambda: "Renamed pathway" in server.fetch("pathways/first/"))
        # The index lists every pathway by its title, so it changes with this one's.
        assert server.wait_for(lambda: "Renamed pathway" in server.fetch("pathways/")), server.log()
        assert "First pathway" not in server.fetch("pathways/")
        assert "Second pathway" in server.fetch("pathways/")
        assert server.wait_for(lambda: "Renamed pathway" in server.fetch("handbook/"))
        assert [path.stat().st_mtime_ns for path in unrelated] == before
        assert "Second pathway" in server.fetch("pathways/second/")
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


def test_serve_says_where_and_what_it_watches_and_follows_inherit(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project(
        {
            "mkdocs.yml": "INHERIT: settings/base.yml\n",
            "settings/base.yml": "copyright: First notice\n",
        }
    )
    base = root / "settings" / "base.yml"
    with preview(root, tmp_path / "serve.log") as server:
        assert server.wait_for(lambda: "press Ctrl-C" in server.log()), server.log()
        lines = server.log().splitlines()
        assert f"serving {server.base} (engine: mkdocs)" in lines
        assert (
            "watching content/, decision_trees/, site_overrides/, mkdocs.yml, settings/base.yml; "
            "press Ctrl-C to stop"
        ) in lines
        assert "First notice" in server.fetch()
        # The handbook is made after the pages, and served as well.
        assert server.wait_for(lambda: "First pathway" in server.fetch("handbook/"))
        # A file the settings inherit changes every page (the engine rebuilds them all).
        base.write_text("copyright: Second notice\n", "utf-8")
        assert server.wait_for(lambda: "Second notice" in server.fetch()), server.log()
        assert server.wait_for(lambda: "Second notice" in server.fetch("pathways/first/"))


def test_serve_refuses_an_address_in_use(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        assert main(["serve", "--root", str(root), "--dev-addr", address]) == 1
    assert capsys.readouterr().err == f"error: cannot serve on {address}: Address already in use\n"
    assert not (root / "build").exists()


def banner(page: Any) -> Any:
    return page.locator("#pathways-preview-problems")


@pytest.mark.browser
def test_a_content_error_shows_as_a_banner_on_every_page_until_fixed(
    tmp_project: ProjectFactory, tmp_path: Path, browser: Any
) -> None:
    root = tmp_project()
    source = root / "content" / "pathways" / "first.yml"
    good = source.read_text("utf-8")
    problem = (
        "content/pathways/first.yml:7:5: error[bad-citation]: citations[0]: malformed citation "
        "'EC 52072a)': unbalanced parentheses; did you mean 'EC 52072(a)'?"
    )
    with preview(root, tmp_path / "serve.log") as server:
        page = browser.new_page()
        page.goto(server.base + "pathways/first/")
        expect(page.locator("h1")).to_contain_text("First pathway")
        expect(banner(page)).to_have_count(0)
        page.evaluate("window.stayed = true")

        source.write_text(good.replace("- EC 52072(a)", "- EC 52072a)"), "utf-8")
        # The page reloads by itself to show it; the last good version stays below.
        page.wait_for_function("window.stayed === undefined", timeout=EDIT_TIMEOUT * 1000)
        expect(banner(page)).to_contain_text(problem, timeout=EDIT_TIMEOUT * 1000)
        expect(banner(page)).to_have_attribute("role", "alert")
        expect(page.locator("h1")).to_contain_text("First pathway")
        page.goto(server.base + "glossary/")
        expect(banner(page)).to_contain_text(problem)
        assert problem in server.log()

        page.evaluate("window.stayed = true")
        source.write_text(good.replace("title: First pathway", "title: Fixed pathway"), "utf-8")
        expect(banner(page)).to_have_count(0, timeout=EDIT_TIMEOUT * 1000)
        assert server.wait_for(lambda: "\nfixed: " in server.log()), server.log()
        page.goto(server.base + "pathways/first/")
        expect(page.locator("h1")).to_contain_text("Fixed pathway")
        expect(banner(page)).to_have_count(0)
        page.close()
    assert "Traceback" not in server.log()


def test_serve_with_zensical_shows_edits(tmp_project: ProjectFactory, tmp_path: Path) -> None:
    root = tmp_project()
    source = root / "content" / "pathways" / "first.yml"
    with preview(root, tmp_path / "serve.log", "--engine", "zensical") as server:
        assert server.wait_for(lambda: "First pathway" in server.fetch("pathways/first/"))
        assert f"serving {server.base} (engine: zensical)" in server.log()
        source.write_text(
            source.read_text("utf-8").replace("title: First pathway", "title: Edited pathway"),
            "utf-8",
        )
        assert server.wait_for(lambda: "Edited pathway" in server.fetch("pathways/first/"))
    assert "Traceback" not in server.log()
