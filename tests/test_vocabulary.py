"""A program's own words and support groups come from its content; the generator supplies only
generic defaults and the counts."""

from __future__ import annotations

import re

import pytest

from generator.errors import Problems
from generator.model import Content
from generator.render.handbook import handbook_html
from generator.render.pages import PageRenderer
from generator.render.strings import Strings
from generator.validate import read_content
from generator.vocabulary import WORDS
from tests.conftest import MINIMAL, REPO, TODAY, ProjectFactory, problems_of
from tests.test_cli import run

SITE = MINIMAL["content/site.yml"]
GROUPS_SITE = """\
    title: Test guidance
    tagline: A tagline.
    description: Test description.
    publisher: Test publisher
    language: en
    edition: 2026-11-01
    review_interval_days: 365
    words:
      pathways_heading: "{Count} way in"
      pathways_home_intro: There is {count} of them.
      find_title: Which way in?
      supports_title: Services, {count} in all
      contact_heading: Your regional contact
    support_groups:
      - id: travel
        title: Getting there
        intro: "{Count} kinds of help with travel."
      - id: unused
        title: Nothing yet
      - id: learning
        title: Learning support
        home_title: Help with learning ({count})
        intro: Tutors and clubs.
    """


def support(sid: str, group: str, order: int) -> str:
    return f"""\
        id: {sid}
        title: {sid.replace("-", " ").capitalize()}
        group: {group}
        order: {order}
        summary: The {sid} support.
        description: What the {sid} support is.
        last_reviewed: 2026-11-01
        """


GROUPED = {
    "content/site.yml": GROUPS_SITE,
    "content/supports/consultancy.yml": support("consultancy", "learning", 2),
    "content/supports/tutoring.yml": support("tutoring", "learning", 1),
    "content/supports/bus-passes.yml": support("bus-passes", "travel", 1),
    "content/supports/car-shares.yml": support("car-shares", "travel", 2),
}


def content_of(root_files: ProjectFactory, files: dict[str, str | bytes | None]) -> Content:
    problems = Problems()
    content = read_content(root_files(files), problems, TODAY)
    assert content is not None, [p.format() for p in problems.sorted()]
    return content


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, re.MULTILINE)


def test_counts_are_spelled_by_the_locale_up_to_twelve() -> None:
    t = Strings("en")
    assert t.counted("{count} or {Count}", 0) == "zero or Zero"
    assert t.counted("{Count} levels", 3) == "Three levels"
    assert t.counted("{count}", 12) == "twelve"
    assert t.counted("{count} and {Count}", 13) == "13 and 13"
    # Other braces are the writer's own text, never a format field.
    assert t.counted("{other} {count}", 2) == "{other} two"


def test_without_words_every_heading_is_the_generic_default(tmp_project: ProjectFactory) -> None:
    pages = PageRenderer(content_of(tmp_project, {})).guidance_pages()
    assert headings(pages["index.md"], 2) == [
        "Find your pathway",
        "The pathways",
        "Forms of Direct Technical Assistance",
    ]
    assert "Answer a few questions to see which pathways may apply, and why." in pages["index.md"]
    assert "[See the pathways](pathways/index.md)" in pages["index.md"]
    assert headings(pages["pathways/index.md"], 1) == ["All pathways"]
    assert headings(pages["supports/index.md"], 1) == ["Kinds of support"]
    assert Strings("en").table["words"]["contact_heading"] == "Who to contact"


def test_words_and_groups_shape_the_home_and_supports_pages(tmp_project: ProjectFactory) -> None:
    content = content_of(tmp_project, GROUPED)
    pages = PageRenderer(content).guidance_pages()
    home = pages["index.md"]
    # Counted: one pathway, two supports in each group; the empty group is left out.
    assert headings(home, 2) == [
        "Which way in?",
        "One way in",
        "Getting there",
        "Help with learning (two)",
    ]
    assert "There is one of them." in home
    supports = pages["supports/index.md"]
    assert headings(supports, 1) == ["Services, four in all"]
    assert headings(supports, 2) == ["Getting there", "Learning support"]
    assert "Two kinds of help with travel." in supports
    assert "Nothing yet" not in supports
    # Within a group, supports keep their own order; groups keep the order of site.yml.
    listed = re.findall(r"^- \*\*\[([^\]]+)\]", supports, re.MULTILINE)
    assert listed == ["Bus passes", "Car shares", "Tutoring", "Consultancy"]
    assert [s.id for s in content.supports] == [
        "bus-passes",
        "car-shares",
        "tutoring",
        "consultancy",
    ]


