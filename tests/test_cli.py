"""The ``pathways`` command line: exit codes, problem lines, and builds that fail safely."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator.cli import main
from generator.validate.schemas import schema_files
from tests.conftest import MINIMAL, REPO, ProjectFactory

PROBLEM_LINE = re.compile(r"[^\s:]+:\d+:\d+: (error|warning)\[[a-z0-9-]+\]: .+")

BROKEN = {
    "content/pathways/first.yml": MINIMAL["content/pathways/first.yml"].replace(
        "- EC 52072(a)", "- EC 52072a)"
    ),
    "content/supports/consultancy.yml": MINIMAL["content/supports/consultancy.yml"].replace(
        "order: 1", "order: first"
    ),
}
BROKEN_STDERR = (
    "content/pathways/first.yml:7:5: error[bad-citation]: citations[0]: malformed citation 'EC 52072a)': "
    "unbalanced parentheses; did you mean 'EC 52072(a)'?\n"
    "content/supports/consultancy.yml:4:8: error[wrong-type]: order: expected a whole number, found text\n"
    "check failed: 2 errors, 0 warnings\n"
)
BROKEN_LINK_PAGE = """\
    ---
    title: About
    last_reviewed: 2026-11-01
    ---
    See [the missing page](missing.md).
    """


def run(argv: Sequence[str | Path]) -> int:
    """``main`` as the console script runs it: argparse's exit becomes the status."""
    try:
        return main([str(arg) for arg in argv])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_check_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--root", REPO]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok: 4 pathways, ")
    assert out.count("\n") == 1
    assert "error" not in err


def test_check_prints_every_problem_at_once(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(BROKEN)
    assert run(["check", "--root", root]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == BROKEN_STDERR
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [[], ["build", "--bogus"], ["nosuch"], ["check", "--root"], ["build", "--out"]],
    ids=["no command", "unknown option", "unknown command", "missing root", "missing out"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "usage: pathways" in err
    assert "Traceback" not in err


def test_build_writes_the_site_with_its_url(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project()
    out = tmp_path / "published" / "site"
    site_url = "https://example.org/guide/"
    assert run(["build", "--root", root, "--out", out, "--no-pdf", "--site-url", site_url]) == 0
    stdout, err = capsys.readouterr()
    assert stdout == f"built {out} (0 errors, 0 warnings)\n"
    assert err == ""
    assert "First pathway" in (out / "pathways" / "first" / "index.html").read_text("utf-8")
    assert (out / "index.html").is_file()
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/guide/pathways/first/</loc>" in sitemap
    assert "localhost" not in sitemap


def test_build_defaults_to_site_in_the_root(tmp_project: ProjectFactory) -> None:
    root = tmp_project()
    assert run(["build", "--root", root, "--no-pdf"]) == 0
    assert (root / "site" / "index.html").is_file()


@pytest.mark.parametrize(
    "broken, message",
    [
        (
            BROKEN,
            "content/pathways/first.yml:7:5: error[bad-citation]: citations[0]: malformed citation",
        ),
        ({"content/pages/about.md": BROKEN_LINK_PAGE}, "missing.md"),
    ],
    ids=["content problem", "engine problem"],
)
def test_failed_build_leaves_the_previous_site_as_it_was(
    tmp_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    broken: dict[str, str],
    message: str,
) -> None:
    root = tmp_project()
    out = tmp_path / "published" / "site"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    before = snapshot(out)
    assert "pathways/first/index.html" in before
    capsys.readouterr()

    tmp_project(broken)
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 1
    _, err = capsys.readouterr()
    assert message in err
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_root_without_engine_configuration_builds_with_defaults(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project()
    assert not (root / "mkdocs.yml").exists()
    out = tmp_path / "out"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    assert list((out / "assets" / "stylesheets").glob("main.*.css")), "not the Material theme"
    home = (out / "index.html").read_text("utf-8")
    assert 'class="md-header' in home
    assert "Test guidance" in home


def test_schema_writes_the_published_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schemas"
    assert run(["schema", "--out", out]) == 0
    written = {p.name: p.read_text("utf-8") for p in out.iterdir()}
    assert written == schema_files()
    assert capsys.readouterr().out.splitlines() == [str(out / name) for name in schema_files()]


LAUNCHERS = {
    "console script": [str(Path(sys.executable).with_name("pathways"))],
    "python -m generator": [sys.executable, "-m", "generator"],
}


@pytest.mark.parametrize("launcher", LAUNCHERS.values(), ids=LAUNCHERS.keys())
def test_installed_commands_run_and_set_the_exit_status(
    tmp_project: ProjectFactory, tmp_path: Path, launcher: list[str]
) -> None:
    assert Path(launcher[0]).is_file()

    def call(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*launcher, *map(str, args)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )

    ok = call("check", "--root", REPO)
    assert (ok.returncode, ok.stdout[:15]) == (0, "ok: 4 pathways,")

    broken = call("check", "--root", tmp_project(BROKEN))
    assert broken.returncode == 1
    assert broken.stderr == BROKEN_STDERR
    problems = broken.stderr.splitlines()[:-1]
    assert all(PROBLEM_LINE.fullmatch(line) for line in problems)

    usage = call("nosuch")
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr
