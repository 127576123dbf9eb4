"""Shared fixtures: a tiny content root per test, and the shipped content built once."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import errors
from generator.build.site import BuildOptions, build
from generator.errors import Problems
from generator.validate import read_content

# Every code a test meets must be listed in generator/codes.py with its severity.
errors.STRICT_CODES = True

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 30)

MINIMAL: dict[str, str] = {
    "content/site.yml": """\
        title: Test guidance
        tagline: A tagline that cites EC 52072(a).
        description: Test description.
        publisher: Test publisher
        language: en
        edition: 2026-11-01
        review_interval_days: 365
        support_groups:
          - id: direct-technical-assistance
            title: Forms of Direct Technical Assistance
        """,
    "content/supports/consultancy.yml": """\
        id: consultancy
        title: Consultancy
        group: direct-technical-assistance
        order: 1
        summary: A thought partner.
        description: CCEE acts as a thought partner.
        last_reviewed: 2026-11-01
        """,
    "content/pathways/first.yml": """\
        id: first
        title: First pathway
        order: 1
        initiated_by: CCEE
        summary: The first pathway.
        citations:
          - EC 52072(a)
        who_starts: CCEE starts it.
        when_it_applies: |
          When pupil groups meet the criteria under EC 52064.5(g).
        what_happens_next: CCEE decides.
        next_steps:
          - Ask your county office.
        supports:
          - consultancy
        last_reviewed: 2026-11-01
        """,
    "content/statutes/ec-52072.yml": """\
        citation: EC 52072
        heading: CCEE determination
        summary: The determination for school districts.
        text_checked: 2026-11-01
        last_reviewed: 2026-11-01
        """,
    "content/statutes/ec-52064-5.yml": """\
        citation: EC 52064.5
        heading: Evaluation rubrics
        summary: The rubrics; subdivision (g) holds the criteria.
        text_checked: 2026-11-01
        last_reviewed: 2026-11-01
        """,
    "content/glossary.yml": """\
        terms:
          - term: LEA
            stands_for: local educational agency
            definition: A school district, county office or charter school.
        """,
    "content/pages/index.md": """\
        ---
        title: Test guidance
        last_reviewed: 2026-11-01
        ---
        Welcome. An LEA reads this.
        """,
}

ProjectFactory = Callable[..., Path]


def write_project(
    root: Path, files: dict[str, str | bytes | None] | None = None, minimal: bool = True
) -> Path:
    """Write a small valid content root, with ``files`` added, replaced or (value None) removed."""
    root.mkdir(parents=True, exist_ok=True)
    merged: dict[str, str | bytes | None] = dict(MINIMAL) if minimal else {}
    merged.update(files or {})
    for rel, text in merged.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def tmp_project(tmp_path: Path) -> ProjectFactory:
    """``write_project`` into this test's own folder (one root; later calls add to it)."""

    def make(files: dict[str, str | bytes | None] | None = None, minimal: bool = True) -> Path:
        return write_project(tmp_path / "project", files, minimal)

    return make


def problems_of(root: Path, today: dt.date = TODAY) -> list[str]:
    """Every problem in a content root, formatted as the command line prints it."""
    problems = Problems()
    read_content(root, problems, today)
    return [p.format() for p in problems.sorted()]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped content built once, without the PDF, into a temporary folder."""
    out = tmp_path_factory.mktemp("shipped") / "site"
    build(BuildOptions(REPO, out, site_url="http://127.0.0.1:8000/", pdf=False, today=TODAY))
    yield out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run (Debian's package, driven by Playwright)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    from tests.browser import serve_folder

    with serve_folder(shipped_site) as base:
        yield base
