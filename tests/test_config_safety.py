"""The engine configuration is read as safely as content: every ``INHERIT``ed file by the
generator's own loader, with the same limits, and code the engine would run is named."""

from __future__ import annotations

import json
import textwrap
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from generator.build.config import read_config, site_config
from generator.errors import Problems
from tests.conftest import REPO, ProjectFactory
from tests.test_cli import run

SITE_URL = "site_url: https://guidance.example.org/\n"
TAG_REFUSED = "is not allowed in the engine configuration (only '!ENV' is)"


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """``pathways check``: the exit status and the problem lines it printed."""
    status = run(["check", "--root", root])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, [line for line in err.splitlines() if not line.startswith("check failed")]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- code in YAML tags ----------------------------------------------------------------------


def payload(marker: Path) -> str:
    return f'evil: !!python/object/apply:builtins.open ["{marker}", "w"]\n'


def test_the_payload_runs_under_the_engines_own_loader(tmp_path: Path) -> None:
    # Without this, the tests below could pass on a payload that never worked.
    marker = tmp_path / "ran"
    yaml.load(payload(marker), Loader=get_yaml_loader())
    assert marker.exists()


@pytest.mark.parametrize("how", ["relative", "absolute", "root"])
def test_a_python_tag_in_the_configuration_is_refused_and_nothing_runs(
    tmp_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    marker = tmp_path / "ran"
    shared = write(tmp_path / "shared" / "base.yml", "site_name: x\n" + payload(marker))
    inherit = {"relative": "../shared/base.yml", "absolute": str(shared)}.get(how)
    if inherit is None:
        config = SITE_URL + payload(marker)
        where = "mkdocs.yml:2:7"
    else:
        config = f"INHERIT: {inherit}\n{SITE_URL}"
        where = f"{shared}:2:7"
    root = tmp_project({"mkdocs.yml": config})
    expected = (
        f"{where}: error[tag-not-allowed]: tag '!!python/object/apply:builtins.open' {TAG_REFUSED}"
    )

    assert check(root, capsys) == (1, [expected])
    out = tmp_path / "out"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 1
    assert expected in capsys.readouterr().err.splitlines()
    assert not marker.exists()
    assert not out.exists()
    assert not (root / "build" / "mkdocs.yml").exists()


def test_the_relative_tag_is_a_located_error(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"mkdocs.yml": SITE_URL + "extra:\n  base: !relative $config_dir\n"})
    assert check(root, capsys) == (
        1,
        [
            "mkdocs.yml:3:19: error[relative-tag]: '!relative' is not supported: the engine reads the "
            "configuration the generator writes into build/, so a path relative to it would "
            "point elsewhere; write the path out"
        ],
    )


# --- the loader's limits --------------------------------------------------------------------


def alias_bomb(levels: int = 12) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_mkdocs_yml_fails_fast_with_a_located_error(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"mkdocs.yml": SITE_URL + "extra:\n" + textwrap.indent(alias_bomb(), "  ")})
    expected = (
        "mkdocs.yml:8:12: error[alias-bomb]: too many values after expanding aliases (more than 100000); "
        "is this an alias bomb?"
    )
    started = time.monotonic()
    assert check(root, capsys) == (1, [expected])
    out = tmp_path / "out"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 1
    # Only a guard against a hang: the refusal itself takes milliseconds.
    assert time.monotonic() - started < 5
    assert expected in capsys.readouterr().err.splitlines()
    assert not out.exists()


def test_deep_nesting_in_an_inherited_file_is_refused(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "project" / "deep.yml", "extra: " + "[" * 500 + "]" * 500 + "\n")
    root = tmp_project({"mkdocs.yml": "INHERIT: deep.yml\n" + SITE_URL})
    assert check(root, capsys) == (
        1,
        ["deep.yml:1:107: error[too-deep]: values are nested too deeply (more than 100 levels)"],
    )


