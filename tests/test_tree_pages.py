"""The tree's pages as built: the first question in the tree page's HTML, the no-JS pages' lists,
links back and answers, and results that say each next step once."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from generator.errors import Problems
from generator.model import Content
from generator.render.rich import Node
from generator.render.tree import link_mentions, result_steps
from generator.validate import read_content
from tests.conftest import REPO, TODAY

TREE = "dta-eligibility"


@pytest.fixture(scope="module")
def content() -> Content:
    found = read_content(REPO, Problems(), TODAY)
    assert found is not None
    return found


def texts(html: str, tag: str) -> list[str]:
    """The text of each ``tag`` element (not nested in its own kind) in ``html``."""
    found = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, flags=re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", t))).strip() for t in found]


def article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.find("<article") : text.rfind("</article>")]


def shadow(path: Path) -> str:
    """What the page shows: its declarative shadow root (the element's children, the same
    markup again, show only where a browser has none)."""
    text = article(path)
    return text[text.find("<template") : text.find("</template>")]


def result_pages(site: Path) -> list[Path]:
    return sorted((site / "find" / TREE / "result").glob("*/index.html"))


def test_each_next_step_shows_once_on_every_result_page(
    shipped_site: Path, content: Content
) -> None:
    steps = {
        re.sub(r"\s+", " ", s).strip()
        for o in content.tree_by_id[TREE].outcomes
        for s in [
            *o.next_steps,
            *(x for p in o.pathways for x in content.pathway_by_id[p].next_steps),
        ]
    }
    pages = result_pages(shipped_site)
    assert len(pages) == 6
    for page in pages:
        html = shadow(page)
        shown = [item for item in texts(html, "li") if item in steps]
        assert shown, page
        assert len(shown) == len(set(shown)), page
        # Steps are list items, never " - " lines inside a paragraph.
        assert not [p for p in texts(html, "p") if " - " in p], page


def test_the_loan_result_says_its_step_once_under_the_result(content: Content) -> None:
    loan = content.tree_by_id[TREE].outcome_by_id["loan-only"]
    steps = result_steps(content, loan)
    pathway = content.pathway_by_id["emergency-state-loan"]
    assert steps.general == loan.next_steps
    assert steps.by_pathway == {pathway.id: pathway.next_steps[1:]}


def test_steps_two_pathways_share_lead_and_each_pathway_keeps_its_own(content: Content) -> None:
    both = content.tree_by_id[TREE].outcome_by_id["loan-and-determination"]
    steps = result_steps(content, both)
    loan = content.pathway_by_id["emergency-state-loan"]
    system = content.pathway_by_id["statewide-system-of-support"]
    shared = loan.next_steps[1]
    assert shared == system.next_steps[2]
    assert steps.general == (*both.next_steps, shared)
    assert steps.by_pathway == {loan.id: (loan.next_steps[0],), system.id: system.next_steps[:2]}


def test_the_widget_data_says_each_step_once(shipped_site: Path) -> None:
    bundle = (shipped_site / "embed" / f"{TREE}.js").read_text(encoding="utf-8")
    data = json.loads(re.search(r"const TREE = (\{.*\});\n", bundle).group(1))  # type: ignore[union-attr]

    def text(nodes: object) -> str:
        if isinstance(nodes, str):
            return nodes
        if isinstance(nodes, list):
            return "".join(text(n) for n in nodes)
        assert isinstance(nodes, dict)
        return text(nodes.get("children", []))

    for outcome in data["outcomes"]:
        steps = [text(s) for s in outcome["next_steps"]]
        steps += [text(s) for p in outcome["pathways"] for s in p["next_steps"]]
        assert len(steps) == len(set(steps)), outcome["id"]
    assert data["site"] == "Pathways to Direct Technical Assistance"


def test_the_tree_page_holds_the_first_question(shipped_site: Path, content: Content) -> None:
    tree = content.tree_by_id[TREE]
    html = article(shipped_site / "find" / TREE / "index.html")
    host = re.search(r"<pathways-tree [^>]*>", html)
    assert host is not None
    assert 'url-state="on"' in host.group(0) and 'heading-level="1"' in host.group(0)
    assert '<template shadowrootmode="open">' in html
    assert '<link rel="stylesheet" href="../../embed/pathways-tree.css">' in html
    h1 = re.findall(r"<h1[^>]*>(.*?)</h1>", html)  # only in the shadow root: a link follows
    assert h1 == [tree.question_by_id[tree.start].text]
    answers = re.findall(r'<a class="pw-answer" href="([^"]+)">', html)
    assert answers == ["q/loan-district/", "q/superintendent/"]
    # Where declarative shadow roots are unknown, the page shows a link to the no-JS pages.
    assert '</template><a href="q/state-loan/">' in html
    assert not re.search(r"[Qq]uestion \d", html)


def test_no_js_pages_are_unnumbered_and_link_back(shipped_site: Path) -> None:
    folder = shipped_site / "find" / TREE / "q"
    for page in sorted(folder.glob("*/index.html")):
        html = shadow(page)
        assert not re.search(r"Question \d", html), page
        backs = re.findall(r'<a class="pw-link pw-back" href="([^"]+)">([^<]+)</a>', html)
        if page.parent.name == "state-loan":
            assert backs == []
        elif page.parent.name == "county-conversation":
            assert [href for href, _ in backs] == ["../district/", "../pupil-groups/"]
        else:
            assert len(backs) == 1 and backs[0][1] == "Back", page
    result = shadow(shipped_site / "find" / TREE / "result" / "none-yet" / "index.html")
    assert '<a class="pw-link pw-back" href="../../q/county-conversation/">Back</a>' in result


def test_without_declarative_shadow_roots_a_static_page_still_shows(shipped_site: Path) -> None:
    # The element's own children are the same markup: a browser that cannot attach the shadow
    # root from the page shows them, unstyled but working.
    for page in [
        shipped_site / "find" / TREE / "q" / "district" / "index.html",
        shipped_site / "find" / TREE / "result" / "none-yet" / "index.html",
    ]:
        text = article(page)
        inside = shadow(page)
        shell = inside[inside.find('<section class="pw"') :]
        outside = text[text.find("</template>") + len("</template>") :]
        assert outside.startswith(shell), page


def test_a_result_links_the_pages_its_text_names(shipped_site: Path) -> None:
    loan = shadow(shipped_site / "find" / TREE / "result" / "loan-only" / "index.html")
    assert (
        '<li><p>Read about the <a href="../../../../supports/">forms of Direct Technical '
        "Assistance</a>, so your team can discuss which would help most.</p></li>"
    ) in loan
    none = shadow(shipped_site / "find" / TREE / "result" / "none-yet" / "index.html")
    assert 'use <a href="../../../../supports/universal-support/">universal support</a>' in none


def test_link_mentions_links_each_name_once_and_never_inside_markup() -> None:
    names = [("Targeted support", "supports/targeted/"), ("support", "supports/")]
    nodes: list[Node] = [
        {
            "tag": "p",
            "children": [
                "Ask for Targeted support; targeted support again. ",
                {"tag": "abbr", "attrs": {"title": "x"}, "children": ["support"]},
                " Then support.",
            ],
        }
    ]
    assert link_mentions(nodes, names) == [
        {
            "tag": "p",
            "children": [
                "Ask for ",
                {
                    "tag": "a",
                    "attrs": {"href": "supports/targeted/"},
                    "children": ["Targeted support"],
                },
                "; targeted support again. ",
                {"tag": "abbr", "attrs": {"title": "x"}, "children": ["support"]},
                " Then ",
                {"tag": "a", "attrs": {"href": "supports/"}, "children": ["support"]},
                ".",
            ],
        }
    ]
