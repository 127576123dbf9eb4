"""The shipped tree in the browser: every path from `pathways paths` gives the same result in the
widget and, with JavaScript off, through the static pages."""

from __future__ import annotations

from typing import Any

import pytest

from generator.errors import Problems
from generator.evaluate import TreePath, all_paths
from generator.validate import read_content
from tests.browser import RequestLog, axe_violations
from tests.conftest import REPO, TODAY

pytestmark = pytest.mark.browser


def shipped_paths() -> list[TreePath]:
    content = read_content(REPO, Problems(), TODAY)
    assert content is not None
    return all_paths(content.tree_by_id["dta-eligibility"])


PATHS = shipped_paths()
TREE_PAGE = "find/dta-eligibility/"
SCANNED: set[str] = set()


def path_id(path: TreePath) -> str:
    return ",".join(s.answer for s in path.steps)


@pytest.fixture(scope="module")
def widget_page(browser: Any) -> Any:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PATHS, ids=[path_id(p) for p in PATHS])
def test_widget_matches_the_python_evaluator(
    widget_page: Any, shipped_url: str, path: TreePath
) -> None:
    page = widget_page
    log = RequestLog(page)
    page.goto(shipped_url + TREE_PAGE)
    for step in path.steps:
        radio = page.locator(f'pathways-tree input[name="{step.question}"][value="{step.answer}"]')
        if step.question not in SCANNED:
            # Every question state of the shipped tree is checked once, where a walk first meets it.
            radio.wait_for()
            assert axe_violations(page) == [], step.question
            SCANNED.add(step.question)
        radio.check()
        page.locator('pathways-tree button[type="submit"]').click()
    outcome = page.locator("pathways-tree [data-outcome]")
    outcome.wait_for()
    assert outcome.get_attribute("data-outcome") == path.outcome
    shown = page.locator("pathways-tree [data-pathway]").evaluate_all(
        "nodes => nodes.map(n => n.dataset.pathway)"
    )
    assert tuple(shown) == path.pathways
    assert axe_violations(page) == []
    assert log.foreign(shipped_url.rstrip("/")) == []


@pytest.fixture(scope="module")
def no_js_page(browser: Any) -> Any:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PATHS, ids=[path_id(p) for p in PATHS])
def test_static_pages_match_without_javascript(
    no_js_page: Any, shipped_url: str, path: TreePath
) -> None:
    page = no_js_page
    # The tree's page holds the first question itself; each answer links to the next page.
    page.goto(shipped_url + TREE_PAGE)
    content = read_content(REPO, Problems(), TODAY)
    assert content is not None
    tree = content.tree_by_id["dta-eligibility"]
    for step in path.steps:
        heading = page.locator("h1:visible").inner_text().strip()
        assert heading == tree.question_by_id[step.question].text
        label = tree.question_by_id[step.question].answer(step.answer)
        assert label is not None
        answers = page.locator("pathways-tree .pw-radios:visible")
        answers.get_by_role("link", name=label.label, exact=True).click()
    outcome = page.locator("[data-outcome]:visible")
    assert outcome.get_attribute("data-outcome") == path.outcome
    shown = page.locator("[data-pathway]:visible").evaluate_all(
        "nodes => nodes.map(n => n.dataset.pathway)"
    )
    assert tuple(shown) == path.pathways


@pytest.mark.parametrize("path", ["q/state-loan/", "result/loan-and-determination/"])
def test_static_pages_pass_axe(widget_page: Any, shipped_url: str, path: str) -> None:
    # axe runs as a script, so it checks the same static page with scripts on.
    widget_page.goto(shipped_url + TREE_PAGE + path)
    assert axe_violations(widget_page) == []
