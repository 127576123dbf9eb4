"""The embed snippets on a county office's page, in headless Chromium.

The state's site is built with its own address and served on one port, sending
``Access-Control-Allow-Origin: *`` for ``embed/`` only (as the README asks of the state's host).
County pages are served on another port, a different origin, under a strict Content-Security-
Policy that allows scripts, styles and frames from the state's origin only.
"""

from __future__ import annotations

import html
import http.server
import re
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from generator.build.site import BuildOptions, build
from generator.render.embed import sri
from tests.browser import AXE_BEST_PRACTICE, axe_violations, serve_folder
from tests.conftest import REPO, TODAY

pytestmark = pytest.mark.browser

TREE = "dta-eligibility"
# A path through the shipped tree to an outcome that names pathways.
PATH = (("state-loan", "yes"), ("loan-district", "district"), ("loan-pupil-groups", "yes"))
CONTACT = {
    "contact-name": "Sample County Office of Education",
    "contact-url": "https://www.example.org/support",
    "contact-phone": "(555) 010-0199",
    "contact-email": "help@example.org",
}
COUNTY_PRIMARY = "#2d5f3f"  # 7.4:1 on white
HOSTILE_CSS = (
    "* { all: revert; color: red !important; font-size: 30px }\nbutton { display: none }\n"
)
COUNTY_CSS = """\
body { margin: 0; font: 17px/1.6 Georgia, serif; color: #222; background: #f4f1ea; }
header, footer { padding: 0.75rem 2rem; background: #2d5f3f; color: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 2rem 2rem; background: #fff; }
pathways-tree { --pathways-color-primary: #2d5f3f; }
"""
# Records every CSP violation in the document it runs in (the county page and each frame).
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
    const root = document.documentElement;
    root.dataset.csp = (root.dataset.csp || "") + " " + event.violatedDirective;
});
"""


class _StateHandler(http.server.SimpleHTTPRequestHandler):
    cors_prefix: ClassVar[str] = "/embed/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Integrity checks on cross-origin files need CORS; only the embed files get it.
        if self.path.startswith(self.cors_prefix):
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def serve_state(folder: Path) -> AbstractContextManager[str]:
    return serve_folder(folder, handler=_StateHandler)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def with_contact(snippet: str) -> str:
    """The script snippet with the county's details, as the embed page fills it in."""
    for name, value in CONTACT.items():
        snippet = snippet.replace(f'{name}=""', f'{name}="{html.escape(value)}"')
    return snippet


def with_query(snippet: str, **extra: str) -> str:
    """The iframe snippet with the county's details in the frame's address."""
    query = html.escape(urlencode({**CONTACT, **extra}))
    return snippet.replace('/frame.html"', f'/frame.html?{query}"')


