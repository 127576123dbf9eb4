"""Using the machine well: work on a second core, and no garbage collection during bounded work.

The engine runs on one core; the machines we build on have at least two. A forked child sees
everything already loaded (no arguments to pickle) and sends back only its result.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from generator.errors import BuildError

T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for work that makes many objects and few cycles.

    Generation and the link check allocate hundreds of thousands of short-lived objects; each
    collection also walks everything the engine left alive, which cost a tenth of their time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_IN_ONE_PROCESS = threading.Event()


@contextmanager
def in_one_process() -> Iterator[None]:
    """Run everything here, forking nothing: ``pathways serve`` generates once this way first,
    so that what stays in memory for later regenerations (compiled templates) is made here and
    each forked child starts with it, instead of making it anew and throwing it away."""
    _IN_ONE_PROCESS.set()
    try:
        yield
    finally:
        _IN_ONE_PROCESS.clear()


def can_fork() -> bool:
    """Forking is safe here: Linux (macOS system libraries may not survive a fork), more than
    one core, and this process runs a single thread."""
    return (
        not _IN_ONE_PROCESS.is_set()
        and sys.platform.startswith("linux")
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


class Child(Generic[T]):
    """``fn()`` in a forked child; where forking is not safe, ``fn()`` runs at ``result``."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn: Callable[[], T] | None = fn
        self._pid = 0
        self._read = -1
        if not can_fork():
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which leaves with os._exit
            os.close(read)
            _run_child(fn, write)
        os.close(write)
        self._pid, self._read, self._fn = pid, read, None

    def result(self) -> T:
        """Wait for the result; an exception raised in the child is raised here."""
        if self._fn is not None:
            fn, self._fn = self._fn, None
            return fn()
        if not self._pid:
            raise RuntimeError("the result was already taken")
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if not data:
            raise BuildError(f"a build process ended without a result (status {status})")
        try:
            ok, value = pickle.loads(data)
        except Exception as exc:
            raise BuildError(f"a build process sent back what could not be read: {exc}") from None
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def ready(self) -> bool:
        """Whether ``result`` would return at once (always, where ``fn`` runs there)."""
        if not self._pid:
            return True
        readable, _, _ = select.select([self._read], [], [], 0)
        return bool(readable)

    def cancel(self) -> None:
        """Stop the child if its result was never taken."""
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except ProcessLookupError:  # pragma: no cover - already gone
                pass
            os.close(self._read)
            self._pid = 0
        self._fn = None

    def __enter__(self) -> Child[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


def _run_child(fn: Callable[[], object], write: int) -> None:  # pragma: no cover - child only
    try:
        try:
            outcome: tuple[bool, object] = (True, fn())
        except BaseException as exc:  # every failure goes back to the parent
            outcome = (False, exc)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an unpicklable failure still says what it was
            data = pickle.dumps((False, BuildError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)
