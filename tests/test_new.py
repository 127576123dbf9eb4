"""``pathways new DIR``: a starter site that passes ``check`` and builds, written only into a
new or empty folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.build.packaged import packaged_files
from generator.validate.schemas import schema_files
from tests.test_cli import run, snapshot
from tests.test_serve import START_TIMEOUT, preview

SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)
NOT_EMPTY = "it is not empty; give a new or empty folder"


@dataclass(frozen=True)
class Outcome:
    status: int
    out: str
    err: str


def call(*argv: str | Path) -> Outcome:
    """The command line, run in this process, with what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = run(argv)
    return Outcome(status, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class Started:
    root: Path
    new: Outcome
    check: Outcome
    build: Outcome


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Started:
    """One starter site made into a folder that did not exist, checked and built once."""
    root = tmp_path_factory.mktemp("new") / "missing" / "my-site"
    new = call("new", root)
    check = call("check", "--root", root)
    build = call("build", "--root", root, "--no-pdf")
    return Started(root, new, check, build)


def test_new_writes_the_starter_and_says_what_next(started: Started) -> None:
    root = started.root
    assert started.new.status == 0
    assert started.new.err == ""
    assert started.new.out.splitlines() == [
        f"wrote a starter site into {root} (20 files)",
        f"next: cd {root}, edit content/ and decision_trees/, then run pathways serve",
    ]
    made = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    made = [p for p in made if not p.startswith(("build/", "site/"))]
    assert made == [
        ".gitignore",
        "content/glossary.yml",
        "content/pages/index.md",
        "content/pathways/county-referral.yml",
        "content/pathways/school-request.yml",
        "content/site.yml",
        "content/statutes/ec-10001.yml",
        "content/statutes/ec-10002.yml",
        "content/supports/mentoring.yml",
        "content/supports/workshops.yml",
        "decision_trees/find-your-pathway.yml",
        "mkdocs.yml",
        *(f"schemas/{name}" for name in sorted(schema_files())),
    ]


def test_the_starter_passes_check_without_a_warning(started: Started) -> None:
    assert started.check.err == ""
    assert started.check.out == (
        "ok: 2 pathways, 2 kinds of support, 2 statutes, 2 glossary terms, 1 pages, "
        "1 decision trees (0 errors, 0 warnings)\n"
    )
    assert started.check.status == 0


def test_the_starter_builds_with_the_packaged_look(started: Started) -> None:
    root = started.root
    # A new site builds at once, with the preview address it is told to change before publishing.
    assert started.build.status == 0
    assert started.build.err.splitlines() == [
        "mkdocs.yml:7:11: warning[local-site-url]: site_url: 'http://localhost:8000/' is a local address: the "
        "embed snippets and the handbook (its cover and the PDF) would point there; before "
        "publishing, set the public address here or pass --site-url"
    ]
    assert started.build.out == f"built {(root / 'site').resolve()} (0 errors, 1 warning)\n"
    site = root / "site"
    stylesheet = site / "assets/stylesheets/pathways.css"
    assert (
        stylesheet.read_bytes()
        == packaged_files("theme/overrides")["assets/stylesheets/pathways.css"]
    )
    home = (site / "index.html").read_text("utf-8")
    assert "Example program guidance" in home
    assert 'href="assets/stylesheets/pathways.css"' in home
    assert 'data-md-color-primary="custom"' in home
    for page in (
        "pathways/school-request/index.html",
        "pathways/county-referral/index.html",
        "find/find-your-pathway/index.html",
        "embed/find-your-pathway.js",
    ):
        assert (site / page).is_file(), page
    # The site's address is the one the starter's mkdocs.yml gives.
    snippet = (site / "embed/find-your-pathway/snippet.html").read_text("utf-8")
    assert 'src="http://localhost:8000/embed/find-your-pathway.js"' in snippet


def test_the_starter_has_its_own_words_and_one_support_group(started: Started) -> None:
    settings = yaml.safe_load((started.root / "content/site.yml").read_text("utf-8"))
    assert [g["id"] for g in settings["support_groups"]] == ["example-support"]
    for name in ("mentoring", "workshops"):
        support = yaml.safe_load((started.root / f"content/supports/{name}.yml").read_text())
        assert support["group"] == "example-support"
    site = started.root / "site"
    home = (site / "index.html").read_text("utf-8")
    for words in ("Find your way to a mentor", "Two ways to a mentor", "Support from the Example"):
        assert words in home, words
    supports = (site / "supports/index.html").read_text("utf-8")
    assert "The Example program gives schools two kinds of support." in supports


def test_the_starter_tree_has_three_questions_and_an_outcome_with_no_pathway(
    started: Started,
) -> None:
    tree = yaml.safe_load((started.root / "decision_trees/find-your-pathway.yml").read_text())
    assert len(tree["questions"]) == 3
    assert [o["id"] for o in tree["outcomes"] if o["pathways"] == []] == ["none-applies"]


def test_the_starter_mkdocs_yml_holds_only_what_a_site_changes(started: Started) -> None:
    settings = yaml.safe_load((started.root / "mkdocs.yml").read_text("utf-8"))
    assert settings == {"site_url": "http://localhost:8000/"}


def test_every_schema_comment_resolves_to_the_schema_of_its_file(started: Started) -> None:
    root = started.root
    kinds = {
        "content/site.yml": "site",
        "content/glossary.yml": "glossary",
        "content/pathways": "pathway",
        "content/supports": "support",
        "content/statutes": "statute",
        "decision_trees": "tree",
    }
    seen = 0
    for path in sorted((root / "content").rglob("*.yml")) + sorted(
        (root / "decision_trees").glob("*.yml")
    ):
        rel = path.relative_to(root).as_posix()
        kind = kinds.get(rel) or kinds[path.parent.relative_to(root).as_posix()]
        comments = SCHEMA_COMMENT.findall(path.read_text("utf-8"))
        assert len(comments) == 1, rel
        target = (path.parent / comments[0]).resolve()
        assert target == (root / "schemas" / f"{kind}.schema.json").resolve(), rel
        assert json.loads(target.read_text("utf-8"))["$id"] == f"{kind}.schema.json"
        seen += 1
    assert seen == 9


def test_the_starter_dates_are_the_day_it_is_made(started: Started) -> None:
    edition = yaml.safe_load((started.root / "content/site.yml").read_text("utf-8"))["edition"]
    # The site was made moments ago; allow for a run that crosses midnight.
    assert dt.date.today() - edition <= dt.timedelta(days=1)
    for path in started.root.rglob("*"):
        if path.is_file() and path.suffix in (".yml", ".md"):
            assert "$today" not in path.read_text("utf-8"), path


def test_new_into_an_empty_folder(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    made = call("new", root)
    assert (made.status, made.err) == (0, "")
    assert call("check", "--root", root).status == 0


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    (root / "content").mkdir(parents=True)
    (root / "content" / "notes.txt").write_text("my notes\n", "utf-8")
    before = snapshot(root)
    refused = call("new", root)
    assert refused.status == 2
    assert refused.out == ""
    assert refused.err == f"pathways new: error: will not write into '{root}': {NOT_EMPTY}\n"
    assert snapshot(root) == before
    assert sorted(p.name for p in root.rglob("*")) == ["content", "notes.txt"]


def test_new_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "site.txt"
    target.write_text("not a folder\n", "utf-8")
    refused = call("new", target)
    assert refused.status == 2
    assert refused.err == (
        f"pathways new: error: will not write into '{target}': it is not a folder\n"
    )
    assert target.read_text("utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.txt"]


def test_new_refuses_a_link_that_points_nowhere(tmp_path: Path) -> None:
    # Following it would create the site wherever the link points.
    link = tmp_path / "site"
    link.symlink_to(tmp_path / "elsewhere")
    refused = call("new", link)
    assert refused.status == 2
    assert refused.err.endswith(f"'{link}': it is not a folder\n")
    assert not (tmp_path / "elsewhere").exists()


def test_new_never_overwrites_an_edited_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert call("new", root).status == 0
    site = root / "content" / "site.yml"
    site.write_text(site.read_text("utf-8").replace("Example agency", "Our agency"), "utf-8")
    before = snapshot(root)
    again = call("new", root)
    assert again.status == 2
    assert again.err == f"pathways new: error: will not write into '{root}': {NOT_EMPTY}\n"
    assert snapshot(root) == before
    assert "publisher: Our agency" in site.read_text("utf-8")


def test_new_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["new"]) == 2
    assert "the following arguments are required: DIR" in capsys.readouterr().err


def test_serve_previews_the_starter_and_its_overrides(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert call("new", root).status == 0
    with preview(root, tmp_path / "serve.log") as server:

        def stylesheet() -> str:
            return server.fetch("assets/stylesheets/pathways.css")

        assert "Example program guidance" in server.fetch()
        assert "--pw-blue" in stylesheet()
        # A file of the root's own overrides shadows the packaged one, live.
        own = root / "site_overrides/assets/stylesheets/pathways.css"
        own.parent.mkdir(parents=True)
        own.write_text(":root { --pw-blue: #123456; }\n", "utf-8")
        assert server.wait_for(lambda: "#123456" in stylesheet(), START_TIMEOUT), server.log()
        assert "Traceback" not in server.log()