def county_page(body: str, hostile: bool = False) -> str:
    sheets = '<link rel="stylesheet" href="county.css">'
    if hostile:
        sheets += '\n<link rel="stylesheet" href="hostile.css">'
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Support for districts: Sample County Office of Education</title>
{sheets}
</head>
<body>
<header><p>Sample County Office of Education</p></header>
<main>
<h1>Support for your district</h1>
<p>Answer a few questions to see which pathway to Direct Technical Assistance may apply.</p>
{body}
<p>Questions? Call our district support team.</p>
</main>
<footer><p>Sample County Office of Education, 1 Main Street</p></footer>
</body>
</html>
"""


@dataclass(frozen=True)
class Sites:
    state: str
    county: str
    out: Path

    def built(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    folder = tmp_path_factory.mktemp("embed")
    out, county = folder / "state", folder / "county"
    county.mkdir()
    with serve_state(out) as state:
        # Built once the state's address is known: the snippets carry it.
        build(BuildOptions(REPO, out, site_url=state, pdf=False, today=TODAY))
        snippet = with_contact(out.joinpath(f"embed/{TREE}/snippet.html").read_text("utf-8"))
        iframe = out.joinpath(f"embed/{TREE}/iframe-snippet.html").read_text("utf-8")
        framed = with_query(iframe, primary=COUNTY_PRIMARY)
        pages = {
            "blank.html": county_page(""),
            "script.html": county_page(snippet),
            "script-hostile.html": county_page(snippet, hostile=True),
            "script-two.html": county_page(snippet + snippet),
            # Pasted before the guidance last changed: its hash names other bytes.
            "script-stale.html": county_page(
                re.sub(r'integrity="[^"]+"', f'integrity="{sri(b"older guidance")}"', snippet)
            ),
            "iframe.html": county_page(framed),
            "iframe-hostile.html": county_page(framed, hostile=True),
            "iframe-two.html": county_page(framed + framed.replace("<script", "<!--", 1)),
        }
        for name, text in {**pages, "county.css": COUNTY_CSS, "hostile.css": HOSTILE_CSS}.items():
            (county / name).write_text(text, encoding="utf-8")
        s = origin(state)
        csp = (
            f"default-src 'none'; script-src {s}; style-src {s} 'self'; frame-src {s}; img-src {s}"
        )
        with serve_folder(county, headers={"Content-Security-Policy": csp}) as county_url:
            yield Sites(state, county_url, out)


@dataclass
class Watch:
    """What a page did: console errors, requests, and CSP violations in each document."""

    page: Any
    errors: list[str]
    urls: list[str]

    def violations(self) -> list[str]:
        found = []
        for frame in self.page.frames:
            csp = frame.evaluate("document.documentElement.dataset.csp || ''").split()
            found += [f"{frame.url}: {directive}" for directive in csp]
        return found

    def foreign(self, *origins: str) -> list[str]:
        return [u for u in self.urls if not u.startswith(origins)]


@pytest.fixture
def watch(browser: Any) -> Iterator[Watch]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.add_init_script(CSP_WATCH)
    result = Watch(page, [], [])
    page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    page.on("request", lambda r: result.urls.append(r.url))
    yield result
    context.close()


def walk(root: Any, steps: tuple[tuple[str, str], ...] = PATH) -> None:
    """Answer each question inside ``root``: a page, a frame or a widget's locator."""
    for question, choice in steps:
        root.locator(f'input[name="{question}"][value="{choice}"]').check()
        root.get_by_role("button", name="Continue").click()


def expect_contact(root: Any) -> None:
    contact = root.locator(".pw-contact")
    expect(contact).to_contain_text(CONTACT["contact-name"])
    hrefs = contact.get_by_role("link").evaluate_all("els => els.map(el => el.href)")
    assert hrefs == [CONTACT["contact-url"], "tel:5550100199", "mailto:help@example.org"]


def first_question(root: Any) -> tuple[str | None, int]:
    """The name of the first radio shown, and how many radios are checked."""
    radios = root.locator("input[type=radio]")
    expect(radios.first).to_be_visible()
    return radios.first.get_attribute("name"), root.locator("input:checked").count()


# Script mode ------------------------------------------------------------------------------------


def test_script_snippet_works_under_the_county_csp(watch: Watch, sites: Sites) -> None:
    page = watch.page
    page.goto(sites.county + "blank.html")
    bare = page.evaluate("Object.keys(window)")
    page.goto(sites.county + "script.html")
    title = page.title()
    widget = page.locator("pathways-tree")
    expect(widget.locator("h2[tabindex]")).to_be_visible()
    # The county's font, its own h1 above the widget's h2, and its page title, left alone.
    label = widget.locator("label").first
    assert label.evaluate("el => getComputedStyle(el).fontFamily") == "Georgia, serif"
    expect(
        widget.get_by_role("link", name="Find your pathway: answer the questions")
    ).to_be_hidden()
    loaded = len(watch.urls)
    walk(widget)
    outcome = widget.locator("[data-outcome]")
    expect(outcome).to_be_visible()
    assert outcome.locator("[data-pathway]").count() > 0
    expect_contact(widget)
    # The county's own stylesheet themes the widget through its custom property.
    button = widget.get_by_role("button", name="Print your result")
    assert button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(45, 95, 63)"
    assert len(watch.urls) == loaded, watch.urls[loaded:]  # nothing fetched after loading
    assert sorted(u.removeprefix(sites.state) for u in watch.foreign(sites.county)) == [
        "embed/dta-eligibility.js",
        "embed/pathways-tree.css",
    ]
    assert page.evaluate("Object.keys(window)") == bare
    assert page.evaluate("document.cookie + localStorage.length + sessionStorage.length") == "00"
    assert page.evaluate("location.hash") == ""
    assert page.title() == title
    assert watch.violations() == [] and watch.errors == []
    assert axe_violations(page) == []


