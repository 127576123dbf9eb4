"""The scenario table: every path through a tree, as text, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from generator.evaluate import TreePath
from generator.model import Tree

# A spreadsheet reads a cell that starts with one of these as a formula (which can run commands
# or send data away); a leading quote makes it text, as OWASP advises.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A value as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _ids(path: TreePath) -> str:
    return "; ".join(f"{s.question}={s.answer}" for s in path.steps)


def _reading(tree: Tree, path: TreePath) -> str:
    parts = []
    for step in path.steps:
        question = tree.question_by_id[step.question]
        answer = question.answer(step.answer)
        parts.append(f"{question.text} {answer.label if answer else step.answer}")
    return " / ".join(parts)


def paths_json(paths: list[TreePath]) -> str:
    return json.dumps([p.as_json() for p in paths], indent=2) + "\n"


def paths_csv(tree: Tree, paths: list[TreePath], header: list[str]) -> str:
    """The table as CSV under ``header``, the locale's names of its six columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for number, path in enumerate(paths, start=1):
        row = [
            number,
            _ids(path),
            path.outcome,
            " ".join(path.pathways),
            _reading(tree, path),
            tree.outcome_by_id[path.outcome].title,
        ]
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def paths_table(tree: Tree, paths: list[TreePath]) -> str:
    rows = [["#", "answers", "outcome", "pathways"]]
    rows += [
        [str(n), _ids(p), p.outcome, ", ".join(p.pathways) or "-"]
        for n, p in enumerate(paths, start=1)
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n{len(paths)} paths through '{tree.id}'\n"
