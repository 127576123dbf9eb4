"""Names the generator owns: content that would take one, or collide with another name on a
case-insensitive disk, is a located error at ``check``; ids that make bad addresses are too."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from generator import urls
from generator.citations import SOURCES, parse_citation
from generator.cli import main
from generator.errors import Problems
from generator.model import Source, Statute
from generator.translate.locales import available
from generator.validate import read_content
from tests.conftest import REPO, TODAY, ProjectFactory, problems_of

PAGE = "---\ntitle: A page\nlast_reviewed: 2026-11-01\n---\nSome text.\n"

TREE = """\
    id: {tree}
    title: Find your pathway
    intro: Answer the question.
    start: {question}
    last_reviewed: 2026-11-01
    questions:
      - id: {question}
        text: Which one?
        answers:
          - id: {answer}
            label: This one
            next: {outcome}
          - id: other
            label: The other
            next: {outcome}
    outcomes:
      - id: {outcome}
        title: Done
        text: The first pathway applies.
        pathways: [first]
    """


def tree(tree: str = "t", question: str = "q1", answer: str = "one", outcome: str = "done") -> str:
    values = {"tree": tree, "question": question, "answer": answer, "outcome": outcome}
    return TREE.format(**{k: json.dumps(v) for k, v in values.items()})


def check_errors(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """``pathways check`` through the command line: its status and its error lines."""
    status = main(["check", "--root", str(root)])
    return status, [line for line in capsys.readouterr().err.splitlines() if ": error[" in line]


# Output names content may not take --------------------------------------------------------------


def test_a_tree_cannot_replace_the_script_every_iframe_snippet_loads(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"decision_trees/frame-host.yml": tree("frame-host")})
    assert check_errors(root, capsys) == (
        1,
        [
            "decision_trees/frame-host.yml:1:5: error[reserved-name]: id: 'frame-host' is a name the generator "
            "uses for embed/frame-host.js, the script every county's iframe snippet loads: this "
            "tree's bundle would overwrite it or be lost; choose another id"
        ],
    )


def test_a_page_cannot_take_the_glossarys_address(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"content/pages/glossary.md": PAGE})
    assert check_errors(root, capsys) == (
        1,
        [
            "content/pages/glossary.md:1:1: error[reserved-name]: 'glossary' is a name the generator uses for "
            "the glossary page made from content/glossary.yml: this page would overwrite it or be "
            "lost; rename the file"
        ],
    )


@pytest.mark.parametrize("name", sorted(set(urls.RESERVED["page"]) - {urls.INDEX}))
def test_every_name_at_the_top_of_the_site_is_refused_for_a_page(
    tmp_project: ProjectFactory, name: str
) -> None:
    (problem,) = problems_of(tmp_project({f"content/pages/{name}.md": PAGE}))
    assert problem.startswith(
        f"content/pages/{name}.md:1:1: error[reserved-name]: '{name}' is a name the generator uses for "
    )


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"content/pathways/first.yml": None, "content/pathways/index.yml": "pathway"},
            "content/pathways/index.yml:1:5: error[reserved-name]: id: 'index' is a name the generator uses for "
            "pathways/index.md, the list of all pathways: this pathway's page would overwrite it "
            "or be lost; choose another id",
            id="pathway",
        ),
        pytest.param(
            {"content/supports/consultancy.yml": "support"},
            "content/supports/consultancy.yml:1:5: error[reserved-name]: id: 'index' is a name the generator uses "
            "for supports/index.md, the list of all kinds of support: this support's page would "
            "overwrite it or be lost; choose another id",
            id="support",
        ),
        pytest.param(
            {"decision_trees/t.yml": tree("frame")},
            "decision_trees/t.yml:1:5: error[reserved-name]: id: 'frame' is a name the generator uses for "
            "embed/frame.js, the script of every tree's iframe page: this tree's bundle would "
            "overwrite it or be lost; choose another id",
            id="tree-frame",
        ),
        pytest.param(
            {"decision_trees/t.yml": tree("pathways-tree")},
            "decision_trees/t.yml:1:5: error[reserved-name]: id: 'pathways-tree' is a name the generator uses for "
            "embed/pathways-tree.css, every embedded tree's stylesheet: this tree's bundle would "
            "overwrite it or be lost; choose another id",
            id="tree-stylesheet",
        ),
        pytest.param(
            {"decision_trees/t.yml": tree(question="index")},
            "decision_trees/t.yml:7:9: error[reserved-name]: questions[0].id: 'index' is a name the generator "
            "uses for q/index.md, which would be the folder's own page: this question's page "
            "would overwrite it or be lost; choose another id",
            id="question",
        ),
        pytest.param(
            {"decision_trees/t.yml": tree(outcome="index")},
            "decision_trees/t.yml:17:9: error[reserved-name]: outcomes[0].id: 'index' is a name the generator "
            "uses for result/index.md, which would be the folder's own page: this outcome's page "
            "would overwrite it or be lost; choose another id",
            id="outcome",
        ),
    ],
)
def test_ids_that_would_replace_a_generated_file(
    tmp_project: ProjectFactory, files: dict[str, str | None], expected: str
) -> None:
    base = tmp_project()
    written: dict[str, str | None] = {}
    for rel, text in files.items():
        if text in ("pathway", "support"):
            source = "content/pathways/first.yml" if text == "pathway" else rel
            original = (base / source).read_text(encoding="utf-8")
            text = original.replace("id: first", "id: index").replace(
                "id: consultancy", "id: index"
            )
        written[rel] = text
    found = [p for p in problems_of(tmp_project(written)) if ": error[" in p]
    assert expected in found
    assert all("is a name the generator uses" not in p for p in found if p != expected)


# Names that differ only in case -----------------------------------------------------------------


def test_pages_that_differ_only_in_case(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"content/pages/about.md": PAGE, "content/pages/About.md": PAGE})
    assert check_errors(root, capsys) == (
        1,
        [
            "content/pages/About.md:1:1: error[bad-name]: the page name 'About' is not a safe address: use "
            "lower-case letters, digits and single hyphens, such as 'about.md'",
            "content/pages/about.md:1:1: error[duplicate-id]: this page and content/pages/About.md differ only "
            "in case: names that differ only in case collide on disks that ignore case (Windows, "
            "macOS) and are easily confused in addresses",
        ],
    )


def test_a_reserved_name_in_another_case_is_refused(tmp_project: ProjectFactory) -> None:
    found = problems_of(tmp_project({"content/pages/Glossary.md": PAGE}))
    assert found == [
        "content/pages/Glossary.md:1:1: error[reserved-name]: 'Glossary' is a name the generator uses for the "
        "glossary page made from content/glossary.yml, once case is ignored as Windows and macOS "
        "do: this page would overwrite it or be lost; rename the file",
        "content/pages/Glossary.md:1:1: error[bad-name]: the page name 'Glossary' is not a safe address: "
        "use lower-case letters, digits and single hyphens, such as 'glossary.md'",
    ]


def test_glossary_terms_that_differ_only_in_case(tmp_project: ProjectFactory) -> None:
    glossary = """\
        terms:
          - term: LEA
            definition: A local educational agency.
          - term: Lea
            definition: The same, written another way.
        """
    assert problems_of(tmp_project({"content/glossary.yml": glossary})) == [
        "content/glossary.yml:4:11: error[duplicate-id]: term: term 'Lea' differs only in case from 'LEA' (at "
        "content/glossary.yml:2:11): names that differ only in case collide on disks that ignore "
        "case (Windows, macOS) and are easily confused in addresses"
    ]


def test_glossary_terms_with_the_same_anchor(tmp_project: ProjectFactory) -> None:
    glossary = """\
        terms:
          - term: Pupil group
            definition: Pupils who share a characteristic.
          - term: Pupil-group
            definition: The same, hyphenated.
        """
    assert problems_of(tmp_project({"content/glossary.yml": glossary})) == [
        "content/glossary.yml:4:11: error[duplicate-anchor]: terms[1].term: 'Pupil-group' has the same anchor "
        "'#pupil-group' on the glossary page as 'Pupil group' (at content/glossary.yml:2:11); "
        "write one of them differently"
    ]


# Names the generator joins from two ids ---------------------------------------------------------


def test_handbook_anchors_joined_from_ids_stay_distinct(tmp_project: ProjectFactory) -> None:
    base = (tmp_project() / "content/pathways/first.yml").read_text(encoding="utf-8")
    second = base.replace("id: first", "id: first-title").replace("order: 1", "order: 2")
    found = problems_of(tmp_project({"content/pathways/second.yml": second}))
    assert found == [
        "content/pathways/second.yml:1:5: error[duplicate-anchor]: id: pathway 'first-title' and the heading of "
        "pathway 'first' (at content/pathways/first.yml:1:5) would both be "
        "'pathway-first-title' as an anchor in the handbook; change one of the ids"
    ]


def test_question_anchors_of_two_trees_stay_distinct(tmp_project: ProjectFactory) -> None:
    found = problems_of(
        tmp_project(
            {
                "decision_trees/a.yml": tree("a", question="b-c"),
                "decision_trees/a-b.yml": tree("a-b", question="c"),
            }
        )
    )
    assert found == [
        "decision_trees/a.yml:7:9: error[duplicate-anchor]: questions[0].id: question 'b-c' of tree 'a' and "
        "question 'c' of tree 'a-b' (at decision_trees/a-b.yml:7:9) would both be "
        "'question-a-b-c' as an anchor in the handbook; change one of the ids"
    ]


def test_flowchart_arrow_names_stay_distinct(tmp_project: ProjectFactory) -> None:
    text = """\
        id: t
        title: Find your pathway
        intro: Answer the questions.
        start: q
        last_reviewed: 2026-11-01
        questions:
          - id: q
            text: First?
            answers:
              - id: a-b
                label: A
                next: q-a
              - id: c
                label: C
                next: done
          - id: q-a
            text: Second?
            answers:
              - id: b
                label: B
                next: done
              - id: c
                label: C
                next: done
        outcomes:
          - id: done
            title: Done
            text: The first pathway applies.
            pathways: [first]
        """
    assert problems_of(tmp_project({"decision_trees/t.yml": text})) == [
        "decision_trees/t.yml:19:13: error[duplicate-anchor]: questions[1].answers[0].id: answer 'b' of question "
        "'q-a' and answer 'a-b' of question 'q' (at decision_trees/t.yml:10:13) would both be "
        "'q-a-b' as the name of an arrow in the tree's flowchart; change one of the ids"
    ]


# Ids that would make bad addresses --------------------------------------------------------------

BAD_IDS = ["a/b", "..", ".hidden", "Upper", "two words", "snake_case", "-lead", "a--b", "café"]


def _with_id(tmp_project: ProjectFactory, kind: str, bad: str) -> dict[str, str | None]:
    base = tmp_project()
    quoted = json.dumps(bad)
    if kind == "pathway":
        text = (base / "content/pathways/first.yml").read_text(encoding="utf-8")
        return {"content/pathways/first.yml": text.replace("id: first", f"id: {quoted}")}
    if kind == "support":
        text = (base / "content/supports/consultancy.yml").read_text(encoding="utf-8")
        return {
            "content/supports/consultancy.yml": text.replace("id: consultancy", f"id: {quoted}")
        }
    return {"decision_trees/t.yml": tree(**{kind: bad})}


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("kind", ["pathway", "support", "tree", "question", "answer", "outcome"])
def test_ids_that_would_make_bad_addresses_are_errors(
    tmp_project: ProjectFactory, kind: str, bad: str
) -> None:
    found = problems_of(tmp_project(_with_id(tmp_project, kind, bad)))
    assert any(
        f"id: '{bad}' is not valid: use lower-case letters, digits and single hyphens" in p
        for p in found
    ), found


@pytest.mark.parametrize("name", ["My Page", "x.y", "About", "snake_case", "a--b"])
def test_page_file_names_that_would_make_bad_addresses(
    tmp_project: ProjectFactory, name: str
) -> None:
    found = problems_of(tmp_project({f"content/pages/{name}.md": PAGE}))
    assert found == [
        f"content/pages/{name}.md:1:1: error[bad-name]: the page name '{name}' is not a safe address: use "
        f"lower-case letters, digits and single hyphens, such as '{urls.slugify(name)}.md'"
    ]


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_statute_pages_have_safe_addresses_for_every_source(key: str) -> None:
    citation = parse_citation(SOURCES[key].example)
    statute = Statute(citation, "h", "s", TODAY, TODAY, None, Source("x.yml"))
    assert urls.is_slug(statute.slug), statute.slug


def test_glossary_anchors_are_safe_and_distinct_whatever_the_terms(
    tmp_project: ProjectFactory,
) -> None:
    terms = ["../../etc/passwd", "A/B", "<script>", ".hidden", "§", "C#"]
    glossary = "terms:\n" + "".join(
        f"  - term: {json.dumps(t)}\n    definition: A definition.\n" for t in terms
    )
    problems = Problems()
    content = read_content(tmp_project({"content/glossary.yml": glossary}), problems, TODAY)
    assert content is not None, [p.format() for p in problems.errors]
    ids = [t.id for t in content.terms]
    assert all(urls.is_slug(i) for i in ids) and len(set(ids)) == len(ids), ids


# One place for every output name ----------------------------------------------------------------


def test_the_urls_module_imports_nothing_of_the_package() -> None:
    tree_ = ast.parse((REPO / "generator/urls.py").read_text(encoding="utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree_) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree_)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [name for name in imported if name.startswith("generator")]


def test_every_name_at_the_top_of_the_built_site_is_reserved(shipped_site: Path) -> None:
    pages = {p.stem for p in (REPO / "content/pages").glob("*.md")}
    for entry in shipped_site.iterdir():
        if entry.name in (urls.MANIFEST, urls.HEADERS_FILE):
            # Files for the next build and for hosts: no content name can take these.
            assert not urls.is_slug(entry.name.split(".")[0] or entry.name)
            continue
        stem = entry.name.split(".")[0]
        # Or a language's site, which a page may not take either (check says so).
        assert stem in urls.RESERVED["page"] or stem in pages or stem in available(), entry.name


def test_every_shared_embed_file_is_reserved_for_trees(shipped_site: Path) -> None:
    trees = {p.stem for p in (REPO / "decision_trees").glob("*.yml")}
    shared = {p.name for p in (shipped_site / urls.EMBED_DIR).iterdir()} - {
        name for t in trees for name in (t, f"{t}.js")
    }
    assert shared == set(urls.EMBED_SHARED)
    assert {name.split(".")[0] for name in shared} == set(urls.RESERVED["tree"])


def test_a_trees_folder_holds_only_the_names_the_module_declares(shipped_site: Path) -> None:
    for folder in (shipped_site / urls.TREE_DIR).iterdir():
        assert {p.name for p in folder.iterdir()} == {
            "index.html",
            urls.QUESTIONS_DIR,
            urls.OUTCOMES_DIR,
            urls.FLOWCHART_FILE,
            urls.paths_csv(folder.name),
        }
