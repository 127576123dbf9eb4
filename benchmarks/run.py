"""Benchmarks: build cost at scale beside plain MkDocs, the widget's size and start-up, the PDF.

Usage: python benchmarks/run.py [--sizes 10,100,1000] [--runs 5] [--json FILE]

Not part of the test suite. Each timing is the median of several runs in fresh processes
(the full build and plain MkDocs taken in turns, after one run of each to warm up); memory is
the largest peak resident set size among the command's process and the children it forks
(from wait4(); forked children share their parent's pages until they write to them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import widget_size
from synthetic import REPO, make_root

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764201600"}


def run(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in MB of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


def summary(results: list[tuple[float, int]]) -> tuple[float, int]:
    """The median time and the largest peak RSS of several runs."""
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def median(command: list[str], runs: int, cwd: Path | None = None) -> tuple[float, int]:
    return summary([run(command, cwd) for _ in range(runs)])


def peer_config(root: Path, docs: Path, out: Path, flat: bool) -> Path:
    """The generated engine configuration, pointed at a copy of the pages as plain Markdown."""
    config = yaml.safe_load((root / "build/mkdocs.yml").read_text())
    config["docs_dir"], config["site_dir"] = str(docs), str(out)
    # The generated file names the overrides relative to its own folder.
    config["theme"]["custom_dir"] = str(root / "build" / config["theme"]["custom_dir"])
    if flat:
        config["nav"] = list(_flatten(config["nav"]))
        config["theme"]["features"] = [
            f for f in config["theme"]["features"] if f != "navigation.prune"
        ]
    path = docs.parent / ("flat.yml" if flat else "peer.yml")
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def _flatten(nav: list[Any]) -> Any:
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                yield from _flatten(value) if isinstance(value, list) else [value]
        else:
            yield item


def bench_size(n: int, runs: int, work: Path) -> dict[str, Any]:
    root = make_root(work / f"n{n}", n)
    out = work / f"out{n}"
    check_s, check_mb = median([PY, "-m", "generator", "check", "--root", str(root)], runs)
    gen = "from pathlib import Path; from generator.build.site import generate; " + (
        f"generate(Path({str(root)!r}), Path({str(out)!r}))"
    )
    gen_s, gen_mb = median([PY, "-c", gen], runs)
    build_cmd = [PY, "-m", "generator", "build", "--no-pdf", "--root", str(root), "--out", str(out)]
    run(build_cmd)  # writes the Markdown the peer builds, and warms the file cache for both
    docs = work / f"docs{n}"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "build/docs", docs)
    peer = peer_config(root, docs, work / f"peer{n}", flat=False)
    peer_cmd = [PY, "-m", "mkdocs", "build", "-q", "-f", str(peer)]
    run(peer_cmd)
    # Taken in turns, so that a slower spell of a shared machine falls on both alike.
    builds, plains = [], []
    for _ in range(runs):
        builds.append(run(build_cmd))
        plains.append(run(peer_cmd))
    (build_s, build_mb), (plain_s, plain_mb) = summary(builds), summary(plains)
    pair_ratios = sorted(b[0] / p[0] for b, p in zip(builds, plains, strict=True))
    flat = peer_config(root, docs, work / f"flat{n}", flat=True)
    flat_s, _ = median([PY, "-m", "mkdocs", "build", "-q", "-f", str(flat)], 1)
    pages = sum(1 for _ in out.rglob("*.html"))
    return {
        "pathways": n,
        "html_pages": pages,
        "check_s": round(check_s, 2),
        "generate_s": round(gen_s, 2),
        "build_s": round(build_s, 2),
        "plain_mkdocs_s": round(plain_s, 2),
        "ratio": round(build_s / plain_s, 2),
        "pair_ratios": [round(r, 3) for r in pair_ratios],
        "flat_nav_mkdocs_s": round(flat_s, 2),
        "build_peak_mb": build_mb,
        "check_peak_mb": check_mb,
        "generate_peak_mb": gen_mb,
        "plain_peak_mb": plain_mb,
    }


def widget_sizes(root: Path) -> dict[str, int]:
    row = widget_size.measure(root)[0]
    return {key: row[key] for key in ("nodes", "js_gzip", "css_gzip")}


# Installed before the bundle runs: records when the first radio is laid out (visible).
PROBE = """window.__t0 = performance.now();
(function tick() {
  const host = document.querySelector('pathways-tree');
  const radio = host && host.shadowRoot && host.shadowRoot.querySelector('input[type=radio]');
  if (radio && radio.getBoundingClientRect().width > 0) {
    window.__shown = performance.now() - window.__t0;
  } else { setTimeout(tick, 0); }
})();"""
WAIT = """() => new Promise((resolve) => {
  const wait = () => (window.__shown ? resolve(window.__shown) : setTimeout(wait, 5));
  wait();
})"""


def first_question_ms(site: Path, tree_id: str, runs: int) -> float:
    """Milliseconds from the bundle's script starting to the first question being visible."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO))
    from tests.browser import CHROMIUM_ARGS, chromium_path, serve_folder

    # The bundle is inlined after the mark, so the time starts when the script starts, not when
    # its download does; the stylesheet it loads is part of the time (it waits to be styled).
    bench = site / "embed" / "bench"
    bench.mkdir(exist_ok=True)
    script = (site / "embed" / f"{tree_id}.js").read_text()
    script = script.replace(
        "document.currentScript.src", f"new URL('../{tree_id}.js', location.href).href"
    )
    (bench / "index.html").write_text(
        '<!doctype html><html lang="en"><title>b</title>'
        f'<pathways-tree tree="{tree_id}"></pathways-tree>'
        f"<script>{PROBE}</script>"
        f"<script>{script}</script></html>"
    )
    times = []
    with serve_folder(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page()
            page.goto(base + "embed/bench/")
            times.append(page.evaluate(WAIT))
            page.close()
        browser.close()
    return round(statistics.median(times), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks/results/latest.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pathways-bench-"))
    results: dict[str, Any] = {"machine": f"{os.cpu_count()} cores", "sizes": []}
    try:
        for n in (int(x) for x in args.sizes.split(",")):
            row = bench_size(n, args.runs, work)
            results["sizes"].append(row)
            print(json.dumps(row), flush=True)
        shipped_out = work / "shipped"
        run(
            [
                PY,
                "-m",
                "generator",
                "build",
                "--no-pdf",
                "--root",
                str(REPO),
                "--out",
                str(shipped_out),
            ]
        )
        largest = work / f"n{max(r['pathways'] for r in results['sizes'])}"
        results["widget"] = {
            "shipped": {
                **widget_sizes(REPO),
                "first_question_ms": first_question_ms(shipped_out, "dta-eligibility", 5),
            },
            "synthetic": {
                **widget_sizes(largest),
                "first_question_ms": first_question_ms(
                    work / f"out{results['sizes'][-1]['pathways']}", "synthetic", 5
                ),
            },
        }
        pdf_script = REPO / "benchmarks/handbook_pdf.py"
        if pdf_script.exists():
            out = subprocess.run(
                [PY, str(pdf_script), "--root", str(REPO)], capture_output=True, text=True, env=ENV
            )
            lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
            results["handbook"] = json.loads(lines[-1]) if lines else {"error": out.stderr[-500:]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def print_table(results: dict[str, Any]) -> None:
    print(
        "\n| pathways | HTML pages | check | generate | full build | plain MkDocs | ratio "
        "| ratio in each pair | flat-nav MkDocs | build peak RSS |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |")
    for r in results["sizes"]:
        pairs = r["pair_ratios"]
        spread = f"{pairs[0]:.2f} to {pairs[-1]:.2f} (median {statistics.median(pairs):.2f})"
        print(
            f"| {r['pathways']:,} | {r['html_pages']:,} | {r['check_s']:.2f} s "
            f"| {r['generate_s']:.2f} s | {r['build_s']:.2f} s | {r['plain_mkdocs_s']:.2f} s "
            f"| {r['ratio']:.2f} | {spread} | {r['flat_nav_mkdocs_s']:.2f} s "
            f"| {r['build_peak_mb']} MB |"
        )
    for name, w in results.get("widget", {}).items():
        print(
            f"\nwidget ({name}, {w['nodes']} nodes): JS+data {w['js_gzip']:,} B "
            f"+ CSS {w['css_gzip']:,} B = {w['js_gzip'] + w['css_gzip']:,} B gzipped; "
            f"first question {w['first_question_ms']} ms"
        )
    if "handbook" in results:
        print(f"\nhandbook PDF: {json.dumps(results['handbook'])}")


if __name__ == "__main__":
    raise SystemExit(main())
