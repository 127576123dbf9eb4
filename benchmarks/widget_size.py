"""Report the decision-tree widget's size: JavaScript + CSS + tree data, gzipped.

Usage: python benchmarks/widget_size.py [--root DIR]   (budget: 15 KB gzipped for the shipped tree)
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from generator.errors import Problems
from generator.render.pages import Strings
from generator.render.tree import bundle, tree_data, widget_css
from generator.validate import read_content

BUDGET = 15 * 1024


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args()
    content = read_content(args.root, Problems())
    if content is None:
        raise SystemExit("the content has errors: run `pathways check`")
    strings = Strings(content.site.language).table["widget"]
    rows = []
    for tree in content.trees:
        js = bundle(tree_data(content, tree, strings))
        css = widget_css()
        total = gz(js) + gz(css)
        rows.append(
            {
                "tree": tree.id,
                "js_gzip": gz(js),
                "css_gzip": gz(css),
                "total_gzip": total,
                "budget": BUDGET,
                "within_budget": total <= BUDGET,
            }
        )
    for row in rows:
        print(
            f"{row['tree']}: js {row['js_gzip']} B + css {row['css_gzip']} B = "
            f"{row['total_gzip']} B gzipped (budget {BUDGET} B)"
        )
    print(json.dumps(rows))
    return 0 if all(r["within_budget"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
