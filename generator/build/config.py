"""The engine's configuration: the root's ``mkdocs.yml`` plus what the generator knows.

The result is written as a plain ``mkdocs.yml`` next to the generated Markdown, so any engine
that reads that format (MkDocs, Zensical) can build it without our code.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence as Listed
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from generator import urls
from generator.addresses import site_address_problem
from generator.build.engine import ENGINE_SITE, MKDOCS, ZENSICAL
from generator.errors import Location, Problems, relative_name
from generator.load.nodes import Entry, Mapping, Node, Scalar, Sequence, to_plain
from generator.load.yaml_loader import Dialect, implicit_value, parse_yaml_text, read_content_file
from generator.render.theme import THEME_SCRIPTS

DEFAULTS_NAME = "generator/defaults/mkdocs.yml"
"""The packaged settings every root starts from, as its problems would name it."""
OVERRIDES_DIR = "site_overrides"
"""A root's own theme overrides, unless its configuration names another ``theme.custom_dir``."""

# MkDocs' own plugin and those Material ships: a build with only these runs no outside code.
MKDOCS_PLUGINS = frozenset({"search"})
MATERIAL_PLUGINS = frozenset(
    {
        "search",
        "tags",
        "blog",
        "social",
        "offline",
        "privacy",
        "meta",
        "info",
        "group",
        "optimize",
        "typeset",
        "projects",
    }
)


def _env(node: Node, problems: Problems) -> Node:
    """MkDocs' ``!ENV``: ``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, the first variable
    that is set, read as an unquoted YAML value; else the default (or null)."""
    if isinstance(node, Mapping):
        problems.error(
            "bad-env",
            node.loc,
            "'!ENV' takes the name of an environment variable, or a list of names with a "
            "default value last",
        )
        return Scalar(node.loc, None, None)
    if isinstance(node, Scalar):
        names: tuple[Node, ...] = (node,)
        default: Node = Scalar(node.loc, None, None)
    elif len(node.items) > 1:
        names, default = node.items[:-1], node.items[-1]
    else:
        names, default = node.items, Scalar(node.loc, None, None)
    for name in names:
        if not isinstance(name, Scalar) or not isinstance(name.value, str):
            problems.error("bad-env", name.loc, "'!ENV' names an environment variable as text")
            continue
        if name.value in os.environ:
            return Scalar(node.loc, implicit_value(os.environ[name.value]), None)
    return default


def _relative(node: Node, problems: Problems) -> Node:
    problems.error(
        "relative-tag",
        node.loc,
        "'!relative' is not supported: the engine reads the configuration the generator writes "
        "into build/, so a path relative to it would point elsewhere; write the path out",
    )
    return Scalar(node.loc, None, None)


# MkDocs reads its configuration with a loader that runs Python tags; the generator reads it,
# and every file it inherits, with the content loader instead, and hands the engine one file
# with nothing left to resolve.
CONFIG_YAML = Dialect(
    tags={"!ENV": _env, "!relative": _relative}, where="the engine configuration (only '!ENV' is)"
)


def packaged_defaults(problems: Problems) -> Mapping:
    """The generator's own engine settings, read with the same safe loader as a root's."""
    text = resources.files("generator").joinpath("defaults/mkdocs.yml").read_text("utf-8")
    parsed = parse_yaml_text(text, DEFAULTS_NAME, problems, CONFIG_YAML)
    if isinstance(parsed.node, Mapping):
        return parsed.node
    problems.error("bad-config", Location(DEFAULTS_NAME), "the packaged settings are unreadable")
    return Mapping(Location(DEFAULTS_NAME), ())


