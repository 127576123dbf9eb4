"""The same site on either engine: the shipped content built with Zensical under a sub-path,
link-checked, compared page for page with the MkDocs build, and walked in Chromium."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build.linkcheck import check_links
from generator.cli import main
from generator.errors import Problems
from generator.evaluate import all_paths
from generator.validate import read_content
from tests.browser import RequestLog, serve_folder
from tests.conftest import REPO, TODAY, ProjectFactory

SUB_PATH = "guide"
SITE_URL = f"https://example.org/{SUB_PATH}/"
TREE = "dta-eligibility"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once with Zensical, through the command line, for a site that
    lives under a sub-path; the folder is named after that path so it can be served there."""
    out = tmp_path_factory.mktemp("zensical") / SUB_PATH
    argv = ["build", "--engine", "zensical", "--no-pdf", "--root", str(REPO), "--out", str(out)]
    assert main([*argv, "--site-url", SITE_URL]) == 0
    return out


def pages(site: Path) -> set[str]:
    """The site's own files, leaving out each engine's theme assets and search index."""
    skipped = ("assets/", "search/", "search.json")
    found = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    # Each language's site has the engine's own files too.
    return {rel for rel in found if not rel.removeprefix("es/").startswith(skipped)}


def test_zensical_output_passes_the_link_check_under_a_sub_path(zensical_site: Path) -> None:
    # The build ran the same check; run it again on the finished folder, unsafe-markup scan too.
    assert check_links(zensical_site, SITE_URL) == []
    # Zensical rewrites relative links in raw HTML from the Markdown file's folder: the line
    # every page ends with must still reach the handbook from a page that is not an index.
    statute = (zensical_site / "statutes/ec-52072/index.html").read_text("utf-8")
    assert '<p class="pathways-handbook"><a href="../../handbook/">' in statute
    assert (zensical_site / "handbook/index.html").is_file()


def test_both_engines_write_the_same_pages(zensical_site: Path, shipped_site: Path) -> None:
    assert pages(zensical_site) == pages(shipped_site)


def test_zensical_output_has_every_kind_of_page(zensical_site: Path) -> None:
    statute = (zensical_site / "statutes/ec-52072/index.html").read_text("utf-8")
    assert (
        "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=EDC&amp;"
        "sectionNum=52072." in statute
    )
    question = (zensical_site / f"find/{TREE}/q/state-loan/index.html").read_text("utf-8")
    assert 'class="pw-answer"' in question
    snippet = (zensical_site / f"embed/{TREE}/snippet.html").read_text("utf-8")
    assert f'src="{SITE_URL}embed/{TREE}.js"' in snippet
    assert 'integrity="sha384-' in snippet
    assert (zensical_site / f"embed/{TREE}/frame.html").is_file()
    for name in ("robots.txt", "sitemap.xml", "_headers", "data/pathways.json"):
        assert (zensical_site / name).is_file(), name
    # Zensical's classic look is Material's, which the accessible stylesheet is made for.
    home = (zensical_site / "index.html").read_text("utf-8")
    assert "assets/stylesheets/classic/main." in home
    assert "assets/stylesheets/pathways.css" in home


def test_generated_configuration_names_folders_relative_to_itself(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project()
    out = tmp_path / "out"
    base = ["build", "--no-pdf", "--root", str(root), "--out", str(out)]
    assert main([*base, "--engine", "zensical"]) == 0
    written = yaml.safe_load((root / "build/mkdocs.yml").read_text("utf-8"))
    assert (written["docs_dir"], written["site_dir"]) == ("docs", "site")
    assert written["theme"]["custom_dir"] == "overrides"
    assert not (root / "build/site").exists()  # moved into the output
    assert (out / "pathways/first/index.html").is_file()

    assert main(base) == 0
    written = yaml.safe_load((root / "build/mkdocs.yml").read_text("utf-8"))
    assert (written["docs_dir"], written["theme"]["custom_dir"]) == ("docs", "overrides")
    assert "variant" not in written["theme"]


def test_an_unknown_engine_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--engine", "hugo"])
    assert exc.value.code == 2
    assert "invalid choice: 'hugo'" in capsys.readouterr().err


def test_zensical_not_installed_says_how_to_install_it(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project()
    # The package made unimportable, as in an installation without the extra.
    script = (
        "import sys; sys.modules['zensical'] = None; from generator.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    out = tmp_path / "out"
    argv = ["build", "--engine", "zensical", "--root", str(root), "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stderr == (
        "error: the zensical engine is not installed: pip install 'pathways[zensical]'\n"
    )
    assert not out.exists()


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    with serve_folder(zensical_site.parent) as base:
        yield f"{base}{SUB_PATH}/"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_widget_answers_through_to_an_outcome_on_zensical(page: Any, zensical_url: str) -> None:
    content = read_content(REPO, Problems(), TODAY)
    assert content is not None
    path = max(all_paths(content.tree_by_id[TREE]), key=lambda p: len(p.steps))
    log = RequestLog(page)
    page.goto(f"{zensical_url}find/{TREE}/")
    for step in path.steps:
        radio = page.locator(f'pathways-tree input[name="{step.question}"][value="{step.answer}"]')
        radio.check()
        page.locator('pathways-tree button[type="submit"]').click()
    outcome = page.locator("pathways-tree [data-outcome]")
    outcome.wait_for()
    assert outcome.get_attribute("data-outcome") == path.outcome
    shown = page.locator("pathways-tree [data-pathway]").evaluate_all(
        "nodes => nodes.map(n => n.dataset.pathway)"
    )
    assert tuple(shown) == path.pathways
    assert log.foreign(zensical_url.split(f"/{SUB_PATH}/")[0]) == []


@pytest.mark.browser
def test_zensical_pages_work_without_javascript_and_in_a_frame(
    browser: Any, zensical_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{zensical_url}find/{TREE}/")
    page.locator("pathways-tree a.pw-answer:visible").first.click()
    assert f"/{SUB_PATH}/find/{TREE}/q/" in page.url
    page.locator("pathways-tree a.pw-answer:visible").first.click()
    page.wait_for_load_state()
    page.locator("h1:visible").first.wait_for()
    assert page.locator("h1:visible").count() == 1
    page.goto(f"{zensical_url}statutes/ec-52072/")
    page.locator(".pathways-handbook a").click()
    assert page.url == f"{zensical_url}handbook/"
    context.close()
    framed = browser.new_page()
    framed.goto(f"{zensical_url}embed/{TREE}/frame.html")
    framed.locator("pathways-tree input[type=radio]").first.wait_for()
    framed.close()


def test_raw_html_links_move_to_the_markdown_files_folder_for_zensical() -> None:
    from generator.render.source_links import page_links_from_source

    page = '<a href="../b/">b</a><link href="../../../embed/x.css"><a href="#top">t</a>'
    assert page_links_from_source("find/t/q/a.md", page) == (
        '<a href="b/">b</a><link href="../../embed/x.css"><a href="#top">t</a>'
    )
    assert page_links_from_source("find/t/q/a.md", '<a href="c/?x=1#y">') == '<a href="a/c/?x=1#y">'
    absolute = '<a href="https://x.org/a/"><img src="/i.png"><a href="mailto:a@b.org">'
    assert page_links_from_source("find/t/q/a.md", absolute) == absolute
    assert page_links_from_source("find/t/index.md", '<a href="../b/">') == '<a href="../b/">'
