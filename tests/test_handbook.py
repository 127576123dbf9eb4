"""The print handbook: its HTML page, the tagged PDF made from it, and the links to it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from generator.build.pdf import write_pdf
from generator.build.site import BuildOptions, Generated, build
from generator.errors import BuildError, Problems
from generator.evaluate import all_paths
from generator.model import Content
from generator.render.handbook import handbook_css, handbook_html
from generator.render.strings import load_strings
from generator.validate import read_content
from tests.conftest import REPO, TODAY, ProjectFactory

EPOCH = "1795737600"  # 2026-11-27 00:00:00 UTC
SITE_URL = "https://guide.example.org/dta/"
HAS_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None


@dataclass
class Built:
    out: Path
    generated: Generated
    pdf: Path
    reader: PdfReader
    content: Content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The shipped content built once with the PDF, dates fixed by SOURCE_DATE_EPOCH."""
    out = tmp_path_factory.mktemp("handbook") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        generated = build(BuildOptions(REPO, out, site_url=SITE_URL, pdf=True, today=TODAY))
    pdf = out / "handbook.pdf"
    yield Built(out, generated, pdf, PdfReader(pdf), generated.content)


def squash(text: str) -> str:
    return " ".join(text.split())


def page_text(pdf: Path, number: int) -> str:
    """One page's text as poppler extracts it (pages count from 1)."""
    args = ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def all_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """The bookmarks, flattened: (depth, title, page number from 1)."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                assert isinstance(item, Destination)
                page = reader.get_destination_page_number(item) + 1
                found.append((depth, str(item.title), page))

    walk(reader.outline, 0)
    return found


def toc_entries(pdf: Path, pages: int) -> list[tuple[str, int]]:
    """The table of contents as printed: each title and the page number after its leader."""
    entries: list[tuple[str, int]] = []
    for number in range(2, pages + 1):
        text = page_text(pdf, number)
        rows = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", text, re.MULTILINE)
        if not rows:
            break
        entries += [(title, int(page)) for title, page in rows]
    return entries


def annotations(reader: PdfReader) -> list[dict[str, Any]]:
    found = []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            found.append(ref.get_object())
    return found


# The PDF


def test_page_count_is_sane_and_reaches_the_build_result(built: Built) -> None:
    pages = len(built.reader.pages)
    assert 10 <= pages <= 60
    assert built.generated.handbook_pages == pages


def test_page_size_is_us_letter(built: Built) -> None:
    for page in built.reader.pages:
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 612, 792]


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_every_pathway_title_and_statute_url_is_in_the_text(built: Built) -> None:
    text = all_text(built.pdf)
    for p in built.content.pathways:
        assert squash(p.title) in squash(text), p.title
    # An address printed in full may wrap at any character, so compare without white space.
    joined = "".join(text.split())
    for st in built.content.statutes:
        assert st.url in joined, st.url


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_cover_has_title_publisher_edition_and_address(built: Built) -> None:
    cover = squash(page_text(built.pdf, 1))
    site = built.content.site
    assert squash(site.title) in cover
    assert site.publisher in cover
    assert "Edition of November 30, 2026" in cover
    assert SITE_URL in cover
    assert "Page 1" not in cover


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_every_page_after_the_cover_has_its_footer_and_header(built: Built) -> None:
    pages = len(built.reader.pages)
    for number in range(2, pages + 1):
        text = page_text(built.pdf, number)
        assert f"Page {number} of {pages}" in text
        assert squash(text).startswith(squash(built.content.site.title))


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_contents_page_numbers_match_where_chapters_start(built: Built) -> None:
    pages = len(built.reader.pages)
    entries = toc_entries(built.pdf, pages)
    titles = [title for title, _ in entries]
    c = built.content
    expected = [p.title for p in c.pathways] + [t.title for t in c.trees] + ["Glossary"]
    expected += [f"{s.label}: {s.heading}" for s in c.statutes]
    for title in expected:
        assert title in titles, title
    for title, number in entries:
        assert 2 < number <= pages, (title, number)
        body = squash(page_text(built.pdf, number))
        # Chapters follow on within a part, so a title may start anywhere on its page.
        assert title in body, (title, number, body[:160])
        if title in ("Contents", "Introduction", *(t.title for t in c.trees)):
            # A part starts a page: the running header names it, its title first below it.
            header = squash(c.site.title)
            assert body.startswith(f"{header} {title} {title}"), (title, number, body[:160])
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers)


def test_bookmarks_cover_every_chapter_and_pathway(built: Built) -> None:
    marks = outline(built.reader)
    top = [title for depth, title, _ in marks if depth == 0]
    c = built.content
    for title in ["Contents", "Introduction", "The pathways", "Glossary"]:
        assert title in top
    assert [t.title for t in c.trees] == [t for t in top if t in {x.title for x in c.trees}]
    pathway_marks = [(depth, title) for depth, title, _ in marks if depth == 1]
    for p in c.pathways:
        assert (1, p.title) in pathway_marks, p.title
    # The pathways sit under their part, in order.
    start = [title for _, title, _ in marks].index("The pathways")
    under = [title for _, title, _ in marks[start + 1 : start + 1 + len(c.pathways)]]
    assert under == [p.title for p in c.pathways]


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_bookmarks_and_contents_agree(built: Built) -> None:
    printed = dict(toc_entries(built.pdf, len(built.reader.pages)))
    for _, title, page in outline(built.reader):
        if title in printed:
            assert printed[title] == page, title


def test_pdf_is_tagged_with_language_and_metadata(built: Built) -> None:
    root = built.reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    info = built.reader.metadata
    assert info is not None
    site = built.content.site
    assert info.title == site.title
    assert info.author == site.publisher
    assert info.subject == " ".join(site.description.split())
    assert info["/CreationDate"].startswith("D:20261127000000")


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_every_font_is_embedded(built: Built) -> None:
    listing = subprocess.run(
        ["pdffonts", str(built.pdf)], check=True, capture_output=True, text=True
    ).stdout
    lines = listing.splitlines()
    header = lines[0]
    column = header.index("emb")
    rows = lines[2:]
    assert rows
    for row in rows:
        assert row[column : column + 3] == "yes", row


def test_links_reach_the_official_text_and_inside_the_book(built: Built) -> None:
    annots = [a for a in annotations(built.reader) if a.get("/Subtype") == "/Link"]
    uris = {a["/A"]["/URI"] for a in annots if "/A" in a and "/URI" in a["/A"]}
    for st in built.content.statutes:
        assert st.url in uris, st.url
    assert all(u.startswith("https://leginfo.legislature.ca.gov/") or u == SITE_URL for u in uris)
    internal = [a for a in annots if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    assert len(internal) > 20  # the contents, cross references and the scenario table


def test_two_builds_give_identical_bytes(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "again"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(BuildOptions(REPO, out, site_url=SITE_URL, pdf=True, today=TODAY))
    assert (out / "handbook.pdf").read_bytes() == built.pdf.read_bytes()
    assert (out / "handbook" / "index.html").read_bytes() == (
        built.out / "handbook" / "index.html"
    ).read_bytes()


# The web pages and the HTML handbook


class _Refs(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if values.get("id"):
            self.ids.add(values["id"] or "")


def site_pages(out: Path, folder: str = "") -> list[Path]:
    """One language's own pages (``folder`` "" or "es/"), not the engine's or the handbook's."""
    skip = ("404.html", "handbook/", "embed/", "search/", "assets/")
    found = []
    for p in sorted((out / folder).rglob("*.html")):
        rel = p.relative_to(out / folder).as_posix()
        if not rel.startswith(skip) and not (not folder and rel.startswith("es/")):
            found.append(p)
    return found


