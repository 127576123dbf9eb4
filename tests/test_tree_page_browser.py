"""The tree's page as readers meet it, in headless Chromium: the first question is in the page's
HTML (shown at first paint, working without JavaScript), the widget takes it over without moving
anything, the page's title follows each step, and the no-JS pages do what the widget does."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.errors import Problems
from generator.model import Content
from generator.validate import read_content
from tests.browser import axe_violations
from tests.conftest import REPO, TODAY

pytestmark = pytest.mark.browser

TREE_PAGE = "find/dta-eligibility/"
SITE_TITLE = "Pathways to Direct Technical Assistance"
# The widget joins the parts of a page's title with an en dash; the theme, with a hyphen.
DASH = "\N{EN DASH}"
# Summed layout shift while the page loads and the widget upgrades; Google's "good" is 0.1.
CLS_BUDGET = 0.01

# Layout shifts as the browser reports them, from the first one on (buffered).
WATCH_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });
"""
UPGRADED = "() => !!document.querySelector('pathways-tree').shadowRoot.querySelector('input')"


@pytest.fixture(scope="module")
def content() -> Content:
    found = read_content(REPO, Problems(), TODAY)
    assert found is not None
    return found


@pytest.fixture
def context_of(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_widget_takes_over_the_first_question_without_moving_anything(
    context_of: Any, shipped_url: str, width: int
) -> None:
    page = context_of(viewport={"width": width, "height": 800}).new_page()
    page.add_init_script(WATCH_SHIFTS)
    # The script arrives late, as on a slow connection: the page must show the question first.
    held: list[Any] = []
    page.route("**/embed/dta-eligibility.js", lambda route: held.append(route))
    # The script is deferred, so the page (and the question in it) shows while it loads.
    page.goto(shipped_url + TREE_PAGE, wait_until="commit")
    heading = page.locator("pathways-tree h1")
    expect(heading).to_be_visible()
    before = page.locator("pathways-tree").bounding_box()
    below = page.locator("#how-the-questions-lead-to-each-result").bounding_box()
    assert page.evaluate(UPGRADED) is False
    page.wait_for_timeout(300)
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_function(UPGRADED)
    page.wait_for_timeout(300)  # the observer reports shifts after the frame that made them
    assert page.locator("pathways-tree").bounding_box() == before
    assert page.locator("#how-the-questions-lead-to-each-result").bounding_box() == below
    shift = page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)")
    assert shift < CLS_BUDGET


def test_without_javascript_the_first_question_is_on_the_page_and_works(
    context_of: Any, shipped_url: str, content: Content
) -> None:
    tree = content.tree_by_id["dta-eligibility"]
    first = tree.question_by_id[tree.start]
    page = context_of(java_script_enabled=False).new_page()
    page.goto(shipped_url + TREE_PAGE)
    expect(page.locator("h1")).to_have_text(first.text)
    expect(page.locator("pathways-tree .pw-caption")).to_have_text(tree.title)
    answers = page.locator("pathways-tree .pw-radios a")
    expect(answers).to_have_text([a.label for a in first.answers])
    # Each answer is a target as tall as the widget's radios (WCAG 2.5.8).
    for box in (a.bounding_box() for a in answers.all()):
        assert box is not None and box["height"] >= 24
    answers.first.click()
    following = tree.question_by_id[first.answers[0].next]
    expect(page.locator("h1:visible")).to_have_text(following.text)
    assert page.title() == f"{following.text} {DASH} {tree.title} - {SITE_TITLE}"


def test_on_the_site_the_title_follows_each_step(
    context_of: Any, shipped_url: str, content: Content
) -> None:
    tree = content.tree_by_id["dta-eligibility"]
    first = tree.question_by_id[tree.start]
    page = context_of().new_page()
    page.goto(shipped_url + TREE_PAGE)
    page.wait_for_function(UPGRADED)
    assert page.title() == f"{first.text} {DASH} {tree.title} {DASH} {SITE_TITLE}"
    assert page.locator("h1").count() == 1
    page.locator('pathways-tree button[type="submit"]').click()
    expect(page.get_by_role("alert")).to_contain_text(f"Select an answer to: {first.text}")
    assert page.title() == f"Error: {first.text} {DASH} {tree.title} {DASH} {SITE_TITLE}"
    assert axe_violations(page) == []
    page.locator(f'pathways-tree input[name="{first.id}"][value="yes"]').check()
    page.locator('pathways-tree button[type="submit"]').click()
    following = tree.question_by_id[first.answers[0].next]
    expect(page.locator("pathways-tree h1")).to_have_text(following.text)
    assert page.title() == f"{following.text} {DASH} {tree.title} {DASH} {SITE_TITLE}"
    # The widget writes in the site's own font, not a font of its own.
    fonts = page.evaluate(
        """() => [
            getComputedStyle(document.querySelector("article")).fontFamily,
            getComputedStyle(document.querySelector("pathways-tree").shadowRoot
                .querySelector("label")).fontFamily,
        ]"""
    )
    assert fonts[0] == fonts[1]


def test_no_question_is_numbered(context_of: Any, shipped_url: str) -> None:
    page = context_of().new_page()
    page.goto(shipped_url + TREE_PAGE)
    page.wait_for_function(UPGRADED)
    assert "Question 1" not in page.locator("pathways-tree").inner_text()
    page.goto(shipped_url + TREE_PAGE + "q/district/")
    assert "Question" not in page.locator("pathways-tree .pw-caption:visible").inner_text()


def test_no_js_question_pages_link_back_and_pass_axe(
    context_of: Any, shipped_url: str, content: Content
) -> None:
    tree = content.tree_by_id["dta-eligibility"]
    page = context_of().new_page()
    page.goto(shipped_url + TREE_PAGE + "q/loan-district/")
    back = page.locator("pathways-tree .pw-back:visible")
    expect(back).to_have_text(["Back"])
    assert axe_violations(page) == []
    back.click()
    expect(page.locator("h1:visible")).to_have_text(tree.question_by_id["state-loan"].text)
    # A question reached from two others links back to each, by name.
    page.goto(shipped_url + TREE_PAGE + "q/county-conversation/")
    expect(page.locator("pathways-tree .pw-back:visible")).to_have_text(
        [f"Back to: {tree.question_by_id[q].text}" for q in ("district", "pupil-groups")]
    )
    assert axe_violations(page) == []


def test_no_js_result_lists_each_way_to_it_with_change_links(
    context_of: Any, shipped_url: str, content: Content
) -> None:
    tree = content.tree_by_id["dta-eligibility"]
    page = context_of(java_script_enabled=False).new_page()
    page.goto(shipped_url + TREE_PAGE + "result/loan-only/")
    ways = page.locator("dl.pw-summary:visible")
    expect(ways).to_have_count(2)
    # In the order `pathways paths` gives them.
    expect(ways.nth(1).locator("dt")).to_have_text(
        [tree.question_by_id[q].text for q in ("state-loan", "loan-district")]
    )
    question = tree.question_by_id["loan-pupil-groups"].text
    change = ways.nth(0).get_by_role("link", name=f"Change your answer to: {question}")
    # "Change" shows; the rest of the name is for screen readers, as in the widget.
    expect(change).to_have_text(f"Change your answer to: {question}")
    expect(change.locator(".pw-vh")).to_have_text(f" your answer to: {question}")
    change.click()
    expect(page.locator("h1:visible")).to_have_text(tree.question_by_id["loan-pupil-groups"].text)
