"""Editions: content/editions.yml, checked with located errors; the What's changed page, the
Atom feed (parsed and held to RFC 4287's rules), the feed's link in every page and on the embed
page, and the open data's edition."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from generator.build.linkcheck import check_links
from generator.build.site import BuildOptions, build
from generator.cli import main
from generator.errors import Problems
from generator.validate import read_content
from tests.conftest import MINIMAL, REPO, TODAY, ProjectFactory, problems_of
from tests.markup import Markup

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM}
SITE_URL = "https://guidance.example.org/guide/"
# RFC 3339 as Atom's dates use it (RFC 4287, 3.3).
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def run(argv: Sequence[str | Path]) -> int:
    try:
        return main([str(arg) for arg in argv])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def editions(text: str) -> dict[str, str]:
    return {"content/editions.yml": text}


TWO = """\
    editions:
      - date: 2026-11-01
        notes:
          - The first pathway's next steps name the county office.
        changed:
          pathways: [first]
          pages: [index]
      - date: 2026-10-01
        notes: [First edition.]
    """


# Checking the file ------------------------------------------------------------------------------


def test_editions_are_read_newest_first_with_what_each_changed(tmp_project: ProjectFactory) -> None:
    root = tmp_project(editions(TWO))
    problems = Problems()
    content = read_content(root, problems, TODAY)
    assert [p.format() for p in problems.items] == []
    assert content is not None
    newest, first = content.editions
    assert (newest.date, newest.notes) == (
        dt.date(2026, 11, 1),
        ("The first pathway's next steps name the county office.",),
    )
    assert (newest.changed.pathways, newest.changed.pages) == (("first",), ("index",))
    assert (first.date, first.changed.pathways) == (dt.date(2026, 10, 1), ())


def test_a_changed_item_may_be_named_by_its_former_id(tmp_project: ProjectFactory) -> None:
    # An edition written before a rename keeps naming what it changed by the id of the time.
    root = tmp_project(
        {
            **editions(TWO.replace("pathways: [first]", "pathways: [old-first, first]")),
            "content/pathways/first.yml": MINIMAL["content/pathways/first.yml"]
            + "former_ids: [old-first]\n",
        }
    )
    problems = Problems()
    content = read_content(root, problems, TODAY)
    assert [p.format() for p in problems.items] == []
    assert content is not None
    assert content.editions[0].changed.pathways == ("first",)


def test_an_edition_after_the_build_date_is_an_error(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            **editions(TWO.replace("2026-11-01", "2026-12-24")),
            "content/site.yml": MINIMAL["content/site.yml"].replace("2026-11-01", "2026-12-24"),
        }
    )
    assert problems_of(root) == [
        "content/editions.yml:2:11: error[future-edition]: editions[0].date: 2026-12-24 is after today "
        "(2026-11-30): the feed would announce an edition before it is published"
    ]


def test_editions_must_be_newest_first_one_per_day(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        editions(
            """\
            editions:
              - date: 2026-11-01
                notes: [Newest.]
              - date: 2026-11-01
                notes: [The same day.]
              - date: 2026-11-20
                notes: [Out of order.]
            """
        )
    )
    assert problems_of(root) == [
        "content/editions.yml:4:11: error[edition-order]: editions[1].date: 2026-11-01 is not earlier than the "
        "edition above it (2026-11-01): list editions newest first, one per day",
        "content/editions.yml:6:11: error[edition-order]: editions[2].date: 2026-11-20 is not earlier than the "
        "edition above it (2026-11-01): list editions newest first, one per day",
    ]


def test_the_newest_edition_is_the_sites_edition(tmp_project: ProjectFactory) -> None:
    root = tmp_project(editions(TWO.replace("2026-11-01", "2026-11-02")))
    assert problems_of(root) == [
        "content/site.yml:6:10: error[edition-mismatch]: edition: 2026-11-01 is not the newest edition in "
        "content/editions.yml (2026-11-02, at content/editions.yml:2:11): the site is its newest "
        "edition; give both the same date"
    ]


def test_what_an_edition_changed_must_exist(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        editions(
            """\
            editions:
              - date: 2026-11-01
                notes: [Several changes.]
                changed:
                  pathways: [frist]
                  supports: [consultancy, coaching]
                  statutes: [ec-52072, ec-52074]
                  trees: [find]
                  pages: [about]
            """
        )
    )
    assert problems_of(root) == [
        "content/editions.yml:5:18: error[unknown-ref]: editions[0].changed.pathways[0]: 'frist' is not a "
        "defined pathway; did you mean 'first'?",
        "content/editions.yml:6:31: error[unknown-ref]: editions[0].changed.supports[1]: 'coaching' is not a "
        "defined kind of support",
        "content/editions.yml:7:28: error[unknown-ref]: editions[0].changed.statutes[1]: 'ec-52074' is not a "
        "statute page; did you mean 'ec-52072'?",
        "content/editions.yml:8:15: error[unknown-ref]: editions[0].changed.trees[0]: 'find' is not a "
        "defined decision tree",
        "content/editions.yml:9:15: error[unknown-ref]: editions[0].changed.pages[0]: 'about' is not a "
        "hand-written page",
    ]


def test_an_edition_needs_a_date_and_notes(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        editions(
            """\
            editions:
              - date: 30 November 2026
                notes: []
              - notes: [No date.]
                changed: {pathway: [first]}
            """
        )
    )
    assert problems_of(root) == [
        "content/editions.yml:2:11: error[wrong-type]: editions[0].date: expected a date (YYYY-MM-DD), "
        "found text",
        "content/editions.yml:3:12: error[too-few]: editions[0].notes: needs at least 1 item(s)",
        "content/editions.yml:4:5: error[missing]: editions[1]: missing required field 'date'",
        "content/editions.yml:5:15: error[unknown-key]: editions[1].changed: unknown field 'pathway'; did "
        "you mean 'pathways'?",
    ]


def test_a_note_is_checked_as_prose(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        editions(
            """\
            editions:
              - date: 2026-11-01
                notes: ["Corrects the citation of EC 52074(g)(2(A)."]
            """
        )
    )
    found = problems_of(root)
    assert len(found) == 1 and found[0].startswith("content/editions.yml:3:"), found
    assert "52074(g)(2(A)" in found[0]


def test_check_prints_an_editions_error_through_the_command_line(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(editions(TWO.replace("[first]", "[second]")))
    assert run(["check", "--root", root]) == 1
    assert (
        "content/editions.yml:6:18: error[unknown-ref]: editions[0].changed.pathways[0]: 'second' is not a "
        "defined pathway" in capsys.readouterr().err
    )


def test_the_shipped_content_has_its_first_edition() -> None:
    problems = Problems()
    content = read_content(REPO, problems, TODAY)
    assert content is not None, [p.format() for p in problems.items]
    (first,) = content.editions
    assert first.date == dt.date(2026, 11, 30) == content.site.edition
    assert first.notes[0].startswith("First edition.")


# The built site ----------------------------------------------------------------------------------

NEWER = """\
# yaml-language-server: $schema=../schemas/editions.schema.json
editions:
  - date: 2026-11-30
    notes:
      - >-
        The questions now ask about a state loan first, and the result for a state loan links to
        EC 52074(g)(2)(A) & its summary.
      - A <b>bold</b> claim stays text.
    changed:
      trees: [dta-eligibility]
      pathways: [emergency-state-loan]
      statutes: [ec-52074]
      pages: [about]
  - date: 2026-11-15
    notes: [First edition.]
