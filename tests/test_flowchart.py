"""The decision-tree flowchart SVG and its text outline."""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path

import markdown
import pytest

from generator.errors import Problems
from generator.model import Answer, Outcome, Question, Source, Tree
from generator.render.flowchart import (
    PRINT_HEIGHT,
    PRINT_WIDTH,
    SCREEN_WIDTH,
    OutlineItem,
    flowchart_svg,
    outline,
    question_numbers,
)
from generator.render.strings import Strings
from generator.validate import read_content
from tests.conftest import REPO, TODAY

LABELS = Strings("en").chart()
SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


def q(id: str, text: str, *answers: tuple[str, str]) -> Question:
    return Question(
        id, text, None, tuple(Answer(f"a{i}", lbl, nxt) for i, (lbl, nxt) in enumerate(answers))
    )


def o(id: str, title: str, pathways: tuple[str, ...] = ()) -> Outcome:
    return Outcome(id, title, f"About {title}.", pathways, (), ())


def tree(
    start: str, questions: Sequence[Question], outcomes: Sequence[Outcome], id: str = "t"
) -> Tree:
    return Tree(
        id=id,
        title="Find your pathway",
        intro="Answer a few questions.",
        start=start,
        questions=tuple(questions),
        outcomes=tuple(outcomes),
        last_reviewed=dt.date(2026, 11, 1),
        review_note=None,
        source=Source("decision_trees/x.yml"),
    )


def sample_tree() -> Tree:
    """Seven questions, six outcomes; two questions share an outcome; one has three answers."""
    yes_no = ("Yes", "No, or I am not sure")
    return tree(
        "loan",
        [
            q(
                "loan",
                "Is your LEA receiving an emergency apportionment (a state loan)?",
                (yes_no[0], "loan-district"),
                (yes_no[1], "spi"),
            ),
            q(
                "loan-district",
                "Is your LEA a school district?",
                ("Yes, a school district", "loan-groups"),
                ("No, a county office of education or a charter school", "loan-only"),
            ),
            q(
                "loan-groups",
                "In three out of four consecutive school years, have three or more "
                "of your district's pupil groups met the State's criteria for assistance?",
                (yes_no[0], "two"),
                (yes_no[1], "loan-only"),
            ),
            q(
                "spi",
                "Has the State Superintendent of Public Instruction determined that CCEE's "
                "advice and assistance is necessary to support your LEA?",
                (yes_no[0], "spi-det"),
                (yes_no[1], "kind"),
            ),
            q(
                "kind",
                "What kind of LEA is yours?",
                ("A school district", "groups"),
                ("A county office of education", "county"),
                ("A charter school", "county"),
            ),
            q(
                "groups",
                "Have three or more of your district's pupil groups met the criteria in "
                "three out of four consecutive years?",
                (yes_no[0], "ccee"),
                (yes_no[1], "county"),
            ),
            q(
                "county",
                "Is your LEA working with its county office of education and its "
                "Geographic Lead agency to decide whether CCEE's help is necessary?",
                (yes_no[0], "referral"),
                ("No, not yet", "none"),
            ),
        ],
        [
            o("loan-only", "Your LEA is referred to CCEE because of its state loan", ("loan",)),
            o("two", "Two pathways apply to your district", ("loan", "system")),
            o("spi-det", "The State Superintendent's determination is your pathway", ("spi",)),
            o("ccee", "CCEE determines, with your district, whether its help is necessary", ("s",)),
            o("referral", "A request or referral through your county office and Geo Lead", ("c",)),
            o("none", "None of the four pathways applies yet"),
        ],
        id="dta-eligibility",
    )


def diamond_tree() -> Tree:
    return tree(
        "q1",
        [
            q("q1", "First?", ("Yes", "q2"), ("No", "q3")),
            q("q2", "Second?", ("Yes", "q4"), ("No", "end-b")),
            q("q3", "Third?", ("Yes", "q4"), ("No", "end-b")),
            q("q4", "Fourth?", ("Yes", "end-a"), ("No", "end-b")),
        ],
        [o("end-a", "A", ("p",)), o("end-b", "B")],
    )