def _root_config(root: Path, problems: Problems) -> Mapping | None:
    """The root's ``mkdocs.yml`` with its ``INHERIT`` chain, an empty mapping when it has none,
    None when it cannot be read (the problems say why)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return Mapping(Location("mkdocs.yml"), ())
    return load_config_chain(path, root, problems)


def read_config(root: Path, problems: Problems) -> tuple[dict[str, Any], Path]:
    """The root's own configuration, its ``INHERIT`` chain merged in exactly as MkDocs reads it
    (empty without a ``mkdocs.yml``), and the folder its relative paths are relative to. Hooks
    and outside plugins are reported as warnings."""
    config = _root_config(root, problems)
    if config is None:
        return {}, root
    report_engine_code(config, problems)
    return to_plain(config), root


def site_config(root: Path, problems: Problems) -> tuple[dict[str, Any], Path]:
    """What a build uses: the packaged defaults with the root's configuration merged over them
    as one more ``INHERIT`` layer, and the folder its relative paths are relative to."""
    config = site_mapping(root, problems)
    if config is None:
        return {}, root
    report_engine_code(config, problems)
    _check_custom_dir(config, root, problems)
    _check_site_url(config, problems)
    return to_plain(config), root


def site_mapping(root: Path, problems: Problems) -> Mapping | None:
    """``site_config`` with every value still located: where each setting comes from."""
    own = _root_config(root, problems)
    if own is None:
        return None
    return merge_config(packaged_defaults(problems), _theme_as_mapping(own))


def _check_site_url(config: Mapping, problems: Problems) -> None:
    """The engine prints ``site_url`` into every page as it is (canonical links, the sitemap),
    and the handbook and the embed snippets carry it: it must need no escaping anywhere."""
    node = config.get("site_url")
    if not isinstance(node, Scalar) or node.value is None or node.value == "":
        return
    if isinstance(node.value, str):
        problem = site_address_problem(node.value)
    else:
        problem = f"{node.value!r} is not an http(s) address such as https://guidance.example.org/"
    if problem:
        problems.error("bad-site-url", node.loc, f"site_url {problem}")


def _theme_as_mapping(config: Mapping) -> Mapping:
    """``theme: material`` read as ``theme: {name: material}``: replacing the whole packaged
    theme for a name would silently drop its palette and features, the accessible colours
    among them."""
    entry = config.entry("theme")
    if entry is None or not isinstance(entry.value, Scalar):
        return config
    if not isinstance(entry.value.value, str):
        return config
    theme = Mapping(entry.value.loc, (Entry("name", entry.value.loc, entry.value),))
    entries = tuple(Entry(e.key, e.key_loc, theme) if e is entry else e for e in config.entries)
    return Mapping(config.loc, entries)


def _check_custom_dir(config: Mapping, root: Path, problems: Problems) -> None:
    theme = config.get("theme")
    node = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    if node is None:
        return
    if not isinstance(node, Scalar) or not isinstance(node.value, str) or not node.value:
        problems.error(
            "bad-config", node.loc, "must be the path of a folder of overrides", "theme.custom_dir"
        )
        return
    if not (root / node.value).is_dir():
        message = (
            f"'{node.value}' is not a folder; the theme overrides are read from there "
            f"(without theme.custom_dir, from {OVERRIDES_DIR}/ when there is one)"
        )
        problems.error("custom-dir-missing", node.loc, message, "theme.custom_dir")


def own_overrides(config: dict[str, Any], base_dir: Path) -> Path:
    """The root's own overrides folder (it may not exist): ``theme.custom_dir`` if the root's
    configuration names one, else ``site_overrides/``."""
    theme = config.get("theme")
    named = theme.get("custom_dir") if isinstance(theme, dict) else None
    return base_dir / (named if isinstance(named, str) and named else OVERRIDES_DIR)


def _read_one(path: Path, root: Path, problems: Problems) -> Mapping | None:
    name = relative_name(path.as_posix(), root.as_posix())
    text = read_content_file(path, name, problems)
    if text is None:
        return None
    parsed = parse_yaml_text(text, name, problems, CONFIG_YAML)
    if parsed.empty:
        return Mapping(Location(name), ())
    if parsed.node is None:
        return None
    if not isinstance(parsed.node, Mapping):
        problems.error("bad-config", parsed.node.loc, "the engine configuration must be a mapping")
        return None
    return parsed.node


def _inherited(
    entry: Entry, current: Path, chain: list[Path], root: Path, problems: Problems
) -> Path | None:
    """The file ``INHERIT`` names, resolved as MkDocs does: from the folder of the file that
    names it. None after recording why it cannot be read."""
    value = entry.value
    if not isinstance(value, Scalar) or not isinstance(value.value, str) or not value.value:
        problems.error(
            "bad-inherit", value.loc, "must be the path of another mkdocs.yml file", "INHERIT"
        )
        return None
    target = Path(os.path.normpath(current.parent / value.value))
    shown = relative_name(target.as_posix(), root.as_posix())
    if not target.exists():
        message = f"'{value.value}' does not exist (looked for {shown})"
        problems.error("inherit-missing", value.loc, message, "INHERIT")
        return None
    if not target.is_file():
        message = f"'{value.value}' is not a file ({shown})"
        problems.error("inherit-missing", value.loc, message, "INHERIT")
        return None
    resolved = target.resolve()
    if resolved in (p.resolve() for p in chain):
        names = [relative_name(p.as_posix(), root.as_posix()) for p in (*chain, target)]
        message = f"'{value.value}' is already in the chain ({' -> '.join(names)}); remove the loop"
        problems.error("inherit-loop", value.loc, message, "INHERIT")
        return None
    return target


def load_config_chain(path: Path, root: Path, problems: Problems) -> Mapping | None:
    """``path`` read safely with every file it inherits, merged the way MkDocs merges them:
    the inheriting file's keys win and mappings present in both are merged key by key.
    None when ``path`` itself cannot be read (the problems say why)."""
    path, root = path.absolute(), root.absolute()
    layers: list[Mapping] = []
    chain: list[Path] = []
    current: Path | None = path
    while current is not None:
        chain.append(current)
        node = _read_one(current, root, problems)
        if node is None:
            break
        entry = node.entry("INHERIT")
        layers.append(Mapping(node.loc, tuple(e for e in node.entries if e.key != "INHERIT")))
        current = None if entry is None else _inherited(entry, current, chain, root, problems)
    if not layers:
        return None
    merged = layers[-1]
    for layer in reversed(layers[:-1]):
        merged = merge_config(merged, layer)
    return merged


def config_files(root: Path) -> list[Path]:
    """The root's ``mkdocs.yml`` and every file its ``INHERIT`` chain names, as far as they can
    be read (``check`` reports the rest): what a preview watches besides the content."""
    current: Path | None = (root / "mkdocs.yml").absolute()
    chain: list[Path] = []
    problems = Problems()
    while current is not None and current.is_file():
        chain.append(current)
        node = _read_one(current, root.absolute(), problems)
        entry = node.entry("INHERIT") if node is not None else None
        current = None if entry is None else _inherited(entry, current, chain, root, problems)
    return chain


def merge_config(parent: Mapping, child: Mapping) -> Mapping:
    """``child`` over ``parent`` as MkDocs' ``mergedeep.merge(parent, child)``: keys keep the
    parent's order, new keys follow, and only mapping-over-mapping merges deeper."""
    entries = {entry.key: entry for entry in parent.entries}
    for entry in child.entries:
        old = entries.get(entry.key)
        if old is not None and isinstance(old.value, Mapping) and isinstance(entry.value, Mapping):
            entry = Entry(entry.key, entry.key_loc, merge_config(old.value, entry.value))
        entries[entry.key] = entry
    return Mapping(child.loc, tuple(entries.values()))


