"""``pathways serve``: a live preview that keeps up with typing.

This process watches the content and regenerates after each edit, writing only the files whose
bytes changed; it runs no other thread, so generation may share its work with forked children.
The engine serves the site from a second process and rebuilds only the pages that changed: for
MkDocs ``generator.build.preview_engine`` (MkDocs' dirty build, started by a stamp file this
process touches), for Zensical ``zensical serve`` (which watches the Markdown itself). While the
content has errors every page shows them in a banner, and the pages keep the last good version.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from generator.build.config import config_files, own_overrides, site_config
from generator.build.engine import MKDOCS, require_engine, zensical_command
from generator.build.output import LOCK_NAME, claim_generated_folder, exclusive
from generator.build.pdf import HandbookFiles
from generator.build.preview_engine import EDIT_STAMP
from generator.build.site import GENERATED_DIR, Generated, generate
from generator.errors import BuildError, ContentError, PathwaysError, Problems, Severity
from generator.parallel import Child, in_one_process
from generator.render.preview import PREVIEW_PROBLEMS, problems_json
from generator.validate.content import keep_reads

POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.03
"""An editor may save in steps (write, then rename): wait this long for the folder to settle."""
FORK_WORTH_ITEMS = 300
STAMP_DIR = "preview"
"""Inside the generated folder: the stamp the MkDocs preview process watches."""
START_SECONDS = 600.0
"""The first build of a large site takes a while; the engine must be serving within this."""

Snapshot = dict[str, tuple[int, int]]
CONTENT_FOLDERS = ("content/", "decision_trees/")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Watched:
    """The content folders and the theme overrides, ``mkdocs.yml`` and every file it inherits;
    those that do not exist yet are watched for when they do."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]

    @classmethod
    def of(cls, root: Path) -> Watched:
        base, base_dir = site_config(root, Problems())
        folders = (root / "content", root / "decision_trees", own_overrides(base, base_dir))
        return cls(folders, (root / "mkdocs.yml", *config_files(root)[1:]))

    @property
    def paths(self) -> list[Path]:
        return [*self.folders, *self.files]

    def describe(self, root: Path) -> str:
        names = [os.path.relpath(p, root) + "/" for p in self.folders]
        return ", ".join(names + [os.path.relpath(p, root) for p in self.files])


def _scan(path: Path, seen: Snapshot) -> None:
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        _scan(Path(entry.path), seen)
                    else:
                        stat = entry.stat()
                        seen[entry.path] = (stat.st_mtime_ns, stat.st_size)
                except OSError:
                    seen[entry.path] = (-1, -1)  # there, but unreadable now
    except NotADirectoryError:
        stat = path.stat()
        seen[str(path)] = (stat.st_mtime_ns, stat.st_size)


def snapshot(paths: list[Path]) -> Snapshot:
    seen: Snapshot = {}
    for path in paths:
        try:
            _scan(path, seen)
        except FileNotFoundError:
            continue
        except OSError:
            seen[str(path)] = (-1, -1)
    return seen


def changed_files(before: Snapshot, now: Snapshot, root: Path) -> list[str]:
    names = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
    return sorted(os.path.relpath(p, root) for p in names)


@dataclass
class Preview:
    """The preview's state between edits."""

    root: Path
    engine: str
    language: str | None = None
    """The language previewed; None for the content's own."""
    failing: bool = False
    warnings: list[str] = field(default_factory=list)
    forking: bool = False
    handbook: Child[HandbookFiles] | None = None
    """The handbook of the last regeneration, while it is being made."""
    """Whether regenerating shares its work with forked processes: only for a large site, where
    it saves more than starting the processes costs (for the shipped content, forking made each
    edit several times slower)."""

    @property
    def generated(self) -> Path:
        return self.root / GENERATED_DIR

    def generate(self) -> tuple[Generated, float]:
        """Regenerate, and have the engine show it; also the seconds until the pages were
        written. The handbook, one page made from all the content, is made after them, while
        the engine rebuilds the pages: ``finish_handbook`` writes it when it is ready."""
        self.drop_handbook()
        started = time.perf_counter()
        with exclusive(self.generated / LOCK_NAME, str(self.generated)):
            with nullcontext() if self.forking else in_one_process():
                result = generate(
                    self.root,
                    self.root / "site",
                    engine=self.engine,
                    preview=True,
                    handbook_aside=True,
                    preview_language=self.language,
                )
            took = time.perf_counter() - started
            self.touch_stamp()
        self.handbook = result.handbook_later
        warnings = [p.format() for p in result.problems.sorted()]
        if warnings != self.warnings:
            for line in warnings:
                _say(line)
        self.warnings = warnings
        return result, took

    def finish_handbook(self, wait: bool = False) -> None:
        """Write the handbook once it is made (``wait``: until it is). Waiting for it after
        each edit held the next edit back by as long as making it takes, a second at 1,000
        pathways; an edit that comes first drops it, since regenerating makes it again."""
        later = self.handbook
        if later is None or not (wait or later.ready()):
            return
        self.handbook = None
        try:
            with exclusive(self.generated / LOCK_NAME, str(self.generated)):
                if write_changed(self.generated / "docs", later.result().files):
                    # Not the edit's stamp, which would stop the engine rendering the pages
                    # it held back for the edited page.
                    self.touch_stamp("handbook")
        except (PathwaysError, OSError) as exc:
            _say(f"error: the handbook: {exc}; the preview keeps the last one")
        finally:
            later.cancel()

    def drop_handbook(self) -> None:
        if self.handbook is not None:
            self.handbook.cancel()
            self.handbook = None

    def show_problems(self, problems: Problems) -> None:
        """Print the errors, and put them where the banner on every page reads them."""
        lines = [p.format() for p in problems.sorted()]
        for line in lines:
            _say(line)
        _say("the preview keeps the last good version until these are fixed")
        errors = [p.format() for p in problems.sorted() if p.severity is Severity.ERROR]
        target = self.generated / "docs" / PREVIEW_PROBLEMS
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(problems_json(errors), encoding="utf-8")
        os.replace(tmp, target)
        self.warnings = []

    def touch_stamp(self, name: str = EDIT_STAMP) -> None:
        stamp = self.generated / STAMP_DIR / name
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(f"{time.time_ns()}\n", encoding="utf-8")

    def regenerate(self, edited: list[str]) -> bool:
        """Regenerate after an edit; False when it could not, so the next poll tries again."""
        try:
            result, took = self.generate()
        except ContentError as exc:
            self.show_problems(exc.problems)
            self.failing = True
            self.drop_handbook()
            self.touch_stamp()
            return True
        except (PathwaysError, OSError) as exc:
            _say(f"error: {exc}; the preview keeps the last good version")
            return False
        except Exception as exc:
            # The watcher must outlive any one bad edit; the next good one brings the preview back.
            _say(f"error: {type(exc).__name__}: {exc}; the preview keeps the last good version")
            return False
        files = len(result.written)
        what = f"{files} file{'s' if files != 1 else ''} regenerated in {took:.2f} s"
        if self.failing:
            _say(f"fixed: {what}; the preview shows the content again")
        else:
            _say(f"{', '.join(edited[:3])}{' ...' if len(edited) > 3 else ''}: {what}")
        self.failing = False
        return True