def big_tree(count: int = 200) -> Tree:
    """A binary-ish tree: questions numbered breadth-first, every fifth one with three answers."""
    questions, asked = [], count - 10
    for i in range(asked):
        kids = [2 * i + 1, 2 * i + 2] + ([2 * i + 3] if i % 5 == 0 else [])
        targets = [f"n{k}" if k < asked else f"end{k % 10}" for k in kids]
        questions.append(
            q(
                f"n{i}",
                f"Question number {i} about something?",
                *((f"Answer {j}", t) for j, t in enumerate(targets)),
            )
        )
    outcomes = [o(f"end{k}", f"Outcome {k}", ("p",) * k) for k in range(10)]
    return tree("n0", questions, outcomes, id="big")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def node_groups(root: ET.Element, tree_id: str = "t") -> dict[str, ET.Element]:
    prefix = f"{tree_id}-node-"
    return {
        g.get("id", "")[len(prefix) :]: g
        for g in root.iter(f"{SVG}g")
        if g.get("id", "").startswith(prefix)
    }


def rect(el: ET.Element) -> Box:
    r = el.find(f"{SVG}rect")
    assert r is not None
    x, y, w, h = (float(r.get(k, "nan")) for k in ("x", "y", "width", "height"))
    return x, y, w, h


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def edge_paths(root: ET.Element, tree_id: str = "t") -> dict[str, ET.Element]:
    prefix = f"{tree_id}-edge-"
    return {
        p.get("id", "")[len(prefix) :]: p
        for p in root.iter(f"{SVG}path")
        if p.get("id", "").startswith(prefix)
    }


def points(path: ET.Element) -> list[tuple[float, float]]:
    return [
        (float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path.get("d", ""))
    ]


def shipped_tree() -> Tree:
    content = read_content(REPO, Problems(), TODAY)
    assert content is not None and content.trees
    return content.trees[0]


def texts(el: ET.Element) -> str:
    return " ".join(t.text or "" for t in el.iter(f"{SVG}text"))


def test_root_is_an_accessible_image() -> None:
    root = parse(
        flowchart_svg(
            sample_tree(), title="How it works", description="Each question", labels=LABELS
        )
    )
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "dta-eligibility-title dta-eligibility-desc"
    assert root.findtext(f"{SVG}title") == "How it works"
    assert root.findtext(f"{SVG}desc") == "Each question"
    assert [e.get("id") for e in root.iter() if e.tag in (f"{SVG}title", f"{SVG}desc")] == [
        "dta-eligibility-title",
        "dta-eligibility-desc",
    ]
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert 0 < width <= 1000 and height > 0


def test_one_group_per_node_with_its_text() -> None:
    sample = sample_tree()
    groups = node_groups(
        parse(flowchart_svg(sample, title="t", description="d", labels=LABELS)), sample.id
    )
    assert sorted(groups) == sorted(
        [x.id for x in sample.questions] + [x.id for x in sample.outcomes]
    )
    assert texts(groups["loan"]).startswith("Question Is your LEA receiving")
    assert texts(groups["two"]) == "Outcome Two pathways apply to your district 2 pathways"
    assert texts(groups["none"]) == "Outcome None of the four pathways applies yet"


def test_outcomes_differ_from_questions_by_more_than_colour() -> None:
    groups = node_groups(
        parse(flowchart_svg(diamond_tree(), title="t", description="d", labels=LABELS))
    )
    question, outcome = groups["q1"].find(f"{SVG}rect"), groups["end-a"].find(f"{SVG}rect")
    assert question is not None and outcome is not None
    assert question.get("rx") and not outcome.get("rx")
    assert float(outcome.get("stroke-width", "0")) >= 2 * float(question.get("stroke-width", "0"))


def test_one_edge_per_answer_with_its_label() -> None:
    sample = sample_tree()
    root = parse(flowchart_svg(sample, title="t", description="d", labels=LABELS))
    paths = edge_paths(root, sample.id)
    assert len(paths) == sum(len(x.answers) for x in sample.questions) == 15
    for question in sample.questions:
        for answer in question.answers:
            path = paths[f"{question.id}-{answer.id}"]
            assert path.get("marker-end") == "url(#dta-eligibility-arrow)"
            label = root.find(f".//{SVG}g[@id='dta-eligibility-label-{question.id}-{answer.id}']")
            assert label is not None
            assert (
                texts(label).replace("…", "").split()
                == answer.label.split()[: len(texts(label).split())]
            )


def test_edges_go_down_from_source_bottom_to_target_top() -> None:
    sample = sample_tree()
    root = parse(flowchart_svg(sample, title="t", description="d", labels=LABELS))
    groups, paths = node_groups(root, sample.id), edge_paths(root, sample.id)
    for question in sample.questions:
        for answer in question.answers:
            (x0, y0), *_, (x1, y1) = points(paths[f"{question.id}-{answer.id}"])
            sx, sy, sw, sh = rect(groups[question.id])
            tx, ty, tw, _ = rect(groups[answer.next])
            assert y1 > y0
            assert y0 == pytest.approx(sy + sh, abs=0.11) and sx <= x0 <= sx + sw
            assert y1 == pytest.approx(ty, abs=0.11) and tx <= x1 <= tx + tw


