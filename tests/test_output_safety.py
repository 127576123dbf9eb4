"""A build never deletes what it did not make: the output folder, locks, modes, file system
errors, and what file discovery passes over. Every case runs through the real command line."""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.build.output import MANIFEST, exclusive, start_staging
from generator.cli import main
from tests.conftest import REPO, ProjectFactory

CLI = (sys.executable, "-m", "generator")


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every folder, so a test can prove nothing changed."""
    out: dict[str, bytes | str] = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        out[rel] = path.read_bytes() if path.is_file() and not path.is_symlink() else "folder"
    return out


def run(*args: str, cwd: Path = REPO, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=120, **kwargs
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single line of stderr a refused command prints, with no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def project(tmp_project: ProjectFactory) -> Path:
    return tmp_project()


@pytest.fixture
def built(project: Path, tmp_path: Path) -> Path:
    """A site the CLI has built once (without the PDF)."""
    out = tmp_path / "site"
    assert main(["build", "--root", str(project), "--out", str(out), "--no-pdf"]) == 0
    return out


# --- The output folder ---------------------------------------------------------------------


def _refusals(project: Path, tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Each refused --out, with the words the refusal must contain."""
    other = tmp_path / "not-ours"
    other.mkdir()
    (other / "keep.txt").write_text("precious")
    (other / ".git").mkdir()
    (other / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    return {
        "empty": ("", "--out is empty"),
        "file system root": ("/", "root of the file system"),
        "project root": (str(project), "it is the project folder"),
        "current folder": (".", "it is the current folder"),
        "contains the current folder": ("..", "it contains the current folder"),
        "contains the project": (str(project.parent), "contains the project folder"),
        "content": (str(project / "content"), "inside the project's content/ folder"),
        "inside content": (str(project / "content" / "site"), "inside the project's content/"),
        "decision_trees": (str(project / "decision_trees"), "decision_trees/"),
        "site_overrides": (str(project / "site_overrides"), "site_overrides/"),
        "build": (str(project / "build"), "inside the project's build/ folder"),
        "build/docs": (str(project / "build" / "docs"), "inside the project's build/ folder"),
        "a file": (str(a_file), "it is not a folder"),
        "folder no build made": (str(other), "no build made it"),
        "mount point": ("/proc", "mount point"),
    }


REFUSED = [
    "empty",
    "file system root",
    "project root",
    "current folder",
    "contains the current folder",
    "contains the project",
    "content",
    "inside content",
    "decision_trees",
    "site_overrides",
    "build",
    "build/docs",
    "a file",
    "folder no build made",
    "mount point",
]


@pytest.mark.parametrize("case", REFUSED)
def test_refused_output_exits_2_and_touches_nothing(
    project: Path, tmp_path: Path, case: str
) -> None:
    (project / "decision_trees").mkdir(exist_ok=True)
    (project / "site_overrides").mkdir(exist_ok=True)
    work = tmp_path / "work" / "here"
    work.mkdir(parents=True)
    (work / "notes.txt").write_text("mine")
    out, words = _refusals(project, tmp_path)[case]
    before = snapshot(tmp_path)
    result = run("build", "--root", str(project), "--out", out, "--no-pdf", cwd=work)
    assert result.returncode == 2, result.stderr
    line = one_line_error(result)
    assert line.startswith("pathways build: error: ")
    assert words in line
    assert snapshot(tmp_path) == before


def test_home_folder_is_refused(project: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    result = run(
        "build", "--root", str(project), "--out", str(home), env={**os.environ, "HOME": str(home)}
    )
    assert result.returncode == 2
    assert "it is your home folder" in one_line_error(result)
    assert (home / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]


def test_empty_and_missing_folders_are_built_into(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (empty, tmp_path / "new" / "nested"):
        assert main(["build", "--root", str(project), "--out", str(out), "--no-pdf"]) == 0
        assert (out / "index.html").is_file()
        manifest = json.loads((out / MANIFEST).read_text())
        assert manifest["made_by"] == "pathways"
        assert "index.html" in manifest["files"]


def test_a_link_to_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "looks-harmless"
    link.symlink_to(project)
    result = run("build", "--root", str(project), "--out", str(link), "--no-pdf")
    assert result.returncode == 2
    assert "it is the project folder" in one_line_error(result)


def test_foreign_file_in_a_built_site_is_refused_then_kept_by_setting(
    project: Path, built: Path
) -> None:
    for name, data in (("keep.txt", "notes"), ("CNAME", "guidance.example.org\n")):
        (built / name).write_text(data)
    (built / ".well-known").mkdir()
    (built / ".well-known" / "security.txt").write_text("Contact: mailto:a@example.org\n")
    before = snapshot(built)
    args = ["build", "--root", str(project), "--out", str(built), "--no-pdf"]
    result = run(*args)
    assert result.returncode == 2
    line = one_line_error(result)
    assert ".well-known, .well-known/security.txt, CNAME, keep.txt" in line
    assert "keep_in_output" in line
    assert snapshot(built) == before

    site_yml = project / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text() + "keep_in_output: [CNAME, keep.txt, .well-known/]\n")
    assert run(*args).returncode == 0
    assert (built / "CNAME").read_text() == "guidance.example.org\n"
    assert (built / "keep.txt").read_text() == "notes"
    assert (built / ".well-known" / "security.txt").read_text().startswith("Contact:")
    # Kept again by the next build, which finds them listed nowhere but in the setting.
    assert run(*args).returncode == 0
    assert (built / "CNAME").is_file()


def test_kept_name_the_build_writes_itself_fails_and_keeps_the_site(
    project: Path, built: Path
) -> None:
    site_yml = project / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text() + "keep_in_output: [index.html]\n")
    before = snapshot(built)
    result = run("build", "--root", str(project), "--out", str(built), "--no-pdf")
    assert result.returncode == 1
    assert "the build itself writes 'index.html'" in result.stderr
    assert snapshot(built) == before


@pytest.mark.parametrize("bad", ["../outside", "/etc", "a/../b", "./x", "a b"])
def test_keep_in_output_must_name_something_inside(project: Path, bad: str) -> None:
    site_yml = project / "content" / "site.yml"
    line = len(site_yml.read_text().splitlines()) + 1
    site_yml.write_text(site_yml.read_text() + f"keep_in_output: ['{bad}']\n")
    result = run("check", "--root", str(project))
    assert result.returncode == 1
    assert f"content/site.yml:{line}:18: error[bad-format]: keep_in_output[0]:" in result.stderr


def test_output_has_ordinary_modes(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run(
        "build",
        "--root",
        str(project),
        "--out",
        str(out),
        "--no-pdf",
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    modes = {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_dir()}
    modes.add(stat.S_IMODE(out.stat().st_mode))
    assert modes == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()} == {0o644}


def test_unmarked_old_folder_in_the_way_is_not_removed(project: Path, built: Path) -> None:
    in_the_way = built.with_name(f".{built.name}.old")
    in_the_way.mkdir()
    (in_the_way / "mine.txt").write_text("mine")
    before = snapshot(built)
    result = run("build", "--root", str(project), "--out", str(built), "--no-pdf")
    assert result.returncode == 1
    assert "is in the way" in result.stderr
    assert (in_the_way / "mine.txt").read_text() == "mine"
    assert snapshot(built) == before


def test_a_build_folder_of_the_projects_own_is_not_emptied(project: Path, tmp_path: Path) -> None:
    (project / "build").mkdir()
    (project / "build" / "wheel.whl").write_text("not ours")
    result = run("build", "--root", str(project), "--out", str(tmp_path / "s"), "--no-pdf")
    assert result.returncode == 1
    assert "was not made by pathways" in one_line_error(result)
    assert sorted(p.name for p in (project / "build").iterdir()) == ["wheel.whl"]


# --- Two builds at once --------------------------------------------------------------------


def test_second_build_is_refused_while_one_holds_the_output(project: Path, built: Path) -> None:
    before = snapshot(built)
    running_staging = built.with_name(f".{built.name}.building-running")
    running_staging.mkdir()
    start_staging(running_staging)
    lock = built.with_name(f".{built.name}.lock")
    with exclusive(lock, str(built)):
        result = run("build", "--root", str(project), "--out", str(built), "--no-pdf")
        assert result.returncode == 1
        line = one_line_error(result)
        assert f"error: another build is writing {built} (process {os.getpid()})" in line
        # The running build's staging folder is not taken for a killed build's leftovers.
        assert running_staging.is_dir()
    assert snapshot(built) == before
    assert not lock.exists()


def test_two_builds_started_together_leave_one_whole_site(project: Path, built: Path) -> None:
    command = [*CLI, "build", "--root", str(project), "--out", str(built), "--no-pdf"]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in (first, second)]
    for code, err in results:
        assert "Traceback" not in err
        assert code == 0 or (code == 1 and "another build is writing" in err), err
    assert any(code == 0 for code, _ in results)
    manifest = json.loads((built / MANIFEST).read_text())
    assert manifest["complete"] is True
    assert sorted(manifest["files"]) == sorted(
        p.relative_to(built).as_posix()
        for p in built.rglob("*")
        if p.is_file()
        if p.name != MANIFEST
    )
    assert sorted(p.name for p in built.parent.iterdir() if p.name.startswith(".site")) == []


# --- File system errors --------------------------------------------------------------------


def without_root_powers() -> list[str]:
    """A prefix that runs a command without root's power to read and write anything."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.fixture
def locked() -> Iterator[Callable[[Path], None]]:
    """Make folders unreadable for the test, and readable again after it."""
    done: list[Path] = []

    def lock(path: Path) -> None:
        path.chmod(0o000)
        done.append(path)

    yield lock
    for path in done:
        path.chmod(0o755)


def test_unreadable_content_folder_is_one_located_error(
    project: Path, locked: Callable[[Path], None]
) -> None:
    locked(project / "content" / "pathways")
    result = subprocess.run(
        [*without_root_powers(), *CLI, "check", "--root", str(project)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/pathways:1:1: error[read-error]: cannot read the folder (Permission denied)"
        in result.stderr
    )


def test_read_only_output_parent_is_one_line(
    project: Path, tmp_path: Path, locked: Callable[[Path], None]
) -> None:
    parent = tmp_path / "read-only"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = subprocess.run(
            [
                *without_root_powers(),
                *CLI,
                "build",
                "--root",
                str(project),
                "--out",
                str(parent / "site"),
                "--no-pdf",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    assert "Permission denied" in one_line_error(result)
    assert list(parent.iterdir()) == []


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        # Past the limit a write fails with EFBIG, as it would with ENOSPC on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_full_disk_while_writing_the_handbook_keeps_the_site(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["build", "--root", str(project), "--out", str(out)]) == 0
    before = snapshot(out)
    assert len(before["handbook.pdf"]) > 20_000
    site_yml = project / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text().replace("Test guidance", "Changed guidance"))
    result = run(
        "build", "--root", str(project), "--out", str(out), preexec_fn=_limit_file_size(20_000)
    )
    assert result.returncode == 1
    assert "the handbook PDF failed" in one_line_error(result)
    assert "File too large" in result.stderr
    assert snapshot(out) == before


def test_serve_on_a_port_in_use_is_one_line(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}")
    assert result.returncode == 1
    assert one_line_error(result) == (
        f"error: cannot serve on 127.0.0.1:{port}: Address already in use"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--root", "/nonexistent/root"], "--root '/nonexistent/root' does not exist"),
        (["check", "--root", "/etc/hostname"], "--root '/etc/hostname' is not a folder"),
        (["serve", "--dev-addr", "localhost"], "--dev-addr 'localhost' is not HOST:PORT"),
        (["serve", "--dev-addr", "127.0.0.1:99999"], "is not HOST:PORT"),
    ],
)
def test_bad_command_line_values_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in one_line_error(result)


def test_schema_out_a_file_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    target.write_text("a file")
    result = run("schema", "--out", str(target))
    assert result.returncode == 1
    assert (
        one_line_error(result)
        == f"error: cannot write the schemas into '{target}': it is not a folder"
    )
    assert target.read_text() == "a file"


# --- What file discovery reads, passes over and refuses to follow --------------------------


def test_links_leaving_the_root_are_not_followed(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "page.md").write_text(
        "---\ntitle: Secret\nlast_reviewed: 2026-11-01\n---\nTOP SECRET\n"
    )
    (project / "content" / "pages" / "leak.md").symlink_to(secret / "page.md")
    inside = project / "content" / "shared.md"
    inside.write_text("---\ntitle: Shared page\nlast_reviewed: 2026-11-01\n---\nShared text.\n")
    (project / "content" / "pages" / "shared.md").symlink_to(inside)
    out = tmp_path / "site"
    result = run("build", "--root", str(project), "--out", str(out), "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert (
        "content/pages/leak.md:1:1: warning[link-outside]: is a link to a file outside the project; "
        "links that leave it are not followed"
    ) in result.stderr
    published = b"".join(p.read_bytes() for p in out.rglob("*.html"))
    assert b"TOP SECRET" not in published
    assert b"Shared text." in published


def test_skipped_files_are_warnings(project: Path) -> None:
    pathways = project / "content" / "pathways"
    (pathways / "second.YML").write_text("id: second\n")
    (pathways / "folder.yml").mkdir()
    (pathways / "notes.txt").write_text("notes")
    (pathways / ".DS_Store").write_bytes(b"\0")
    (pathways / ".#first.yml").symlink_to("nowhere")  # an editor's lock
    (pathways / ".hidden.yml").write_text("id: hidden\n")
    result = run("check", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "content/pathways/.hidden.yml:1:1: warning[skipped-file]: is not read: a name that starts with a dot "
        "is hidden",
        "content/pathways/folder.yml:1:1: warning[skipped-file]: is a folder; only .yml or .yaml files "
        "directly in content/pathways/ are read",
        "content/pathways/notes.txt:1:1: warning[skipped-file]: is not read: only .yml or .yaml files are",
        "content/pathways/second.YML:1:1: warning[skipped-file]: is not read: the ending must be written "
        "'.yml', not '.YML'",
    ]


def test_schema_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    target.mkdir()
    (target / "tree.schema.json").write_text('{"title": "my own"}')
    result = run("schema", "--out", str(target))
    assert result.returncode == 1
    assert "will not overwrite tree.schema.json" in one_line_error(result)
    assert (target / "tree.schema.json").read_text() == '{"title": "my own"}'
    (target / "tree.schema.json").unlink()
    assert run("schema", "--out", str(target)).returncode == 0
    assert run("schema", "--out", str(target)).returncode == 0  # its own files, rewritten


def test_kept_folder_with_links_is_kept_and_the_links_left_alone(
    project: Path, built: Path
) -> None:
    well_known = built / ".well-known"
    (well_known / "keys").mkdir(parents=True)
    (well_known / "keys" / "a.txt").write_text("key")
    (well_known / "current").symlink_to("keys")
    (well_known / "current.txt").symlink_to("keys/a.txt")
    site_yml = project / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text() + "keep_in_output: [.well-known/]\n")
    result = run("build", "--root", str(project), "--out", str(built), "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert (built / ".well-known" / "current").is_symlink()
    assert os.readlink(built / ".well-known" / "current") == "keys"
    assert (built / ".well-known" / "current.txt").read_text() == "key"
    assert stat.S_IMODE((built / ".well-known" / "keys").stat().st_mode) & 0o055 == 0o055
