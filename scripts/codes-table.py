"""Rewrite the table of problem codes in README.md from generator/codes.py."""

from __future__ import annotations

import re
from pathlib import Path

from generator.codes import CODES

README = Path(__file__).resolve().parents[1] / "README.md"
HEAD = "| code | severity | what it means |\n| --- | --- | --- |\n"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    rows = "".join(f"| `{c.name}` | {c.severity} | {c.about} |\n" for c in CODES.values())
    table = re.compile(re.escape(HEAD) + r"(?:\|.*\|\n)*")
    if not table.search(text):
        raise SystemExit("README.md has no table of problem codes")
    README.write_text(table.sub(lambda _: HEAD + rows, text, count=1), encoding="utf-8")


if __name__ == "__main__":
    main()