@pytest.mark.parametrize("make", [sample_tree, diamond_tree, big_tree, shipped_tree])
def test_no_boxes_overlap_and_all_fit_the_view(make: Callable[[], Tree]) -> None:
    t = make()
    root = parse(flowchart_svg(t, title="t", description="d", labels=LABELS))
    boxes = [rect(g) for g in node_groups(root, t.id).values()]
    boxes += [rect(g) for g in root.iter(f"{SVG}g") if "-label-" in g.get("id", "")]
    for a, b in combinations(boxes, 2):
        assert not overlaps(a, b), (a, b)
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    for x, y, w, h in boxes:
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height


@pytest.mark.parametrize("make", [sample_tree, shipped_tree])
def test_each_label_sits_on_its_edge(make: Callable[[], Tree]) -> None:
    t = make()
    root = parse(flowchart_svg(t, title="t", description="d", labels=LABELS))
    for key, path in edge_paths(root, t.id).items():
        label = root.find(f".//{SVG}g[@id='{t.id}-label-{key}']")
        assert label is not None
        x, y, w, h = rect(label)
        xs = [px for px, py in points(path) if py <= y + h]  # the part of the edge above its label
        assert min(xs) <= x + w and max(xs) >= x, key


def test_text_is_escaped() -> None:
    t = tree(
        "x",
        [q("x", "Is <b>this</b> & *that* ok?", ("<i>Yes</i> & so", "y"))],
        [o("y", 'The "end" <script>')],
    )
    svg = flowchart_svg(t, title="A <title> & more", description="<desc>", labels=LABELS)
    assert "<b>" not in svg and "<script>" not in svg and "<i>" not in svg
    root = parse(svg)
    assert root.findtext(f"{SVG}title") == "A <title> & more"
    assert "Is <b>this</b> & *that* ok?" in texts(node_groups(root)["x"])
    assert '"end" <script>' in texts(node_groups(root)["y"])
    assert "*" not in svg  # Markdown would read emphasis into an inlined copy


def test_passes_through_markdown_with_abbreviations_untouched() -> None:
    """Pages inline the SVG in a ``markdown="span"`` figure and append the glossary's terms."""
    svg = flowchart_svg(
        shipped_tree(), title="How LEA answers lead on", description="DA *x*", labels=LABELS
    )
    page = f'<figure markdown="span">\n{svg}\n<figcaption>C</figcaption>\n</figure>\n\n'
    page += "*[LEA]: local educational agency\n*[DA]: differentiated assistance\n"
    html = markdown.markdown(page, extensions=["abbr", "attr_list", "md_in_html", "toc"])
    assert svg in html


def test_no_scripts_styles_or_external_resources() -> None:
    svg = flowchart_svg(sample_tree(), title="t", description="d", labels=LABELS)
    for forbidden in ("<script", "<style", "style=", "href", "@import", "url(http", "<image"):
        assert forbidden not in svg
    assert "\n\n" not in svg  # a blank line would end an HTML block in Markdown


def test_output_is_deterministic_and_rounded() -> None:
    first = flowchart_svg(sample_tree(), title="t", description="d", labels=LABELS)
    assert first == flowchart_svg(sample_tree(), title="t", description="d", labels=LABELS)
    assert not re.search(r"\d\.\d\d", first)


def test_ids_are_namespaced_by_tree() -> None:
    a = flowchart_svg(diamond_tree(), title="t", description="d", labels=LABELS)
    b_tree = tree("q1", diamond_tree().questions, diamond_tree().outcomes, id="other")
    b = flowchart_svg(b_tree, title="t", description="d", labels=LABELS)
    ids_a = set(re.findall(r'id="([^"]+)"', a))
    ids_b = set(re.findall(r'id="([^"]+)"', b))
    assert "t-arrow" in ids_a and "other-arrow" in ids_b
    assert not ids_a & ids_b


def test_long_text_is_wrapped_then_cut_with_an_ellipsis() -> None:
    t = tree("x", [q("x", "word " * 80, ("Yes", "y"))], [o("y", "Done")])
    lines = [
        e.text or ""
        for e in node_groups(parse(flowchart_svg(t, title="t", description="d", labels=LABELS)))[
            "x"
        ].iter(f"{SVG}text")
    ]
    assert len(lines) == 1 + 6
    assert all(len(line) <= 28 for line in lines)
    assert lines[-1].endswith("…")


