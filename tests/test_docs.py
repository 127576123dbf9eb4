"""The README documents every command and option of the command line."""

from __future__ import annotations

import argparse

import pytest

from generator.cli import _parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


COMMANDS = _commands()


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name: str) -> None:
    assert f"pathways {name}" in README


@pytest.mark.parametrize(
    ("name", "option"),
    [
        (name, option)
        for name, sub in COMMANDS.items()
        for action in sub._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ],
)
def test_option_is_documented(name: str, option: str) -> None:
    line = next(line for line in README.splitlines() if line.startswith(f"| `pathways {name}"))
    assert option in line, f"`pathways {name}` {option} is missing from the README's command table"