def test_the_handbook_has_a_chapter_per_group_in_order(tmp_project: ProjectFactory) -> None:
    book = handbook_html(content_of(tmp_project, GROUPED), site_url=None, pdf_name=None)
    chapters = re.findall(r'<section class="chapter" id="(group-[a-z-]+)"', book)
    assert chapters == ["group-travel", "group-learning"]
    assert re.findall(r'<li><a href="#(group-[a-z-]+)">([^<]+)</a>', book) == [
        ("group-travel", "Getting there"),
        ("group-learning", "Learning support"),
    ]
    assert "<p>Two kinds of help with travel.</p>" in book


def test_an_empty_group_is_a_warning(tmp_project: ProjectFactory) -> None:
    assert problems_of(tmp_project(GROUPED)) == [
        "content/site.yml:18:9: warning[empty-group]: support_groups[1].id: no kind of support names "
        "'unused' as its group, so the site leaves the group out"
    ]


def test_group_and_word_problems_are_located(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    site = GROUPS_SITE.replace("find_title: Which way in?", "find_title: The {count} ways")
    root = tmp_project({**GROUPED, "content/site.yml": site.replace("id: learning", "id: travel")})
    assert run(["check", "--root", root]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/site.yml:11:15: error[nothing-to-count]: words.find_title: {count} stands for a number, and this "
        "word has none to show; write it without",
        "content/site.yml:20:9: error[duplicate-id]: support_groups[2].id: duplicate support group id "
        "'travel' (also at content/site.yml:15:9)",
        "content/supports/consultancy.yml:3:8: error[unknown-group]: group: 'learning' is not one of the "
        "support_groups in content/site.yml",
        "content/supports/tutoring.yml:3:8: error[unknown-group]: group: 'learning' is not one of the "
        "support_groups in content/site.yml",
        "check failed: 4 errors, 0 warnings",
    ]


def test_an_unknown_word_suggests_the_nearest(tmp_project: ProjectFactory) -> None:
    site = GROUPS_SITE.replace("contact_heading:", "contact_headng:")
    assert problems_of(tmp_project({**GROUPED, "content/site.yml": site})) == [
        "content/site.yml:13:3: error[unknown-key]: words: unknown field 'contact_headng'; did you mean "
        "'contact_heading'?"
    ]


def test_a_group_named_where_the_site_has_none(tmp_project: ProjectFactory) -> None:
    root = tmp_project({"content/site.yml": SITE.split("support_groups:")[0]})
    assert problems_of(root) == [
        "content/supports/consultancy.yml:3:8: error[unknown-group]: group: 'direct-technical-assistance' is "
        "not a support group: content/site.yml has no support_groups; add one with this id and "
        "a title"
    ]


def test_every_word_is_documented() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Your program's words and support groups", 1)[1].split("\n## ")[0]
    assert [w.name for w in WORDS if f"`{w.name}`" not in section] == []


def test_the_old_category_says_what_replaced_it(tmp_project: ProjectFactory) -> None:
    old = MINIMAL["content/supports/consultancy.yml"].replace("group:", "category:")
    assert problems_of(tmp_project({"content/supports/consultancy.yml": old})) == [
        "content/supports/consultancy.yml:1:1: error[missing]: missing required field 'group'",
        "content/supports/consultancy.yml:3:1: error[unknown-key]: unknown field 'category': write 'group:' "
        "instead, naming one of the support_groups in content/site.yml",
    ]
