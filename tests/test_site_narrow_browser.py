"""The built site on a 320px phone and by keyboard: no sideways scroll on any page, nothing
focused under the sticky header, one focus ring, a readable flowchart, and axe's best-practice
rules on the handbook page and in every state of the tree page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.render.strings import Strings
from tests.browser import AXE_BEST_PRACTICE, axe_violations
from tests.conftest import REPO

pytestmark = pytest.mark.browser

TREE = "find/dta-eligibility/"
T = Strings("en")


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def pages_of(site: Path) -> list[str]:
    """Every HTML page a reader can open; the embed snippets are fragments, not pages."""
    return sorted(
        "" if rel == "index.html" else rel.removesuffix("index.html")
        for rel in (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        if not rel.endswith("snippet.html")
    )


def open_page(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_load_state("load")


def test_no_page_scrolls_sideways_at_320px(
    phone: Any, shipped_site: Path, shipped_url: str
) -> None:
    pages = pages_of(shipped_site)
    assert len(pages) > 30 and "handbook/" in pages and TREE in pages
    wide = []
    for path in pages:
        open_page(phone, shipped_url + path)
        width, client = phone.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if width > client:
            wide.append(f"{path}: {width}px in {client}px")
    assert wide == []


def test_what_scrolls_inside_a_page_is_a_named_region_a_keyboard_reaches(
    phone: Any, shipped_url: str
) -> None:
    for path, expected in [("pathways/", 1), (TREE, 2)]:
        open_page(phone, shipped_url + path)
        regions = phone.evaluate(
            """() => [...document.querySelectorAll('.md-content *')]
                .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
                             && e.scrollWidth > e.clientWidth + 1)
                .map(e => [e.getAttribute('role'), e.getAttribute('tabindex'),
                           e.getAttribute('aria-label')])"""
        )
        assert len(regions) == expected, path
        for role, tabindex, label in regions:
            assert (role, tabindex) == ("region", "0") and label, (path, label)
    figure = phone.locator(".pathways-flowchart")
    assert figure.get_attribute("aria-label") == T("tree.figure_caption")


def test_the_handbook_page_asks_for_nothing_missing(phone: Any, shipped_url: str) -> None:
    failed: list[str] = []

    def note(response: Any) -> None:
        if response.status >= 400:
            failed.append(response.url)

    phone.on("response", note)
    open_page(phone, shipped_url + "handbook/")
    phone.wait_for_load_state("networkidle")
    phone.remove_listener("response", note)
    assert failed == []
    icon = phone.locator('link[rel="icon"]').get_attribute("href")
    assert phone.request.get(shipped_url + "handbook/" + icon).ok


@pytest.mark.parametrize("width", [320, 1280])
def test_flowchart_text_is_never_under_12px(browser: Any, shipped_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    open_page(page, shipped_url + TREE)
    smallest = page.evaluate(
        """() => {
            const svg = document.querySelector('.pathways-flowchart svg');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return Math.min(...[...svg.querySelectorAll('text')]
                .map(t => parseFloat(t.getAttribute('font-size')) * scale));
        }"""
    )
    context.close()
    assert round(smallest, 2) >= 12


FOCUSED = """() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    const header = document.querySelector('.md-header');
    const r = el.getBoundingClientRect();
    return {
        name: el.tagName + ' ' + (el.textContent || el.value || '').trim().slice(0, 40),
        top: r.top, left: r.left, right: r.right,
        below: header.getBoundingClientRect().bottom,
        chrome: header.contains(document.activeElement) || el.classList.contains('md-skip'),
        ring: getComputedStyle(el).outlineStyle !== 'none'
              || getComputedStyle(el).boxShadow !== 'none',
    };
}"""


# A focus change may scroll smoothly: measure once the page has stopped moving.
SETTLED = """() => new Promise(resolve => {
    let last = -1, still = 0;
    const check = () => {
        still = window.scrollY === last ? still + 1 : 0;
        last = window.scrollY;
        if (still >= 3) resolve(true); else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
})"""


def hidden_by_header(page: Any, keys: list[str]) -> list[str]:
    """Press each key; every element it focuses outside the header must show below it."""
    problems = []
    for key in keys:
        page.keyboard.press(key)
        page.evaluate(SETTLED)
        f = page.evaluate(FOCUSED)
        if f["name"].startswith("BODY") or f["chrome"]:
            continue
        if f["top"] < f["below"] or f["right"] <= 0 or f["left"] >= 320:
            problems.append(f"{key} to {f['name']!r}: top {f['top']:.0f}, header {f['below']}")
        if not f["ring"]:
            problems.append(f"{key} to {f['name']!r}: no focus ring")
    return problems


@pytest.mark.parametrize("path", ["pathways/emergency-state-loan/", "statutes/ec-52074/"])
def test_focus_is_never_under_the_sticky_header_at_320px(
    phone: Any, shipped_url: str, path: str
) -> None:
    open_page(phone, shipped_url + path)
    phone.keyboard.press("End")
    assert hidden_by_header(phone, ["Shift+Tab"] * 25 + ["Tab"] * 25) == []


def test_shift_tab_to_the_widget_after_an_answer_stays_below_the_header(
    phone: Any, shipped_url: str
) -> None:
    open_page(phone, shipped_url + TREE)
    phone.locator('pathways-tree input[name="state-loan"][value="no"]').check()
    phone.get_by_role("button", name=T("widget.continue")).click()
    phone.locator('pathways-tree input[name="superintendent"]').first.wait_for()
    phone.locator('pathways-tree input[name="superintendent"]').first.focus()
    assert hidden_by_header(phone, ["Shift+Tab"] * 6) == []


def test_no_back_to_top_button_covers_the_page(phone: Any, shipped_url: str) -> None:
    open_page(phone, shipped_url + "pathways/emergency-state-loan/")
    phone.mouse.wheel(0, 800)
    phone.mouse.wheel(0, -300)
    assert phone.locator(".md-top").count() == 0


def test_the_sites_focus_ring_is_the_widgets(desktop: Any, shipped_url: str) -> None:
    """A dark 3px line inside a 6px yellow one, as the decision tree draws it."""
    widget = (REPO / "generator" / "widget" / "pathways-tree.css").read_text("utf-8")
    assert "outline: 3px solid var(--pw-text)" in widget and "0 0 0 6px var(--pw-focus)" in widget
    assert "--pathways-color-focus, #ffbf47" in widget and "(default #1b1b1b)" in widget
    open_page(desktop, shipped_url + TREE)
    desktop.keyboard.press("Tab")  # the skip link
    ring = desktop.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow]; })()"
    )
    assert ring[:3] == ["solid", "3px", "rgb(27, 27, 27)"]
    assert "rgb(255, 191, 71)" in ring[3] and "6px" in ring[3]


def test_axe_best_practice_on_the_handbook_page(desktop: Any, shipped_url: str) -> None:
    """The other page types are in test_site_browser.py; the handbook is one page of many h1s."""
    open_page(desktop, shipped_url + "handbook/")
    assert axe_violations(desktop, AXE_BEST_PRACTICE) == []


def test_axe_best_practice_on_the_tree_page_at_320px_in_each_state(
    phone: Any, shipped_url: str
) -> None:
    open_page(phone, shipped_url + TREE)
    states = {"first question": axe_violations(phone, AXE_BEST_PRACTICE)}
    phone.get_by_role("button", name=T("widget.continue")).click()
    states["error"] = axe_violations(phone, AXE_BEST_PRACTICE)
    for question, answer in [("state-loan", "yes"), ("loan-district", "district")]:
        phone.locator(f'pathways-tree input[name="{question}"][value="{answer}"]').check()
        phone.get_by_role("button", name=T("widget.continue")).click()
    states["next question"] = axe_violations(phone, AXE_BEST_PRACTICE)
    phone.locator('pathways-tree input[name="loan-pupil-groups"][value="yes"]').check()
    phone.get_by_role("button", name=T("widget.continue")).click()
    phone.locator("pathways-tree [data-outcome]").wait_for()
    states["result"] = axe_violations(phone, AXE_BEST_PRACTICE)
    assert states == {state: [] for state in states}
