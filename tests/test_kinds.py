"""Who cites a section: one registry of content kinds, read alike by the site and the handbook."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.kinds import KINDS
from generator.render.strings import Strings
from tests.conftest import REPO, write_project

# One citer of EC 52072 of every kind, each citing a subdivision of its own so rows can't be
# confused; the minimal project's pathway (a) and site tagline (a) cite it already.
EVERY_KIND: dict[str, str | bytes | None] = {
    "content/supports/consultancy.yml": """\
        id: consultancy
        title: Consultancy
        group: direct-technical-assistance
        order: 1
        summary: A thought partner.
        description: CCEE acts as a thought partner under EC 52072(b).
        last_reviewed: 2026-11-01
        """,
    "content/statutes/ec-52064-5.yml": """\
        citation: EC 52064.5
        heading: Evaluation rubrics
        summary: The rubrics that EC 52072(c) relies on.
        text_checked: 2026-11-01
        last_reviewed: 2026-11-01
        """,
    "content/glossary.yml": """\
        terms:
          - term: LEA
            stands_for: local educational agency
            definition: A school district, as EC 52072(d) uses it.
        """,
    "content/pages/index.md": """\
        ---
        title: Welcome home
        last_reviewed: 2026-11-01
        ---
        Welcome. See EC 52072(e).
        """,
    "content/pages/about.md": """\
        ---
        title: About this guidance
        last_reviewed: 2026-11-01
        ---
        Written under EC 52072(f).
        """,
    "decision_trees/t.yml": """\
        id: t
        title: Find your pathway
        intro: Answer the questions.
        start: q1
        last_reviewed: 2026-11-01
        questions:
          - id: q1
            text: First question?
            hint: See EC 52072(g).
            answers:
              - id: a
                label: A
                next: done
              - id: b
                label: B
                next: none
        outcomes:
          - id: done
            title: Done
            text: The first pathway applies.
            pathways: [first]
          - id: none
            title: Nothing yet
            text: Nothing applies.
            pathways: []
        """,
}
STRINGS = Strings("en")
# A row names its kind before the title, unless the title is the kind's own name (the glossary).
_WEB_ROW = re.compile(
    r"<td>(?:([^<:]+): )?<a href=\"([^\"]+)\">([^<]+)</a></td>\s*<td>([^<]*)</td>"
)
_BOOK_ROW = re.compile(
    r"<tr><td>(?:([^<:]+): )?<a class=\"xref\" href=\"#([^\"]+)\">([^<]+)</a></td>"
    r"<td>([^<]*)</td></tr>"
)


def _row(match: re.Match[str]) -> tuple[str, str, str, str]:
    kind, link, title, subdivisions = (html.unescape(v or "") for v in match.groups())
    return kind or title, link, title, subdivisions


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("kinds") / "project", EVERY_KIND)
    out = root.parent / "site"
    code = main(["build", "--root", str(root), "--out", str(out), "--no-pdf"])
    assert code == 0
    return out


def web_rows(site: Path) -> list[tuple[str, str, str, str]]:
    page = (site / "statutes" / "ec-52072" / "index.html").read_text("utf-8")
    table = page[page.index(html.escape(STRINGS("statute.cited_in"), quote=False)) :]
    return [_row(m) for m in _WEB_ROW.finditer(table)]


def book_rows(site: Path) -> list[tuple[str, str, str, str]]:
    book = (site / "handbook" / "index.html").read_text("utf-8")
    section = book[book.index('id="statute-ec-52072"') :]
    section = section[: section.index("</table>")]
    return [_row(m) for m in _BOOK_ROW.finditer(section)]


def test_every_kind_of_content_is_listed_as_a_citer_on_the_web(site: Path) -> None:
    rows = web_rows(site)
    # In the order of the subdivisions cited, as they come in the section.
    assert rows == [
        ("Home page", "../../", "Test guidance", "(a)"),
        ("Pathway", "../../pathways/first/", "First pathway", "(a)"),
        ("Kind of support", "../../supports/consultancy/", "Consultancy", "(b)"),
        ("Section summary", "../ec-52064-5/", "EC 52064.5: Evaluation rubrics", "(c)"),
        ("Glossary", "../../glossary/", "Glossary", "(d)"),
        ("Page", "../../", "Welcome home", "(e)"),
        ("Page", "../../about/", "About this guidance", "(f)"),
        ("Decision tree", "../../find/t/", "Find your pathway", "(g)"),
    ]
    page = (site / "statutes" / "ec-52072" / "index.html").read_text("utf-8")
    assert "Glossary: <a" not in page  # the glossary is named once, not "Glossary: Glossary"
    # Every link leads to a page the build wrote, from the section's own folder.
    here = site / "statutes" / "ec-52072"
    for _, href, _, _ in rows:
        assert (here / href / "index.html").resolve().is_file(), href


def test_the_handbook_lists_the_same_citers_with_working_anchors(site: Path) -> None:
    rows = book_rows(site)
    # In print the home page's text is the introduction, under the handbook's own heading.
    assert rows == [
        ("Home page", "introduction", "Introduction", "(a)"),
        ("Pathway", "pathway-first", "First pathway", "(a)"),
        ("Kind of support", "support-consultancy", "Consultancy", "(b)"),
        ("Section summary", "statute-ec-52064-5", "EC 52064.5: Evaluation rubrics", "(c)"),
        ("Glossary", "glossary", "Glossary", "(d)"),
        ("Page", "introduction", "Introduction", "(e)"),
        ("Page", "page-about", "About this guidance", "(f)"),
        ("Decision tree", "tree-t", "Find your pathway", "(g)"),
    ]
    text = (site / "handbook" / "index.html").read_text("utf-8")
    for _, anchor, _, _ in rows:
        assert f'id="{anchor}"' in text, anchor


def test_the_fixture_covers_every_registered_kind(site: Path) -> None:
    labels = {kind for kind, _, _, _ in web_rows(site)}
    assert labels == {STRINGS(f"statute.kind.{kind}") for kind in KINDS}


@pytest.mark.parametrize(
    "locale", sorted(p.stem for p in (REPO / "generator" / "locales").glob("*.yml"))
)
def test_every_kind_has_a_label_in_every_locale(locale: str) -> None:
    strings = Strings(locale)
    for kind in KINDS:
        assert strings(f"statute.kind.{kind}").strip(), kind
