"""The installed package alone makes a whole site: a wheel installed into a fresh virtual
environment builds a root that holds only content, and starts a new site, outside the
repository, with the packaged look."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

STYLESHEET = "assets/stylesheets/pathways.css"
SITE_URL = "https://guidance.example.org/"


@dataclass(frozen=True)
class Installed:
    venv: Path
    work: Path
    """A folder outside the repository to run the installed commands in."""

    def run(self, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        return subprocess.run(
            [str(self.venv / "bin" / "pathways"), *map(str, args)],
            cwd=cwd or self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


def _run(args: Sequence[str | Path], cwd: Path) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The package built as a wheel from a copy of its sources and installed into a new virtual
    environment. The dependencies come from this test run's environment through a ``.pth``
    file, so nothing is downloaded again; ``generator`` itself comes only from the wheel."""
    base = tmp_path_factory.mktemp("wheel")
    assert not base.is_relative_to(REPO)
    # A copy, so that the wheel's own build folder never lands in the repository's build/.
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", source, "-w", wheels], base)
    (wheel,) = wheels.glob("pathways-*.whl")

    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], base)
    python = venv / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel],
        base,
    )
    purelib = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], base).strip()
    )
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    # A plain path line: the folder joins sys.path after the new environment's own, and its
    # own .pth files (the editable install of this checkout among them) are not run.
    (purelib / "_pathways_test_dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in sorted(ours)), "utf-8"
    )
    work = base / "work"
    work.mkdir()
    located = _run([python, "-c", "import generator; print(generator.__file__)"], work)
    assert Path(located.strip()).is_relative_to(venv)
    return Installed(venv, work)


def test_the_wheel_carries_the_defaults_the_overrides_and_the_starter(
    installed: Installed,
) -> None:
    package = next((installed.venv / "lib").glob("python3*/site-packages/generator"))
    for rel in (
        "defaults/mkdocs.yml",
        f"theme/overrides/{STYLESHEET}",
        "starter/mkdocs.yml",
        "starter/gitignore",
        "starter/content/site.yml",
        "starter/decision_trees/find-your-pathway.yml",
    ):
        assert (package / rel).is_file(), rel
    assert (package / f"theme/overrides/{STYLESHEET}").read_bytes() == (
        REPO / f"generator/theme/overrides/{STYLESHEET}"
    ).read_bytes()


def test_a_root_with_only_content_builds_from_the_wheel(installed: Installed) -> None:
    root = installed.work / "bare"
    root.mkdir()
    for name in ("content", "decision_trees"):
        shutil.copytree(REPO / name, root / name)
    done = installed.run("build", "--no-pdf", "--site-url", SITE_URL, cwd=root)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    site = root / "site"
    assert (site / STYLESHEET).read_bytes() == (
        REPO / f"generator/theme/overrides/{STYLESHEET}"
    ).read_bytes()
    home = (site / "index.html").read_text("utf-8")
    assert 'href="assets/stylesheets/pathways.css"' in home
    assert 'data-md-color-primary="custom"' in home
    written = (root / "build/mkdocs.yml").read_text("utf-8")
    assert str(REPO) not in written
    assert "custom_dir: overrides\n" in written  # build/overrides, from build/
    assert (root / "build/overrides" / STYLESHEET).is_file()


def test_new_from_the_wheel_checks_and_builds(installed: Installed) -> None:
    made = installed.run("new", "started")
    assert made.returncode == 0, made.stderr
    root = installed.work / "started"
    checked = installed.run("check", cwd=root)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.endswith("(0 errors, 0 warnings)\n")
    assert checked.stderr == ""
    built = installed.run("build", "--no-pdf", cwd=root)
    assert built.returncode == 0, built.stderr
    assert (root / "site" / STYLESHEET).is_file()
    assert "Example program guidance" in (root / "site/index.html").read_text("utf-8")
    assert str(REPO) not in (root / "build/mkdocs.yml").read_text("utf-8")
