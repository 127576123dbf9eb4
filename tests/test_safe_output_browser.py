"""Content never becomes script: hostile text in every kind of field is shown as text or removed,
on the site pages, in the widget and on the no-JavaScript pages."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

from generator.build.site import BuildOptions, build
from tests.browser import serve_folder
from tests.conftest import MINIMAL, TODAY

pytestmark = pytest.mark.browser

HOSTILE = (
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
    '<!-- hidden --> <a href="javascript:window.__pwned = 3">x</a> '
    '<svg onload="window.__pwned = 4"></svg>'
)
QUOTED = HOSTILE.replace("'", "''")

TREE = f"""\
    id: t
    title: "Find <b onmouseover=x>it</b>"
    intro: '{QUOTED}'
    start: q1
    last_reviewed: 2026-11-01
    questions:
      - id: q1
        text: 'Is it <script>window.__pwned = 5</script>?'
        hint: '{QUOTED}'
        answers:
          - id: a
            label: '<img src=x onerror="window.__pwned = 6">'
            next: done
          - id: b
            label: B
            next: done
    outcomes:
      - id: done
        title: 'Done <script>window.__pwned = 7</script>'
        text: '{QUOTED}'
        pathways: [first]
        next_steps: ['{QUOTED}']
    """


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile") / "project"
    files = dict(MINIMAL)
    files["content/pathways/first.yml"] = MINIMAL["content/pathways/first.yml"].replace(
        "summary: The first pathway.", f"summary: '{QUOTED}'"
    )
    files["content/pages/about.md"] = (
        "---\ntitle: About <script>window.__pwned = 8</script>\nlast_reviewed: 2026-11-01\n---\n"
        + HOSTILE
        + "\n"
    )
    files["decision_trees/t.yml"] = TREE
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    out = root.parent / "site"
    build(BuildOptions(root, out, site_url="http://127.0.0.1:8000/", pdf=False, today=TODAY))
    with serve_folder(out) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    p = context.new_page()
    p.on("dialog", lambda d: d.dismiss())
    yield p
    context.close()


@pytest.mark.parametrize(
    "path",
    ["", "pathways/first/", "about/", "find/t/", "find/t/q/q1/", "find/t/result/done/"],
)
def test_no_content_script_runs(page: Any, hostile_site: str, path: str) -> None:
    page.goto(hostile_site + path)
    page.wait_for_load_state("networkidle")
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().replace(" ", "").startswith("javascript:")
    page.mouse.move(10, 10)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("svg[onload], img[onerror], [onmouseover]").count() == 0


def test_pathway_page_shows_the_markup_as_text(page: Any, hostile_site: str) -> None:
    page.goto(hostile_site + "pathways/first/")
    assert "<script>window.__pwned = 1</script>" in page.locator("article").inner_text()
    assert page.title().startswith("First pathway")


def test_widget_renders_hostile_text_inert(page: Any, hostile_site: str) -> None:
    page.goto(hostile_site + "find/t/")
    widget = page.locator("pathways-tree")
    widget.locator('input[name="q1"][value="a"]').check()
    widget.locator('button[type="submit"]').click()
    widget.locator("[data-outcome='done']").wait_for()
    shown = page.evaluate("document.querySelector('pathways-tree').shadowRoot.textContent")
    assert "<script>window.__pwned = 7</script>" in shown
    assert page.evaluate("window.__pwned") is None
    count = page.evaluate(
        "document.querySelector('pathways-tree').shadowRoot"
        ".querySelectorAll('script, img, svg, iframe, [onerror], [onload]').length"
    )
    assert count == 0