LANGUAGE_FOLDERS = (("en", ""), ("es", "es/"))


def test_every_web_page_links_to_its_languages_pdf_with_its_page_count(built: Built) -> None:
    for language, folder in LANGUAGE_FOLDERS:
        pages = len(PdfReader(built.out / folder / "handbook.pdf").pages)
        found = site_pages(built.out, folder)
        assert len(found) > 20
        wanted = load_strings(language)["handbook"]["download_pdf"].format(pages=pages)
        for page in found:
            html = page.read_text(encoding="utf-8")
            match = re.search(r'<a href="([^"]+)">' + re.escape(wanted) + "</a>", html)
            assert match, page
            rel = page.relative_to(built.out).as_posix()
            target = urljoin(f"http://x/{rel}", match.group(1))
            assert target == f"http://x/{folder}handbook.pdf", page


def test_no_pdf_build_links_to_the_print_page(shipped_site: Path) -> None:
    for language, folder in LANGUAGE_FOLDERS:
        assert not (shipped_site / folder / "handbook.pdf").exists()
        assert (shipped_site / folder / "handbook" / "index.html").is_file()
        assert (shipped_site / folder / "handbook" / "handbook.css").is_file()
        handbook = (shipped_site / folder / "handbook" / "index.html").read_text("utf-8")
        assert "handbook.pdf" not in handbook
        wanted = re.escape(load_strings(language)["handbook"]["print_html"])
        for page in site_pages(shipped_site, folder):
            html = page.read_text(encoding="utf-8")
            match = re.search(r'<a href="([^"]+)">' + wanted + "</a>", html)
            assert match, page
            rel = page.relative_to(shipped_site).as_posix()
            target = urljoin(f"http://x/{rel}", match.group(1))
            assert target == f"http://x/{folder}handbook/", page


