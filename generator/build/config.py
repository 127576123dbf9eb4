"""The engine's configuration: the root's ``mkdocs.yml`` plus what the generator knows.

The result is written as a plain ``mkdocs.yml`` next to the generated Markdown, so any engine
that reads that format (MkDocs, Zensical) can build it without our code.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Location, Problems, relative_name
from generator.render.theme import THEME_SCRIPTS

PROJECT_DIR = Path(__file__).resolve().parents[2]

FALLBACK_CONFIG: dict[str, Any] = {
    "theme": {
        "name": "material",
        "font": False,
        "features": ["navigation.sections", "navigation.indexes"],
    },
    "markdown_extensions": ["abbr", "attr_list", "md_in_html", "tables", "toc"],
    "plugins": ["search"],
}


def default_config_file() -> Path | None:
    """The generator's own ``mkdocs.yml``, used for a root that has none."""
    candidate = PROJECT_DIR / "mkdocs.yml"
    return candidate if candidate.is_file() else None


def read_config(root: Path, problems: Problems) -> tuple[dict[str, Any], Path]:
    """The root's configuration and the folder its relative paths are relative to."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        fallback = default_config_file()
        if fallback is None:
            return dict(FALLBACK_CONFIG), root
        path = fallback
    name = relative_name(path.as_posix(), root.as_posix())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(
            "bad-config",
            Location(name, line, col),
            f"cannot read the engine configuration: {exc.problem}",
        )
        return {}, path.parent
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.error(
            "bad-config",
            Location(name, 1, 1),
            f"cannot read the engine configuration: {exc}",
        )
        return {}, path.parent
    if not isinstance(data, dict):
        problems.error(
            "bad-config",
            Location(name, 1, 1),
            "the engine configuration must be a mapping",
        )
        return {}, path.parent
    return data, path.parent


def engine_config(
    base: dict[str, Any],
    base_dir: Path,
    *,
    docs_dir: Path,
    site_dir: Path,
    nav: list[Any],
    site_name: str,
    description: str,
    language: str,
    site_url: str | None,
) -> dict[str, Any]:
    """Everything the engine needs, with every path absolute."""
    config = dict(base)
    theme = dict(config.get("theme") or {"name": "material"})
    if isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str((base_dir / theme["custom_dir"]).resolve())
    theme["language"] = language
    theme.setdefault("font", False)
    config["theme"] = theme
    # The engine writes these into HTML as they are.
    config["site_name"] = html.escape(site_name)
    config["site_description"] = html.escape(description)
    config["docs_dir"] = str(docs_dir.resolve())
    config["site_dir"] = str(site_dir.resolve())
    config["nav"] = nav
    extra = config.get("extra_javascript")
    config["extra_javascript"] = [*(extra if isinstance(extra, list) else []), *THEME_SCRIPTS]
    if site_url:
        config["site_url"] = site_url
    config.setdefault("use_directory_urls", True)
    # The no-JavaScript steps of a decision tree are reached by their links, not the menu.
    config["not_in_nav"] = "/find/*/q/*.md\n/find/*/result/*.md\n"
    config["validation"] = {
        "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "info"},
        "links": {
            "not_found": "warn",
            "anchors": "warn",
            "absolute_links": "info",
            "unrecognized_links": "warn",
        },
    }
    return config


def write_config(path: Path, config: dict[str, Any]) -> bool:
    """Write ``config`` as YAML; return whether the file changed."""
    text = "# Written by the pathways generator from mkdocs.yml and the content. Do not edit.\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text += yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
