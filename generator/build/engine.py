"""Running the site engine (MkDocs) on the generated Markdown."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.errors import BuildError


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, *, site_dir: Path | None = None, strict: bool = True) -> None:
    """Build the site described by ``config_file``; any engine warning fails a strict build."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    previous = logger.level
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        overrides = {"site_dir": str(site_dir)} if site_dir else {}
        config = load_config(config_file=str(config_file), strict=strict, **overrides)
        build(config)
    except (MkDocsException, SystemExit, OSError) as exc:
        details = "\n".join(f"  {m}" for m in collect.messages)
        raise BuildError(
            f"the site engine failed: {exc}" + (f"\n{details}" if details else "")
        ) from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(previous)