def test_print_page_link_follows_file_addresses(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project({"mkdocs.yml": "site_name: x\nuse_directory_urls: false\n"})
    out = tmp_path / "site"
    build(BuildOptions(root, out, pdf=False, today=TODAY))
    pages = site_pages(out)
    assert {p.relative_to(out).as_posix() for p in pages} >= {"index.html", "pathways/first.html"}
    for page in pages:
        match = re.search(r'<a href="([^"]+)">Print the handbook', page.read_text("utf-8"))
        assert match, page
        rel = page.relative_to(out).as_posix()
        assert urljoin(f"http://x/{rel}", match.group(1)) == "http://x/handbook/index.html"


def test_handbook_page_makes_no_requests_and_runs_no_script(built: Built) -> None:
    html = (built.out / "handbook" / "index.html").read_text(encoding="utf-8")
    refs = _Refs(html)
    assert not any(tag == "script" for tag, _ in refs.tags)
    assert "<script" not in html.lower()
    assert re.search(r'<html lang="en">', html)
    fetched = [
        values.get("src") or values.get("href")
        for tag, values in refs.tags
        if tag in ("img", "iframe", "link", "source", "video", "audio", "object", "embed")
        and values.get("rel") != "alternate"  # the page in each language, named, not fetched
    ]
    # Its stylesheet, and the site's icon so that no browser asks for /favicon.ico.
    assert fetched == ["handbook.css", "../assets/images/favicon.png"]
    assert (built.out / "assets" / "images" / "favicon.png").is_file()
    for tag, values in refs.tags:
        assert "style" not in values, tag  # no inline styles with url()
    assert not re.search(r"url\(|@import", html.split("</style>")[0].split("<style>")[-1])
    css = handbook_css()
    assert "url(" not in css and "@import" not in css and "://" not in css


def test_handbook_internal_links_all_resolve(built: Built) -> None:
    html = (built.out / "handbook" / "index.html").read_text(encoding="utf-8")
    refs = _Refs(html)
    hrefs = [values.get("href") or "" for tag, values in refs.tags if tag == "a"]
    internal = [h for h in hrefs if h.startswith("#")]
    assert len(internal) > 30
    for href in internal:
        assert href[1:] in refs.ids, href
    others = {h for h in hrefs if not h.startswith(("#", "https://"))}
    # The site's home, the PDF, and the same page in Spanish.
    assert others == {"../", "../handbook.pdf", "../es/handbook/"}


def fill(pdf: Path) -> list[float]:
    """How far down each page's text column its text reaches, from 0 (empty) to 1 (full),
    the running header and the page footer left out."""
    args = ["pdftotext", "-bbox", str(pdf), "-"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    top, bottom = 0.9 * 72, 792 - 0.85 * 72  # the page's margins, as the stylesheet sets them
    found = []
    for page in out.split("<page ")[1:]:
        ends = [
            float(y_max)
            for y_min, y_max in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)
            if top - 5 < float(y_min) < bottom
        ]
        found.append(round((max(ends, default=top) - top) / (bottom - top), 2))
    return found


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_no_page_is_left_nearly_empty_by_a_spill(built: Built) -> None:
    """Chapters follow on within a part and headings keep with their text, so no page but the
    last is less than a third full because a section ran a few lines over."""
    filled = fill(built.pdf)
    assert len(filled) == len(built.reader.pages)
    short = [(number, f) for number, f in enumerate(filled[:-1], start=1) if f < 1 / 3]
    assert short == []


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_one_font_family_throughout(built: Built) -> None:
    listing = subprocess.run(
        ["pdffonts", str(built.pdf)], check=True, capture_output=True, text=True
    ).stdout
    names = {row.split()[0].split("+", 1)[-1] for row in listing.splitlines()[2:]}
    assert names == {"Liberation-Sans", "Liberation-Sans-Bold"}


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_addresses_of_the_law_are_printed_only_in_the_appendix(built: Built) -> None:
    appendix = next(
        page for _, title, page in outline(built.reader) if title.startswith("Appendix")
    )
    before = "".join(page_text(built.pdf, n) for n in range(1, appendix))
    assert "leginfo" not in before and "https://" not in before.replace(SITE_URL, "")
    # The text points to the appendix instead, by section and page.
    assert re.search(r"\(see Appendix, EC 52074, page \d+\)", squash(before))
    joined = "".join(all_text(built.pdf).split())
    for st in built.content.statutes:
        assert joined.count(st.url or "") == 1, st.url


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_review_dates_are_one_table_at_the_end(built: Built) -> None:
    text = squash(all_text(built.pdf))
    # Only as the head of its two tables (repeated where a table runs over a page), never as a
    # line after each part.
    assert "Last reviewed:" not in text and 2 <= text.count("Last reviewed") <= 4
    last = squash(page_text(built.pdf, len(built.reader.pages)))
    for p in built.content.pathways:
        assert p.title in text.split("Review dates")[-1], p.title
    assert "Summary checked against the official text" in last


def test_questions_are_referred_to_by_their_text_not_a_number(built: Built) -> None:
    html = (built.out / "handbook" / "index.html").read_text(encoding="utf-8")
    tree = built.content.trees[0]
    chapter = html.split(f'id="tree-{tree.id}"', 1)[1].split('id="statutes"', 1)[0]
    assert not re.search(r"[Qq]uestion \d", chapter)
    assert "<ol" not in chapter and " value=" not in chapter
    second = tree.question_by_id[tree.questions[1].id]
    assert f"go to the question: {second.text}" in chapter


def test_the_page_has_the_site_header_and_a_way_back(built: Built) -> None:
    html = (built.out / "handbook" / "index.html").read_text(encoding="utf-8")
    header = html.split('<header class="site-header', 1)[1].split("</header>", 1)[0]
    assert f'<a class="site-name" href="../">{built.content.site.title}</a>' in header
    assert '<a class="back-link" href="../">Back to the website</a>' in html
    assert html.index("</header>") < html.index("<main>") < html.index('class="cover"')


def test_handbook_holds_the_scenario_table_and_flowchart(built: Built) -> None:
    html = (built.out / "handbook" / "index.html").read_text(encoding="utf-8")
    for tree in built.content.trees:
        assert f'id="tree-{tree.id}"' in html
        table = html.split('<table class="scenarios">', 1)[1].split("</table>", 1)[0]
        assert table.count("<tr>") == len(all_paths(tree)) + 1
    assert html.count("<svg") == len(built.content.trees)


# The parts, alone


def test_minimal_content_makes_a_handbook(tmp_project: ProjectFactory) -> None:
    root = tmp_project()
    problems = Problems()
    content = read_content(root, problems, TODAY)
    assert content is not None
    html = handbook_html(content, site_url=None, pdf_name=None)
    assert 'id="pathway-first"' in html
    assert "Test publisher" in html
    assert "<script" not in html


def test_content_markup_is_escaped(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/supports/consultancy.yml": """\
                id: consultancy
                title: Consultancy <script>alert(1)</script>
                group: direct-technical-assistance
                order: 1
                summary: A thought partner.
                description: See <b>bold</b>.
                last_reviewed: 2026-11-01
                """,
            "content/pages/about.md": """\
                ---
                title: About
                last_reviewed: 2026-11-01
                ---
                ## A section

                See [the page](pathways/first.md) and [this section](#a-section).
                """,
        }
    )
    problems = Problems()
    content = read_content(root, problems, TODAY)
    assert content is not None, [p.format() for p in problems.errors]
    html = handbook_html(content, site_url=None, pdf_name=None)
    assert "<script>" not in html and "<b>" not in html
    # A web page's relative links, and its headings' anchors, lead nowhere here: words only.
    assert "See the page and this section." in html
    assert "pathways/first.md" not in html and 'href="#a-section"' not in html


def test_write_pdf_refuses_the_network(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title>'
        '<link rel="stylesheet" href="https://example.invalid/a.css"></head>'
        '<body><p>x<img src="http://example.invalid/i.png" alt="x"></p></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match=r"disallowed protocol: https://example\.invalid/a\.css"):
        write_pdf(page, tmp_path / "page.pdf")
    assert not (tmp_path / "page.pdf").exists()


def test_write_pdf_without_weasyprint_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(BuildError, match=r"pathways\[pdf\]"):
        write_pdf(tmp_path / "page.html", tmp_path / "page.pdf")


def test_bad_source_date_epoch_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH"):
        write_pdf(tmp_path / "page.html", tmp_path / "page.pdf")
