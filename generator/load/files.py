"""Finding content files: what is read, and a warning for everything that is passed over.

A file that is silently ignored is a page that silently disappears, so each entry of a content
folder is either read or reported. Links are followed only while they stay inside the root: a
page that is a link to a file elsewhere must not publish that file.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Location, Problems, relative_name


def inside_root(path: Path, root: Path) -> bool:
    """Whether ``path``, with every link in it followed, is still inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def readable_file(path: Path, root: Path, problems: Problems) -> bool:
    """Whether one named content file (``content/site.yml``) exists and may be read."""
    if not (path.exists() or path.is_symlink()):
        return False
    name = relative_name(path.as_posix(), root.as_posix())
    if not inside_root(path, root):
        problems.warning("link-outside", Location(name, 1, 1), _outside(path, "file"))
        return False
    if not path.is_file():
        problems.warning("skipped-file", Location(name, 1, 1), "is not a file; not read")
        return False
    return True


def content_files(
    folder: Path, root: Path, suffixes: tuple[str, ...], problems: Problems
) -> list[Path]:
    """The files directly in ``folder`` with one of ``suffixes``, sorted by name.

    Hidden files are not read; those named like content are warned about, the rest (editors'
    and systems' own files) passed over quietly. Every other entry not read is a warning."""
    if not (folder.exists() or folder.is_symlink()):
        return []
    folder_name = relative_name(folder.as_posix(), root.as_posix())
    if not inside_root(folder, root):
        problems.warning("link-outside", Location(folder_name, 1, 1), _outside(folder, "folder"))
        return []
    if not folder.is_dir():
        problems.warning(
            "skipped-file", Location(folder_name, 1, 1), "is not a folder; nothing in it is read"
        )
        return []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.error(
            "read-error",
            Location(folder_name, 1, 1),
            f"cannot read the folder ({exc.strerror or exc})",
        )
        return []
    found: list[Path] = []
    wanted = " or ".join(suffixes)
    for entry in entries:
        path = Path(entry.path)
        where = Location(relative_name(path.as_posix(), root.as_posix()), 1, 1)
        suffix = path.suffix
        if entry.name.startswith("."):
            # A system's or an editor's own file (.DS_Store, Emacs' .#lock) is nobody's content;
            # a hidden file named like content probably was meant to be read.
            if suffix.lower() in suffixes and not entry.name.startswith(".#"):
                problems.warning(
                    "skipped-file", where, "is not read: a name that starts with a dot is hidden"
                )
            continue
        if entry.is_symlink() and not inside_root(path, root):
            problems.warning("link-outside", where, _outside(path, "file"))
        elif entry.is_dir():
            problems.warning(
                "skipped-file",
                where,
                f"is a folder; only {wanted} files directly in {folder_name}/ are read",
            )
        elif not entry.is_file():
            problems.warning("skipped-file", where, "is not a regular file; not read")
        elif suffix in suffixes:
            found.append(path)
        elif suffix.lower() in suffixes:
            problems.warning(
                "skipped-file",
                where,
                f"is not read: the ending must be written '{suffix.lower()}', not '{suffix}'",
            )
        else:
            problems.warning("skipped-file", where, f"is not read: only {wanted} files are")
    return found


def _outside(path: Path, what: str) -> str:
    return f"is a link to a {what} outside the project; links that leave it are not followed"
