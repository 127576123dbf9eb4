"""The interface's words in each language: a locale must have every word the first one has."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

REFERENCE = "en"
"""The locale every other is compared with: the generator's own words are written in it."""

COUNTED = frozenset({"numbers"})
"""Lists whose length is the locale's own choice (how far it spells numbers out)."""


def packaged() -> Any:
    """The generator's own folder of locales."""
    return resources.files("generator").joinpath("locales")


def available(folder: Any = None) -> list[str]:
    folder = folder or packaged()
    return sorted(p.name.removesuffix(".yml") for p in folder.iterdir() if p.name.endswith(".yml"))


@cache
def read_locale(language: str, folder: Any = None) -> dict[str, Any] | None:
    path = (folder or packaged()).joinpath(f"{language}.yml")
    if not path.is_file():
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    table = yaml.load(path.read_text("utf-8"), Loader=loader)
    return table if isinstance(table, dict) else {}


def missing_keys(table: dict[str, Any], reference: dict[str, Any], prefix: str = "") -> list[str]:
    """The dotted keys ``reference`` has and ``table`` lacks, or holds in another shape."""
    missing: list[str] = []
    for key, want in reference.items():
        name = f"{prefix}{key}"
        have = table.get(key)
        if isinstance(want, dict):
            if isinstance(have, dict):
                missing += missing_keys(have, want, f"{name}.")
            else:
                missing.append(name)
        elif isinstance(want, list):
            if not isinstance(have, list) or (key not in COUNTED and len(have) != len(want)):
                missing.append(name)
        elif not isinstance(have, str | int | float) or isinstance(have, bool):
            missing.append(name)
    return missing


def locale_problem(language: str, folder: Any = None) -> str | None:
    """Why the site cannot be published in ``language``, or None when it can."""
    table = read_locale(language, folder)
    if table is None:
        return (
            f"the site cannot be published in '{language}': the generator has no words for it "
            f"(no generator/locales/{language}.yml); languages it has: "
            f"{', '.join(available(folder))}"
        )
    reference = read_locale(REFERENCE, folder) or {}
    missing = missing_keys(table, reference)
    if not missing:
        return None
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return (
        f"the site cannot be published in '{language}': generator/locales/{language}.yml lacks "
        f"{len(missing)} of the interface's words ({shown}), which would show in "
        f"{REFERENCE} on pages labelled '{language}'"
    )
