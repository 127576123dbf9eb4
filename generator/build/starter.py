"""``pathways new``: a small, valid site to start from, written into a new or empty folder.

The starter's files ship in the package (``generator/starter/``); the JSON Schemas its editor
comments point to are written from the model, so they always match the installed generator.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.build.packaged import packaged_files
from generator.errors import UsageError
from generator.validate.schemas import schema_files

TODAY = "$today"
"""Stands for the day the site is made in the starter's dates, so nothing in a new site is
overdue for review."""
# Package data leaves out names that start with a dot, so these are stored without the dot.
RENAMED = {"gitignore": ".gitignore"}


def starter_files(today: dt.date) -> dict[str, str]:
    """Every file of a new site, by its path inside the site's folder."""
    files = {
        RENAMED.get(rel, rel): data.decode("utf-8").replace(TODAY, today.isoformat())
        for rel, data in packaged_files("starter").items()
    }
    files.update({f"schemas/{name}": text for name, text in schema_files().items()})
    return dict(sorted(files.items()))


def _refuse_unless_new(target: Path) -> None:
    if target.is_dir():
        if any(target.iterdir()):
            raise UsageError(
                f"will not write into '{target}': it is not empty; give a new or empty folder"
            )
    elif target.exists() or target.is_symlink():
        raise UsageError(f"will not write into '{target}': it is not a folder")


def new_site(target: Path, today: dt.date | None = None) -> list[Path]:
    """Write the starter site into ``target`` (missing or empty) and return the files written.

    Each file is created only if it does not exist, so nothing is ever overwritten, even by a
    folder that fills up while this runs; on failure what this call made is removed again."""
    _refuse_unless_new(target)
    files = starter_files(today or dt.date.today())
    made: list[Path] = []
    try:
        if not target.is_dir():
            target.mkdir(parents=True)
            made.append(target)
        for rel, text in files.items():
            path = target / rel
            for parent in reversed(path.relative_to(target).parents[:-1]):
                folder = target / parent
                if not folder.is_dir():
                    folder.mkdir()
                    made.append(folder)
            with path.open("x", encoding="utf-8") as handle:
                made.append(path)
                handle.write(text)
    except BaseException:
        _remove(made)
        raise
    return [path for path in made if path.is_file()]


def _remove(made: list[Path]) -> None:
    for path in reversed(made):
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                os.unlink(path)
        except OSError:
            # Something else now lives there (a file added meanwhile): leave it.
            pass