def test_duplicate_keys_in_mkdocs_yml_are_errors(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"mkdocs.yml": SITE_URL + "site_name: a\nsite_name: b\n"})
    assert check(root, capsys) == (
        1,
        ["mkdocs.yml:3:1: error[duplicate-key]: duplicate key 'site_name' (first at line 2)"],
    )


# --- INHERIT --------------------------------------------------------------------------------


def test_build_resolves_a_relative_inherit_from_the_root_not_the_current_folder(
    tmp_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shared = write(
        tmp_path / "shared" / "base.yml",
        """\
        INHERIT: defaults.yml
        site_url: !ENV [PATHWAYS_TEST_SITE_URL, "https://fallback.example.org/"]
        copyright: Inherited copyright line
        hooks:
          - hooks/quiet.py
        """,
    )
    write(
        tmp_path / "shared" / "defaults.yml",
        """\
        theme:
          name: material
          features: [navigation.sections]
        plugins:
          - search
        """,
    )
    tmp_project(
        {
            "mkdocs.yml": "INHERIT: ../shared/base.yml\ntheme:\n  font: false\n",
            # Found only if hooks resolve from the root's mkdocs.yml, as MkDocs resolves them.
            "hooks/quiet.py": "# A hook that does nothing.\n",
        }
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("PATHWAYS_TEST_SITE_URL", "https://from-the-environment.example.org/")

    assert run(["build", "--root", "../project", "--out", "../out", "--no-pdf"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        f"{shared}:5:5: warning[config-hook]: hooks: 'hooks/quiet.py' runs Python code during the build"
        in err.splitlines()
    )
    written = yaml.safe_load((tmp_path / "project/build/mkdocs.yml").read_text("utf-8"))
    assert "INHERIT" not in written
    assert written["site_url"] == "https://from-the-environment.example.org/"
    assert written["theme"]["features"] == ["navigation.sections"]
    assert written["hooks"] == [str(tmp_path / "project/hooks/quiet.py")]
    home = (tmp_path / "out/index.html").read_text("utf-8")
    assert "Inherited copyright line" in home
    assert 'href="https://from-the-environment.example.org/"' in home


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"mkdocs.yml": "INHERIT: base.yml\n"},
            "mkdocs.yml:1:10: error[inherit-missing]: INHERIT: 'base.yml' does not exist (looked for base.yml)",
        ),
        (
            {"mkdocs.yml": "INHERIT: ../nowhere/base.yml\n"},
            "mkdocs.yml:1:10: error[inherit-missing]: INHERIT: '../nowhere/base.yml' does not exist "
            "(looked for {tmp}/nowhere/base.yml)",
        ),
        (
            {"mkdocs.yml": "INHERIT: content\n"},
            "mkdocs.yml:1:10: error[inherit-missing]: INHERIT: 'content' is not a file (content)",
        ),
        (
            {"mkdocs.yml": "INHERIT: ./mkdocs.yml\n"},
            "mkdocs.yml:1:10: error[inherit-loop]: INHERIT: './mkdocs.yml' is already in the chain "
            "(mkdocs.yml -> mkdocs.yml); remove the loop",
        ),
        (
            {
                "mkdocs.yml": "INHERIT: config/a.yml\n",
                "config/a.yml": "site_name: a\nINHERIT: b.yml\n",
                "config/b.yml": "INHERIT: ../mkdocs.yml\n",
            },
            "config/b.yml:1:10: error[inherit-loop]: INHERIT: '../mkdocs.yml' is already in the chain "
            "(mkdocs.yml -> config/a.yml -> config/b.yml -> mkdocs.yml); remove the loop",
        ),
        (
            {"mkdocs.yml": "INHERIT: [a.yml, b.yml]\n"},
            "mkdocs.yml:1:10: error[bad-inherit]: INHERIT: must be the path of another mkdocs.yml file",
        ),
        (
            {"mkdocs.yml": "INHERIT:\n"},
            "mkdocs.yml:1:9: error[bad-inherit]: INHERIT: must be the path of another mkdocs.yml file",
        ),
        (
            {"mkdocs.yml": "INHERIT: base.yml\n", "base.yml": "- a list\n"},
            "base.yml:1:1: error[bad-config]: the engine configuration must be a mapping",
        ),
    ],
    ids=["missing", "missing-outside", "folder", "itself", "loop", "not-text", "empty", "list"],
)
def test_an_unusable_inherit_is_a_located_error(
    tmp_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    expected: str,
) -> None:
    root = tmp_project(files)
    assert check(root, capsys) == (1, [expected.format(tmp=tmp_path)])
    out = tmp_path / "out"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 1
    assert not out.exists()


