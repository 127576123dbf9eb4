"""Report the decision-tree widget's size: JavaScript + CSS + tree data, gzipped.

Usage: python benchmarks/widget_size.py [--root DIR] [--languages en,es]
(budget: 15 KB gzipped for the shipped tree, in each language: a language's bundle carries only
its own data and words). ``--languages`` measures a copy of the root that declares them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from generator.errors import Problems
from generator.render.embed import published_bundle
from generator.render.strings import Strings
from generator.render.tree import widget_css
from generator.validate import read_content

BUDGET = 15 * 1024


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def measure(root: Path, languages: list[str] | None = None) -> list[dict[str, Any]]:
    """Each tree's published bundle in each language and the widget stylesheet, gzipped."""
    if languages:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder)
            for name in ("content", "decision_trees"):
                shutil.copytree(root / name, copy / name)
            settings = copy / "content/site.yml"
            text = re.sub(
                r"(?m)^languages:.*$", f"languages: [{', '.join(languages)}]", settings.read_text()
            )
            settings.write_text(text)
            return measure(copy)
    source = read_content(root, Problems())
    if source is None:
        raise SystemExit("the content has errors: run `pathways check`")
    css = gz(widget_css())
    rows = []
    for language in source.site.languages or (source.site.language,):
        content = source.for_language(language)
        rows += _rows(content, css)
    return rows


def _rows(content: Any, css: int) -> list[dict[str, Any]]:
    strings = Strings.of(content)
    rows = []
    for tree in content.trees:
        js = gz(published_bundle(content, tree, strings))
        rows.append(
            {
                "tree": tree.id,
                "language": content.site.language,
                "nodes": len(tree.questions) + len(tree.outcomes),
                "js_gzip": js,
                "css_gzip": css,
                "total_gzip": js + css,
                "budget": BUDGET,
                "within_budget": js + css <= BUDGET,
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--languages", default="", help="comma-separated, such as en,es")
    args = parser.parse_args()
    rows = measure(args.root, [t for t in args.languages.split(",") if t] or None)
    for row in rows:
        print(
            f"{row['tree']} ({row['language']}): js {row['js_gzip']} B + css {row['css_gzip']} B = "
            f"{row['total_gzip']} B gzipped (budget {BUDGET} B)"
        )
    print(json.dumps(rows))
    return 0 if all(r["within_budget"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
