"""The theme overrides: the packaged ones with the root's own laid over them, file by file.

MkDocs and Zensical read one ``custom_dir``, so the two layers are written into one folder under
the generated ``build/``, which the written configuration names.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.packaged import packaged_files
from generator.errors import BuildError

OVERRIDES_OUT = "overrides"
"""The merged folder, inside the generated ``build/``."""


def overrides_files(own: Path) -> dict[str, bytes]:
    """The packaged overrides with every file of ``own`` (a root's overrides folder, which may
    not exist) in place of the packaged file of the same path."""
    files = packaged_files("theme/overrides")
    if not own.is_dir():
        return files
    try:
        for path in sorted(own.rglob("*")):
            if path.is_file():
                files[path.relative_to(own).as_posix()] = path.read_bytes()
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else str(own)
        reason = exc.strerror or exc
        raise BuildError(f"cannot read the theme overrides: {where}: {reason}") from None
    return files
