"""Writing generated files: only those whose bytes changed, and nothing stale left behind."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from generator.build.output import made_by_build
from generator.errors import BuildError


def sync_tree(folder: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Make ``folder`` hold exactly ``files``; return the paths that were written.

    Unchanged files keep their bytes and times, so a watching engine rebuilds only for real edits.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for rel, data in sorted(files.items()):
        raw = _as_bytes(data)
        target = folder / rel
        try:
            if target.read_bytes() == raw:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(raw)
        os.replace(tmp, target)
        written.append(rel)
    wanted = {Path(rel) for rel in files}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(folder) not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def recover(target: Path) -> None:
    """Undo what a build killed outright (SIGKILL, power loss) left next to ``target``.

    Called with the output's lock held, so no other build is using these folders; only folders
    that carry a build's manifest are touched."""
    old = target.with_name(f".{target.name}.old")
    if old.is_dir() and made_by_build(old):
        if target.exists():
            shutil.rmtree(old)
        else:
            os.replace(old, target)
    for leftover in target.parent.glob(f".{target.name}.building-*"):
        if leftover.is_dir() and made_by_build(leftover):
            shutil.rmtree(leftover, ignore_errors=True)


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target`` with renames on the same file system."""
    old = target.with_name(f".{target.name}.old")
    if old.exists() or old.is_symlink():
        # ``recover`` has removed one a build left; this one is somebody else's.
        raise BuildError(
            f"{old} is in the way: the previous site is moved there for a moment while the new "
            "one is swapped in; move it away"
        )
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    if old.exists():
        shutil.rmtree(old)


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Add ``files`` to ``folder`` (a new output that nothing reads yet)."""
    for rel, data in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_as_bytes(data))


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
