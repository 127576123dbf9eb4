"""Every problem carries a registered code; a site turns warnings off by code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.codes import CODES
from tests.conftest import ProjectFactory

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")

# The literal codes the source passes to a problem: a code used here must be registered.
CALL = re.compile(
    r"""(?:\.(?:error|warning)|\bctx\.error|\bself\._fatal|\bfail)\(\s*"([a-z0-9-]+)\"""", re.S
)


def test_every_literal_code_in_the_source_is_registered() -> None:
    used = {
        m.group(1)
        for path in (REPO / "generator").rglob("*.py")
        for m in CALL.finditer(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 40
    assert used - set(CODES) == set()


def test_the_readme_lists_every_code_with_its_severity() -> None:
    """`python scripts/codes-table.py` rewrites the table."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \| .+ \|$", README, re.M)
    assert rows == [(c.name, c.severity) for c in CODES.values()]


def _stale_project(tmp_project: ProjectFactory, ignore: str = "") -> Path:
    root = tmp_project()
    site = root / "content/site.yml"
    site.write_text(site.read_text() + ignore, encoding="utf-8")
    pathway = root / "content/pathways/first.yml"
    text = pathway.read_text()
    pathway.write_text(
        re.sub(r"last_reviewed: \S+", "last_reviewed: 2020-01-01", text), encoding="utf-8"
    )
    return root


def test_a_warning_prints_its_code(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--root", str(_stale_project(tmp_project))]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^content/pathways/first\.yml:\d+:\d+: warning\[stale\]: ", err, re.M)


def test_a_site_turns_a_warning_off_by_code(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _stale_project(tmp_project, "ignore_warnings: [stale]\n")
    assert main(["check", "--root", str(root)]) == 0
    captured = capsys.readouterr()
    assert "warning[stale]" not in captured.err
    assert "1 turned off by ignore_warnings" in captured.out


def test_only_existing_warning_codes_can_be_turned_off(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _stale_project(tmp_project, "ignore_warnings: [stael, broken-link]\n")
    assert main(["check", "--root", str(root)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "unknown-code" in line]
    site_lines = (root / "content/site.yml").read_text().splitlines()
    row = len(site_lines)
    assert lines == [
        f"content/site.yml:{row}:19: error[unknown-code]: ignore_warnings[0]: 'stael' is not a "
        "problem code; did you mean 'stale'?",
        f"content/site.yml:{row}:26: error[unknown-code]: ignore_warnings[1]: 'broken-link' is "
        "an error, and errors cannot be turned off",
    ]
