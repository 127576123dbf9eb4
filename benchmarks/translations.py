"""What a second language costs: the synthetic content at one size, with one language and with
a complete Spanish translation beside it, checked (`pathways check`) and built (`pathways build
--no-pdf`, every language's site).

    python benchmarks/translations.py --pathways 1000 --runs 5 [--build-runs 3]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import make_root  # noqa: E402

PY = sys.executable


def _check(root: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [PY, "-m", "generator", "check", "--root", str(root)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return time.perf_counter() - start


def _build(root: Path) -> float:
    out = root / "site"
    start = time.perf_counter()
    done = subprocess.run(
        [PY, "-m", "generator", "build", "--no-pdf", "--root", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return time.perf_counter() - start


def _translated(root: Path) -> None:
    """Declare Spanish and give every text a translation (the skeleton's, marked done)."""
    site = root / "content/site.yml"
    text = site.read_text("utf-8")
    text = re.sub(r"^languages?: .*$", "languages: [en, es]", text, count=1, flags=re.MULTILINE)
    site.write_text(text, "utf-8")
    subprocess.run(
        [PY, "-m", "generator", "translations", "es", "--init", "--root", str(root)],
        check=True,
        capture_output=True,
    )
    for path in (root / "content/es").rglob("*.*"):
        text = re.sub(r"^ *todo: true\n", "", path.read_text("utf-8"), flags=re.MULTILINE)
        path.write_text(text, "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pathways", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pathways-translations-"))
    try:
        one = make_root(work / "one", args.pathways)
        two = make_root(work / "two", args.pathways)
        _translated(two)
        _check(one), _check(two)  # warm the file cache for both
        ones, twos = [], []
        # Taken in turns, so that a slower spell of a shared machine falls on both alike.
        for _ in range(args.runs):
            ones.append(_check(one))
            twos.append(_check(two))
        built_ones, built_twos = [], []
        if args.build_runs:
            _build(one), _build(two)
            for _ in range(args.build_runs):
                built_ones.append(_build(one))
                built_twos.append(_build(two))
        row = {
            "pathways": args.pathways,
            "check_one_language_s": round(statistics.median(ones), 2),
            "check_two_languages_s": round(statistics.median(twos), 2),
            "ratio": round(statistics.median(twos) / statistics.median(ones), 2),
        }
        if built_ones:
            one_s, two_s = statistics.median(built_ones), statistics.median(built_twos)
            row["build_one_language_s"] = round(one_s, 2)
            row["build_two_languages_s"] = round(two_s, 2)
            row["build_ratio"] = round(two_s / one_s, 2)
        print(json.dumps(row))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
