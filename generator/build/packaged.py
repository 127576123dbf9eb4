"""Folders of files that ship inside the package (read through ``importlib.resources``, so they
are found wherever and however the package is installed, never in a source checkout)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def packaged_files(folder: str) -> dict[str, bytes]:
    """Every file under the package's ``folder``, by its path inside that folder."""
    return _walk(resources.files("generator").joinpath(folder), "")


def _walk(folder: Traversable, prefix: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for child in folder.iterdir():
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            files.update(_walk(child, f"{rel}/"))
        elif child.is_file():
            files[rel] = child.read_bytes()
    return files
