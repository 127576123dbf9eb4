"""A second program, written independently in the documented format (tests/fixtures/
second-program: a fictional partnership's routes to school stability for youth in foster care),
builds into a site that carries its own words and none of the shipped program's."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import material
import pytest

from generator.errors import Problems
from generator.validate import read_content
from tests.conftest import REPO, TODAY, problems_of
from tests.test_cli import run

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "second-program"
SITE_URL = "https://guide.example.org/"
FIXED = (
    "CCEE",
    "Direct Technical Assistance",
    "Statewide System of Support",
    "LEA",
    "Education Code",
    "county office of education",
)
"""Facts of the shipped program that no other program's site should ever show."""
TEXT_FILES = {".html", ".js", ".json", ".css", ".csv", ".xml", ".txt", ".svg"}
# Integrity hashes are random letters: an acronym could turn up in one by chance.
_HASH = re.compile(r"sha384-[A-Za-z0-9+/=]+")


@dataclass(frozen=True)
class Phrase:
    text: str
    pattern: re.Pattern[str]


def phrase(text: str) -> Phrase:
    """A whole-word pattern; a counted ``{count}`` matches any word, as the site spells it.

    Acronyms match in their own case only ('LEA', not 'lea'); everything else in any case."""
    body = re.escape(text).replace(r"\{count\}", r"\w+").replace(r"\{Count\}", r"\w+")
    acronym = text.isupper() and " " not in text
    return Phrase(text, re.compile(rf"(?<!\w){body}(?!\w)", 0 if acronym else re.IGNORECASE))


@cache
def shipped_phrases() -> tuple[Phrase, ...]:
    """The shipped content's distinctive words, collected from it, and the fixed ones.

    Words the locale also holds are the interface's, shared by every program, and left out."""
    content = read_content(REPO, Problems(), TODAY)
    assert content is not None
    site = content.site
    found = [site.title, site.publisher, *site.words.values()]
    for group in site.support_groups:
        found += [group.title, group.home_title or ""]
    found += [p.title for p in content.pathways]
    found += [s.title for s in content.supports] + [s.also_called or "" for s in content.supports]
    found += [s.heading for s in content.statutes] + [s.label for s in content.statutes]
    found += [t.term for t in content.terms] + [t.stands_for or "" for t in content.terms]
    for tree in content.trees:
        found += [tree.title, *(q.text for q in tree.questions), *(o.title for o in tree.outcomes)]
    found += [page.title for page in content.pages]
    locale = resources.files("generator").joinpath("locales/en.yml").read_text("utf-8")
    own = [
        p
        for text in dict.fromkeys(found)
        if text and not (p := phrase(text)).pattern.search(locale)
    ]
    return (*own, *(phrase(text) for text in FIXED))


def theme_files(out: Path) -> set[Path]:
    """The theme's own assets, copied unchanged into every site: not this site's words."""
    theme = Path(material.__file__).parent / "templates"
    return {out / f.relative_to(theme) for f in (theme / "assets").rglob("*") if f.is_file()}


def leaks(out: Path, phrases: Iterable[Phrase]) -> list[str]:
    """Every phrase found in the site's text files, as 'file: phrase: ...context...'."""
    phrases = tuple(phrases)
    skip = theme_files(out)
    found = []
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_FILES or path in skip:
            continue
        text = _HASH.sub("", path.read_text("utf-8"))
        for p in phrases:
            for match in p.pattern.finditer(text):
                around = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
                found.append(f"{path.relative_to(out)}: {p.text!r}: ...{around}...")
    return found


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second program built once through the command line, without the PDF."""
    root = tmp_path_factory.mktemp("second") / "program"
    shutil.copytree(FIXTURE, root)
    out = root.parent / "site"
    status = run(["build", "--root", root, "--out", out, "--no-pdf", "--site-url", SITE_URL])
    assert status == 0
    return out


def page(out: Path, path: str) -> str:
    return html.unescape((out / path).read_text("utf-8"))


def test_the_second_program_is_clean() -> None:
    assert problems_of(FIXTURE) == []


def test_no_word_of_the_shipped_content_is_in_its_output(second_site: Path) -> None:
    assert len(shipped_phrases()) > 40
    assert leaks(second_site, shipped_phrases()) == []


def test_the_search_finds_the_shipped_words_where_they_are(shipped_site: Path) -> None:
    found = leaks(shipped_site, shipped_phrases())
    for path in ("index.html", "supports/index.html", "handbook/index.html", "embed/"):
        assert any(line.startswith(path) for line in found), path
    assert any("'The {count} pathways'" in line for line in found)


def test_its_own_words_and_counts_are_on_its_pages(second_site: Path) -> None:
    home = page(second_site, "index.html")
    for words in (
        "Which route fits?",
        "Three routes in",
        "Who opens each route:",
        ">Start the questions<",
        "Help with records",
        "Getting to school",
    ):
        assert words in home, words
    assert re.findall(r'<h2 id="[^"]*">([^<]+)', page(second_site, "supports/index.html")) == [
        "Records and enrollment",
        "Getting to school",
        "Learning support",
    ]
    supports = page(second_site, "supports/index.html")
    assert "The partnership's five services, grouped by what they help with." in supports
    assert "Two services that keep the trip to the school of origin possible." in supports
    pathways = page(second_site, "pathways/index.html")
    assert "by one of these three routes" in pathways
    for label in ("Routes in", "Services"):
        assert re.search(rf'<span class="md-ellipsis">\s*{label}\s*</span>', home), label


def test_its_words_reach_the_widget_the_embed_page_and_the_handbook(second_site: Path) -> None:
    bundle = (second_site / "embed/which-route.js").read_text("utf-8")
    data = json.loads(bundle.split("const TREE = ", 1)[1].split(";\n", 1)[0])
    assert data["strings"]["contact_heading"] == "Your partnership contact"
    embed = page(second_site, "embed-on-your-site/index.html")
    for words in (
        "A partner agency can show these questions",
        "Your agency's details",
        "Name of your agency",
        'under "Your partnership contact"',
    ):
        assert words in embed, words
    book = page(second_site, "handbook/index.html")
    assert "This booklet is the printed copy of the partnership's online guide" in book
    assert re.findall(r'<section class="chapter" id="group-([a-z-]+)"', book) == [
        "records",
        "getting-to-school",
        "learning",
    ]


def test_each_code_it_cites_links_to_its_official_text(second_site: Path) -> None:
    assert re.findall(r'<h2 id="[^"]*">([^<]+)', page(second_site, "statutes/index.html")) == [
        "Government Code",
        "Welfare and Institutions Code",
        "United States Code",
        "Code of Federal Regulations",
    ]
    official = {
        "gov-11135": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
        "?lawCode=GOV&sectionNum=11135.",
        "wic-300": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
        "?lawCode=WIC&sectionNum=300.",
        "usc-20-6311": "https://uscode.house.gov/view.xhtml"
        "?req=granuleid:USC-prelim-title20-section6311&num=0&edition=prelim",
        "usc-20-6312": "https://uscode.house.gov/view.xhtml"
        "?req=granuleid:USC-prelim-title20-section6312&num=0&edition=prelim",
        "cfr-34-99-31": "https://www.ecfr.gov/current/title-34/section-99.31",
        "cfr-34-part-99": "https://www.ecfr.gov/current/title-34/part-99",
    }
    for slug, url in official.items():
        assert f'href="{url}"' in page(second_site, f"statutes/{slug}/index.html"), slug
