"""Decision trees: reading them, and proving each one sound before anything is built."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.errors import Problems
from generator.model import Answer, Outcome, Question, Source, Tree
from generator.validate.names import reserved
from generator.validate.spec import did_you_mean

TREES_DIR = "decision_trees"


def make_tree(values: dict[str, Any], source: Source) -> Tree:
    questions = tuple(
        Question(
            id=q["id"],
            text=q["text"],
            hint=q["hint"],
            answers=tuple(Answer(a["id"], a["label"], a["next"]) for a in q["answers"]),
        )
        for q in values["questions"]
    )
    outcomes = tuple(
        Outcome(
            id=o["id"],
            title=o["title"],
            text=o["text"],
            pathways=o["pathways"],
            supports=o["supports"] or (),
            next_steps=o["next_steps"] or (),
        )
        for o in values["outcomes"]
    )
    return Tree(
        id=values["id"],
        title=values["title"],
        intro=values["intro"],
        start=values["start"],
        questions=questions,
        outcomes=outcomes,
        last_reviewed=values["last_reviewed"],
        review_note=values["review_note"],
        source=source,
        former_ids=values["former_ids"] or (),
    )


def check_tree(
    tree: Tree, problems: Problems, pathway_ids: set[str], support_ids: set[str]
) -> None:
    """Record every soundness problem: ids, dangling answers, cycles, unreachable nodes."""
    at = tree.source.at
    q_index = {q.id: i for i, q in enumerate(tree.questions)}
    o_index = {o.id: i for i, o in enumerate(tree.outcomes)}
    _unique_ids(tree, problems)
    _reserved_ids(tree, problems)
    nodes = set(q_index) | set(o_index)
    if tree.start not in q_index:
        hint = " (it is an outcome; start with a question)" if tree.start in o_index else ""
        problems.error(
            "bad-start",
            at("start"),
            f"'{tree.start}' is not a question of this tree{hint}"
            f"{did_you_mean(tree.start, sorted(q_index))}",
            "start",
        )
    for qi, q in enumerate(tree.questions):
        seen: dict[str, int] = {}
        for ai, a in enumerate(q.answers):
            path = f"questions[{qi}].answers[{ai}]"
            if a.id in seen:
                problems.error(
                    "duplicate-id",
                    at(f"{path}.id"),
                    f"duplicate answer id '{a.id}' in this question",
                    f"{path}.id",
                )
            seen.setdefault(a.id, ai)
            if a.next not in nodes:
                problems.error(
                    "dangling-answer",
                    at(f"{path}.next"),
                    f"'{a.next}' is neither a question nor an outcome of this tree"
                    f"{did_you_mean(a.next, sorted(nodes))}",
                    f"{path}.next",
                )
            elif a.next == q.id:
                problems.error(
                    "cycle",
                    at(f"{path}.next"),
                    f"this answer leads back to its own question '{q.id}'",
                    f"{path}.next",
                )
    for oi, o in enumerate(tree.outcomes):
        _check_refs(o.pathways, pathway_ids, "pathway", f"outcomes[{oi}].pathways", at, problems)
        _check_refs(o.supports, support_ids, "support", f"outcomes[{oi}].supports", at, problems)
    _check_cycles(tree, problems, q_index)
    if tree.start in q_index:
        _check_reachable(tree, problems, q_index, o_index)


def _unique_ids(tree: Tree, problems: Problems) -> None:
    first: dict[str, str] = {}
    items = [(q.id, f"questions[{i}].id") for i, q in enumerate(tree.questions)]
    items += [(o.id, f"outcomes[{i}].id") for i, o in enumerate(tree.outcomes)]
    for node_id, path in items:
        if node_id in first:
            other = tree.source.at(first[node_id])
            problems.error(
                "duplicate-id",
                tree.source.at(path),
                f"duplicate id '{node_id}' (also at line {other.line}); "
                "questions and outcomes share one set of ids",
                path,
            )
        else:
            first[node_id] = path


def _reserved_ids(tree: Tree, problems: Problems) -> None:
    """The tree's files sit beside shared ones in embed/, and each question's and outcome's page
    in a folder of its own: none may take a name the generator writes there."""
    reserved(problems, "tree", tree.id, tree.source.at("id"), "id")
    nodes = [("question", i, q.id) for i, q in enumerate(tree.questions)]
    nodes += [("outcome", i, o.id) for i, o in enumerate(tree.outcomes)]
    for what, i, node_id in nodes:
        path = f"{what}s[{i}].id"
        reserved(problems, what, node_id, tree.source.at(path), path)


def _check_refs(
    refs: tuple[str, ...],
    known: set[str],
    what: str,
    path: str,
    at: Callable[[str], Any],
    problems: Problems,
) -> None:
    for i, ref in enumerate(refs):
        if ref not in known:
            problems.error(
                "unknown-ref",
                at(f"{path}[{i}]"),
                f"'{ref}' is not a defined {what}{did_you_mean(ref, sorted(known))}",
                f"{path}[{i}]",
            )


def _edges(tree: Tree) -> dict[str, list[tuple[int, int, str]]]:
    """For each question: (question index, answer index, target) of every answer."""
    return {
        q.id: [(qi, ai, a.next) for ai, a in enumerate(q.answers)]
        for qi, q in enumerate(tree.questions)
    }


def _check_cycles(tree: Tree, problems: Problems, q_index: dict[str, int]) -> None:
    edges = _edges(tree)
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = finished
    reported: set[tuple[int, int]] = set()

    for origin in tree.questions:
        if state.get(origin.id):
            continue
        stack: list[tuple[str, int]] = [(origin.id, 0)]
        trail: list[str] = [origin.id]
        state[origin.id] = 1
        while stack:
            node, i = stack[-1]
            out = edges.get(node, [])
            if i >= len(out):
                stack.pop()
                trail.pop()
                state[node] = 2
                continue
            stack[-1] = (node, i + 1)
            qi, ai, target = out[i]
            if target not in q_index or target == node:
                continue
            if state.get(target) == 1:
                if (qi, ai) not in reported:
                    reported.add((qi, ai))
                    loop = " → ".join([*trail[trail.index(target) :], target])
                    path = f"questions[{qi}].answers[{ai}].next"
                    problems.error(
                        "cycle", tree.source.at(path), f"this answer makes a loop: {loop}", path
                    )
            elif not state.get(target):
                state[target] = 1
                stack.append((target, 0))
                trail.append(target)


def _check_reachable(
    tree: Tree, problems: Problems, q_index: dict[str, int], o_index: dict[str, int]
) -> None:
    edges = _edges(tree)
    seen = {tree.start}
    todo = [tree.start]
    while todo:
        for _, _, target in edges.get(todo.pop(), []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    for what, index in (("question", q_index), ("outcome", o_index)):
        for node_id, i in index.items():
            if node_id not in seen:
                path = f"{what}s[{i}].id"
                message = f"no answer leads to {what} '{node_id}'"
                problems.error("unreachable", tree.source.at(path), message, path)