CHAIN = {
    "mkdocs.yml": """\
        INHERIT: config/team.yml
        site_name: Child
        theme:
          palette:
            primary: custom
          features: [toc.follow]
        extra:
          analytics:
            property: !ENV PATHWAYS_TEST_PROPERTY
          note: !ENV [PATHWAYS_TEST_UNSET, PATHWAYS_TEST_COUNT, "fallback"]
        markdown_extensions:
          - toc:
              permalink: true
        """,
    "config/team.yml": """\
        INHERIT: ../../org/base.yml
        copyright: Team
        use_directory_urls: !ENV [PATHWAYS_TEST_UNSET, true]
        theme:
          palette:
            accent: custom
          features: [navigation.top, navigation.sections]
        extra:
          analytics:
            provider: none
          team: [a, b]
        """,
    "../org/base.yml": """\
        site_name: Base
        site_url: https://guidance.example.org/
        theme:
          name: material
          font: false
          palette:
            primary: indigo
        extra:
          org: true
        markdown_extensions:
          - abbr
          - attr_list
        plugins:
          - search
        """,
}


@pytest.fixture
def chain(tmp_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PATHWAYS_TEST_PROPERTY", "G-123")
    monkeypatch.setenv("PATHWAYS_TEST_COUNT", "42")
    monkeypatch.delenv("PATHWAYS_TEST_UNSET", raising=False)
    root = tmp_project({**CHAIN, "docs/index.md": "# Home\n"}, minimal=False)
    return root


def in_order(value: Any) -> str:
    """A form that differs when keys come in another order."""
    return json.dumps(value, default=str)


def test_the_merged_chain_is_what_mkdocs_itself_reads(chain: Path) -> None:
    problems = Problems()
    ours, base_dir = read_config(chain, problems)
    assert problems.items == []
    assert base_dir == chain
    with (chain / "mkdocs.yml").open("rb") as handle:
        theirs = yaml_load(handle)
    assert in_order(ours) == in_order(theirs)
    assert ours["extra"] == {
        "org": True,
        "analytics": {"provider": "none", "property": "G-123"},
        "team": ["a", "b"],
        "note": 42,
    }


def test_the_merged_chain_validates_as_mkdocs_validates_the_chain(chain: Path) -> None:
    ours, _ = read_config(chain, Problems())
    merged = chain / "merged.yml"
    merged.write_text(yaml.safe_dump(ours, sort_keys=False), encoding="utf-8")
    theirs, mine = load_config(str(chain / "mkdocs.yml")), load_config(str(merged))
    for key in (
        "site_name",
        "site_url",
        "copyright",
        "use_directory_urls",
        "extra",
        "markdown_extensions",
        "mdx_configs",
        "docs_dir",
    ):
        assert mine[key] == theirs[key], key
    assert dict(mine["theme"].items()) == dict(theirs["theme"].items())
    assert list(mine["plugins"]) == list(theirs["plugins"])


@pytest.mark.parametrize(
    ("text", "environment", "expected"),
    [
        ("!ENV PATHWAYS_TEST_A", {"PATHWAYS_TEST_A": "text"}, "text"),
        ("!ENV PATHWAYS_TEST_A", {}, None),
        ("!ENV [PATHWAYS_TEST_A]", {"PATHWAYS_TEST_A": "8000"}, 8000),
        ("!ENV [PATHWAYS_TEST_A, false]", {}, False),
        ("!ENV [PATHWAYS_TEST_A, false]", {"PATHWAYS_TEST_A": "true"}, True),
        ("!ENV [PATHWAYS_TEST_A, PATHWAYS_TEST_B, x]", {"PATHWAYS_TEST_B": "b"}, "b"),
        ("!ENV [PATHWAYS_TEST_A, PATHWAYS_TEST_B, [1, 2]]", {}, [1, 2]),
        ("!ENV []", {}, None),
        ("!ENV [PATHWAYS_TEST_A, x]", {"PATHWAYS_TEST_A": ""}, None),
        ("!ENV [PATHWAYS_TEST_A, x]", {"PATHWAYS_TEST_A": "2026-11-27"}, "2026-11-27"),
    ],
)
def test_env_gives_what_mkdocs_gives(
    tmp_project: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    environment: dict[str, str],
    expected: object,
) -> None:
    for name in ("PATHWAYS_TEST_A", "PATHWAYS_TEST_B"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    root = tmp_project({"mkdocs.yml": f"extra:\n  value: {text}\n"}, minimal=False)
    problems = Problems()
    ours = read_config(root, problems)[0]["extra"]["value"]
    assert problems.items == []
    with (root / "mkdocs.yml").open("rb") as handle:
        theirs = yaml_load(handle)["extra"]["value"]
    assert in_order(ours) == in_order(theirs)
    assert in_order(ours) == in_order(expected)


def test_env_misuse_is_a_located_error(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(
        {
            "mkdocs.yml": SITE_URL
            + "extra:\n  a: !ENV {name: X}\n  b: !ENV [[X], default]\n  !ENV c: 1\n"
        }
    )
    assert check(root, capsys) == (
        1,
        [
            "mkdocs.yml:3:6: error[bad-env]: '!ENV' takes the name of an environment variable, or a "
            "list of names with a default value last",
            "mkdocs.yml:4:12: error[bad-env]: '!ENV' names an environment variable as text",
            "mkdocs.yml:5:3: error[tag-not-allowed]: tag '!ENV' cannot be used on a key; remove it",
        ],
    )


def test_content_files_still_refuse_the_configuration_tags(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"content/glossary.yml": "terms: !ENV [PATHWAYS_TEST_TERMS, []]\n"})
    status, lines = check(root, capsys)
    assert status == 1
    assert (
        "content/glossary.yml:1:8: error[tag-not-allowed]: tag '!ENV' is not allowed in content files"
        in lines
    )


def test_a_root_without_mkdocs_yml_reads_the_packaged_defaults_through_the_same_loader(
    tmp_project: ProjectFactory,
) -> None:
    root = tmp_project()
    problems = Problems()
    config, base_dir = site_config(root, problems)
    assert problems.items == []
    assert base_dir == root
    packaged = resources.files("generator").joinpath("defaults/mkdocs.yml").read_text("utf-8")
    assert config == yaml.safe_load(packaged)
    # The root's own configuration, as MkDocs would read it, is empty.
    assert read_config(root, Problems()) == ({}, root)


# --- code the engine runs -------------------------------------------------------------------

PLUGIN_WARNING = (
    "is not part of MkDocs or Material: it runs third-party code during the build, and engines "
    "other than MkDocs ignore it"
)


def test_hooks_are_named_by_check(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"mkdocs.yml": SITE_URL + "hooks:\n  - hooks/a.py\n  - /opt/b.py\n"})
    status = run(["check", "--root", root])
    out, err = capsys.readouterr()
    assert status == 0
    assert err.splitlines() == [
        "mkdocs.yml:3:5: warning[config-hook]: hooks: 'hooks/a.py' runs Python code during the build",
        "mkdocs.yml:4:5: warning[config-hook]: hooks: '/opt/b.py' runs Python code during the build",
    ]
    assert out.endswith("(0 errors, 2 warnings)\n")


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        (
            "plugins:\n  - search\n  - foo\n",
            ["mkdocs.yml:4:5: warning[config-plugin]: plugins: 'foo'"],
        ),
        (
            "plugins:\n  - foo:\n      enabled: false\n  - bar: {}\n",
            [
                "mkdocs.yml:3:5: warning[config-plugin]: plugins: 'foo'",
                "mkdocs.yml:5:5: warning[config-plugin]: plugins: 'bar'",
            ],
        ),
        (
            "plugins:\n  search: {}\n  foo:\n",
            ["mkdocs.yml:4:3: warning[config-plugin]: plugins: 'foo'"],
        ),
        ("plugins: [/tags]\n", ["mkdocs.yml:2:11: warning[config-plugin]: plugins: '/tags'"]),
        (
            "plugins: [material/foo]\n",
            ["mkdocs.yml:2:11: warning[config-plugin]: plugins: 'material/foo'"],
        ),
        (
            "plugins: [other/search]\n",
            ["mkdocs.yml:2:11: warning[config-plugin]: plugins: 'other/search'"],
        ),
        (
            "theme:\n  name: mkdocs\nplugins: [search, tags]\n",
            ["mkdocs.yml:4:19: warning[config-plugin]: plugins: 'tags'"],
        ),
    ],
    ids=["list", "with-options", "mapping", "unnamespaced", "material-unknown", "other", "theme"],
)
def test_plugins_outside_mkdocs_and_material_are_named_by_check(
    tmp_project: ProjectFactory,
    capsys: pytest.CaptureFixture[str],
    plugins: str,
    expected: list[str],
) -> None:
    root = tmp_project({"mkdocs.yml": SITE_URL + plugins})
    assert check(root, capsys) == (0, [f"{line} {PLUGIN_WARNING}" for line in expected])