def _theme_name(config: Mapping) -> str:
    theme = config.get("theme")
    if isinstance(theme, Mapping):
        theme = theme.get("name")
    if isinstance(theme, Scalar) and isinstance(theme.value, str):
        return theme.value
    # The engine configuration falls back to Material when no theme is named.
    return "material"


def _is_known_plugin(name: str, theme: str) -> bool:
    if name.startswith("/"):
        return name[1:] in MKDOCS_PLUGINS
    namespace, _, plugin = name.rpartition("/")
    if namespace:
        return namespace == "material" and plugin in MATERIAL_PLUGINS
    # A bare name means the theme's plugin of that name when the theme has one.
    return name in MKDOCS_PLUGINS or (theme == "material" and name in MATERIAL_PLUGINS)


def _plugin_names(node: Node, problems: Problems) -> list[tuple[str, Location]]:
    if isinstance(node, Mapping):
        return [(entry.key, entry.key_loc) for entry in node.entries]
    if isinstance(node, Scalar) and node.value is None:
        return []
    if isinstance(node, Scalar):
        problems.error("bad-config", node.loc, "must be a list of plugins", "plugins")
        return []
    names: list[tuple[str, Location]] = []
    for item in node.items:
        if isinstance(item, Scalar) and isinstance(item.value, str):
            names.append((item.value, item.loc))
        elif isinstance(item, Mapping) and len(item.entries) == 1:
            names.append((item.entries[0].key, item.entries[0].key_loc))
        else:
            message = "each plugin is a name, or a mapping of one name to its options"
            problems.error("bad-config", item.loc, message, "plugins")
    return names


