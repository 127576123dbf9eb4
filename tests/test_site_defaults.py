"""The default look ships in the package: a root needs only its content, and its own
``mkdocs.yml`` and ``site_overrides/`` are laid over the packaged settings and overrides."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.build.config import site_config
from generator.build.packaged import packaged_files
from generator.build.site import generate
from generator.errors import Problems
from tests.conftest import REPO, TODAY, ProjectFactory
from tests.test_cli import run
from tests.test_config_safety import check

STYLESHEET = "assets/stylesheets/pathways.css"
PACKAGED_CSS = packaged_files("theme/overrides")[STYLESHEET]


def settings(root: Path) -> dict[str, object]:
    problems = Problems()
    config, _ = site_config(root, problems)
    assert problems.items == []
    return config


def test_a_root_with_only_its_content_builds_with_the_packaged_look(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project()
    assert sorted(p.name for p in root.iterdir()) == ["content"]
    out = tmp_path / "out"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    assert (out / STYLESHEET).read_bytes() == PACKAGED_CSS
    assert b"--md-primary-fg-color: var(--pw-blue)" in PACKAGED_CSS
    home = (out / "index.html").read_text("utf-8")
    assert 'href="assets/stylesheets/pathways.css"' in home
    assert 'data-md-color-primary="custom"' in home
    written_text = (root / "build/mkdocs.yml").read_text("utf-8")
    assert str(REPO) not in written_text
    written = yaml.safe_load(written_text)
    assert written["theme"]["custom_dir"] == "overrides"  # build/overrides, from build/
    assert written["theme"]["font"] is False
    assert written["extra_css"] == [STYLESHEET]


def test_the_roots_settings_win_mappings_merge_and_lists_replace(
    tmp_project: ProjectFactory,
) -> None:
    root = tmp_project(
        {
            "mkdocs.yml": """\
                site_url: https://guidance.example.org/
                theme:
                  palette:
                    primary: indigo
                  features: [toc.follow]
                extra:
                  analytics: none
                markdown_extensions: [abbr, admonition]
                """
        }
    )
    config = settings(root)
    assert config["site_url"] == "https://guidance.example.org/"
    assert config["theme"] == {
        "name": "material",
        "font": False,
        "palette": {"scheme": "default", "primary": "indigo", "accent": "custom"},
        "features": ["toc.follow"],
    }
    assert config["extra"] == {"generator": False, "analytics": "none"}
    assert config["markdown_extensions"] == ["abbr", "admonition"]
    assert config["extra_css"] == [STYLESHEET]
    assert config["plugins"] == ["search"]


def test_a_theme_given_by_name_keeps_the_packaged_theme_settings(
    tmp_project: ProjectFactory,
) -> None:
    packaged = settings(tmp_project())["theme"]
    root = tmp_project({"mkdocs.yml": "theme: material\n"})
    assert settings(root)["theme"] == packaged


def test_an_inherited_file_is_merged_before_the_defaults(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    shared = tmp_path / "shared.yml"
    shared.write_text("copyright: Shared\nextra_css: [house.css]\n", "utf-8")
    root = tmp_project({"mkdocs.yml": f"INHERIT: {shared}\ntheme:\n  font: true\n"})
    config = settings(root)
    assert config["copyright"] == "Shared"
    assert config["extra_css"] == ["house.css"]
    assert config["theme"]["font"] is True  # type: ignore[index]
    assert config["theme"]["palette"]["primary"] == "custom"  # type: ignore[index]


def overrides(root: Path) -> dict[str, bytes]:
    folder = root / "build/overrides"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_site_overrides_shadow_the_packaged_ones_file_by_file(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    own_css = b":root { --pw-blue: #123456; }\n"
    main = (
        '{% extends "base.html" %}\n{% block announce %}<p>Our own announcement</p>{% endblock %}\n'
    )
    root = tmp_project(
        {
            f"site_overrides/{STYLESHEET}": own_css.decode(),
            "site_overrides/main.html": main,
            "site_overrides/assets/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        }
    )
    out = tmp_path / "out"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    assert (out / STYLESHEET).read_bytes() == own_css
    assert (out / "assets/images/logo.svg").is_file()
    assert "<p>Our own announcement</p>" in (out / "index.html").read_text("utf-8")
    assert set(overrides(root)) == {*packaged_files("theme/overrides"), "main.html"} | {
        "assets/images/logo.svg"
    }


def test_the_merged_overrides_change_only_with_their_sources(
    tmp_project: ProjectFactory,
) -> None:
    root = tmp_project({"site_overrides/main.html": '{% extends "base.html" %}\n'})
    generate(root, root / "site", today=TODAY)
    folder = root / "build/overrides"
    stamps = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    # Times in the past, so that a rewrite would show even on a coarse clock.
    for path in stamps:
        os.utime(path, ns=(1, 1))
    generate(root, root / "site", today=TODAY)
    assert all(path.stat().st_mtime_ns == 1 for path in stamps)

    # A root's file taken away brings the packaged one back; its own extra files go.
    (root / f"site_overrides/{STYLESHEET}").parent.mkdir(parents=True)
    (root / f"site_overrides/{STYLESHEET}").write_bytes(b"/* ours */\n")
    generate(root, root / "site", today=TODAY)
    assert overrides(root)[STYLESHEET] == b"/* ours */\n"
    (root / f"site_overrides/{STYLESHEET}").unlink()
    (root / "site_overrides/main.html").unlink()
    generate(root, root / "site", today=TODAY)
    assert overrides(root) == packaged_files("theme/overrides")


def test_a_custom_dir_in_mkdocs_yml_names_the_roots_overrides(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project(
        {
            "mkdocs.yml": "theme:\n  custom_dir: theme\n",
            f"theme/{STYLESHEET}": "/* from theme/ */\n",
            f"site_overrides/{STYLESHEET}": "/* not read */\n",
        }
    )
    generate(root, root / "site", today=TODAY)
    assert overrides(root)[STYLESHEET] == b"/* from theme/ */\n"
    written = yaml.safe_load((root / "build/mkdocs.yml").read_text("utf-8"))
    assert written["theme"]["custom_dir"] == "overrides"  # build/overrides, from build/


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "nowhere",
            "mkdocs.yml:2:15: error[custom-dir-missing]: theme.custom_dir: 'nowhere' is not a folder; the theme "
            "overrides are read from there (without theme.custom_dir, from site_overrides/ when "
            "there is one)",
        ),
        (
            "[a, b]",
            "mkdocs.yml:2:15: error[bad-config]: theme.custom_dir: must be the path of a folder of overrides",
        ),
    ],
    ids=["missing", "not-a-path"],
)
def test_an_unusable_custom_dir_is_a_located_error(
    tmp_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    value: str,
    message: str,
) -> None:
    root = tmp_project({"mkdocs.yml": f"theme:\n  custom_dir: {value}\n"})
    assert check(root, capsys) == (1, [message])
    out = tmp_path / "out"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 1
    assert not out.exists()


def repeated(own: object, packaged: object, path: str = "") -> list[str]:
    """Settings in ``own`` that say what ``packaged`` already says."""
    if isinstance(own, dict) and isinstance(packaged, dict):
        return [
            found
            for key, value in own.items()
            if key in packaged
            for found in repeated(value, packaged[key], f"{path}{key}.")
        ]
    return [path.rstrip(".")] if own == packaged else []


def test_the_repositorys_own_settings_repeat_nothing_the_defaults_say() -> None:
    own = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8")) or {}
    packaged = yaml.safe_load(packaged_files("defaults")["mkdocs.yml"])
    assert packaged
    assert repeated(own, packaged) == []
