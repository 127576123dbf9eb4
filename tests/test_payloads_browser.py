"""No script from content, ever.

A catalogue of payloads (``tests/payloads.py``: script tags, event attributes through every
Markdown extension the shipped mkdocs.yml enables, attribute lists in all their forms, disguised
schemes, ``data:`` links, SVG and MathML, breakouts with quotes) goes into every published text
field of every content kind. One site is built from it through the command line; then every page,
the widget's states, the no-JavaScript pages and the embed frame are opened in Chromium, where
any payload that runs calls ``__pwn``, and the built HTML is read for any element or attribute a
payload brought. The payloads ``check`` refuses are a table of their own, each with its error.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from generator.cli import main
from tests.browser import serve_folder
from tests.conftest import MINIMAL, ProjectFactory
from tests.payloads import FORMULA_STARTS, REJECTED, Payload, payload_files, write_files

SITE_URL = "https://guidance.example.org/"
HOOK = """
window.__pwned = [];
window.__pwn = (what) => { window.__pwned.push(String(what)); };
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (what) => { window.__pwned.push(name + ": " + what); };
}
"""
# Every element and attribute in the page, shadow roots included, that a payload could bring.
DOM_SCAN = """
() => {
  const found = [];
  const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "poster"];
  const visit = (root, where) => {
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\\x00-\\x20]/g, "").toLowerCase();
        if (name.startsWith("on") || name.includes("pwn")
            || (urls.includes(name) && /^(javascript|vbscript|data):/.test(value))) {
          found.push(`${where}<${el.localName} ${name}="${attr.value.slice(0, 40)}">`);
        }
      }
      if (el.localName === "script" && !el.src && el.textContent.includes("pwn")) {
        found.push(`${where}<script>${el.textContent.slice(0, 40)}`);
      }
      if (el.shadowRoot) visit(el.shadowRoot, where + "(shadow) ");
    }
  };
  visit(document, "");
  return found;
}
"""

# Elements no page of the site has, but payloads do.
PAYLOAD_ONLY_TAGS = {"math", "mglyph", "mtext", "mi", "details", "object", "embed", "noscript"}
PAYLOAD_ONLY_TAGS |= {"animate", "frame", "frameset", "applet", "portal", "iframe", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "values"}


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payload content, built once through the command line, without the PDF."""
    root = write_files(tmp_path_factory.mktemp("payloads") / "project", payload_files())
    out = root.parent / "site"
    code = main(
        ["build", "--root", str(root), "--out", str(out), "--site-url", SITE_URL, "--no-pdf"]
    )
    assert code == 0
    return out


@pytest.fixture(scope="session")
def payload_url(payload_site: Path) -> Iterator[str]:
    with serve_folder(payload_site) as base:
        yield base


def html_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("search/", "assets/"))
    )


