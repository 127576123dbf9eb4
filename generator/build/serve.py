"""``pathways serve``: the engine's live preview, fed by the generator as content changes."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from generator.build.site import GENERATED_DIR, generate
from generator.errors import ContentError

WATCHED = ("content", "decision_trees", "site_overrides", "mkdocs.yml")
POLL_SECONDS = 0.5


def _snapshot(root: Path) -> dict[str, float]:
    seen: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            seen[name] = path.stat().st_mtime
        elif path.is_dir():
            for child in path.rglob("*"):
                if child.is_file():
                    seen[child.as_posix()] = child.stat().st_mtime
    return seen


def _regenerate(root: Path, out: Path) -> None:
    try:
        result = generate(root, out)
    except ContentError as exc:
        for problem in exc.problems.sorted():
            print(problem.format(), file=sys.stderr)
        print("the preview keeps the last good version until these are fixed", file=sys.stderr)
        return
    for problem in result.problems.sorted():
        print(problem.format(), file=sys.stderr)


def _watch(root: Path, out: Path, stop: threading.Event) -> None:
    before = _snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(root)
        if now != before:
            before = now
            _regenerate(root, out)


def serve(root: Path, dev_addr: str) -> None:
    """Generate, then run the engine's server; content edits regenerate only changed files."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    root = root.resolve()
    out = root / GENERATED_DIR / "preview"
    generated = generate(root, out)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, out, stop), daemon=True)
    watcher.start()
    try:
        mkdocs_serve(str(generated.config_file), livereload=True, dev_addr=dev_addr, strict=False)
    finally:
        stop.set()
