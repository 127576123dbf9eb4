"""Time the handbook PDF for a content root: the median of several runs, and pages per second.

Usage: python benchmarks/handbook_pdf.py [--root DIR] [--runs N]   (target: under 10 s for the
shipped content). Prints a line for people, then one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from generator.build.pdf import write_pdf
from generator.errors import Problems
from generator.render.handbook import HANDBOOK_CSS, handbook_css, handbook_html
from generator.validate import read_content

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    content = read_content(args.root, Problems())
    if content is None:
        raise SystemExit("the content has errors: run `pathways check`")
    times, pages = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(args.runs):
            # Each run renders the HTML too, as a build does.
            start = time.perf_counter()
            html = handbook_html(content, site_url=None)
            (folder / "index.html").write_text(html, encoding="utf-8")
            (folder / HANDBOOK_CSS).write_text(handbook_css(), encoding="utf-8")
            pages = write_pdf(folder / "index.html", folder / "handbook.pdf")
            times.append(time.perf_counter() - start)
        size = (folder / "handbook.pdf").stat().st_size
    median = statistics.median(times)
    result = {
        "seconds": round(median, 3),
        "runs": [round(t, 3) for t in times],
        "pages": pages,
        "pages_per_second": round(pages / median, 2),
        "bytes": size,
        "target_seconds": TARGET_SECONDS,
        "within_target": median < TARGET_SECONDS,
    }
    print(
        f"handbook PDF: {pages} pages in {median:.2f} s (median of {args.runs}), "
        f"{pages / median:.1f} pages/s, {size / 1024:.0f} KB; target under {TARGET_SECONDS:.0f} s"
    )
    print(json.dumps(result))
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
