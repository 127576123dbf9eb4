"""The built site in headless Chromium: axe-core WCAG 2.2 AA and best practice on every page
type, own origin only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import AXE_BEST_PRACTICE, RequestLog, axe_violations

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "pathways index": "pathways/",
    "pathway": "pathways/statewide-system-of-support/",
    "supports index": "supports/",
    "support": "supports/cooperative-facilitation/",
    "statutes index": "statutes/",
    "statute": "statutes/ec-52074/",
    "glossary": "glossary/",
    "hand-written page": "about/",
    "tree": "find/dta-eligibility/",
    "no-JS question": "find/dta-eligibility/q/superintendent/",
    "no-JS result": "find/dta-eligibility/result/loan-and-determination/",
    "embed page": "embed-on-your-site/",
    "not found": "404.html",
}


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


# Every page type in each language: the Spanish site is the same pages under es/.
LANGUAGE_PAGES = {
    **PAGE_TYPES,
    **{f"{name} (es)": f"es/{path}" for name, path in PAGE_TYPES.items()},
}


@pytest.mark.parametrize("path", LANGUAGE_PAGES.values(), ids=LANGUAGE_PAGES.keys())
def test_page_type_passes_axe_and_stays_on_origin(page: Any, shipped_url: str, path: str) -> None:
    log = RequestLog(page)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    response = page.goto(shipped_url + path)
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert failed == []
    expected = "es" if path.startswith("es/") else "en"
    assert page.evaluate("document.documentElement.lang") == expected
    assert page.locator("h1:visible").count() == 1
    assert axe_violations(page, AXE_BEST_PRACTICE) == []
    assert log.foreign(shipped_url.rstrip("/")) == []
    assert len(log.urls) > 3  # the page, its CSS and scripts were all seen


def test_mobile_layout_passes_axe(browser: Any, shipped_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(shipped_url + "pathways/emergency-state-loan/")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
    box = page.locator(".md-sidebar--primary").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, "the menu is drawn over the page"
    assert axe_violations(page) == []
    context.close()


def test_search_works_offline(page: Any, shipped_url: str) -> None:
    log = RequestLog(page)
    page.goto(shipped_url)
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("insolvent")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "Emergency state loan referral" in page.locator(".md-search-result").inner_text()
    assert log.foreign(shipped_url.rstrip("/")) == []


def test_spanish_search_finds_spanish_pages_as_the_reader_types(
    page: Any, shipped_url: str
) -> None:
    log = RequestLog(page)
    page.goto(shipped_url + "es/")
    page.wait_for_load_state("networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("préstam")  # a word's start finds it, as in English: "préstamo"
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    found = page.locator(".md-search-result").inner_text()
    assert "Remisión por préstamo estatal de emergencia" in found
    assert "Emergency state loan referral" not in found
    hrefs = page.locator(".md-search-result__link").evaluate_all("a => a.map(x => x.href)")
    assert hrefs and all(h.startswith(shipped_url + "es/") for h in hrefs)
    assert log.foreign(shipped_url.rstrip("/")) == []


@pytest.mark.parametrize("path", ["pathways/emergency-state-loan/", "find/dta-eligibility/", ""])
def test_the_language_link_leads_to_the_same_page_by_keyboard(
    page: Any, shipped_url: str, path: str
) -> None:
    page.goto(shipped_url + path)
    link = page.get_by_role("link", name="Español", exact=True)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(shipped_url + "es/" + path)
    assert page.evaluate("document.documentElement.lang") == "es"
    page.get_by_role("link", name="English", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(shipped_url + path)
    # The hreflang links are in the page once it has loaded, for search engines that run it.
    hreflangs = page.locator('link[rel="alternate"][hreflang]').evaluate_all(
        "ls => ls.map(l => l.hreflang)"
    )
    assert hreflangs == ["en", "x-default", "es"]


def test_print_hides_navigation_and_prints_statute_urls(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "pathways/state-superintendent/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    after = page.evaluate(
        """() => {
          const a = document.querySelector('.md-typeset a[href^="https://leginfo"]');
          return getComputedStyle(a, '::after').content;
        }"""
    )
    assert "sectionNum=52074." in after


def test_abbreviations_have_tooltips(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "pathways/coe-geo-lead-referral/")
    abbr = page.locator('abbr[title="local educational agency"]').first
    assert abbr.inner_text() == "LEA"


def test_glossary_definitions_render_markdown(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "glossary/")
    definitions = page.locator(".pathways-glossary dd")
    assert definitions.count() >= 10
    assert "](" not in page.locator(".pathways-glossary").inner_text()
    assert page.locator('.pathways-glossary dd a[href*="sectionNum=52071."]').count() >= 1