class _Markup(HTMLParser):
    """Every element or attribute in a page that came from a payload rather than the site."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found: list[str] = []
        self.raw_text: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        own_frame = tag == "iframe" and self.page.endswith("iframe-snippet.html")
        own_base = tag == "base" and dict(attrs).keys() == {"target"}
        if (tag in PAYLOAD_ONLY_TAGS and not own_frame and not own_base) or "pwn" in tag:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            scheme = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or "pwn" in name:
                self.found.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and scheme.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.found.append(f'<{tag} {name}="{value}">')
            elif name == "srcdoc" or (name == "http-equiv" and "refresh" in (value or "").lower()):
                self.found.append(f"<{tag} {name}>")
        self.raw_text = tag if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self.raw_text and "pwn" in data:
            self.found.append(f"<{self.raw_text}>{data.strip()[:40]}")


def markup_from_payloads(site: Path, rel: str) -> list[str]:
    parser = _Markup(rel)
    parser.feed((site / rel).read_text(encoding="utf-8"))
    parser.close()
    return [f"{rel}: {found}" for found in parser.found]


def test_every_payload_is_in_the_site(payload_site: Path) -> None:
    """The payloads reached the pages as text: the test content is what it claims to be."""
    text = (payload_site / "pathways/p00/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;__pwn(1)&lt;/script&gt;" in text
    assert "{ onmouseover=__pwn(1) pwn }" in text
    assert {
        "index.html",
        "pathways/p00/index.html",
        "supports/s00/index.html",
        "statutes/ec-1/index.html",
        "glossary/index.html",
        "page-00/index.html",
        "find/t/index.html",
        "find/t/q/q0/index.html",
        "find/t/result/o0/index.html",
        "embed/t/frame.html",
        "embed-on-your-site/index.html",
        "handbook/index.html",
    } <= set(html_pages(payload_site))


def test_no_payload_reaches_the_html_as_markup(payload_site: Path) -> None:
    found = [f for rel in html_pages(payload_site) for f in markup_from_payloads(payload_site, rel)]
    assert found == []


def test_the_handbook_shows_every_payload_as_text(payload_site: Path) -> None:
    """The handbook is HTML the generator writes itself, sanitized rather than escaped."""
    rel = "handbook/index.html"
    assert markup_from_payloads(payload_site, rel) == []
    text = (payload_site / rel).read_text(encoding="utf-8")
    for shown in ("&lt;script&gt;__pwn(1)&lt;/script&gt;", "{: onmouseover=__pwn(1) pwn }"):
        assert shown in text
    assert "<script" not in text


def test_scenario_csv_starts_no_cell_with_a_formula(payload_site: Path) -> None:
    built = (payload_site / "find/t/t-paths.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(built)))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith((*FORMULA_STARTS, "\t", "\r"))]
    quoted = [c for c in cells if c.startswith("'")]
    assert {c[1] for c in quoted} >= set(FORMULA_STARTS)


def _context(browser: Any, base: str, search: bool = True) -> Any:
    context = browser.new_context()
    context.add_init_script(HOOK)

    # Nothing leaves the test server: a payload's request elsewhere fails, as it should.
    def route(route: Any) -> None:
        url = route.request.url
        wanted = url.startswith(base) and (search or "/search/" not in url)
        route.continue_() if wanted else route.abort()

    context.route("**/*", route)
    return context


@pytest.fixture
def page(browser: Any, payload_url: str) -> Iterator[Any]:
    context = _context(browser, payload_url)
    p = context.new_page()
    p.on("dialog", lambda dialog: dialog.dismiss())
    yield p
    context.close()


def ran(page: Any) -> list[str]:
    """What payloads ran in the page or any of its frames, and what they put into the DOM."""
    found: list[str] = []
    for frame in page.frames:
        try:
            found += frame.evaluate("window.__pwned || []")
        except Exception as exc:  # a frame with another origin keeps its own record
            found.append(f"frame {frame.url}: {exc}")
    return found + page.evaluate(DOM_SCAN)


@pytest.mark.browser
def test_no_payload_runs_on_any_page(browser: Any, payload_site: Path, payload_url: str) -> None:
    # The search index is left out here (it is read on every page); the search has its own test.
    context = _context(browser, payload_url, search=False)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    found = []
    for rel in html_pages(payload_site):
        # Scripts, handlers that fire by themselves (onerror, autofocus) and the theme's own
        # scripts have run by then; any handler waiting for the reader is in the DOM scan.
        page.goto(payload_url + rel, wait_until="domcontentloaded")
        found += [f"{rel}: {item}" for item in ran(page)]
    context.close()
    assert found == []


# Material's tooltips put an element's title, and the text of a shortened menu entry (which it
# copies into a title), into the page as HTML when they are shown.
TOOLTIP_PAGES = ["", "pathways/p00/", "glossary/"]
HOVERABLE = """
() => [...document.querySelectorAll("[title], .md-ellipsis")].flatMap((el, i) => {
  const box = el.getBoundingClientRect();
  const payload = (el.title || "").includes("pwn") || el.localName === "abbr"
    || el.scrollWidth > el.offsetWidth;
  return payload && box.width > 0 && box.height > 0 ? [i] : [];
}).slice(0, 6)
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", TOOLTIP_PAGES)
def test_no_payload_runs_from_a_tooltip(page: Any, payload_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(payload_url + path, wait_until="load")
    elements = page.locator("[title], .md-ellipsis")
    shown: list[str] = []
    for index in page.evaluate(HOVERABLE):
        elements.nth(index).hover(force=True)
        page.wait_for_timeout(200)
        shown += page.locator(".md-tooltip2--active, .md-tooltip--active").all_inner_texts()
    # Tooltips with payloads were shown, as the text they hold.
    assert any("__pwn(1)" in text for text in shown)
    assert ran(page) == []


@pytest.mark.browser
def test_no_payload_runs_from_the_search(page: Any, payload_url: str) -> None:
    page.goto(payload_url, wait_until="load")
    page.locator(".md-search__input").click()
    page.keyboard.type("pwn")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert "<img src=x onerror=__pwn(1) pwn>" in page.locator(".md-search-result").inner_text()
    assert ran(page) == []


def walk(root: Any, answers: list[str]) -> None:
    for i, answer in enumerate(answers):
        root.locator(f'input[name="q{i}"][value="{answer}"]').check()
        root.locator('button[type="submit"]').click()


def _questions(site: Path) -> int:
    return len(list((site / "find/t/q").iterdir()))


@pytest.mark.browser
def test_no_payload_runs_in_any_state_of_the_widget(
    page: Any, payload_site: Path, payload_url: str
) -> None:
    """One path clicked through, then every question and outcome by the widget's URL state."""
    count = _questions(payload_site)
    page.goto(payload_url + "find/t/", wait_until="load")
    widget = page.locator("pathways-tree")
    walk(widget, ["a"] * count)
    expect(widget.locator("[data-outcome='end']")).to_be_visible()
    found = [f"end: {item}" for item in ran(page)]
    states = [(["a"] * i, f"input[name='q{i}']") for i in range(count)]
    states += [(["a"] * i + ["b"], f"[data-outcome='o{i}']") for i in range(count)]
    for answers, shows in states:
        steps = "~".join(f"q{i}.{a}" for i, a in enumerate(answers))
        page.evaluate(f"location.hash = 'pw-t={steps}'")
        expect(widget.locator(shows).first).to_be_visible()
        found += [f"{steps}: {item}" for item in ran(page)]
    assert found == []
    shown = page.evaluate("document.querySelector('pathways-tree').shadowRoot.textContent")
    assert "<script>__pwn(1)</script>" in shown


@pytest.mark.browser
def test_no_payload_runs_in_the_embed_frame(page: Any, payload_url: str) -> None:
    hostile = {
        "contact-name": "<img src=x onerror=__pwn(1) pwn>",
        "contact-url": "javascript:__pwn(1)",
        "contact-phone": '"><svg onload=__pwn(1) pwn>',
        "contact-email": 'a@example.org"><img src=x onerror=__pwn(1) pwn>',
        "primary": "red;background:url(javascript:__pwn(1))",
    }
    page.goto(payload_url + "embed/t/frame.html?" + urlencode(hostile), wait_until="load")
    walk(page, ["b"])
    contact = page.locator("pathways-tree .pw-contact")
    expect(contact).to_contain_text(hostile["contact-name"])
    page.mouse.move(200, 200)
    assert ran(page) == []


@pytest.mark.browser
def test_no_payload_runs_from_the_embed_page_form(page: Any, payload_url: str) -> None:
    """A county's own entries in the embed page go into its snippets and preview as text."""
    page.goto(payload_url + "embed-on-your-site/", wait_until="load")
    form = page.locator("#pw-embed-form")
    for field, value in {
        "contact-name": '"><img src=x onerror=__pwn(1) pwn>',
        "contact-url": "javascript:__pwn(1)",
        "contact-phone": "</textarea><img src=x onerror=__pwn(1) pwn>",
        "contact-email": "'><svg onload=__pwn(1) pwn>",
    }.items():
        form.locator(f'[name="{field}"]').fill(value)
    preview = page.locator(".pathways-embed-preview pathways-tree")
    walk(preview, ["b"])
    expect(preview.locator(".pw-contact")).to_contain_text('"><img src=x')
    snippet = page.locator("textarea[data-embed='script']").input_value()
    assert 'contact-name="&quot;&gt;&lt;img src=x onerror=__pwn(1) pwn&gt;"' in snippet
    page.mouse.move(200, 200)
    assert ran(page) == []


# The payloads check refuses --------------------------------------------------------------------

TREE = """id: t
title: Find it
intro: Answer the questions.
start: q
last_reviewed: 2026-11-01
questions:
  - id: q
    text: Is it so?
    hint: |
{hint}
    answers:
      - {{id: "yes", label: "Yes", next: done}}
      - {{id: "no", label: "No", next: done}}
outcomes:
  - id: done
    title: Done
    text: Done.
    pathways: [first]
"""


def _indented(text: str, spaces: int) -> str:
    return textwrap.indent(text, " " * spaces, lambda line: True)


def _at(text: str, marker: str, line: int, col: int) -> str:
    """``LINE:COL`` of ``marker`` in ``text``, whose lines start at ``line`` and ``col``."""
    index = text.index(marker)
    before = text[:index]
    return f"{line + before.count(chr(10))}:{col + index - (before.rfind(chr(10)) + 1)}"


@pytest.mark.parametrize(
    ("payload", "marker", "scheme"), REJECTED, ids=[r[0].name for r in REJECTED]
)
def test_check_and_build_refuse_an_unsafe_link(
    tmp_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    payload: Payload,
    marker: str,
    scheme: str,
) -> None:
    pathway = MINIMAL["content/pathways/first.yml"].replace(
        "what_happens_next: CCEE decides.",
        "what_happens_next: |\n" + _indented(payload.text, 10),
    )
    page = "---\ntitle: About\nlast_reviewed: 2026-11-01\n---\n" + payload.text + "\n"
    root = tmp_project(
        {
            "content/pathways/first.yml": pathway,
            "content/pages/about.md": page,
            "decision_trees/t.yml": TREE.format(hint=_indented(payload.text, 6)),
        }
    )
    message = f"link to '{scheme}:' is not allowed; use https://, mailto: or tel:"
    expected = [
        f"content/pages/about.md:{_at(payload.text, marker, 5, 1)}: error[unsafe-link]: {message}",
        f"content/pathways/first.yml:{_at(payload.text, marker, 12, 3)}: error[unsafe-link]: "
        f"what_happens_next: {message}",
        f"decision_trees/t.yml:{_at(payload.text, marker, 10, 7)}: error[unsafe-link]: "
        f"questions[0].hint: {message}",
    ]

    def errors() -> list[str]:
        return [line for line in capsys.readouterr().err.splitlines() if ": error[" in line]

    assert main(["check", "--root", str(root)]) == 1
    assert errors() == expected
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--out", str(out), "--no-pdf"]) == 1
    assert errors() == expected
    assert not out.exists()
