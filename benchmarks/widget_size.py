"""Report the decision-tree widget's size: JavaScript + CSS + tree data, gzipped.

Usage: python benchmarks/widget_size.py [--root DIR]   (budget: 15 KB gzipped for the shipped tree)
"""

from __future__ import annotations

import argparse
import gzip
import json
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


def measure(root: Path) -> list[dict[str, Any]]:
    """Each tree's published bundle and the widget stylesheet, gzipped."""
    content = read_content(root, Problems())
    if content is None:
        raise SystemExit("the content has errors: run `pathways check`")
    strings = Strings.of(content)
    css = gz(widget_css())
    rows = []
    for tree in content.trees:
        js = gz(published_bundle(content, tree, strings))
        rows.append(
            {
                "tree": tree.id,
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
    args = parser.parse_args()
    rows = measure(args.root)
    for row in rows:
        print(
            f"{row['tree']}: js {row['js_gzip']} B + css {row['css_gzip']} B = "
            f"{row['total_gzip']} B gzipped (budget {BUDGET} B)"
        )
    print(json.dumps(rows))
    return 0 if all(r["within_budget"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