def test_script_snippet_resists_a_hostile_host_stylesheet(watch: Watch, sites: Sites) -> None:
    page = watch.page
    page.goto(sites.county + "script-hostile.html")
    assert page.locator("h1").evaluate("el => getComputedStyle(el).color") == "rgb(255, 0, 0)"
    widget = page.locator("pathways-tree")
    heading = widget.locator("h2[tabindex]")
    expect(heading).to_be_visible()
    assert heading.evaluate("el => getComputedStyle(el).color") == "rgb(27, 27, 27)"
    button = widget.get_by_role("button", name="Continue")
    expect(button).to_be_visible()
    assert button.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"
    walk(widget)
    expect(widget.locator("[data-outcome]")).to_be_visible()
    expect_contact(widget)
    assert watch.violations() == [] and watch.errors == []


def test_two_script_widgets_keep_their_own_answers(watch: Watch, sites: Sites) -> None:
    page = watch.page
    page.goto(sites.county + "script-two.html")
    first, second = page.locator("pathways-tree").nth(0), page.locator("pathways-tree").nth(1)
    walk(first, PATH[:1])
    assert first_question(first) == (PATH[1][0], 0)
    assert first_question(second) == (PATH[0][0], 0)
    walk(second, (("state-loan", "no"),))
    assert first_question(first) == (PATH[1][0], 0)
    assert watch.violations() == [] and watch.errors == []


def test_a_stale_snippet_shows_the_link_never_old_guidance(watch: Watch, sites: Sites) -> None:
    page = watch.page
    page.goto(sites.county + "script-stale.html")
    link = page.get_by_role("link", name="Find your pathway: answer the questions")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == f"{sites.state}find/{TREE}/q/state-loan/"
    assert page.locator("pathways-tree").evaluate("el => el.shadowRoot") is None
    assert [e for e in watch.errors if "integrity" in e] == watch.errors != []
    assert watch.violations() == []


# Iframe mode ------------------------------------------------------------------------------------


def frame_of(page: Any, index: int = 0) -> Any:
    handle = page.locator("iframe").nth(index).element_handle()
    frame = handle.content_frame()
    assert frame is not None
    return frame


def settled_height(page: Any, index: int = 0, within: float = 1.0) -> float:
    """The iframe's height once it equals its content's; fails if that takes over ``within``."""
    iframe, frame = page.locator("iframe").nth(index), frame_of(page, index)
    deadline = time.monotonic() + within
    while True:
        outer = iframe.evaluate("el => el.getBoundingClientRect().height")
        inner = frame.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
        if outer == inner:
            break
        assert time.monotonic() < deadline, f"the frame is {outer}px for {inner}px of content"
        time.sleep(0.05)
    assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert frame.evaluate("getComputedStyle(document.documentElement).overflowY") == "hidden"
    time.sleep(0.5)
    assert iframe.evaluate("el => el.getBoundingClientRect().height") == outer, "still moving"
    return float(outer)