def write_changed(folder: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Write those of ``files`` whose bytes differ from what ``folder`` holds."""
    written = []
    for rel, data in files.items():
        raw = data.encode("utf-8") if isinstance(data, str) else data
        target = folder / rel
        try:
            if target.read_bytes() == raw:
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(raw)
        os.replace(tmp, target)
        written.append(rel)
    return written


def _check_address(host: str, port: int, dev_addr: str) -> None:
    """Fail at once, in our words, when the address cannot be served on."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        raise BuildError(f"cannot serve on {dev_addr}: {exc.strerror or exc}") from None


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _engine_process(preview: Preview, dev_addr: str) -> subprocess.Popen[bytes]:
    config_file = preview.generated / "mkdocs.yml"
    if preview.engine == MKDOCS:
        stamp = preview.generated / STAMP_DIR
        stamp.mkdir(parents=True, exist_ok=True)
        module = "generator.build.preview_engine"
        command = [sys.executable, "-m", module, str(config_file), dev_addr, str(stamp)]
    else:
        command = zensical_command(config_file, "serve", "--dev-addr", dev_addr)
    try:
        return subprocess.Popen(command, cwd=preview.generated, stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise BuildError(f"cannot start the {preview.engine} engine: {exc.strerror}") from None


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(
    process: subprocess.Popen[bytes], engine: str, host: str, port: int
) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not _listening(host, port):
        if process.poll() is not None:
            raise BuildError(f"the {engine} engine stopped (exit {process.returncode})")
        if time.monotonic() > deadline:
            raise BuildError(f"the engine is not serving after {START_SECONDS:.0f} s")
        time.sleep(0.05)


def serve(root: Path, dev_addr: str, engine: str = MKDOCS, language: str | None = None) -> None:
    """Generate, start the engine's server, then regenerate after each edit until stopped."""
    require_engine(engine)
    root = root.resolve()
    host, _, port_text = dev_addr.rpartition(":")
    host, port = host.strip("[]"), int(port_text)
    _check_address(host, port, dev_addr)
    claim_generated_folder(root / GENERATED_DIR)
    preview = Preview(root, engine, language)
    keep_reads()
    watched = Watched.of(root)
    before = snapshot(watched.paths)
    # The first time in one process, so what is kept for later (compiled templates, parsed
    # files) is made here, where every forked process starts from it.
    result, _ = preview.generate()
    preview.finish_handbook(wait=True)
    c = result.content
    preview.forking = len(c.pathways) + len(c.supports) + len(c.statutes) > FORK_WORTH_ITEMS
    _say(f"building the preview with {engine} ...")
    process = _engine_process(preview, dev_addr)
    try:
        _wait_until_serving(process, engine, host, port)
        mount = urlsplit(result.site_url or "/").path.lstrip("/") + result.sites[0].folder
        print(f"serving http://{dev_addr}/{mount} (engine: {engine})", flush=True)
        print(f"watching {watched.describe(root)}; press Ctrl-C to stop", flush=True)
        _watch(preview, watched, before, process)
    finally:
        preview.drop_handbook()
        _stop(process)


def _watch(
    preview: Preview, watched: Watched, before: Snapshot, process: subprocess.Popen[bytes]
) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if process.poll() is not None:
            raise BuildError(f"the preview's engine stopped (exit {process.returncode})")
        now = snapshot(watched.paths)
        if now == before:
            preview.finish_handbook()
            continue
        time.sleep(SETTLE_SECONDS)
        now = snapshot(watched.paths)
        edited = changed_files(before, now, preview.root)
        if not preview.regenerate(edited):
            continue
        before = now
        # An edit to the settings may name another overrides folder or INHERIT another file.
        if not all(name.startswith(CONTENT_FOLDERS) for name in edited):
            fresh = Watched.of(preview.root)
            if fresh != watched:
                watched = fresh
                before = snapshot(watched.paths)
