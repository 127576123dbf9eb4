"""The one evaluator of decision trees, used by ``pathways paths`` and the no-JavaScript pages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.model import Tree

MAX_PATHS = 100_000


@dataclass(frozen=True)
class Step:
    question: str
    answer: str


@dataclass(frozen=True)
class TreePath:
    """One way through a tree: the answers given, in order, and the outcome they reach."""

    steps: tuple[Step, ...]
    outcome: str
    pathways: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "answers": [{"question": s.question, "answer": s.answer} for s in self.steps],
            "outcome": self.outcome,
            "pathways": list(self.pathways),
        }


@dataclass(frozen=True)
class Walk:
    """Where a set of answers leads: the steps that apply, then a question or an outcome."""

    steps: tuple[Step, ...]
    question: str | None
    outcome: str | None


class TooManyPaths(Exception):
    pass


def walk(tree: Tree, answers: Mapping[str, str]) -> Walk:
    """Follow ``answers`` from the start; unknown or off-path answers are ignored."""
    steps: list[Step] = []
    node = tree.start
    seen: set[str] = set()
    while node in tree.question_by_id and node not in seen:
        seen.add(node)
        question = tree.question_by_id[node]
        answer = question.answer(answers.get(node, ""))
        if answer is None:
            return Walk(tuple(steps), node, None)
        steps.append(Step(node, answer.id))
        node = answer.next
    outcome = node if node in tree.outcome_by_id else None
    return Walk(tuple(steps), None, outcome)


def all_paths(tree: Tree, limit: int = MAX_PATHS) -> list[TreePath]:
    """Every path from the start to an outcome, in the order the answers are written."""
    return list(_paths(tree, limit))


def _paths(tree: Tree, limit: int) -> Iterator[TreePath]:
    count = 0
    stack: list[tuple[str, tuple[Step, ...]]] = [(tree.start, ())]
    while stack:
        node, steps = stack.pop()
        outcome = tree.outcome_by_id.get(node)
        if outcome is not None:
            count += 1
            if count > limit:
                raise TooManyPaths(f"tree '{tree.id}' has more than {limit} paths")
            yield TreePath(steps, node, outcome.pathways)
            continue
        question = tree.question_by_id.get(node)
        if question is None or any(s.question == node for s in steps):
            continue
        for answer in reversed(question.answers):
            stack.append((answer.next, (*steps, Step(node, answer.id))))