def report_engine_code(config: Mapping, problems: Problems) -> None:
    """Warn about everything in the configuration that makes the engine run code: hooks, and
    plugins that are neither MkDocs' own nor Material's."""
    hooks = config.get("hooks")
    if isinstance(hooks, Sequence):
        for item in hooks.items:
            if isinstance(item, Scalar) and isinstance(item.value, str):
                message = f"'{item.value}' runs Python code during the build"
                problems.warning("config-hook", item.loc, message, "hooks")
            else:
                message = "each hook must be the path of a Python file"
                problems.error("bad-config", item.loc, message, "hooks")
    elif hooks is not None and not (isinstance(hooks, Scalar) and hooks.value is None):
        problems.error("bad-config", hooks.loc, "must be a list of Python files", "hooks")
    plugins = config.get("plugins")
    if plugins is None:
        return
    theme = _theme_name(config)
    for name, loc in _plugin_names(plugins, problems):
        if not _is_known_plugin(name, theme):
            message = (
                f"'{name}' is not part of MkDocs or Material: it runs third-party code during "
                "the build, and engines other than MkDocs ignore it"
            )
            problems.warning("config-plugin", loc, message, "plugins")


def engine_config(
    base: dict[str, Any],
    base_dir: Path,
    *,
    docs_dir: Path,
    site_dir: Path,
    overrides_dir: Path,
    nav: list[Any],
    site_name: str,
    description: str,
    language: str,
    site_url: str | None,
    permalink_title: str | None = None,
    engine: str = MKDOCS,
    config_dir: Path,
    scripts: Listed[str] = (),
    engine_site: str = ENGINE_SITE,
) -> dict[str, Any]:
    """Everything the engine needs. ``overrides_dir`` is the folder where the packaged overrides
    and the root's own were laid one over the other: an engine reads a single ``custom_dir``.

    The folders are named relative to ``config_dir``, where the configuration is written: MkDocs
    reads them from there, and Zensical refuses an absolute ``docs_dir`` and a ``site_dir``
    outside that folder, so for Zensical the site goes to its own folder inside it."""
    config = dict(base)
    given = config.get("theme") or "material"
    theme = {"name": given} if isinstance(given, str) else dict(given)
    theme["custom_dir"] = _relative_to(overrides_dir, config_dir)
    if engine == ZENSICAL:
        # Zensical's own look differs from Material's; the accessible stylesheet is made for
        # Material's, which Zensical calls classic.
        theme.setdefault("variant", "classic")
    # The engine reads the written file from another folder; hooks stay where the root's
    # mkdocs.yml names them, as MkDocs would find them.
    hooks = config.get("hooks")
    if isinstance(hooks, list):
        config["hooks"] = [
            str((base_dir / h).resolve()) if isinstance(h, str) else h for h in hooks
        ]
    theme["language"] = language
    theme.setdefault("font", False)
    config["theme"] = theme
    # The engine writes these into HTML as they are.
    config["site_name"] = html.escape(site_name)
    config["site_description"] = html.escape(description)
    config["docs_dir"] = _relative_to(docs_dir, config_dir)
    if engine == ZENSICAL:
        config["site_dir"] = engine_site
    elif site_dir.resolve().is_relative_to(config_dir.resolve().parent):
        config["site_dir"] = _relative_to(site_dir, config_dir)
    else:
        config["site_dir"] = site_dir.resolve().as_posix()
    config["nav"] = nav
    extra = config.get("extra_javascript")
    config["extra_javascript"] = [
        *(extra if isinstance(extra, list) else []),
        *THEME_SCRIPTS,
        *scripts,
    ]
    if site_url:
        config["site_url"] = site_url
    config.setdefault("use_directory_urls", True)
    if permalink_title:
        _title_permalinks(config, permalink_title)
    # The no-JavaScript steps of a decision tree are reached by their links, not the menu.
    config["not_in_nav"] = "".join(
        f"/{urls.TREE_DIR}/*/{step}/*.md\n" for step in (urls.QUESTIONS_DIR, urls.OUTCOMES_DIR)
    )
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


def _relative_to(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def _title_permalinks(config: dict[str, Any], title: str) -> None:
    """Give the headings' permalinks a tooltip in the site's language, where none is set."""
    extensions = config.get("markdown_extensions")
    if not isinstance(extensions, list):
        return
    titled = []
    for entry in extensions:
        toc = entry.get("toc") if isinstance(entry, dict) else None
        if isinstance(toc, dict) and toc.get("permalink") and "permalink_title" not in toc:
            entry = {**entry, "toc": {**toc, "permalink_title": title}}
        titled.append(entry)
    config["markdown_extensions"] = titled


def write_config(path: Path, config: dict[str, Any]) -> bool:
    """Write ``config`` as YAML; return whether the file changed."""
    text = (
        "# Written by the pathways generator from its defaults, mkdocs.yml and the content. "
        "Do not edit.\n"
    )
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text += yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
