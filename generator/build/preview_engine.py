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
from contextlib import suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.render.compiled import COMPILED

DIRTY_NOTICE = "A 'dirty' build is being performed"
BIG_PAGE_BYTES = 32_000
"""Markdown this long takes a tenth of a second or more to render."""
EDIT_STAMP = "stamp"
"""In the stamp folder: touched by the generator after each edit (the handbook has its own)."""
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


class Superseded(Exception):
    """A newer edit came while the held-back pages were being rendered."""


class _Interrupt:
    """Whether to stop rendering now; only the round of held-back pages is ever stopped."""

    def __init__(self) -> None:
        self.stamp: Path | None = None
        self.seen = 0

    def watch(self, stamp: Path) -> None:
        self.stamp, self.seen = stamp, _mtime(stamp)

    def stop(self) -> None:
        self.stamp = None

    def check(self) -> None:
        if self.stamp is not None and _mtime(self.stamp) != self.seen:
            raise Superseded


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


INTERRUPT = _Interrupt()


def _read_every_page() -> None:
    """Have MkDocs' dirty build read every page's Markdown, though it renders only the changed.

    A page it does not read has no title, and Material's links to the previous and next page
    of a rebuilt page then fail the whole build; reading is quick, rendering is not. And a page
    the generator rewrites while a build runs (changed after it was read, before it is written)
    is left to the next round, which the generator's stamp starts, instead of failing this one.
    """
    from mkdocs.commands import build as mkdocs_build

    populate, write = mkdocs_build._populate_page, mkdocs_build._build_page

    def populate_or_read(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if dirty and not page.file.is_modified():
            page.read_source(config)
            return
        # The held-back pages take seconds at 1,000 pathways; an edit made meanwhile would wait
        # for all of them before its own page was rendered.
        INTERRUPT.check()
        populate(page, config, files, dirty)

    def write_if_rendered(
        page: Any,
        config: Any,
        doc_files: Any,
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        if not (dirty and page.content is None):
            write(page, config, doc_files, nav, env, dirty, excluded)

    mkdocs_build._populate_page = populate_or_read
    mkdocs_build._build_page = write_if_rendered


class Postponed:
    """Big pages that changed wait for a second round, so that a small page shows sooner.

    An edit to one pathway changes its page, and also the pages that list every pathway (at
    1,000 pathways the home page, the pathways index and the decision tree's page, each hundreds
    of kilobytes of Markdown, seconds each to render). The dirty build rebuilds a page whose
    Markdown is newer than its HTML, so for the first round the HTML of those big pages is
    dated after their Markdown; the round ends, the browser reloads, and the stamp is touched
    to start the second round, which dates them back so they are rebuilt."""

    def __init__(self, docs_dir: Path, site_dir: Path, directory_urls: bool) -> None:
        self.docs_dir, self.site_dir, self.directory_urls = docs_dir, site_dir, directory_urls
        self.waiting: list[Path] = []

    def _dest(self, source: Path) -> Path:
        from mkdocs.structure.files import File

        rel = source.relative_to(self.docs_dir).as_posix()
        made = File(rel, str(self.docs_dir), str(self.site_dir), self.directory_urls)
        return Path(made.abs_dest_path)

    def hold_back(self) -> None:
        """Date the HTML of every big page that changed after its Markdown."""
        for parent, _, names in os.walk(self.docs_dir):
            for name in names:
                source = Path(parent, name)
                if not name.endswith(".md") or source.stat().st_size < BIG_PAGE_BYTES:
                    continue
                dest = self._dest(source)
                try:
                    if dest.stat().st_mtime >= source.stat().st_mtime:
                        continue
                except FileNotFoundError:
                    continue  # a new page is built at once
                later = source.stat().st_mtime + 1
                os.utime(dest, (later, later))
                self.waiting.append(dest)

    def release(self) -> bool:
        """Date the held-back pages before their Markdown; whether there were any."""
        for dest in self.waiting:
            with suppress(FileNotFoundError):
                os.utime(dest, (0, 0))
        released, self.waiting = bool(self.waiting), []
        return released


def run(config_file: Path, host: str, port: int, stamp_dir: Path) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    _read_every_page()
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
    postponed: Postponed | None = None

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        if serve_url:
            config.site_url = serve_url
        _keep_compiled(config)
        return config

    def builder(config: MkDocsConfig | None = None) -> None:
        nonlocal last_layout, postponed
        try:
            config = config or get_config()
            custom = config.theme.custom_dir
            layout = _layout_signature(config_file, Path(custom) if custom else None)
            dirty = layout == last_layout
            if postponed is None:
                docs = Path(config.docs_dir)
                postponed = Postponed(docs, Path(site_dir), config.use_directory_urls)
            second_round = postponed.release()
            if dirty and not second_round:
                postponed.hold_back()
            if second_round:
                INTERRUPT.watch(stamp_dir / EDIT_STAMP)
            try:
                build(config, serve_url=serve_url, dirty=dirty)
            finally:
                INTERRUPT.stop()
            last_layout = layout
            if postponed.waiting:
                (stamp_dir / "postponed").write_text(f"{time.time_ns()}\n", encoding="utf-8")
        except Superseded:
            # The pages not rendered are still older than their Markdown: the next round,
            # which the edit's stamp starts, holds them back again behind the edited page.
            pass
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
