"""Synthetic but valid content at any scale, for benchmarks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOREM = (
    "A district works with its county office of education on the goals in its plan. "
    "The county office reviews the plan and suggests support where pupils need it most. "
)


def _statute(section: str) -> str:
    return f"""citation: EC {section}
heading: Section {section} of the synthetic code
summary: |
  {LOREM * 2}
text_checked: 2026-11-01
last_reviewed: 2026-11-01
"""


def _pathway(i: int, n_statutes: int) -> str:
    a, b = 60000 + i % n_statutes, 60000 + (i * 7 + 3) % n_statutes
    return f"""id: pathway-{i:04d}
title: Synthetic pathway {i:04d}
order: {i}
initiated_by: The county office
summary: A synthetic pathway that rests on EC {a}(a).
citations:
  - EC {a}(a)
  - EC {b}
who_starts: |
  {LOREM}Under EC {a}(a)(1) the county office starts it.
when_it_applies: |
  {LOREM * 2}
what_happens_next: |
  {LOREM * 2}See EC {b}.
next_steps:
  - Ask your county office of education.
  - Read about the kinds of support.
supports:
  - consultancy
  - mode-{i % 10:02d}
last_reviewed: 2026-11-01
"""


def _support(sid: str, title: str, group: str, order: int) -> str:
    return f"""id: {sid}
title: {title}
group: {group}
order: {order}
summary: A synthetic kind of support.
description: |
  {LOREM * 3}
last_reviewed: 2026-11-01
"""


def tree_yaml(n_pathways: int, questions: int = 99) -> str:
    """A full binary tree: ``questions`` questions and ``questions + 1`` outcomes."""
    lines = [
        "id: synthetic",
        "title: Find your pathway",
        "intro: Answer the questions.",
        "start: q000",
        "last_reviewed: 2026-11-01",
        "questions:",
    ]
    node = lambda k: f"q{k:03d}" if k < questions else f"o{k - questions:03d}"  # noqa: E731
    for k in range(questions):
        lines += [
            f"  - id: {node(k)}",
            f"    text: Is statement {k} true for your LEA?",
            "    hint: The county office can tell you.",
            "    answers:",
            f'      - {{id: "yes", label: "Yes", next: {node(2 * k + 1)}}}',
            f'      - {{id: "no", label: "No", next: {node(2 * k + 2)}}}',
        ]
    lines.append("outcomes:")
    outcomes = questions + 1
    per = max(1, -(-n_pathways // outcomes))
    for j in range(outcomes):
        names = sorted({f"pathway-{(j * per + m) % n_pathways:04d}" for m in range(per)})
        lines += [
            f"  - id: o{j:03d}",
            f"    title: Result {j}",
            "    text: These pathways apply.",
            f"    pathways: [{', '.join(names)}]",
        ]
    return "\n".join(lines) + "\n"


def make_root(root: Path, n: int) -> Path:
    """A content root with ``n`` pathways, ``n // 2`` statutes and a 199-node tree."""
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    for folder in ("pathways", "supports", "statutes", "pages"):
        (content / folder).mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # In the content's own language only: benchmarks that need a translation make one.
    site = (REPO / "content/site.yml").read_text("utf-8")
    site = re.sub(r"^languages: .*$", "languages: [en]", site, count=1, flags=re.MULTILINE)
    (content / "site.yml").write_text(site, "utf-8")
    shutil.copy(REPO / "content/glossary.yml", content / "glossary.yml")
    shutil.copy(REPO / "content/pages/index.md", content / "pages/index.md")
    n_statutes = max(2, n // 2)
    for s in range(n_statutes):
        (content / f"statutes/ec-{60000 + s}.yml").write_text(_statute(str(60000 + s)))
    for s in ("52059.5", "52064.5", "52071", "52072", "52073", "52074", "47607.3"):
        (content / f"statutes/ec-{s}.yml").write_text(_statute(s))
    for i in range(n):
        (content / f"pathways/pathway-{i:04d}.yml").write_text(_pathway(i, n_statutes))
    # The groups are the ones the copied site.yml lists.
    groups = [
        ("universal-support", "system-of-support"),
        ("consultancy", "direct-technical-assistance"),
    ]
    groups += [(f"mode-{m:02d}", "direct-technical-assistance") for m in range(10)]
    for order, (sid, group) in enumerate(groups):
        title = sid.replace("-", " ").capitalize()
        (content / f"supports/{sid}.yml").write_text(_support(sid, title, group, order))
    (root / "decision_trees").mkdir()
    (root / "decision_trees/synthetic.yml").write_text(tree_yaml(n))
    return root