def test_iframe_snippet_works_under_the_county_csp(watch: Watch, sites: Sites) -> None:
    page = watch.page
    page.goto(sites.county + "iframe.html")
    page.evaluate(
        """() => {
            window.seen = [];
            for (const type of ["pathways:answer", "pathways:outcome"]) {
                document.addEventListener(type, (e) => seen.push([type, e.target.tagName, e.detail]));
            }
        }"""
    )
    frame = page.frame_locator("iframe")
    expect(frame.locator("h2[tabindex]")).to_be_visible()
    first = settled_height(page)
    loaded = len(watch.urls)
    walk(frame)
    expect(frame.locator("[data-outcome]")).to_be_visible()
    expect_contact(frame)
    assert settled_height(page) > first  # the result is taller: the frame followed it
    button = frame.get_by_role("button", name="Print your result")
    assert button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(45, 95, 63)"
    outcome = frame.locator("[data-outcome]").get_attribute("data-outcome")
    pathways = frame.locator("[data-pathway]").evaluate_all(
        "els => els.map(e => e.dataset.pathway)"
    )
    events = page.evaluate("seen")
    assert events == [
        *(
            ["pathways:answer", "IFRAME", {"tree": TREE, "question": q, "answer": a}]
            for q, a in PATH
        ),
        ["pathways:outcome", "IFRAME", {"tree": TREE, "outcome": outcome, "pathways": pathways}],
    ]
    assert len(watch.urls) == loaded, watch.urls[loaded:]
    assert sorted(
        u.removeprefix(sites.state).split("?")[0] for u in watch.foreign(sites.county)
    ) == [
        "embed/dta-eligibility.js",
        "embed/dta-eligibility/frame.html",
        "embed/frame-host.js",
        "embed/frame.css",
        "embed/frame.js",
        "embed/pathways-tree.css",
    ]
    assert watch.violations() == [] and watch.errors == []
    assert axe_violations(frame_of(page)) == []
    # A link in the frame opens in the county's tab, not inside the frame.
    link = frame.locator("[data-pathway] h4 a").first
    href = link.get_attribute("href")
    assert href.startswith(sites.state + "pathways/")
    link.click()
    page.wait_for_url(href)


def test_iframe_resists_a_hostile_host_stylesheet(watch: Watch, sites: Sites) -> None:
    page = watch.page
    page.goto(sites.county + "iframe-hostile.html")
    frame = page.frame_locator("iframe")
    button = frame.get_by_role("button", name="Continue")
    expect(button).to_be_visible()
    assert button.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"
    walk(frame)
    expect_contact(frame)
    settled_height(page)
    assert watch.violations() == [] and watch.errors == []


def test_two_iframes_keep_their_own_answers_and_heights(watch: Watch, sites: Sites) -> None:
    page = watch.page
    page.goto(sites.county + "iframe-two.html")
    first, second = page.frame_locator("iframe").nth(0), page.frame_locator("iframe").nth(1)
    walk(first)
    expect(first.locator("[data-outcome]")).to_be_visible()
    assert first_question(second) == (PATH[0][0], 0)
    assert settled_height(page, 0) > settled_height(page, 1)
    assert watch.violations() == [] and watch.errors == []


def test_frame_settings_are_checked(watch: Watch, sites: Sites) -> None:
    page = watch.page
    query = urlencode(
        {
            "contact-name": "<img src=x onerror=alert(1)>",
            "contact-url": "javascript:alert(1)",
            "primary": "#ffdd00",  # too light for white text: the default comes back
            "heading": "3",
            "url-state": "on",
            "lang": "en-US",
        }
    )
    page.goto(f"{sites.state}embed/{TREE}/frame.html?{query}")
    widget = page.locator("pathways-tree")
    assert widget.get_attribute("url-state") is None
    assert widget.get_attribute("lang") in ("en-US", "en-us")
    expect(widget.locator("h3.pw-h0")).to_be_visible()
    button = widget.get_by_role("button", name="Continue")
    assert button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(26, 68, 128)"
    walk(widget)
    contact = widget.locator(".pw-contact")
    expect(contact).to_contain_text("<img src=x onerror=alert(1)>")
    expect(contact.get_by_role("link")).to_have_count(0)
    assert page.locator("pathways-tree img").count() == 0
    assert page.evaluate("location.hash") == ""
    # Opened on its own the frame scrolls like any page; no host sizes it.
    assert page.evaluate("getComputedStyle(document.documentElement).overflowY") == "visible"
    assert watch.violations() == [] and watch.errors == []


# The "Embed on your site" page -------------------------------------------------------------------


