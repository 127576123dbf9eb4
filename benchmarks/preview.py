"""Benchmark: how long an edit takes to show in ``pathways serve``.

Usage: python benchmarks/preview.py [--sizes shipped,1000] [--runs 7] [--engine mkdocs]

Not part of the test suite. For each content (the shipped content, or N synthetic pathways from
``synthetic.py``) it starts ``pathways serve`` on a free port, waits for the first page, then
edits one pathway's title again and again; each time it polls that pathway's page every 20 ms
until the page shows the new title. The time from the write to that answer is edit-to-visible:
noticing the edit, regenerating, the engine's rebuild and the request. Reported: the median,
the fastest and the slowest of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_root

PY = sys.executable
BUDGET_S = {"shipped": 1.0, "1000": 3.0}
START_TIMEOUT_S = 900.0
EDIT_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def shipped_root(work: Path) -> Path:
    root = work / "shipped"
    for name in ("content", "decision_trees"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def edited(path: Path, title: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), "utf-8")


def measure(root: Path, pathway: str, runs: int, engine: str) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    source = root / "content" / "pathways" / f"{pathway}.yml"
    page = f"{base}pathways/{pathway}/"
    log = root.parent / f"{root.name}-serve.log"
    command = [PY, "-m", "generator", "serve", "--root", str(root), "--engine", engine]
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    times: list[float] = []
    try:
        started = time.perf_counter()
        while not fetch(page):
            if server.poll() is not None or time.perf_counter() - started > START_TIMEOUT_S:
                raise SystemExit(f"serve did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        start_s = time.perf_counter() - started
        for run in range(runs):
            title = f"Edited title {run} {time.time_ns()}"
            time.sleep(0.5)  # the previous rebuild's reload settles
            begin = time.perf_counter()
            edited(source, title)
            while title not in fetch(page):
                if time.perf_counter() - begin > EDIT_TIMEOUT_S:
                    raise SystemExit(f"the edit never showed:\n{log.read_text()[-2000:]}")
                time.sleep(0.02)
            times.append(time.perf_counter() - begin)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return {
        "start_s": round(start_s, 2),
        "median_s": round(statistics.median(times), 2),
        "fastest_s": round(min(times), 2),
        "slowest_s": round(max(times), 2),
        "runs": [round(t, 3) for t in times],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="shipped,1000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--engine", default="mkdocs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pathways-preview-bench-"))
    rows = []
    try:
        for size in args.sizes.split(","):
            if size == "shipped":
                root, pathway = shipped_root(work), "emergency-state-loan"
            else:
                root, pathway = make_root(work / f"n{size}", int(size)), "pathway-0005"
            row = {"content": size, "engine": args.engine}
            row.update(measure(root, pathway, args.runs, args.engine))
            row["budget_s"] = BUDGET_S.get(size)
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| content | engine | edit to visible (median) | fastest | slowest | budget |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        budget = f"{r['budget_s']:.0f} s" if r["budget_s"] else ""
        print(
            f"| {r['content']} | {r['engine']} | {r['median_s']:.2f} s | {r['fastest_s']:.2f} s "
            f"| {r['slowest_s']:.2f} s | {budget} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
