"""Running a site engine on the generated Markdown: MkDocs (the default) or Zensical.

Both read the ``mkdocs.yml`` the generator writes into ``build/``. MkDocs runs in this process.
Zensical runs as its own command: it takes the folder of the configuration file as the project
root, so the configuration names every folder relative to ``build/`` and Zensical builds into
``build/site/``, from where the result is moved into the build's staging folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from generator.errors import BuildError

MKDOCS, ZENSICAL = "mkdocs", "zensical"
ENGINES = (MKDOCS, ZENSICAL)
DEFAULT_ENGINE = MKDOCS
ENGINE_SITE = "site"
"""Where Zensical writes the site, inside the generated folder (it must be under its root)."""
ZENSICAL_INSTALL = "pip install 'pathways[zensical]'"


def engine_site_dir(config_file: Path) -> str:
    """The folder, beside ``config_file``, where Zensical builds the site that file describes:
    ``site`` for ``mkdocs.yml``, ``site-es`` for ``mkdocs-es.yml``."""
    return ENGINE_SITE + config_file.stem.removeprefix("mkdocs")


def links_from_source(engine: str) -> bool:
    """Whether the engine reads a relative link in raw HTML from the Markdown file's folder
    (Zensical) rather than from the page's address (MkDocs)."""
    return engine == ZENSICAL


def require_engine(engine: str) -> None:
    """BuildError when the engine is not installed (Zensical is an optional extra)."""
    if engine not in ENGINES:
        raise BuildError(f"unknown engine '{engine}' (engines: {', '.join(ENGINES)})")
    if engine == ZENSICAL and find_spec("zensical") is None:
        raise BuildError(f"the zensical engine is not installed: {ZENSICAL_INSTALL}")


def run_engine(engine: str, config_file: Path, site_dir: Path) -> None:
    """Build the site described by ``config_file`` into ``site_dir`` (which exists); any engine
    warning fails the build, with the engine's own words."""
    require_engine(engine)
    site_dir.mkdir(parents=True, exist_ok=True)
    if engine == ZENSICAL:
        run_zensical(config_file, site_dir)
    else:
        run_mkdocs(config_file, site_dir=site_dir)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, *, site_dir: Path | None = None, strict: bool = True) -> None:
    """Build the site described by ``config_file``; any engine warning fails a strict build."""
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


def zensical_command(config_file: Path, command: str, *options: str) -> list[str]:
    return [sys.executable, "-m", ZENSICAL, command, "--config-file", str(config_file), *options]


def run_zensical(config_file: Path, site_dir: Path) -> None:
    """``zensical build --strict`` into ``build/site/``, then that folder's files into
    ``site_dir``."""
    config_file = config_file.resolve()
    own_site = config_file.parent / engine_site_dir(config_file)
    # Zensical adds to what is there; a page removed from the content must not linger.
    shutil.rmtree(own_site, ignore_errors=True)
    try:
        done = subprocess.run(
            zensical_command(config_file, "build", "--strict"),
            cwd=config_file.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise BuildError(f"cannot run the zensical engine: {exc.strerror or exc}") from None
    said = "\n".join(
        f"  {line}" for line in (done.stdout + done.stderr).splitlines() if line.strip()
    )
    if done.returncode != 0 or not own_site.is_dir():
        raise BuildError(f"the site engine (zensical) failed:\n{said}")
    for entry in sorted(own_site.iterdir()):
        # A rename where both are on one file system, a copy otherwise.
        shutil.move(str(entry), os.fspath(site_dir / entry.name))
    own_site.rmdir()
