"""``pathways serve``: the engine's live preview, fed by the generator as content changes."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from generator.build.output import LOCK_NAME, claim_generated_folder, exclusive
from generator.build.site import GENERATED_DIR, generate
from generator.errors import BuildError, ContentError, PathwaysError

WATCHED = ("content", "decision_trees", "site_overrides", "mkdocs.yml")
POLL_SECONDS = 0.5


def _snapshot(root: Path) -> dict[str, float]:
    seen: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        try:
            if path.is_file():
                seen[name] = path.stat().st_mtime
            elif path.is_dir():
                for child in path.rglob("*"):
                    try:
                        if child.is_file():
                            seen[child.as_posix()] = child.stat().st_mtime
                    except OSError:
                        seen[child.as_posix()] = -1.0  # there, but unreadable now
        except OSError:
            seen[name] = -1.0
    return seen


def _generate(root: Path, out: Path) -> None:
    generated = root / GENERATED_DIR
    with exclusive(generated / LOCK_NAME, str(generated)):
        result = generate(root, out)
    for problem in result.problems.sorted():
        print(problem.format(), file=sys.stderr)


def _regenerate(root: Path, out: Path) -> bool:
    """Regenerate after an edit; False when it could not, so the next poll tries again."""
    try:
        _generate(root, out)
    except ContentError as exc:
        for problem in exc.problems.sorted():
            print(problem.format(), file=sys.stderr)
        print("the preview keeps the last good version until these are fixed", file=sys.stderr)
    except (PathwaysError, OSError) as exc:
        print(f"error: {exc}; the preview keeps the last good version", file=sys.stderr)
        return False
    except Exception as exc:
        # The watcher must outlive any one bad edit; the next good one brings the preview back.
        message = f"error: {type(exc).__name__}: {exc}; the preview keeps the last good version"
        print(message, file=sys.stderr)
        return False
    return True


def _watch(root: Path, out: Path, stop: threading.Event) -> None:
    before = _snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(root)
        if now != before and _regenerate(root, out):
            before = now


def serve(root: Path, dev_addr: str, engine: str = "mkdocs") -> None:
    """Generate, then run the engine's server; content edits regenerate only changed files."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    root = root.resolve()
    claim_generated_folder(root / GENERATED_DIR)
    out = root / GENERATED_DIR / "preview"
    _generate(root, out)
    config_file = root / GENERATED_DIR / "mkdocs.yml"
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, out, stop), daemon=True)
    watcher.start()
    try:
        # The overrides folder the engine reads is written by each regeneration (the packaged
        # overrides with the root's over them), so the engine must watch it to show an edit.
        mkdocs_serve(
            str(config_file), livereload=True, dev_addr=dev_addr, strict=False, watch_theme=True
        )
    except OSError as exc:
        raise BuildError(f"cannot serve on {dev_addr}: {exc.strerror or exc}") from None
    finally:
        stop.set()