def test_cycles_and_dangling_answers_neither_hang_nor_crash() -> None:
    t = tree(
        "a",
        [
            q("a", "A?", ("Yes", "b"), ("No", "missing")),
            q("b", "B?", ("Yes", "a"), ("No", "b"), ("Maybe", "end")),
        ],
        [o("end", "End")],
    )
    root = parse(flowchart_svg(t, title="t", description="d", labels=LABELS))
    assert sorted(node_groups(root)) == ["a", "b", "end"]
    assert sorted(edge_paths(root)) == ["a-a0", "b-a2"]
    assert [(i.question_id, len(i.answers)) for i in outline(t)] == [("a", 1), ("b", 3)]


def test_unknown_start_and_empty_tree() -> None:
    t = tree("nowhere", [q("a", "A?", ("Yes", "end"))], [o("end", "End")])
    assert sorted(
        node_groups(parse(flowchart_svg(t, title="t", description="d", labels=LABELS)))
    ) == ["a", "end"]
    assert question_numbers(t) == {"a": 1}
    parse(flowchart_svg(tree("x", [], []), title="t", description="d", labels=LABELS))


def test_outline_on_a_diamond() -> None:
    t = diamond_tree()
    assert question_numbers(t) == {"q1": 1, "q2": 2, "q3": 3, "q4": 4}
    items = outline(t)
    assert items[0] == OutlineItem(
        "q1",
        1,
        "First?",
        (("Yes", "question", "q2", "Second?"), ("No", "question", "q3", "Third?")),
    )
    assert [i.question_id for i in items] == ["q1", "q2", "q3", "q4"]
    assert items[3].answers == (("Yes", "outcome", "end-a", "A"), ("No", "outcome", "end-b", "B"))


def test_questions_are_not_numbered() -> None:
    """A reader's path skips questions, so a number in the chart would not match the count the
    reader saw in the widget: each box says "Question" and its text, nothing else."""
    t = diamond_tree()
    groups = node_groups(parse(flowchart_svg(t, title="t", description="d", labels=LABELS)))
    for question in t.questions:
        assert texts(groups[question.id]) == f"Question {question.text}"
    svg = flowchart_svg(shipped_tree(), title="t", description="d", labels=LABELS)
    assert not re.search(r">Question \d", svg.replace("&#", "")), "a number in the chart"
    assert "Question 1" not in texts(parse(svg))


@pytest.mark.parametrize("make", [sample_tree, shipped_tree, big_tree])
def test_no_text_is_under_twelve_pixels_at_its_own_size(make: Callable[[], Tree]) -> None:
    root = parse(flowchart_svg(make(), title="t", description="d", labels=LABELS))
    sizes = {float(e.get("font-size", "0")) for e in root.iter(f"{SVG}text")}
    assert min(sizes) >= 12


def test_the_shipped_chart_fits_the_site_column_at_its_own_size() -> None:
    """On the site the chart fits the text column unscaled, so its text is never shown under
    12 px beside the menus; a narrower screen scrolls it instead of shrinking it."""
    root = parse(flowchart_svg(shipped_tree(), title="t", description="d", labels=LABELS))
    assert float(root.get("width", "0")) <= SCREEN_WIDTH == 688
    printed = flowchart_svg(
        shipped_tree(), title="t", description="d", labels=LABELS, size=(PRINT_WIDTH, PRINT_HEIGHT)
    )
    assert float(parse(printed).get("width", "0")) > SCREEN_WIDTH  # print uses the whole page


def test_a_two_hundred_node_tree_renders_in_under_a_second() -> None:
    t = big_tree()
    assert len(t.questions) + len(t.outcomes) == 200
    started = time.perf_counter()
    svg = flowchart_svg(t, title="t", description="d", labels=LABELS)
    assert time.perf_counter() - started < 1.0
    assert len(edge_paths(parse(svg), "big")) == sum(len(x.answers) for x in t.questions)


def test_the_tree_page_links_the_chart_on_its_own_to_zoom_in(shipped_site: Path) -> None:
    folder = shipped_site / "find/dta-eligibility"
    chart = ET.parse(folder / "flowchart.svg").getroot()
    assert chart.tag == "{http://www.w3.org/2000/svg}svg"
    assert not [e for e in chart.iter() if e.tag.endswith("script")]
    page = (folder / "index.html").read_text("utf-8")
    assert re.search(r'<a href="flowchart\.svg">Open the flowchart on its own, to zoom in', page)
    figure = page[page.index('class="pathways-flowchart"') :]
    inline = figure[: figure.index("</svg>")]
    assert ET.tostring(chart, encoding="unicode").count("<ns0:text") == inline.count("<text")
