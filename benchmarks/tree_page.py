"""Report how the tree's page loads in headless Chromium: layout shift and the first question.

Usage: python benchmarks/tree_page.py [--root DIR] [--runs N]

For each viewport (360 and 1280 px wide), with the CPU slowed four times as Lighthouse does for
mobile, the median over N loads of:

- cumulative layout shift, from navigation until the widget has taken over (budget 0.01);
- first paint: milliseconds from navigation to the first contentful paint (the site's header);
- first question: milliseconds until the question's heading is laid out, from the page's HTML,
  which must come before the widget's script has run;
- widget ready: milliseconds until the widget's radios replace the answer links.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CLS_BUDGET = 0.01
WIDTHS = (360, 1280)

# Installed before the page's own scripts: layout shifts, and whether the question's heading
# was laid out when the first paint happened.
WATCH = """
window.__shifts = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
}).observe({ type: "layout-shift", buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.name !== "first-contentful-paint" || window.__fcp !== undefined) continue;
    window.__fcp = e.startTime;
  }
}).observe({ type: "paint", buffered: true });
(function tick() {
  const host = document.querySelector("pathways-tree");
  const root = host && host.shadowRoot;
  const h1 = root && root.querySelector("h1");
  if (h1 && window.__questionAt === undefined && h1.getBoundingClientRect().height > 0) {
    window.__questionAt = performance.now();
  }
  if (root && root.querySelector("input[type=radio]")) window.__ready = performance.now();
  else requestAnimationFrame(tick);
})();
"""
SETTLED = """() => new Promise((resolve) => {
  const wait = () => (window.__ready !== undefined && window.__fcp !== undefined
    ? setTimeout(() => resolve({
        cls: window.__shifts, fcp: window.__fcp, question: window.__questionAt,
        ready: window.__ready,
      }), 500)
    : setTimeout(wait, 10));
  wait();
})"""


def build(root: Path, out: Path) -> None:
    subprocess.run(
        [
            *(sys.executable, "-m", "generator", "build", "--no-pdf", "--root", str(root)),
            *("--out", str(out), "--site-url", "http://127.0.0.1:8000/"),
        ],
        check=True,
        capture_output=True,
    )


def measure(site: Path, tree_id: str, runs: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO))
    from tests.browser import CHROMIUM_ARGS, chromium_path, serve_folder

    rows = []
    with serve_folder(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width in WIDTHS:
            samples = []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": width, "height": 800})
                page = context.new_page()
                page.add_init_script(WATCH)
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.goto(f"{base}find/{tree_id}/")
                samples.append(page.evaluate(SETTLED))
                context.close()
            cls = statistics.median(s["cls"] for s in samples)
            rows.append(
                {
                    "width": width,
                    "cls": round(cls, 4),
                    "first_paint_ms": round(statistics.median(s["fcp"] for s in samples), 1),
                    "first_question_ms": round(
                        statistics.median(s["question"] for s in samples), 1
                    ),
                    "question_before_script": all(s["question"] < s["ready"] for s in samples),
                    "widget_ready_ms": round(statistics.median(s["ready"] for s in samples), 1),
                    "within_budget": cls < CLS_BUDGET,
                }
            )
        browser.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--tree", default="dta-eligibility")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pathways-tree-page-") as work:
        site = Path(work) / "site"
        build(args.root, site)
        rows = measure(site, args.tree, args.runs)
    print("| width | layout shift | first paint | first question | widget ready |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['width']} px | {r['cls']} | {r['first_paint_ms']} ms "
            f"| {r['first_question_ms']} ms | {r['widget_ready_ms']} ms |"
        )
    print(json.dumps(rows))
    return 0 if all(r["within_budget"] and r["question_before_script"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