def test_embed_page_fills_in_the_snippets(browser: Any, sites: Sites) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin(sites.state))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(sites.state + "embed-on-your-site/")
    script = page.get_by_label("Script snippet for Find your pathway")
    iframe = page.get_by_label("Iframe snippet for Find your pathway")
    expect(script).to_have_value(sites.built(f"embed/{TREE}/snippet.html"))
    expect(iframe).to_have_value(sites.built(f"embed/{TREE}/iframe-snippet.html"))
    preview = page.locator(".pathways-embed-preview pathways-tree")
    expect(preview.locator("h2[tabindex]")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Name of your county office of education").fill(CONTACT["contact-name"])
    page.get_by_label("Web page for questions about support").fill(CONTACT["contact-url"])
    page.get_by_label("Phone number").fill(CONTACT["contact-phone"])
    page.get_by_label("Email address").fill(CONTACT["contact-email"])
    colour = page.get_by_label("Colour of buttons and links (optional)")
    colour.fill("#ffdd00")
    expect(page.locator("#pw-embed-primary-note")).to_contain_text("only 1.")
    expect(page.locator("#pw-embed-css-box")).to_be_hidden()
    continue_ = preview.get_by_role("button", name="Continue")
    assert continue_.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(26, 68, 128)"
    colour.fill(COUNTY_PRIMARY.upper())
    expect(page.locator("#pw-embed-primary-note")).to_contain_text("7.4 to 1")
    expect(
        page.get_by_label("To use your colour, add this to your site's stylesheet")
    ).to_have_value(f"pathways-tree {{\n  --pathways-color-primary: {COUNTY_PRIMARY};\n}}\n")
    assert continue_.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(45, 95, 63)"

    # The page writes exactly what the county pages of these tests paste.
    built_iframe = sites.built(f"embed/{TREE}/iframe-snippet.html")
    expect(script).to_have_value(with_contact(sites.built(f"embed/{TREE}/snippet.html")))
    expect(iframe).to_have_value(with_query(built_iframe, primary=COUNTY_PRIMARY))
    for name, value in CONTACT.items():
        assert preview.get_attribute(name) == value
    walk(preview)
    expect_contact(preview)
    assert axe_violations(page) == []

    page.get_by_role("button", name="Copy the iframe snippet").click()
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == iframe.input_value()
    assert errors == []
    context.close()


def test_embed_page_on_a_phone(browser: Any, sites: Sites) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(sites.state + "embed-on-your-site/")
    expect(page.locator(".pathways-embed-preview pathways-tree h2[tabindex]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for field in page.locator(".pathways-embed-form input").all():
        box = field.bounding_box()
        assert box is not None and box["height"] >= 24 and box["x"] + box["width"] <= 375
    assert axe_violations(page) == []
    context.close()


def test_embed_page_is_in_the_menu(browser: Any, sites: Sites) -> None:
    page = browser.new_page()
    page.goto(sites.state)
    link = page.locator(".md-nav--primary").get_by_role("link", name="Embed on your site")
    assert link.first.get_attribute("href").rstrip("/").endswith("embed-on-your-site")
    page.close()


def test_the_frame_page_passes_axe_best_practice_in_each_state(watch: Watch, sites: Sites) -> None:
    """The frame is a document of its own: one main landmark, and its question is its h1."""
    page = watch.page
    page.goto(f"{sites.state}embed/{TREE}/frame.html")
    widget = page.locator("pathways-tree")
    expect(widget.locator("h1")).to_be_visible()
    assert axe_violations(page, AXE_BEST_PRACTICE) == []
    widget.get_by_role("button", name="Continue").click()
    expect(widget.locator(".pw-error-summary, [role=alert]").first).to_be_visible()
    assert axe_violations(page, AXE_BEST_PRACTICE) == []
    walk(widget)
    expect(widget.locator("[data-outcome]")).to_be_visible()
    # axe's own inline styles are refused by the frame's policy: its console errors are not ours.
    assert axe_violations(page, AXE_BEST_PRACTICE) == []