KNOWN = [
    "search",
    "/search",
    "material/search",
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
    "material/blog",
]


@pytest.mark.parametrize("form", ["list", "options", "mapping"])
def test_plugins_of_mkdocs_and_material_are_not_reported(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    if form == "list":
        plugins = "".join(f"  - {name}\n" for name in KNOWN)
    elif form == "options":
        plugins = "".join(f"  - {name}:\n      enabled: false\n" for name in KNOWN)
    else:
        plugins = "".join(f"  {name}: {{}}\n" for name in KNOWN)
    root = tmp_project({"mkdocs.yml": SITE_URL + "theme: material\nplugins:\n" + plugins})
    assert check(root, capsys) == (0, [])


def test_the_plugins_that_run_are_those_left_after_the_merge(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    # The root's list replaces the inherited one, as in MkDocs, so 'foo' never runs.
    root = tmp_project(
        {
            "mkdocs.yml": "INHERIT: base.yml\nplugins: [search, bar]\n",
            "base.yml": SITE_URL + "plugins: [foo]\nhooks: [x.py]\n",
        }
    )
    assert check(root, capsys) == (
        0,
        [
            "base.yml:3:9: warning[config-hook]: hooks: 'x.py' runs Python code during the build",
            f"mkdocs.yml:2:19: warning[config-plugin]: plugins: 'bar' {PLUGIN_WARNING}",
        ],
    )


def test_malformed_hooks_and_plugins_are_errors(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(
        {"mkdocs.yml": SITE_URL + "hooks: x.py\nplugins:\n  - [search]\n  - {a: 1, b: 2}\n"}
    )
    assert check(root, capsys) == (
        1,
        [
            "mkdocs.yml:2:8: error[bad-config]: hooks: must be a list of Python files",
            "mkdocs.yml:4:5: error[bad-config]: plugins: each plugin is a name, or a mapping of one name "
            "to its options",
            "mkdocs.yml:5:5: error[bad-config]: plugins: each plugin is a name, or a mapping of one name "
            "to its options",
        ],
    )


def test_the_shipped_configuration_runs_nothing_else() -> None:
    problems = Problems()
    read_config(REPO, problems)
    assert problems.items == []
