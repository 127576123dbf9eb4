"""The MkDocs side of ``pathways serve``, run as its own process.

The generator runs in the preview's main process with nothing else beside it, so it may fork
its work onto a second core; the engine's server and its threads live here. The main process
touches a stamp file after each regeneration; this process then rebuilds with MkDocs' dirty
build, which renders only the pages whose Markdown changed, unless the configuration (the
navigation) or the theme's overrides changed, which every page shows.

Usage: ``python -m generator.build.preview_engine CONFIG HOST:PORT STAMP_DIR``
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.render.compiled import COMPILED

DIRTY_NOTICE = "A 'dirty' build is being performed"
POLL_SECONDS = 0.05
"""How often the stamp is looked at: one file, so it costs nothing to look often."""


class _Once(logging.Filter):
    """MkDocs warns about a dirty build on each one; the preview asks for them, so once will do."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.getMessage().startswith(DIRTY_NOTICE):
            return True
        first, self.seen = not self.seen, True
        return first


def _layout_signature(config_file: Path, overrides: Path | None) -> list[object]:
    """What every page shows besides its own Markdown: the configuration and the overrides."""
    found: list[object] = [config_file.read_bytes()]
    if overrides is not None and overrides.is_dir():
        for path in sorted(overrides.rglob("*")):
            stat = path.stat()
            found.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return found


def _keep_compiled(config: Any) -> None:
    """Each rebuild makes a new template environment; without this, compiling Material's
    templates again was most of the time a rebuild of one page took."""
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        env.bytecode_cache = COMPILED
        return env

    theme.get_env = get_env


def run(config_file: Path, host: str, port: int, stamp_dir: Path) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
    handler.addFilter(_Once())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False

    site_dir = tempfile.mkdtemp(prefix="pathways-preview-")
    serve_url = ""
    last_layout: list[object] = []

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        if serve_url:
            config.site_url = serve_url
        _keep_compiled(config)
        return config

    def builder(config: MkDocsConfig | None = None) -> None:
        nonlocal last_layout
        try:
            config = config or get_config()
            custom = config.theme.custom_dir
            layout = _layout_signature(config_file, Path(custom) if custom else None)
            dirty = layout == last_layout
            build(config, serve_url=serve_url, dirty=dirty)
            last_layout = layout
        except (Exception, SystemExit) as exc:
            # The server would stop answering if the build raised; the next edit tries again.
            print(f"mkdocs: error: the preview could not be rebuilt: {exc}", file=sys.stderr)

    first = get_config()
    mount_path = urlsplit(first.site_url or "/").path or "/"
    if not mount_path.endswith("/"):
        mount_path += "/"
    serve_url = first.site_url = f"http://{host}:{port}{mount_path}"
    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=POLL_SECONDS,
    )
    # The stamp is touched once, after the generator has written everything: no need to wait
    # for more changes to come.
    server.build_delay = 0.01

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(first)
        server.watch(str(stamp_dir))
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _stop(signum: int, frame: object) -> None:
    # Ctrl-C reaches this process and the preview's main one, which then asks it to stop too:
    # the first request stops it, and a second must not interrupt the shutting down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def _stop_with_parent() -> None:
    """Stop when the preview's main process is gone, however it ended (even killed outright)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


def main(argv: Sequence[str]) -> int:
    config, address, stamp = argv
    host, _, port = address.rpartition(":")
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    _stop_with_parent()
    return run(Path(config), host, int(port), Path(stamp))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
