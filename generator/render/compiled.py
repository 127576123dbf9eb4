"""Compiled templates kept for the life of the process.

A build renders with each template environment once, but ``pathways serve`` makes new ones
after every edit, and compiling the templates again took most of the time of regenerating a
small site. Jinja keys each entry by the template's name and checks its source, so an edited
template is compiled again.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()
"""Shared by every environment of the generator (and, in the preview, the engine's)."""
