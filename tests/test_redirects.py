"""Former ids: located errors where one is taken, redirect pages at the old addresses (read,
link-checked and followed in Chromium under a sub-path)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build.linkcheck import check_links
from generator.build.site import BuildOptions, build
from generator.cli import main
from generator.errors import Problems
from generator.render.redirects import redirects, relative_href
from generator.validate import read_content
from tests.conftest import MINIMAL, REPO, TODAY, ProjectFactory, problems_of
from tests.markup import Markup

SITE_URL = "https://guidance.example.org/guide/"


def run(argv: Sequence[str | Path]) -> int:
    try:
        return main([str(arg) for arg in argv])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def _with(name: str, extra: str) -> str:
    return MINIMAL[name] + extra


def _second(name: str, old: str, new: str, *more: tuple[str, str]) -> str:
    text = MINIMAL[name].replace(old, new)
    for a, b in more:
        text = text.replace(a, b)
    return text


# Checking former ids ---------------------------------------------------------------------------


def test_a_taken_former_id_is_a_located_error(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/pathways/first.yml": _with(
                "content/pathways/first.yml", "former_ids: [first, index, old]\n"
            ),
            "content/pathways/second.yml": _second(
                "content/pathways/first.yml",
                "id: first",
                "id: second",
                ("order: 1", "order: 2"),
                ("title: First", "title: Second"),
            )
            + "former_ids: [old]\n",
            # A support's old page is in another folder than a pathway's: 'first' is free there.
            "content/supports/coaching.yml": _second(
                "content/supports/consultancy.yml",
                "id: consultancy",
                "id: coaching",
                ("title: Consultancy", "title: Coaching"),
            )
            + "former_ids: [consultancy, first]\n",
            "content/statutes/ec-52072.yml": _with(
                "content/statutes/ec-52072.yml", "former_ids: [ec-52064-5, index]\n"
            ),
            "content/pages/index.md": MINIMAL["content/pages/index.md"].replace(
                "last_reviewed: 2026-11-01\n",
                "last_reviewed: 2026-11-01\n        former_ids: [pathways, home]\n",
            ),
            "content/pages/about.md": (
                "---\ntitle: About\nlast_reviewed: 2026-11-01\nformer_ids: [home]\n---\nText.\n"
            ),
        }
    )
    assert problems_of(root) == [
        "content/pages/index.md:4:14: error[former-id-taken]: former_ids[0]: 'pathways' is a name the generator uses for the pathways section: a redirect cannot take its place",
        "content/pages/index.md:4:24: error[former-id-taken]: former_ids[1]: 'home' is also a former id of page 'about' (at content/pages/about.md:4:14): its old address can redirect to only one page",
        "content/pathways/first.yml:17:14: error[former-id-taken]: former_ids[0]: 'first' is this pathway's own id: a former id is an earlier one",
        "content/pathways/first.yml:17:21: error[former-id-taken]: former_ids[1]: 'index' is a name the generator uses for pathways/index.md, the list of all pathways: a redirect cannot take its place",
        "content/pathways/second.yml:17:14: error[former-id-taken]: former_ids[0]: 'old' is also a former id of pathway 'first' (at content/pathways/first.yml:17:28): its old address can redirect to only one page",
        "content/statutes/ec-52072.yml:6:14: error[former-id-taken]: former_ids[0]: 'ec-52064-5' is the page name of statute EC 52064.5 (at content/statutes/ec-52064-5.yml:1:11): its page would be replaced by a redirect; remove it here or rename that one",
        "content/statutes/ec-52072.yml:6:26: error[former-id-taken]: former_ids[1]: 'index' is a name the generator uses for statutes/index.md, the list of all sections: a redirect cannot take its place",
        "content/supports/coaching.yml:8:14: error[former-id-taken]: former_ids[0]: 'consultancy' is the id of support 'consultancy' (at content/supports/consultancy.yml:1:5): its page would be replaced by a redirect; remove it here or rename that one",
    ]


def test_a_former_id_must_be_a_slug(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/pathways/first.yml": _with(
                "content/pathways/first.yml", "former_ids: [Old_First, old first]\n"
            )
        }
    )
    assert problems_of(root) == [
        "content/pathways/first.yml:17:14: error[bad-format]: former_ids[0]: 'Old_First' is not valid: use lower-case letters, digits and single hyphens",
        "content/pathways/first.yml:17:25: error[bad-format]: former_ids[1]: 'old first' is not valid: use lower-case letters, digits and single hyphens",
    ]


def test_check_reports_a_taken_former_id_on_the_command_line(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(
        {
            "content/supports/consultancy.yml": _with(
                "content/supports/consultancy.yml", "former_ids: [consultancy]\n"
            )
        }
    )
    assert run(["check", "--root", root]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/supports/consultancy.yml:8:14: error[former-id-taken]: former_ids[0]: 'consultancy' is this "
        "support's own id: a former id is an earlier one"
    )


def test_redirects_without_directory_addresses_name_html_files(
    tmp_project: ProjectFactory,
) -> None:
    root = tmp_project(
        {"content/pathways/first.yml": _with("content/pathways/first.yml", "former_ids: [old]\n")}
    )
    content = read_content(root, Problems(), TODAY)
    assert content is not None
    (moved,) = redirects(content, directory_urls=False)
    assert (moved.old, moved.target) == ("pathways/old.html", "pathways/first.html")
    assert relative_href(moved.old, moved.target) == "first.html"
    (moved,) = redirects(content, directory_urls=True)
    assert (moved.old, moved.target) == ("pathways/old/index.html", "pathways/first/")
    assert relative_href(moved.old, moved.target) == "../first/"


# The built site --------------------------------------------------------------------------------

RENAMES = {
    "content/pathways/emergency-state-loan.yml": "former_ids: [state-loan]\n",
    "content/supports/consultancy.yml": "former_ids: [thought-partner]\n",
    "content/statutes/ec-52072.yml": "former_ids: [edc-52072]\n",
    "decision_trees/dta-eligibility.yml": "former_ids: [eligibility]\n",
}
MOVED = {
    "pathways/state-loan/index.html": "pathways/emergency-state-loan/",
    "supports/thought-partner/index.html": "supports/consultancy/",
    "statutes/edc-52072/index.html": "statutes/ec-52072/",
    "about-this-guide/index.html": "about/",
    "find/eligibility/index.html": "find/dta-eligibility/",
    "find/eligibility/q/state-loan/index.html": "find/dta-eligibility/q/state-loan/",
    "find/eligibility/result/none-yet/index.html": "find/dta-eligibility/result/none-yet/",
    "embed/eligibility/frame.html": "embed/dta-eligibility/frame.html",
}


@dataclass(frozen=True)
class Hosted:
    www: Path
    """The host's folder; the site is its ``guide/``, as under SITE_URL's path."""

    @property
    def site(self) -> Path:
        return self.www / "guide"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Hosted:
    """The shipped content with an item of each kind renamed, built once under a sub-path."""
    root = tmp_path_factory.mktemp("renamed")
    for name in ("content", "decision_trees"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for rel, line in RENAMES.items():
        with (root / rel).open("a", encoding="utf-8") as f:
            f.write(line)
    about = root / "content/pages/about.md"
    text = about.read_text("utf-8")
    about.write_text(text.replace("\n---\n", "\nformer_ids: [about-this-guide]\n---\n", 1))
    hosted = Hosted(root / "www")
    build(BuildOptions(root, hosted.site, site_url=SITE_URL, pdf=False, today=TODAY))
    return hosted


def _read(path: Path) -> Markup:
    return Markup(path.read_text("utf-8"))


def test_each_old_address_has_a_redirect_page(renamed: Hosted) -> None:
    site = renamed.site
    for old, target in MOVED.items():
        page = _read(site / old)
        href = str(page.first("a")["href"])
        folder = (site / old).parent
        assert (folder / href).resolve() == (site / target).resolve(), old
        refresh = page.first("meta", http_equiv="refresh")
        assert refresh["content"] == f"0; url={href}", old
        assert page.first("link", rel="canonical")["href"] == SITE_URL + target, old
        assert page.first("meta", name="robots")["content"] == "noindex", old
        assert page.first("html")["lang"] == "en"
        assert "has moved to" in "".join(page.text), old
    loan = _read(site / "pathways/state-loan/index.html")
    assert "This page has moved to Emergency state loan referral." in " ".join(
        "".join(loan.text).split()
    )


def test_every_question_and_result_of_a_renamed_tree_redirects(renamed: Hosted) -> None:
    site = renamed.site
    new = sorted(
        p.relative_to(site / "find/dta-eligibility").as_posix()
        for p in (site / "find/dta-eligibility").rglob("index.html")
    )
    old = sorted(
        p.relative_to(site / "find/eligibility").as_posix()
        for p in (site / "find/eligibility").rglob("index.html")
    )
    assert old == new and len(old) > 5


def test_the_link_check_covers_the_redirects(renamed: Hosted, tmp_path: Path) -> None:
    assert check_links(renamed.site, SITE_URL) == []
    copy = tmp_path / "guide"
    shutil.copytree(renamed.site, copy)
    shutil.rmtree(copy / "supports" / "consultancy")
    (copy / "embed" / "dta-eligibility" / "frame.html").unlink()
    broken = {(b.page, b.target, b.reason) for b in check_links(copy, SITE_URL)}
    assert (
        "supports/thought-partner/index.html",
        "../consultancy/",
        "redirect: no such file",
    ) in broken
    assert (
        "supports/thought-partner/index.html",
        f"{SITE_URL}supports/consultancy/",
        "no such file",
    ) in broken
    assert (
        "embed/eligibility/frame.html",
        "../dta-eligibility/frame.html",
        "redirect: no such file",
    ) in broken


def test_redirect_pages_are_not_in_the_sitemap(renamed: Hosted) -> None:
    sitemap = (renamed.site / "sitemap.xml").read_text("utf-8")
    for old in ("pathways/state-loan/", "thought-partner", "edc-52072", "about-this-guide"):
        assert old not in sitemap, old
    assert "/find/eligibility/" not in sitemap


@pytest.fixture(scope="module")
def renamed_url(renamed: Hosted) -> Iterator[str]:
    from tests.browser import serve_folder

    with serve_folder(renamed.www) as base:
        yield base + "guide/"


@pytest.mark.browser
def test_chromium_follows_each_redirect_under_a_sub_path(browser: object, renamed_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        for old, target in MOVED.items():
            address = old.removesuffix("index.html")
            page.goto(renamed_url + address)
            page.wait_for_url(renamed_url + target)
            if target.endswith("/"):
                assert page.locator("h1:visible").count() == 1, target
        # A bookmark of an old question lands on the same question, with its answers.
        page.goto(renamed_url + "find/eligibility/q/state-loan/")
        page.wait_for_url(renamed_url + "find/dta-eligibility/q/state-loan/")
        assert "state loan" in page.locator("h1").first.inner_text()
    finally:
        page.close()
