"""The <pathways-tree> widget in headless Chromium: every path, keyboard use, errors, URL state,
events, axe-core, and what it must never do (leave the origin, add globals, break under a strict
Content-Security-Policy or a hostile host stylesheet)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.render.strings import Strings
from tests.browser import RequestLog, axe_violations, serve_folder

pytestmark = pytest.mark.browser

WIDGET = Path(__file__).resolve().parents[1] / "generator" / "widget"
FIXTURES = Path(__file__).resolve().parent / "widget_fixtures"
TREE: dict[str, Any] = json.loads((FIXTURES / "tree.json").read_text(encoding="utf-8"))
# The interface's words as the build gives them, so the sample never drifts from the locale.
TREE["strings"] = {**Strings("en").widget(), "contact_heading": TREE["strings"]["contact_heading"]}
TREE["site"] = "Sample guidance"
QUESTIONS = {q["id"]: q for q in TREE["questions"]}
OUTCOMES = {o["id"]: o for o in TREE["outcomes"]}

Steps = tuple[tuple[str, str], ...]


def all_paths(question: str = TREE["start"], before: Steps = ()) -> list[tuple[Steps, str]]:
    """Every (answers, outcome) path through the sample tree, walked from its data."""
    found = []
    for answer in QUESTIONS[question]["answers"]:
        steps = (*before, (question, answer["id"]))
        if answer["next"] in QUESTIONS:
            found += all_paths(answer["next"], steps)
        else:
            found.append((steps, answer["next"]))
    return found


PATHS = all_paths()
PATH_TO = {outcome: steps for steps, outcome in reversed(PATHS)}

# A second tree whose rich text tries every trick the renderer must refuse.
OTHER: dict[str, Any] = {
    **TREE,
    "id": "other",
    "intro": [
        {"tag": "script", "children": ["window.pwned = 1"]},
        {"tag": "img", "attrs": {"src": "x", "onerror": "window.pwned = 1"}},
        {"tag": "a", "attrs": {"href": "javascript:window.pwned = 1"}, "children": ["bad link"]},
        {"tag": "p", "attrs": {"onclick": "window.pwned = 1"}, "children": ["<b>not bold</b>"]},
    ],
    "start": "ready",
    "questions": [
        {
            "id": "ready",
            "text": "Are you ready?",
            "hint": None,
            "answers": [{"id": "yes", "label": "Yes", "next": "unsure"}],
        }
    ],
}

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; "
    "form-action 'none'; base-uri 'none'; require-trusted-types-for 'script'"
)
HOSTILE_CSS = (
    "* { all: revert; color: red !important; font-size: 30px }\nbutton { display: none }\n"
)
CONTACT = (
    'contact-name="Sample County Office of Education" contact-url="https://www.example.org/help" '
    'contact-phone="(555) 010-0199" contact-email="help@example.org"'
)
SCRIPT = '<script src="../embed/sample.js"></script>'
DASH = "\N{EN DASH}"
ELEMENT = '<pathways-tree tree="sample" url-state="on">'


def bundle(tree: dict[str, Any]) -> str:
    """The embed script exactly as the build writes it: the data, then the widget, in an IIFE."""
    widget = (WIDGET / "pathways-tree.js").read_text(encoding="utf-8")
    return f'(function () {{\n"use strict";\nconst TREE = {json.dumps(tree)};\n{widget}\n}})();\n'


def harness_pages() -> dict[str, str]:
    page = (FIXTURES / "index.html").read_text(encoding="utf-8")
    assert ELEMENT in page and SCRIPT in page
    head = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    head += '\n<link rel="stylesheet" href="hostile.css">'
    return {
        "index.html": page,
        "off.html": page.replace(' url-state="on"', ""),
        # The widget as the page itself, as on the tree's own page: its heading is the h1.
        "page.html": page.replace("<h1>Find your pathway</h1>\n", "").replace(
            ELEMENT, '<pathways-tree tree="sample" url-state="on" heading-level="1">'
        ),
        # A county page with a font of its own, and one with none.
        "font.html": page.replace("<main>", '<main style="font-family: Georgia, serif">'),
        "bare.html": page.replace(SCRIPT, ""),
        "strict.html": page.replace("<head>", f"<head>\n{head}").replace(
            ELEMENT, f'<pathways-tree tree="sample" url-state="on" {CONTACT}>'
        ),
        "two.html": page.replace(
            ELEMENT, '<pathways-tree tree="other"></pathways-tree>\n<pathways-tree tree="sample">'
        ).replace(
            SCRIPT,
            "<pathways-tree></pathways-tree>\n"
            '<pathways-tree tree="missing"><a href="../pathways/">No such tree</a></pathways-tree>\n'
            f'{SCRIPT}\n<script src="../embed/other.js"></script>',
        ),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """<tmp>/embed/{sample,other}.js and the stylesheet, <tmp>/find/*.html; yields the base URL."""
    root = tmp_path_factory.mktemp("widget-site")
    embed, find = root / "embed", root / "find"
    embed.mkdir()
    find.mkdir()
    (embed / "sample.js").write_text(bundle(TREE), encoding="utf-8")
    (embed / "other.js").write_text(bundle(OTHER), encoding="utf-8")
    shutil.copy(WIDGET / "pathways-tree.css", embed / "pathways-tree.css")
    (find / "hostile.css").write_text(HOSTILE_CSS, encoding="utf-8")
    for name, html in harness_pages().items():
        (find / name).write_text(html, encoding="utf-8")
    with serve_folder(root) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; the test fails if the page logs an error (CSP violations included)."""
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


# Helpers: Playwright's CSS locators reach into the open shadow root.


def heading(page: Any) -> Any:
    return page.locator('pathways-tree h2[tabindex="-1"]')


def open_widget(page: Any, url: str) -> None:
    page.goto(url)
    expect(heading(page)).to_be_visible()


def answer(page: Any, question: str, choice: str) -> None:
    page.locator(f'input[name="{question}"][value="{choice}"]').check()
    page.get_by_role("button", name="Continue").click()


def walk(page: Any, steps: Steps) -> None:
    for question, choice in steps:
        answer(page, question, choice)


def on_question(page: Any) -> tuple[str, str | None]:
    """The question shown and its checked answer, if any."""
    radios = page.locator("pathways-tree input[type=radio]")
    expect(radios.first).to_be_visible()
    checked = page.locator("pathways-tree input[type=radio]:checked")
    return radios.first.get_attribute("name"), (
        checked.get_attribute("value") if checked.count() else None
    )


def outcome_shown(page: Any) -> tuple[str, list[str]]:
    outcome = page.locator("pathways-tree [data-outcome]")
    expect(outcome).to_be_visible()
    pathways = page.locator("pathways-tree [data-pathway]")
    return outcome.get_attribute("data-outcome"), pathways.evaluate_all(
        "els => els.map(el => el.dataset.pathway)"
    )


def focused(page: Any) -> str:
    """The element focused inside the widget's shadow root, as 'TAG: text'."""
    return page.evaluate(
        """() => {
            const el = document.querySelector("pathways-tree").shadowRoot.activeElement;
            return el ? `${el.tagName}: ${el.textContent}` : "";
        }"""
    )


def tab_to_radio(page: Any) -> None:
    for _ in range(4):
        page.keyboard.press("Tab")
        if focused(page) == "INPUT: ":
            return
    raise AssertionError(f"Tab never reached a radio; focus is on {focused(page)!r}")


def status(page: Any) -> str:
    return page.locator('pathways-tree [role="status"]').text_content()


def hash_for(steps: Steps) -> str:
    return "#pw-sample=" + "~".join(f"{q}.{a}" for q, a in steps)


def outcome_ids(outcome: str) -> list[str]:
    return [p["id"] for p in OUTCOMES[outcome]["pathways"]]


# Every path through the tree.


@pytest.mark.parametrize(
    ("steps", "outcome"),
    PATHS,
    ids=["~".join(f"{q}.{a}" for q, a in steps) for steps, _ in PATHS],
)
def test_every_path_ends_at_its_outcome(page: Any, site: str, steps: Steps, outcome: str) -> None:
    open_widget(page, site + "find/")
    walk(page, steps)
    assert outcome_shown(page) == (outcome, outcome_ids(outcome))
    assert focused(page) == f"H2: {OUTCOMES[outcome]['title']}"
    assert status(page) == f"Your result: {OUTCOMES[outcome]['title']}"


def test_outcome_links_pathways_statutes_and_supports(page: Any, site: str) -> None:
    open_widget(page, site + "find/" + hash_for(PATH_TO["system"]))
    widget = page.locator("pathways-tree")
    pathway = widget.locator('[data-pathway="statewide-system-of-support"]')
    title = pathway.locator("h4 a")
    assert title.get_attribute("href") == site + "pathways/statewide-system-of-support/"
    citation = pathway.get_by_role("link", name="EC 52064.5(g)")
    assert citation.get_attribute("title").endswith(": official text")
    assert citation.get_attribute("href").endswith("sectionNum=52064.5.")
    assert citation.get_attribute("rel") == "noopener"
    support = widget.get_by_role("link", name="Universal support")
    assert support.get_attribute("href") == site + "supports/universal-support/"
    assert widget.locator("abbr[title='local educational agency']").count() > 0
    change = widget.get_by_role(
        "button", name=f"Change your answer to: {QUESTIONS['lea-type']['text']}"
    )
    expect(change).to_have_text(f"Change your answer to: {QUESTIONS['lea-type']['text']}")
    expect(widget.get_by_text("Read about every pathway")).to_be_hidden()  # the no-JS fallback
    page.evaluate("() => { window.print = () => document.body.setAttribute('data-printed', '') }")
    widget.get_by_role("button", name="Print your result").click()
    expect(page.locator("body[data-printed]")).to_have_count(1)


def test_keyboard_only_reaches_an_outcome(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    keys = page.keyboard
    tab_to_radio(page)  # past the links in the introduction
    keys.press("Space")  # lea-type: district
    keys.press("Tab")
    keys.press("Enter")  # Continue
    assert focused(page) == f"H2: {QUESTIONS['criteria']['text']}"
    assert status(page) == QUESTIONS["criteria"]["text"]
    tab_to_radio(page)  # past the link in the hint
    keys.press("ArrowDown")  # criteria: no (arrows move and choose)
    assert on_question(page) == ("criteria", "no")
    keys.press("Enter")  # a form submits from a radio too
    assert focused(page) == f"H2: {QUESTIONS['state-loan']['text']}"
    tab_to_radio(page)
    keys.press("Space")  # state-loan: yes
    keys.press("Tab")
    keys.press("Enter")
    assert outcome_shown(page) == ("loan", ["emergency-state-loan"])
    assert focused(page) == f"H2: {OUTCOMES['loan']['title']}"


def test_continue_without_an_answer_shows_the_error(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    shadow_focus = "document.querySelector('pathways-tree').shadowRoot.activeElement"
    assert page.evaluate(f"{shadow_focus}.getAttribute('role')") == "alert"
    fieldset = page.locator("pathways-tree fieldset")
    assert fieldset.get_attribute("aria-invalid") == "true"
    message = page.locator("pathways-tree .pw-error-message")
    specific = f"Select an answer to: {QUESTIONS['lea-type']['text']}"
    expect(message).to_have_text(specific)
    assert message.get_attribute("id") in fieldset.get_attribute("aria-describedby").split()
    url = page.url
    summary.get_by_role("link", name=specific).click()
    assert focused(page) == "INPUT: " and page.url == url
    answer(page, "lea-type", "other")
    expect(page.get_by_role("alert")).to_have_count(0)
    assert on_question(page) == ("state-loan", None)


def test_back_change_and_start_again(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    expect(page.get_by_role("button", name="Back")).to_have_count(0)
    walk(page, (("lea-type", "district"), ("criteria", "no")))
    page.get_by_role("button", name="Back").click()
    assert on_question(page) == ("criteria", "no")
    assert focused(page) == f"H2: {QUESTIONS['criteria']['text']}"
    page.get_by_role("button", name="Back").click()
    assert on_question(page) == ("lea-type", "district")
    expect(page.get_by_role("button", name="Back")).to_have_count(0)
    # Continuing follows the answers already given, to the first question without one.
    page.get_by_role("button", name="Continue").click()
    assert on_question(page) == ("state-loan", None)
    answer(page, "state-loan", "yes")
    assert outcome_shown(page)[0] == "loan"
    # Changing the first answer keeps the state-loan answer (it still applies), drops criteria.
    question = QUESTIONS["lea-type"]["text"]
    page.get_by_role("button", name=f"Change your answer to: {question}").click()
    assert on_question(page) == ("lea-type", "district")
    assert focused(page) == f"H2: {question}"
    answer(page, "lea-type", "other")
    assert outcome_shown(page) == ("loan", ["emergency-state-loan"])
    rows = page.locator("pathways-tree dl dt")
    expect(rows).to_have_text([question, QUESTIONS["state-loan"]["text"]])
    page.get_by_role("button", name="Start again").click()
    assert on_question(page) == ("lea-type", None)
    assert focused(page) == f"H2: {question}"
    expect(page.locator("pathways-tree dl")).to_have_count(0)
    assert page.evaluate("location.hash") == ""


# URL state.


def test_history_reload_and_forward_follow_the_steps(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    answer(page, "lea-type", "district")
    assert page.evaluate("location.hash") == "#pw-sample=lea-type.district"
    answer(page, "criteria", "no")
    assert page.evaluate("location.hash") == "#pw-sample=lea-type.district~criteria.no"
    assert on_question(page) == ("state-loan", None)
    page.go_back()
    assert on_question(page) == ("criteria", "no")
    assert focused(page) == f"H2: {QUESTIONS['criteria']['text']}"
    page.go_back()
    assert on_question(page) == ("lea-type", "district")
    page.go_forward()
    assert on_question(page) == ("criteria", "no")
    page.reload()
    assert on_question(page) == ("criteria", "no")
    page.get_by_role("button", name="Continue").click()
    assert on_question(page) == ("state-loan", None)


def test_a_shared_link_opens_the_same_result(page: Any, site: str) -> None:
    steps = PATH_TO["county"]
    open_widget(page, site + "find/" + hash_for(steps))
    assert outcome_shown(page) == ("county", outcome_ids("county"))
    assert focused(page) == f"H2: {OUTCOMES['county']['title']}"
    assert page.evaluate("location.hash") == hash_for(steps)


def test_the_host_pages_own_hash_is_kept(page: Any, site: str) -> None:
    open_widget(page, site + "find/#top&pw-sample=lea-type.other")
    assert on_question(page) == ("state-loan", None)
    answer(page, "state-loan", "yes")
    assert page.evaluate("location.hash") == "#top&pw-sample=lea-type.other~state-loan.yes"
    page.evaluate("location.hash = 'main'")  # a skip link on the host page
    page.wait_for_function("location.hash === '#main'")
    assert outcome_shown(page)[0] == "loan"


@pytest.mark.parametrize(
    ("fragment", "shows"),
    [
        ("pw-sample=lea-type.nope", "lea-type"),
        ("pw-sample=nope.district", "lea-type"),
        ("pw-sample=state-loan.yes", "lea-type"),
        ("pw-sample=<script>alert(1)</script>", "lea-type"),
        ("pw-sample=%3Cscript%3Ealert(1)%3C%2Fscript%3E.yes", "lea-type"),
        ("pw-sample=lea-type.other~criteria.yes@criteria", "state-loan"),
        ("pw-sample=lea-type.district~%3Cimg%3E.x@%3Cscript%3E", "criteria"),
    ],
    ids=["unknown answer", "unknown question", "off the path", "script", "encoded", "skip", "view"],
)
def test_a_bad_link_is_dropped_never_trusted(
    page: Any, site: str, fragment: str, shows: str
) -> None:
    open_widget(page, site + "find/#" + fragment)
    assert on_question(page) == (shows, None)
    text = page.locator("pathways-tree").evaluate("el => el.shadowRoot.textContent")
    assert "script" not in text and "nope" not in text and "<" not in text
    assert page.locator("pathways-tree script, pathways-tree img").count() == 0
    kept = {
        "lea-type": "",
        "state-loan": "#pw-sample=lea-type.other",
        "criteria": "#pw-sample=lea-type.district",
    }
    assert page.evaluate("location.hash") == kept[shows]


def test_without_url_state_the_url_never_changes(page: Any, site: str) -> None:
    open_widget(page, site + "find/off.html")
    url, length = page.url, page.evaluate("history.length")
    walk(page, PATH_TO["system"])
    assert outcome_shown(page)[0] == "system"
    page.get_by_role("button", name="Back").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role(
        "button", name=f"Change your answer to: {QUESTIONS['lea-type']['text']}"
    ).click()
    page.get_by_role("button", name="Start again").click()
    assert on_question(page) == ("lea-type", None)
    assert (page.url, page.evaluate("history.length")) == (url, length)


def test_events_carry_ids(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    page.evaluate(
        """() => {
            const seen = document.body.dataset;
            seen.events = "[]";
            for (const type of ["pathways:answer", "pathways:outcome"]) {
                document.addEventListener(type, (event) => {
                    const events = JSON.parse(seen.events);
                    seen.events = JSON.stringify([...events, [type, event.detail]]);
                });
            }
        }"""
    )
    walk(page, PATH_TO["system"])
    outcome_shown(page)
    assert json.loads(page.evaluate("document.body.dataset.events")) == [
        ["pathways:answer", {"tree": "sample", "question": "lea-type", "answer": "district"}],
        ["pathways:answer", {"tree": "sample", "question": "criteria", "answer": "yes"}],
        [
            "pathways:outcome",
            {"tree": "sample", "outcome": "system", "pathways": outcome_ids("system")},
        ],
    ]


# Accessibility: axe-core on every state (it reaches into open shadow roots).

AXE_STATES = {
    "first question": "",
    "later question": hash_for((("lea-type", "district"),)),
    "error": "",
    **{f"outcome {o}": hash_for(steps) for o, steps in PATH_TO.items()},
}


@pytest.mark.parametrize("fragment", AXE_STATES.values(), ids=AXE_STATES.keys())
def test_axe_finds_nothing(page: Any, site: str, fragment: str, request: Any) -> None:
    open_widget(page, site + "find/" + fragment)
    if request.node.callspec.id == "error":
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []


def test_targets_and_no_sideways_scroll_on_a_small_phone(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    open_widget(page, site + "find/")
    for radio in page.locator("pathways-tree input[type=radio]").all():
        box = radio.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    open_widget(page, site + "find/" + hash_for(PATH_TO["system"]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_print_shows_the_result_and_where_it_came_from(page: Any, site: str) -> None:
    open_widget(page, site + "find/" + hash_for(PATH_TO["loan"]))
    printed = page.locator("pathways-tree .pw-print")
    expect(printed).to_be_hidden()
    page.emulate_media(media="print")
    expect(printed).to_be_visible()
    expect(printed).to_contain_text(f"Result from {site}find/ on ")
    assert printed.get_by_role("link").get_attribute("href") == f"{site}find/"
    expect(page.locator("pathways-tree button:visible")).to_have_count(0)
    expect(page.locator("pathways-tree dl")).to_be_visible()


def test_theme_properties_and_lang_reach_into_the_shadow_root(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    page.evaluate(
        """() => {
            document.body.style.setProperty("--pathways-color-primary", "rgb(0, 90, 0)");
            document.body.style.setProperty("--pathways-font-family", "monospace");
            document.querySelector("pathways-tree").setAttribute("lang", "es");
        }"""
    )
    button = page.get_by_role("button", name="Continue")
    assert button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(0, 90, 0)"
    assert button.evaluate("el => getComputedStyle(el).fontFamily") == "monospace"
    # No Spanish bundle on the page: English stays labelled English, never as Spanish.
    expect(page.locator("pathways-tree section[lang]")).to_have_attribute("lang", "en")


# What the widget must never do.


def test_stays_on_its_origin_and_adds_no_globals(page: Any, site: str) -> None:
    log = RequestLog(page)
    page.goto(site + "find/bare.html")
    before = page.evaluate("Object.keys(window)")
    page.evaluate(
        """() => new Promise((resolve) => {
            const script = document.createElement("script");
            script.src = "../embed/sample.js";
            script.onload = resolve;
            document.body.append(script);
        })"""
    )
    expect(heading(page)).to_be_visible()
    assert page.evaluate("Object.keys(window)") == before
    assert page.evaluate("document.cookie + localStorage.length + sessionStorage.length") == "00"
    assert log.foreign(site.rstrip("/")) == []
    assert sorted(u.removeprefix(site) for u in log.urls) == [
        "embed/pathways-tree.css",
        "embed/sample.js",
        "find/bare.html",
    ]


def test_strict_csp_and_a_hostile_host_stylesheet(page: Any, site: str) -> None:
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation", (e) => {
            document.documentElement.dataset.csp += " " + e.violatedDirective;
        });"""
    )
    open_widget(page, site + "find/strict.html")
    assert page.locator("h1").evaluate("el => getComputedStyle(el).color") == "rgb(255, 0, 0)"
    button = page.get_by_role("button", name="Continue")
    expect(button).to_be_visible()
    assert button.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"
    assert heading(page).evaluate("el => getComputedStyle(el).color") == "rgb(27, 27, 27)"
    label = page.locator("pathways-tree label").first
    assert label.evaluate("el => getComputedStyle(el).fontSize") == "16px"
    walk(page, PATH_TO["county"])
    assert outcome_shown(page)[0] == "county"
    contact = page.locator("pathways-tree .pw-contact")
    expect(contact.get_by_role("heading")).to_have_text("Your county office of education")
    expect(contact).to_contain_text("Sample County Office of Education")
    hrefs = contact.get_by_role("link").evaluate_all("els => els.map(el => el.href)")
    assert hrefs == ["https://www.example.org/help", "tel:5550100199", "mailto:help@example.org"]
    assert page.evaluate("document.documentElement.dataset.csp") is None


def test_contact_attributes_are_untrusted_and_rerender(page: Any, site: str) -> None:
    open_widget(page, site + "find/" + hash_for(PATH_TO["loan"]))
    expect(page.locator("pathways-tree .pw-contact")).to_have_count(0)
    page.locator("pathways-tree").evaluate(
        """el => {
            el.setAttribute("contact-url", "javascript:alert(1)");
            el.setAttribute("contact-email", "<b>not an address</b>");
            el.setAttribute("contact-name", "<img src=x onerror=alert(1)>");
        }"""
    )
    contact = page.locator("pathways-tree .pw-contact")
    expect(contact).to_contain_text("<img src=x onerror=alert(1)>")
    expect(contact.get_by_role("link")).to_have_count(0)
    assert page.locator("pathways-tree img").count() == 0


def test_two_bundles_share_one_element_and_unsafe_rich_text_is_inert(page: Any, site: str) -> None:
    page.goto(site + "find/two.html")
    widgets = page.locator("pathways-tree")
    expect(widgets.nth(0).locator("h2[tabindex]")).to_have_text("Are you ready?")
    expect(widgets.nth(1).locator("h2[tabindex]")).to_have_text(QUESTIONS["lea-type"]["text"])
    expect(widgets.nth(2).locator("h2[tabindex]")).to_have_text(QUESTIONS["lea-type"]["text"])
    fallback = page.get_by_role("link", name="No such tree")
    expect(fallback).to_be_visible()  # an unknown tree leaves the page's fallback in place
    page.locator('pathways-tree[tree="missing"]').evaluate("el => el.setAttribute('tree', 'other')")
    expect(fallback).to_be_hidden()
    expect(widgets.nth(3).locator("h2[tabindex]")).to_have_text("Are you ready?")
    other = widgets.nth(0)
    expect(other.get_by_text("<b>not bold</b>")).to_be_visible()
    assert other.locator("script, img, b, [onclick]").count() == 0
    assert other.get_by_text("bad link").get_attribute("href") is None
    other.locator('input[value="yes"]').check()
    other.get_by_role("button", name="Continue").click()
    expect(other.locator("[data-outcome]")).to_have_attribute("data-outcome", "unsure")
    assert page.evaluate("window.pwned") is None


def test_listeners_come_and_go_with_the_element(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    answer(page, "lea-type", "other")
    cdp = page.context.new_cdp_session(page)
    window = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]["objectId"]

    def window_listeners() -> list[str]:
        found = cdp.send("DOMDebugger.getEventListeners", {"objectId": window})["listeners"]
        return sorted(item["type"] for item in found)

    assert window_listeners() == ["hashchange", "popstate"]
    page.evaluate("() => { window.kept = document.querySelector('pathways-tree'); kept.remove(); }")
    assert window_listeners() == []
    page.evaluate("() => { document.querySelector('main').append(kept); delete window.kept; }")
    assert window_listeners() == ["hashchange", "popstate"]
    assert on_question(page) == ("state-loan", None)


# One question per screen: the heading's level, the page's title, the font.


def test_the_heading_level_follows_the_attribute(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    expect(page.locator("pathways-tree h2.pw-h0")).to_have_text(QUESTIONS["lea-type"]["text"])
    expect(page.locator("pathways-tree .pw-caption")).to_have_text(TREE["title"])
    expect(page.locator("pathways-tree")).not_to_contain_text("Question 1")
    page.locator("pathways-tree").evaluate("el => el.setAttribute('heading-level', '3')")
    expect(page.locator("pathways-tree h3.pw-h0")).to_have_text(QUESTIONS["lea-type"]["text"])
    page.goto(site + "find/" + hash_for(PATH_TO["system"]))
    page.locator("pathways-tree").evaluate("el => el.setAttribute('heading-level', '3')")
    expect(page.locator("pathways-tree h3.pw-h0")).to_have_text(OUTCOMES["system"]["title"])
    assert page.locator("pathways-tree h4").count() >= 2  # "Pathways that apply", answers
    assert page.locator("pathways-tree h2").count() == 0


def test_an_embedded_widget_leaves_the_page_title_alone(page: Any, site: str) -> None:
    open_widget(page, site + "find/")
    title = page.title()
    walk(page, PATH_TO["system"])
    outcome_shown(page)
    page.get_by_role("button", name="Start again").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.title() == title


def test_as_the_page_the_title_follows_each_step(page: Any, site: str) -> None:
    page.goto(site + "find/page.html")
    expect(page.locator("pathways-tree h1")).to_have_text(QUESTIONS["lea-type"]["text"])
    site_title = f"{TREE['title']} {DASH} Sample guidance"
    assert page.title() == f"{QUESTIONS['lea-type']['text']} {DASH} {site_title}"
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.title() == f"Error: {QUESTIONS['lea-type']['text']} {DASH} {site_title}"
    # The error summary sits above the h1 and is one level below it, as on GOV.UK.
    expect(page.get_by_role("alert").locator("h2")).to_have_text("There is a problem")
    answer(page, "lea-type", "district")
    assert page.title() == f"{QUESTIONS['criteria']['text']} {DASH} {site_title}"
    page.go_back()
    expect(page.locator("pathways-tree h1")).to_have_text(QUESTIONS["lea-type"]["text"])
    assert page.title() == f"{QUESTIONS['lea-type']['text']} {DASH} {site_title}"
    page.goto(site + "find/page.html" + hash_for(PATH_TO["county"]))
    expect(page.locator("pathways-tree h1")).to_have_text(OUTCOMES["county"]["title"])
    assert page.title() == f"{OUTCOMES['county']['title']} {DASH} {site_title}"
    assert page.locator("h1").count() == 1


def test_the_font_is_the_pages_own_else_the_widgets(page: Any, site: str) -> None:
    def font() -> str:
        label = page.locator("pathways-tree label").first
        return str(label.evaluate("el => getComputedStyle(el).fontFamily"))

    open_widget(page, site + "find/font.html")
    assert font() == "Georgia, serif"
    # A page that sets no font would give the browser's serif default: the widget keeps its own.
    open_widget(page, site + "find/")
    assert font().startswith("system-ui")
