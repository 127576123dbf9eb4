"""Bad input never loses the site: atomic and reproducible builds, a catalogue of bad inputs,
fuzzed checkers, and the link check after each build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import linkcheck
from generator.build.linkcheck import check_links
from generator.build.output import start_staging
from generator.build.site import BuildOptions, build
from generator.cli import main
from generator.errors import BuildError, Location, Problems
from generator.model import Answer, Outcome, Question, Source, Tree
from generator.validate.trees import check_tree
from tests.conftest import MINIMAL, REPO, TODAY, ProjectFactory


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_interrupted_build_leaves_the_previous_site(
    tmp_project: ProjectFactory, tmp_path: Path, signum: int
) -> None:
    root = tmp_project()
    out = tmp_path / "site"
    build(BuildOptions(root, out, pdf=False, today=TODAY))
    before = snapshot(out)
    (root / "content/pathways/first.yml").write_text(
        (root / "content/pathways/first.yml").read_text().replace("First pathway", "Changed")
    )
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--out", str(out)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not any(n.startswith(f".{out.name}.building-") for n in leftovers(out)):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode != 0
    assert b"Traceback" not in err
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_killed_swap_is_recovered_by_the_next_build(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project()
    out = tmp_path / "site"
    build(BuildOptions(root, out, pdf=False, today=TODAY))
    # As if a build had been killed between moving the old site aside and moving the new one in.
    os.replace(out, out.with_name(f".{out.name}.old"))
    killed = tmp_path / f".{out.name}.building-x"
    killed.mkdir()
    start_staging(killed)
    # A folder of the same shape that no build made is somebody else's: never removed.
    (tmp_path / f".{out.name}.building-mine").mkdir()
    (tmp_path / f".{out.name}.building-mine" / "notes.txt").write_text("mine")
    build(BuildOptions(root, out, pdf=False, today=TODAY))
    assert (out / "index.html").is_file()
    assert leftovers(out) == [f".{out.name}.building-mine"]
    assert (tmp_path / f".{out.name}.building-mine" / "notes.txt").read_text() == "mine"


def test_builds_are_reproducible(
    tmp_project: ProjectFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    first = tmp_project()
    second = tmp_path / "elsewhere" / "copy"
    shutil.copytree(first, second)
    # A sitemap lists pages only for a site with an address.
    url = "https://guidance.example.org/"
    build(BuildOptions(first, tmp_path / "a", site_url=url, pdf=False, today=TODAY))
    build(BuildOptions(second, tmp_path / "b", site_url=url, pdf=False, today=TODAY))
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    # The sitemap's dates are the pages' own, not the build's.
    assert b"<lastmod>2026-11-01</lastmod>" in a["sitemap.xml"]
    assert b"2025-11-27" not in a["sitemap.xml"]


PATHWAY = MINIMAL["content/pathways/first.yml"]

CATALOGUE: dict[str, tuple[dict[str, str | bytes | None], str]] = {
    "broken YAML syntax": (
        {"content/pathways/first.yml": "id: first\ntitle: [unclosed\n"},
        "content/pathways/first.yml:3:1: error[yaml-syntax]: ",
    ),
    "tab indentation": (
        {"content/pathways/first.yml": "id: first\ncitations:\n\t- EC 52072\n"},
        "content/pathways/first.yml:3:1: error[yaml-tab]: a tab character is used for indentation; use spaces",
    ),
    "duplicate key": (
        {"content/pathways/first.yml": "id: first\nid: second\n"},
        "content/pathways/first.yml:2:1: error[duplicate-key]: duplicate key 'id' (first at line 1)",
    ),
    "python object tag": (
        {"content/pathways/first.yml": 'id: !!python/object/apply:os.system ["true"]\n'},
        "content/pathways/first.yml:1:5: error[tag-not-allowed]: tag '!!python/object/apply:os.system' is not allowed in content files",
    ),
    "alias bomb": (
        {
            "content/pathways/first.yml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, n in zip("abcdefgh", "bcdefghi", strict=True)
            )
        },
        "is this an alias bomb?",
    ),
    "invalid UTF-8": (
        {"content/pathways/first.yml": b"id: first\ntitle: caf\xe9\n"},
        "content/pathways/first.yml:2:11: error[not-utf8]: file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
    ),
    "empty file": (
        {"content/pathways/first.yml": ""},
        "content/pathways/first.yml:1:1: error[empty-file]: file is empty",
    ),
    "list instead of mapping": (
        {"content/pathways/first.yml": "- id: first\n"},
        "content/pathways/first.yml:1:1: error[wrong-type]: expected a file holding a mapping of fields, found a list",
    ),
    "wrong type": (
        {"content/pathways/first.yml": PATHWAY.replace("order: 1", "order: first")},
        "content/pathways/first.yml:3:8: error[wrong-type]: order: expected a whole number, found text",
    ),
    "unknown key": (
        {"content/pathways/first.yml": PATHWAY.replace("summary:", "sumary:")},
        "error[unknown-key]: unknown field 'sumary'; did you mean 'summary'?",
    ),
    "duplicate id across files": (
        {"content/pathways/second.yml": PATHWAY},
        "content/pathways/second.yml:1:5: error[duplicate-id]: id: duplicate id 'first'",
    ),
    "dangling support reference": (
        {"content/pathways/first.yml": PATHWAY.replace("  - consultancy", "  - nothing")},
        "error[unknown-ref]: supports[0]: 'nothing' is not a defined support",
    ),
    "malformed citation": (
        {"content/pathways/first.yml": PATHWAY.replace("EC 52072(a)", "EC 52074(g)(2(A)")},
        "did you mean 'EC 52074(g)(2)(A)'?",
    ),
    "unknown citation": (
        {"content/pathways/first.yml": PATHWAY.replace("EC 52072(a)", "EC 52999")},
        "which is not in the statute registry",
    ),
    "page links to a missing page": (
        {
            "content/pages/about.md": "---\ntitle: About\nlast_reviewed: 2026-11-01\n---\n[x](nope.md)\n"
        },
        "content/pages/about.md:5:5: error[broken-link]: link to 'nope.md', which is not a page of this site",
    ),
    "missing content folder": (
        {k: None for k in MINIMAL},
        "content:1:1: error[no-content]: the content folder 'content/' is missing",
    ),
}


@pytest.mark.parametrize("case", CATALOGUE, ids=list(CATALOGUE))
def test_bad_input_catalogue(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    files, expected = CATALOGUE[case]
    root = tmp_project(files)
    assert main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if ": error[" in line]
    assert lines and all(line.split(":")[1].isdigit() for line in lines)


def test_fifty_megabyte_file_is_refused_unread(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project()
    big = root / "content/pathways/big.yml"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert main(["check", "--root", str(root)]) == 1
    assert (
        "content/pathways/big.yml:1:1: error[file-too-large]: file is 50.0 MB; content files may be at most 1 MB"
        in (capsys.readouterr().err)
    )


IDS = st.sampled_from(["q1", "q2", "q3", "o1", "o2", "zz", "q1 "])


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    questions = tuple(
        Question(
            id=draw(IDS),
            text="Q?",
            hint=None,
            answers=tuple(
                Answer(draw(IDS), "A", draw(IDS)) for _ in range(draw(st.integers(0, 3)))
            ),
        )
        for _ in range(draw(st.integers(0, 4)))
    )
    outcomes = tuple(
        Outcome(draw(IDS), "O", "T", tuple(draw(st.lists(IDS, max_size=2))), (), ())
        for _ in range(draw(st.integers(0, 3)))
    )
    return Tree("t", "T", "I", draw(IDS), questions, outcomes, TODAY, None, Source("t.yml"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(trees())
def test_tree_checker_never_raises(tree: Tree) -> None:
    problems = Problems()
    check_tree(tree, problems, {"o1", "q1"}, set())
    assert all(isinstance(p.location, Location) for p in problems.items)


def test_link_check_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<h1 id="top">x</h1><a href="a/">a</a><a href="a/#here">h</a>')
    (site / "a/index.html").write_text(
        '<p id="here"></p><a href="../missing/">m</a><a href="../#nope">n</a>'
        '<a href="https://example.org/x">ext</a><a href="/a/#here">abs</a>'
        '<a href="https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml'
        '?lawCode=EDC&amp;sectionNum=52072">bad</a>'
    )
    found = [str(b) for b in check_links(site, "https://guide.example.org/")]
    assert found == [
        "a/index.html: no such file: ../missing/",
        "a/index.html: no such anchor: ../#nope",
        "a/index.html: statute link not in the canonical form: https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=EDC&sectionNum=52072",
    ]


def test_parallel_link_check_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    for i in range(6):
        page = site / f"p{i}"
        page.mkdir(parents=True)
        (page / "index.html").write_text(
            f'<h1 id="t{i}">x</h1><a href="../p{i + 1}/#t{i + 1}">n</a>'
        )
    serial = [str(b) for b in check_links(site)]
    monkeypatch.setattr(linkcheck, "PARALLEL_PAGES", 2)
    monkeypatch.setattr("generator.parallel.threading.active_count", lambda: 1)
    assert (
        [str(b) for b in check_links(site)] == serial == ["p5/index.html: no such file: ../p6/#t6"]
    )


def test_build_fails_on_a_broken_link_and_keeps_the_old_site(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project()
    out = tmp_path / "site"
    build(BuildOptions(root, out, pdf=False, today=TODAY))
    before = snapshot(out)
    # Content links are checked before anything is built; a theme override's link is found only
    # by the check of the built site, after the engine has run.
    broken = tmp_project(
        {
            "mkdocs.yml": (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
            "site_overrides/main.html": '{% extends "base.html" %}\n'
            '{% block content %}{{ super() }}<a href="no-such-page/">x</a>{% endblock %}\n',
        }
    )
    with pytest.raises(BuildError, match="no such file: no-such-page/"):
        build(BuildOptions(broken, out, pdf=False, today=TODAY))
    assert snapshot(out) == before
    assert leftovers(out) == []
