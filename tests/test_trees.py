"""Decision trees: every soundness check with its file and line, the evaluator, `pathways paths`."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.cli import main
from generator.errors import Problems
from generator.evaluate import TooManyPaths, all_paths, walk
from generator.validate import read_content
from tests.conftest import REPO, TODAY, ProjectFactory, problems_of

TREE = """\
    id: t
    title: Find your pathway
    intro: Answer the questions.
    start: q1
    last_reviewed: 2026-11-01
    questions:
      - id: q1
        text: First question?
        answers:
          - id: a
            label: A
            next: q2
          - id: b
            label: B
            next: done
      - id: q2
        text: Second question?
        hint: See EC 52072(a).
        answers:
          - id: a
            label: A
            next: done
          - id: b
            label: B
            next: none
    outcomes:
      - id: done
        title: Done
        text: The first pathway applies.
        pathways: [first]
      - id: none
        title: Nothing yet
        text: Nothing applies.
        pathways: []
        supports: [consultancy]
    """


def tree_project(tmp_project: ProjectFactory, text: str = TREE) -> list[str]:
    return problems_of(tmp_project({"decision_trees/t.yml": text}))


def test_sound_tree_has_no_problems(tmp_project: ProjectFactory) -> None:
    assert tree_project(tmp_project) == []


def test_answer_to_nowhere(tmp_project: ProjectFactory) -> None:
    found = tree_project(tmp_project, TREE.replace("next: none", "next: nne"))
    assert (
        "decision_trees/t.yml:25:15: error[dangling-answer]: questions[1].answers[1].next: 'nne' is neither a question nor an outcome of this tree; did you mean 'none'?"
        in found
    )
    assert (
        "decision_trees/t.yml:31:9: error[unreachable]: outcomes[1].id: no answer leads to outcome 'none'"
        in found
    )


def test_cycle(tmp_project: ProjectFactory) -> None:
    found = tree_project(tmp_project, TREE.replace("next: none", "next: q1"))
    assert (
        found[0]
        == "decision_trees/t.yml:25:15: error[cycle]: questions[1].answers[1].next: this answer makes a loop: q1 → q2 → q1"
    )


def test_answer_to_its_own_question(tmp_project: ProjectFactory) -> None:
    found = tree_project(tmp_project, TREE.replace("next: none", "next: q2"))
    assert (
        found[0]
        == "decision_trees/t.yml:25:15: error[cycle]: questions[1].answers[1].next: this answer leads back to its own question 'q2'"
    )


def test_unreachable_question(tmp_project: ProjectFactory) -> None:
    orphan = """\
      - id: orphan
        text: Nobody asks this?
        answers:
          - id: a
            label: A
            next: done
          - id: b
            label: B
            next: done
    outcomes:"""
    text = TREE.replace("    outcomes:", orphan)
    assert (
        "decision_trees/t.yml:26:9: error[unreachable]: questions[2].id: no answer leads to question 'orphan'"
        in tree_project(tmp_project, text)
    )


def test_unknown_pathway_and_support_in_outcome(tmp_project: ProjectFactory) -> None:
    text = TREE.replace("pathways: [first]", "pathways: [frist]").replace(
        "supports: [consultancy]", "supports: [consult]"
    )
    found = tree_project(tmp_project, text)
    assert (
        "decision_trees/t.yml:30:16: error[unknown-ref]: outcomes[0].pathways[0]: 'frist' is not a defined pathway; did you mean 'first'?"
        in found
    )
    assert (
        "decision_trees/t.yml:35:16: error[unknown-ref]: outcomes[1].supports[0]: 'consult' is not a defined support; did you mean 'consultancy'?"
        in found
    )


def test_duplicate_ids_across_questions_and_outcomes(tmp_project: ProjectFactory) -> None:
    found = tree_project(
        tmp_project,
        TREE.replace("  - id: none\n", "  - id: q2\n").replace("next: none", "next: done"),
    )
    assert (
        "decision_trees/t.yml:31:9: error[duplicate-id]: outcomes[1].id: duplicate id 'q2' (also at line 16); questions and outcomes share one set of ids"
        in found
    )


def test_duplicate_answer_ids(tmp_project: ProjectFactory) -> None:
    text = TREE.replace(
        "          - id: b\n            label: B\n            next: done",
        "          - id: a\n            label: B\n            next: done",
    )
    assert (
        "decision_trees/t.yml:13:13: error[duplicate-id]: questions[0].answers[1].id: duplicate answer id 'a' in this question"
        in tree_project(tmp_project, text)
    )


def test_question_with_one_answer(tmp_project: ProjectFactory) -> None:
    text = TREE.replace("          - id: b\n            label: B\n            next: done\n", "")
    found = tree_project(tmp_project, text)
    assert (
        "decision_trees/t.yml:10:7: error[too-few]: questions[0].answers: needs at least 2 item(s)"
        in found
    )


def test_start_must_be_a_question(tmp_project: ProjectFactory) -> None:
    found = tree_project(tmp_project, TREE.replace("start: q1", "start: done"))
    assert (
        found[0]
        == "decision_trees/t.yml:4:8: error[bad-start]: start: 'done' is not a question of this tree (it is an outcome; start with a question)"
    )


def test_yes_without_quotes_is_explained(tmp_project: ProjectFactory) -> None:
    found = tree_project(
        tmp_project,
        TREE.replace(
            "- id: a\n            label: A\n            next: q2",
            "- id: yes\n            label: A\n            next: q2",
        ),
    )
    assert found == [
        'decision_trees/t.yml:10:13: error[wrong-type]: questions[0].answers[0].id: expected an id, found true/false; to mean the word, put it in quotes, for example "yes"'
    ]


def test_malformed_citation_in_a_hint(tmp_project: ProjectFactory) -> None:
    found = tree_project(tmp_project, TREE.replace("See EC 52072(a).", "See EC 52072(a."))
    assert found[0].startswith(
        "decision_trees/t.yml:18:15: error[bad-citation]: questions[1].hint: malformed citation 'EC 52072(a'"
    )


def test_pathway_no_path_reaches_is_a_warning(tmp_project: ProjectFactory) -> None:
    found = tree_project(tmp_project, TREE.replace("pathways: [first]", "pathways: []"))
    assert found == [
        "content/pathways/first.yml:1:5: warning[unreached-pathway]: id: no path through any decision tree reaches pathway 'first'"
    ]


def load_tree(tmp_project: ProjectFactory, text: str = TREE):  # type: ignore[no-untyped-def]
    root = tmp_project({"decision_trees/t.yml": text})
    content = read_content(root, Problems(), TODAY)
    assert content is not None
    return content.tree_by_id["t"]


def test_evaluator_paths_and_walk(tmp_project: ProjectFactory) -> None:
    tree = load_tree(tmp_project)
    paths = [
        (tuple((s.question, s.answer) for s in p.steps), p.outcome, p.pathways)
        for p in all_paths(tree)
    ]
    assert paths == [
        ((("q1", "a"), ("q2", "a")), "done", ("first",)),
        ((("q1", "a"), ("q2", "b")), "none", ()),
        ((("q1", "b"),), "done", ("first",)),
    ]
    assert walk(tree, {"q1": "a"}).question == "q2"
    assert walk(tree, {"q1": "a", "q2": "b"}).outcome == "none"
    stale = walk(tree, {"q1": "b", "q2": "a", "zz": "x"})
    assert stale.outcome == "done" and [s.question for s in stale.steps] == ["q1"]
    assert walk(tree, {"q1": "<script>"}).question == "q1"
    with pytest.raises(TooManyPaths):
        all_paths(tree, limit=2)


def test_paths_json_matches_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["paths", "dta-eligibility", "--root", str(REPO), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"loan-and-determination", "none-yet"} <= {p["outcome"] for p in data}
    for item in data:
        assert set(item) == {"answers", "outcome", "pathways"}
        assert all(set(a) == {"question", "answer"} for a in item["answers"])
    reached = {p for item in data for p in item["pathways"]}
    assert reached == {
        "statewide-system-of-support",
        "coe-geo-lead-referral",
        "emergency-state-loan",
        "state-superintendent",
    }
    assert any(len(item["pathways"]) > 1 for item in data)


def test_paths_csv_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["paths", "dta-eligibility", "--root", str(REPO), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "path",
        "answers",
        "outcome",
        "pathways",
        "questions and answers",
        "outcome title",
    ]
    assert rows[1][1] == "state-loan=yes; loan-district=district; loan-pupil-groups=yes"
    assert main(["paths", "dta-eligibility", "--root", str(REPO)]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["#", "answers", "outcome", "pathways"]
    assert table.rstrip().endswith(f"{len(rows) - 1} paths through 'dta-eligibility'")


def test_paths_unknown_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["paths", "dta-eligibilty", "--root", str(REPO)]) == 1
    assert (
        capsys.readouterr().err
        == "error: no decision tree 'dta-eligibilty'; did you mean 'dta-eligibility'? (trees: dta-eligibility)\n"
    )