"""


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content with two editions, the newer changing the tree, built once under a
    sub-path."""
    root = tmp_path_factory.mktemp("editions")
    for name in ("content", "decision_trees"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "editions.yml").write_text(NEWER, "utf-8")
    # These editions' notes have no Spanish yet: the Spanish site shows them, marked.
    (root / "content" / "es" / "editions.yml").unlink()
    site = root / "content" / "site.yml"
    site.write_text(site.read_text("utf-8") + "partial_translation: true\n", "utf-8")
    out = root / "site"
    build(BuildOptions(root, out, site_url=SITE_URL, pdf=False, today=TODAY))
    return out


def _feed(site: Path) -> ElementTree.Element:
    return ElementTree.fromstring((site / "feed.xml").read_bytes())


def _one(parent: ElementTree.Element, tag: str) -> ElementTree.Element:
    found = parent.findall(f"a:{tag}", NS)
    assert len(found) == 1, f"{tag}: {len(found)}"
    return found[0]


def _absolute_iri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.scheme in ("tag", "urn")))


def test_the_feed_is_atom_with_every_required_element(edited: Path) -> None:
    text = (edited / "feed.xml").read_text("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="' + ATOM)
    feed = _feed(edited)
    assert feed.tag == f"{{{ATOM}}}feed"
    # RFC 4287, 4.1.1: exactly one id, title and updated; an author (no entry has its own);
    # at most one alternate link of a type; a self link is recommended.
    assert _one(feed, "id").text == f"{SITE_URL}feed.xml"
    assert _one(feed, "title").text == "Pathways to Direct Technical Assistance: editions"
    assert _one(feed, "updated").text == "2026-11-30T00:00:00Z"
    author = _one(feed, "author")
    assert _one(author, "name").text == "California Collaborative for Educational Excellence (CCEE)"
    links = {
        (link.get("rel"), link.get("type")): link.get("href") for link in feed.findall("a:link", NS)
    }
    assert links == {
        ("self", "application/atom+xml"): f"{SITE_URL}feed.xml",
        ("alternate", "text/html"): f"{SITE_URL}changes/",
    }
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = feed.findall("a:entry", NS)
    assert len(entries) == 2
    ids = []
    updated = []
    for entry in entries:
        # 4.1.2: exactly one id, title, updated; content or an alternate link; no author needed
        # where the feed has one.
        ids.append(_one(entry, "id").text or "")
        assert _one(entry, "title").text
        updated.append(_one(entry, "updated").text or "")
        assert DATE_TIME.match(updated[-1]), updated[-1]
        content = _one(entry, "content")
        assert content.get("type") == "html"
        summary = _one(entry, "summary")
        assert summary.get("type") == "text"
        alternate = [link for link in entry.findall("a:link", NS) if link.get("rel") == "alternate"]
        assert len(alternate) == 1
    assert all(_absolute_iri(i) for i in ids) and len(set(ids)) == 2
    assert ids == [
        f"{SITE_URL}changes/#edition-2026-11-30",
        f"{SITE_URL}changes/#edition-2026-11-15",
    ]
    assert updated == sorted(updated, reverse=True)
    assert _one(feed, "updated").text == max(updated)


def test_an_entry_holds_its_notes_as_escaped_html_and_links_what_changed(edited: Path) -> None:
    newer, older = _feed(edited).findall("a:entry", NS)
    content = Markup(_one(newer, "content").text or "")
    words = " ".join("".join(content.text).split())
    # The notes' text stays text: markup an editor typed is shown, never run.
    assert "A <b>bold</b> claim stays text." in words
    assert ("b", {}) not in content.tags
    hrefs = [attrs["href"] for tag, attrs in content.tags if tag == "a"]
    assert hrefs == [
        "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=EDC&sectionNum=52074.",
        f"{SITE_URL}find/dta-eligibility/",
        f"{SITE_URL}pathways/emergency-state-loan/",
        f"{SITE_URL}statutes/ec-52074/",
        f"{SITE_URL}about/",
        f"{SITE_URL}embed-on-your-site/",
    ]
    assert "Script snippets copied before it no longer run: copy them again" in words
    assert "Find your pathway" in words
    older_words = " ".join(Markup(_one(older, "content").text or "").text)
    assert "snippet" not in older_words
    assert _one(older, "summary").text == "First edition."


def test_the_whats_changed_page_lists_each_edition_and_links_what_changed(edited: Path) -> None:
    page = (edited / "changes" / "index.html").read_text("utf-8")
    found = Markup(page)
    headings = [attrs.get("id") for tag, attrs in found.tags if tag == "h2"]
    assert headings[:2] == ["edition-2026-11-30", "edition-2026-11-15"]
    article = page[page.index("<article") : page.index("</article>")]
    hrefs = [
        attrs["href"] for tag, attrs in Markup(article).tags if tag == "a" and attrs.get("href")
    ]
    for target in (
        "../feed.xml",
        "../find/dta-eligibility/",
        "../pathways/emergency-state-loan/",
        "../statutes/ec-52074/",
        "../about/",
        "../embed-on-your-site/",
    ):
        assert target in hrefs, target
    assert "Edition of November 30, 2026" in page
    # In the menu of every page, before the embed page.
    home = (edited / "index.html").read_text("utf-8")
    assert home.index('href="changes/"') < home.index('href="embed-on-your-site/"')


def test_every_page_names_the_feed_in_its_head(edited: Path) -> None:
    pages = [p for p in edited.rglob("*.html") if "<article" in p.read_text("utf-8")]
    assert len(pages) > 20
    for page in pages:
        text = page.read_text("utf-8")
        head = text[: text.index("</head>")]
        links = [
            attrs
            for tag, attrs in Markup(head).tags
            if tag == "link" and attrs.get("type") == "application/atom+xml"
        ]
        assert len(links) == 1, page
        assert links[0]["rel"] == "alternate"
        spanish = page.relative_to(edited).as_posix().startswith("es/")
        assert links[0]["title"] == (
            "Vías hacia la Asistencia Técnica Directa: ediciones"
            if spanish
            else "Pathways to Direct Technical Assistance: editions"
        )
        href = links[0]["href"] or ""
        folder = "es/" if spanish else ""
        if page.name == "404.html":  # shown at any address, so its links start from the host
            assert href == f"/guide/{folder}feed.xml"
        else:
            assert (page.parent / href).resolve() == (edited / folder / "feed.xml").resolve()


def test_the_embed_page_points_counties_to_the_feed(edited: Path) -> None:
    page = (edited / "embed-on-your-site" / "index.html").read_text("utf-8")
    assert '<a href="../feed.xml">feed of editions</a>' in page
    assert "says so when a script snippet must be copied again" in page


def test_the_open_data_gives_the_newest_edition(edited: Path) -> None:
    for path in (edited / "data").glob("*.json"):
        assert json.loads(path.read_text("utf-8"))["edition"] == "2026-11-30", path


def test_the_built_site_with_editions_passes_the_link_check(edited: Path) -> None:
    assert check_links(edited, SITE_URL) == []


def test_the_shipped_feed_has_one_entry_for_its_first_edition(shipped_site: Path) -> None:
    (entry,) = _feed(shipped_site).findall("a:entry", NS)
    assert _one(entry, "id").text == "http://127.0.0.1:8000/changes/#edition-2026-11-30"
    assert (_one(entry, "summary").text or "").startswith("First edition.")


# Without editions ------------------------------------------------------------------------------


def test_a_site_without_editions_has_no_feed_and_no_changes_page(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project()
    out = tmp_path / "site"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    assert not (out / "feed.xml").exists()
    assert not (out / "changes").exists()
    assert "application/atom+xml" not in (out / "index.html").read_text("utf-8")
    assert "feed" not in (out / "robots.txt").read_text("utf-8")
    capsys.readouterr()


def test_editions_need_the_sites_address(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({**editions(TWO), "mkdocs.yml": "site_url: null\n"})
    out = tmp_path / "site"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 1
    assert not out.exists()
    assert capsys.readouterr().err.splitlines()[0] == (
        "mkdocs.yml:1:1: error[no-site-url]: site_url is not set: the feed of editions (feed.xml) names every "
        "page by its absolute address; set site_url in mkdocs.yml or pass --site-url"
    )


# In a browser ----------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_whats_changed_page_is_accessible(browser: object, shipped_url: str) -> None:
    from tests.browser import axe_violations

    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(f"{shipped_url}changes/")
        assert page.locator("h1").inner_text().startswith("What's changed")
        assert page.locator("#edition-2026-11-30").inner_text() == "Edition of November 30, 2026"
        assert axe_violations(page) == []
        # The menu leads there from the home page.
        page.goto(shipped_url)
        page.get_by_role("link", name="What's changed").first.click()
        page.wait_for_url(f"{shipped_url}changes/")
    finally:
        page.close()
