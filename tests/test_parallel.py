"""The forked helper that runs work on a second core, and the link check that uses it."""

from __future__ import annotations

import os
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import make_root
from generator.build import linkcheck
from generator.build.site import BuildOptions, build, generate
from generator.errors import BuildError, Problems
from generator.parallel import Child, can_fork
from generator.validate import read_content
from generator.validate.content import SPLIT_FILES
from tests.conftest import TODAY, ProjectFactory

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even when the test run has server threads of other tests alive."""
    monkeypatch.setattr("generator.parallel.threading.active_count", lambda: 1)


def _fail() -> None:
    raise BuildError("the handbook stylesheet is missing")


def _vanish() -> None:
    os._exit(3)


def test_result_comes_from_another_process(forking: None) -> None:
    assert can_fork()
    child = Child(os.getpid)
    assert child.result() != os.getpid()


def test_an_exception_in_the_child_is_raised_in_the_parent(forking: None) -> None:
    with Child(_fail) as child, pytest.raises(BuildError, match="stylesheet is missing"):
        child.result()


def test_a_child_that_dies_without_a_result_is_a_build_error(forking: None) -> None:
    with pytest.raises(BuildError, match="ended without a result"):
        Child(_vanish).result()


def test_cancel_stops_a_child_and_leaves_no_zombie(forking: None) -> None:
    child = Child(partial(time.sleep, 30))
    pid = child._pid
    started = time.monotonic()
    child.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_with_threads_running_the_work_runs_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert Child(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_off_linux_the_work_runs_here(monkeypatch: pytest.MonkeyPatch, forking: None) -> None:
    monkeypatch.setattr("generator.parallel.sys.platform", "darwin")
    assert not can_fork()
    assert Child(os.getpid).result() == os.getpid()


# The link check remembers a result for every link that resolves the same from many pages;
# it must find exactly what checking every link on its own finds.
SEGMENTS = st.sampled_from(["a", "b", "c"])
FOLDERS = st.lists(SEGMENTS, max_size=3).map("/".join)
HREFS = st.builds(
    lambda up, path, slash, frag: "../" * up + path + ("/" if slash and path else "") + frag,
    st.integers(0, 4),
    st.lists(SEGMENTS, max_size=3).map("/".join),
    st.booleans(),
    st.sampled_from(["", "#top", "#x", "#"]),
) | st.sampled_from(
    ["", "#top", "#x", "/a/", "/a/#top", "?q=1", "index.html", "https://o.example/"]
)


def _reference(site: Path) -> list[str]:
    checker = linkcheck._Checker(site, None)
    found = []
    for rel in sorted(checker.pages):
        text = (site / rel).read_text()
        for href in dict.fromkeys(linkcheck._LINK_RE.findall(text)):  # each link once a page
            problem = checker.check(rel, href)
            if problem:
                found.append(f"{rel}: {problem}: {href}")
    return found


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pages=st.dictionaries(FOLDERS, st.lists(HREFS, max_size=6), min_size=1, max_size=6))
def test_remembered_link_results_equal_checking_each_link(
    tmp_path_factory: pytest.TempPathFactory, pages: dict[str, list[str]]
) -> None:
    site = tmp_path_factory.mktemp("site")
    for folder, hrefs in pages.items():
        page = site / folder / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        links = "".join(f'<a href="{h}">l</a>' for h in hrefs)
        page.write_text(f'<h1 id="top">t</h1>{links}')
    (site / "a").mkdir(exist_ok=True)
    (site / "a" / "other.html").write_text('<a href="#top">t</a><a href="../a/">a</a>')
    found = [str(b) for b in linkcheck.check_links(site)]
    assert found == _reference(site)


def _generated(root: Path) -> dict[str, bytes]:
    docs = root / "build"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_generation_on_two_cores_writes_what_one_core_writes(
    tmp_project: ProjectFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_project()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    monkeypatch.setattr("generator.parallel.threading.active_count", lambda: 1)
    forked = generate(root, tmp_path / "site", today=TODAY, pdf=True)
    two_cores = _generated(root)
    monkeypatch.setattr("generator.parallel.threading.active_count", lambda: 2)
    alone = generate(root, tmp_path / "site", today=TODAY, pdf=True)
    assert forked.handbook_pages == alone.handbook_pages
    assert forked.handbook_pages and forked.handbook_pages > 1
    assert "docs/handbook.pdf" in two_cores
    assert _generated(root) == two_cores


def _children() -> set[int]:
    me = str(os.getpid())
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:
            found.add(int(stat.parent.name))
    return found


def test_a_failed_build_leaves_no_handbook_process_behind(
    tmp_project: ProjectFactory, tmp_path: Path, forking: None
) -> None:
    before = _children()
    # The engine fails while the handbook is still being made beside it.
    root = tmp_project({"mkdocs.yml": "site_name: x\ntheme:\n  name: no-such-theme\n"})
    with pytest.raises(BuildError, match="no-such-theme"):
        build(BuildOptions(root, tmp_path / "site", pdf=False, today=TODAY))
    assert _children() == before
    assert not (tmp_path / "site").exists()


def _read(root: Path) -> tuple[object, list[str]]:
    problems = Problems()
    content = read_content(root, problems, TODAY)
    return content, [p.format() for p in problems.items]


def test_reading_in_two_processes_finds_what_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path / "root", 2 * SPLIT_FILES)  # pathways and statutes split

    def one_process() -> tuple[object, list[str]]:
        with monkeypatch.context() as m:
            m.setattr("generator.validate.content.SPLIT_FILES", 10**9)
            return _read(root)

    monkeypatch.setattr("generator.parallel.threading.active_count", lambda: 1)
    forked = _read(root)
    assert forked[0] is not None
    assert one_process() == forked

    # Problems in both halves, and references across them, come out the same and in order.
    folder = root / "content/pathways"
    edits = {
        "pathway-0010.yml": lambda t: t + "colour: red\n",
        "pathway-0150.yml": lambda t: t.replace("id: pathway-0150", "id: pathway-0390"),
        "pathway-0250.yml": lambda t: t.replace("order: 250", "order: many"),  # a tree names it
        "pathway-0300.yml": lambda t: t.replace("  - consultancy", "  - no-such-support"),
        "pathway-0350.yml": lambda t: t.replace("EC 6", "EC 9"),
        "pathway-0399.yml": lambda t: "id: [\n",
    }
    for name, edit in edits.items():
        (folder / name).write_text(edit((folder / name).read_text()))
    forked = _read(root)
    assert forked == one_process()
    assert forked[0] is None
    for name in edits:
        assert any(name in line for line in forked[1]), name
