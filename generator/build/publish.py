"""What a build adds for publishing once the engine has run."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.build.files import write_files


def publish_output(staging: Path, files: Mapping[str, str | bytes]) -> None:
    """Put ``files`` over the engine's output."""
    write_files(staging, files)
