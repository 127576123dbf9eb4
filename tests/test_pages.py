"""The generated site: official links, citers, abbreviations, escaping, rewrites and schemas."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build.site import BuildOptions, build, generate
from generator.citations import is_canonical_url, parse_citation
from generator.errors import ContentError, Problems
from generator.model import Content, Statute
from generator.render.pages import Strings
from generator.validate import read_content
from generator.validate.schemas import schema_files
from tests.conftest import MINIMAL, REPO, TODAY, ProjectFactory

MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
PATHWAY_FILES = sorted((REPO / "content" / "pathways").glob("*.yml"))
# Translations (content/es/) hold only texts, in a form of their own, without a schema.
CONTENT_YAML = sorted(
    [
        *(
            p
            for p in (REPO / "content").rglob("*.yml")
            if not p.is_relative_to(REPO / "content/es")
        ),
        *(REPO / "decision_trees").glob("*.yml"),
    ]
)
STRINGS = Strings("en")


def longdate(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def article(page: str) -> str:
    """The page's own content, without the navigation and header Material draws around it."""
    start = page.index("<article")
    return page[start : page.index("</article>", start)]


@dataclass
class Cell:
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)


class Parsed(HTMLParser):
    """Links, abbreviations, text and table cells of an HTML fragment, entities decoded."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.abbrs: list[tuple[str, str]] = []
        self.metas: list[dict[str, str | None]] = []
        self.rows: list[list[Cell]] = []
        self.text_parts: list[str] = []
        self._abbr: tuple[str, list[str]] | None = None
        self._link: tuple[str, list[str]] | None = None
        self._cell: Cell | None = None
        self.feed(markup)
        self.close()

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            href = values["href"] or ""
            self.hrefs.append(href)
            self._link = (href, [])
        elif tag == "abbr":
            self._abbr = (values.get("title") or "", [])
        elif tag == "meta":
            self.metas.append(values)
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = Cell()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            href, parts = self._link
            if self._cell is not None:
                self._cell.links.append((href, "".join(parts).strip()))
            self._link = None
        elif tag == "abbr" and self._abbr is not None:
            self.abbrs.append((self._abbr[0], "".join(self._abbr[1])))
            self._abbr = None
        elif tag in ("td", "th") and self._cell is not None:
            self._cell.text = self._cell.text.strip()
            self.rows[-1].append(self._cell)
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        for open_part in (self._abbr, self._link):
            if open_part is not None:
                open_part[1].append(data)
        if self._cell is not None:
            self._cell.text += data


def html_files(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*.html")):
        yield path, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def content() -> Content:
    problems = Problems()
    model = read_content(REPO, problems, TODAY)
    assert model is not None, [p.format() for p in problems.errors]
    return model


# Pathway pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHWAY_FILES, ids=[p.stem for p in PATHWAY_FILES])
def test_pathway_page_links_official_text_statutes_and_supports(
    shipped_site: Path, path: Path
) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    page = (shipped_site / "pathways" / data["id"] / "index.html").read_text(encoding="utf-8")
    hrefs = set(Parsed(article(page)).hrefs)
    citations = [parse_citation(text) for text in data["citations"]]
    assert citations
    for citation in citations:
        # The raw markup too: an unescaped '&' would be invalid HTML.
        assert f'href="{html.escape(citation.url)}"' in page, citation.canonical
        assert citation.url in hrefs
        slug = "ec-" + citation.section.replace(".", "-")
        assert f"../../statutes/{slug}/" in hrefs, citation.canonical
    for support in data["supports"]:
        assert f"../../supports/{support}/" in hrefs, support
    for related in data.get("related_pathways") or ():
        assert f"../{related}/" in hrefs, related


def test_statewide_system_of_support_links_52072_exactly(shipped_site: Path) -> None:
    page = shipped_site / "pathways" / "statewide-system-of-support" / "index.html"
    expected = (
        'href="https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml'
        '?lawCode=EDC&amp;sectionNum=52072."'
    )
    assert expected in page.read_text(encoding="utf-8")


def test_every_official_link_has_the_canonical_form(shipped_site: Path, content: Content) -> None:
    found: dict[str, list[str]] = defaultdict(list)
    for path, page in html_files(shipped_site):
        for href in Parsed(page).hrefs:
            if "leginfo" in href:
                found[href].append(path.relative_to(shipped_site).as_posix())
    bad = {href: pages for href, pages in found.items() if not is_canonical_url(href)}
    assert bad == {}
    # Each statute page has a button to its official text, so every section is linked.
    assert set(found) == {statute.url for statute in content.statutes}


# Statute pages -------------------------------------------------------------------------------


def citers_table(page: str) -> list[tuple[str, str, str, frozenset[str]]]:
    """``(kind label, link, link text, subdivisions)`` for each row under 'Where ... cites it'."""
    body = article(page)
    heading = body.index(STRINGS("statute.cited_in"))
    rows = Parsed(body[heading:]).rows
    out = []
    for row in rows:
        if not row or not row[0].links:
            continue  # the header row
        where, subdivisions = row
        href, title = where.links[0]
        kind = where.text.split(":", 1)[0]
        out.append((kind, href, title, frozenset(subdivisions.text.split(", "))))
    return out


def expected_citers(
    content: Content, statute: Statute
) -> set[tuple[str, str, str, frozenset[str]]]:
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    for use in content.uses_of(statute):
        if use.kind == "statute" and use.owner_id == statute.label:
            continue  # a section's own summary does not make it its own citer
        label = use.citation.subdivision_label or STRINGS("statute.whole_section")
        labels[(use.kind, use.owner_id)].add(label)
    expected = set()
    for (kind, owner), subdivisions in labels.items():
        if kind == "pathway":
            href, title = f"../../pathways/{owner}/", content.pathway_by_id[owner].title
        elif kind == "support":
            href, title = f"../../supports/{owner}/", content.support_by_id[owner].title
        elif kind == "statute":
            other = next(s for s in content.statutes if s.label == owner)
            href, title = f"../{other.slug}/", f"{other.label}: {other.heading}"
        elif kind == "glossary":
            href, title = "../../glossary/", STRINGS("glossary.title")
        elif kind == "page":
            page = next(p for p in content.pages if p.slug == owner)
            href, title = ("../../" if owner == "index" else f"../../{owner}/"), page.title
        elif kind == "tree":
            href, title = f"../../find/{owner}/", content.tree_by_id[owner].title
        elif kind == "site":
            href, title = "../../", content.site.title
        else:
            pytest.fail(f"no expected link for a citer of kind {kind!r}: add one here")
        kind_label = STRINGS(f"statute.kind.{kind}")
        expected.add((kind_label, href, title, frozenset(subdivisions)))
    return expected


def test_each_statute_page_lists_exactly_its_citers(shipped_site: Path, content: Content) -> None:
    assert len(content.statutes) == len(list((REPO / "content" / "statutes").glob("*.yml")))
    for statute in content.statutes:
        page = (shipped_site / "statutes" / statute.slug / "index.html").read_text("utf-8")
        rows = citers_table(page)
        assert len(rows) == len(set(rows)), f"{statute.label} lists a citer twice"
        assert set(rows) == expected_citers(content, statute), statute.label
        if not rows:
            assert STRINGS("statute.not_cited") in page


def test_known_citers_of_52072_and_52074(shipped_site: Path) -> None:
    def pathway_rows(slug: str) -> set[tuple[str, frozenset[str]]]:
        page = (shipped_site / "statutes" / slug / "index.html").read_text("utf-8")
        return {(title, subs) for kind, _, title, subs in citers_table(page) if kind == "Pathway"}

    assert pathway_rows("ec-52072") == {
        ("Statewide System of Support determination", frozenset({"(a)"})),
    }
    assert pathway_rows("ec-52074") == {
        ("County office or Geographic Lead request or referral", frozenset({"(g)(1)(A)"})),
        ("State Superintendent of Public Instruction determination", frozenset({"(g)(1)(B)"})),
        ("Emergency state loan referral", frozenset({"(g)(2)(A)"})),
    }


# Abbreviations and review dates --------------------------------------------------------------


@pytest.mark.parametrize("path", PATHWAY_FILES, ids=[p.stem for p in PATHWAY_FILES])
def test_glossary_terms_become_abbreviations_on_pathway_pages(
    shipped_site: Path, content: Content, path: Path
) -> None:
    page = (shipped_site / "pathways" / path.stem / "index.html").read_text("utf-8")
    assert '<abbr title="local educational agency">LEA</abbr>' in page
    parsed = Parsed(article(page))
    meanings = content.abbreviations()
    for title, term in parsed.abbrs:
        assert meanings.get(term) == title, term
    shown = set(parsed.abbrs)
    for term, meaning in meanings.items():
        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", parsed.text):
            assert (meaning, term) in shown, term


def test_each_page_shows_its_last_reviewed_date(shipped_site: Path, content: Content) -> None:
    dated: list[tuple[str, dt.date]] = [
        *((f"pathways/{p.id}/index.html", p.last_reviewed) for p in content.pathways),
        *((f"supports/{s.id}/index.html", s.last_reviewed) for s in content.supports),
        *((f"statutes/{s.slug}/index.html", s.last_reviewed) for s in content.statutes),
        *(
            ("index.html" if p.slug == "index" else f"{p.slug}/index.html", p.last_reviewed)
            for p in content.pages
        ),
    ]
    assert len(dated) > 10
    wrong = {}
    for rel, day in dated:
        text = Parsed(article((shipped_site / rel).read_text("utf-8"))).text
        shown = re.findall(r"Last reviewed: [^.]*\.", text)
        if shown != [f"Last reviewed: {longdate(day)}."]:
            wrong[rel] = shown
    assert wrong == {}
    known = (shipped_site / "pathways" / "emergency-state-loan" / "index.html").read_text("utf-8")
    assert "Last reviewed: November 27, 2026." in known


# Prose, escaping and the strict build on a small project --------------------------------------

URL_52072_HTML = (
    "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
    "?lawCode=EDC&amp;sectionNum=52072."
)


def _with_indent(line: str, match: re.Match[str]) -> str:
    return match[1] + line


def first_pathway(**fields: str) -> str:
    text = MINIMAL["content/pathways/first.yml"]
    for name, value in fields.items():
        # A function, not a replacement string, so backslashes in values stay as written.
        text = re.sub(rf"(?m)^( *){name}: .*$", partial(_with_indent, f"{name}: {value}"), text)
    return text


def test_prose_citation_links_and_raw_html_is_escaped(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project(
        {
            "content/pathways/first.yml": first_pathway(
                summary="The first <script>alert(1)</script> pathway.",
                who_starts="CCEE starts it under EC 52072(a).",
            )
        }
    )
    out = tmp_path / "out"
    build(BuildOptions(root, out, pdf=False, today=TODAY))
    page = (out / "pathways" / "first" / "index.html").read_text("utf-8")
    assert re.search(rf'under <a href="{re.escape(URL_52072_HTML)}"[^>]*>EC 52072\(a\)</a>', page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for path, text in html_files(out):
        assert "<script>alert" not in text, path
    # Day without a leading zero, month in words.
    assert "Last reviewed: November 1, 2026." in page


def test_summary_with_quotes_gives_a_well_formed_description(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    summary = 'Ask CCEE for "advice & assistance".'
    root = tmp_project({"content/pathways/first.yml": first_pathway(summary=f"'{summary}'")})
    out = tmp_path / "out"
    build(BuildOptions(root, out, pdf=False, today=TODAY))
    page = (out / "pathways" / "first" / "index.html").read_text("utf-8")
    head = page[: page.index("</head>")]
    descriptions = [m for m in Parsed(head).metas if m.get("name") == "description"]
    assert len(descriptions) == 1
    assert descriptions[0] == {"name": "description", "content": summary}


def test_markup_in_a_title_never_reaches_the_page_as_markup(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    title = "First </title><script>alert(2)</script> pathway"
    root = tmp_project({"content/pathways/first.yml": first_pathway(title=f'"{title}"')})
    out = tmp_path / "out"
    try:
        build(BuildOptions(root, out, pdf=False, today=TODAY))
    except ContentError as exc:
        # Rejecting markup in titles is as good as escaping it, if the editor is told where.
        assert any(p.location.file == "content/pathways/first.yml" for p in exc.problems.errors)
        return
    leaks = [
        path.relative_to(out).as_posix()
        for path, text in html_files(out)
        if "<script>alert" in text or "</title><script>" in text
    ]
    assert leaks == []


def test_link_to_a_missing_page_is_a_located_content_error(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project(
        {
            "content/pages/about.md": """\
                ---
                title: About
                last_reviewed: 2026-11-01
                ---
                See [the missing page](missing.md).
                """
        }
    )
    out = tmp_path / "out"
    with pytest.raises(ContentError) as caught:
        build(BuildOptions(root, out, pdf=False, today=TODAY))
    assert [p.format() for p in caught.value.problems.errors] == [
        "content/pages/about.md:5:24: error[broken-link]: link to 'missing.md', which is not a page of this site"
    ]
    assert not out.exists()


def test_broken_anchor_fails_the_build_before_the_engine_runs(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project(
        {
            "content/pages/about.md": """\
                ---
                title: About
                last_reviewed: 2026-11-01
                ---
                See [the term](glossary.md#no-such-term).
                """
        }
    )
    out = tmp_path / "out"
    with pytest.raises(ContentError) as caught:
        build(BuildOptions(root, out, pdf=False, today=TODAY))
    assert [p.format() for p in caught.value.problems.errors] == [
        "content/pages/about.md:5:16: error[broken-link]: link to 'glossary.md#no-such-term': glossary.md has "
        "no glossary term with the anchor '#no-such-term'"
    ]
    assert not out.exists()


# Writing only what changed ---------------------------------------------------------------------

SECOND_PATHWAY = """\
    id: second
    title: Second pathway
    order: 2
    initiated_by: The LEA
    summary: The second pathway.
    citations:
      - EC 52074(g)(1)(A)
    who_starts: The LEA starts it.
    when_it_applies: When the LEA asks.
    what_happens_next: CCEE helps.
    next_steps:
      - Ask your county office.
    supports:
      - consultancy
    last_reviewed: 2026-11-01
    """
STATUTE_52074 = """\
    citation: EC 52074
    heading: The duties of CCEE
    summary: The duties of CCEE.
    text_checked: 2026-11-01
    last_reviewed: 2026-11-01
    """


def test_generator_rewrites_only_pages_that_change(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project(
        {
            "content/pathways/second.yml": SECOND_PATHWAY,
            "content/statutes/ec-52074.yml": STATUTE_52074,
        }
    )
    out = tmp_path / "site"
    first = generate(root, out, today=TODAY)
    assert {"pathways/first.md", "pathways/second.md", "statutes/ec-52074.md"} <= set(first.written)
    assert generate(root, out, today=TODAY).written == []

    docs = first.docs_dir
    # A rewrite replaces the file, so its inode changes even within one clock tick.
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}
    source = root / "content" / "pathways" / "first.yml"
    source.write_text(
        source.read_text("utf-8").replace("title: First pathway", "title: Edited pathway"), "utf-8"
    )
    third = generate(root, out, today=TODAY)

    assert "pathways/first.md" in third.written
    assert "statutes/ec-52074.md" not in third.written
    assert "pathways/second.md" not in third.written
    mentioning = {
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*")
        if p.is_file() and "Edited pathway" in p.read_text("utf-8")
    }
    assert {"pathways/index.md", "supports/consultancy.md", "statutes/ec-52072.md"} <= mentioning
    assert set(third.written) == mentioning
    untouched = {
        p.relative_to(docs).as_posix()
        for p, stamp in before.items()
        if (p.stat().st_ino, p.stat().st_mtime_ns) == stamp
    }
    assert untouched == {p.relative_to(docs).as_posix() for p in before} - mentioning


# Published JSON Schemas ----------------------------------------------------------------------


def test_committed_schemas_are_what_the_generator_publishes() -> None:
    committed = {p.name: p.read_bytes() for p in (REPO / "schemas").iterdir() if p.is_file()}
    published = {name: text.encode("utf-8") for name, text in schema_files().items()}
    assert committed.keys() == published.keys()
    stale = sorted(name for name in published if committed[name] != published[name])
    assert stale == [], "refresh with 'make schemas'"


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_schema_is_json_that_rejects_unknown_fields(name: str) -> None:
    # The published text; the test above keeps the committed copies equal to it.
    schema = json.loads(schema_files()[name])
    assert schema["type"] == "object"
    assert schema["$id"] == name
    objects = list(_objects(schema))
    assert objects[0] is schema
    assert [
        o.get("title", "?") for o in objects if o.get("additionalProperties") is not False
    ] == []


SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")
KIND_OF = {"site.yml": "site", "glossary.yml": "glossary", "editions.yml": "editions"}
KIND_OF_FOLDER = {
    "pathways": "pathway",
    "supports": "support",
    "statutes": "statute",
    "decision_trees": "tree",
}


@pytest.mark.parametrize(
    "path", CONTENT_YAML, ids=[p.relative_to(REPO).as_posix() for p in CONTENT_YAML]
)
def test_content_file_names_its_schema_on_the_first_line(path: Path) -> None:
    first_line = path.read_text("utf-8").splitlines()[0]
    match = SCHEMA_LINE.fullmatch(first_line)
    assert match, first_line
    target = (path.parent / match[1]).resolve()
    assert target.is_file(), match[1]
    assert target.parent == REPO / "schemas"
    kind = KIND_OF.get(path.name) or KIND_OF_FOLDER[path.parent.name]
    assert target.name == f"{kind}.schema.json"


# Several sources of law: statute pages grouped by source, each linked to its official text ---

CCR_15497_URL = "https://govt.westlaw.com/calregs/Document/I15497?viewType=FullText"
GOV = "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=GOV"
OFFICIAL = {
    "gov-9": f"{GOV}&sectionNum=9.",
    "gov-11135": f"{GOV}&sectionNum=11135.",
    "usc-20-6311": (
        "https://uscode.house.gov/view.xhtml"
        "?req=granuleid:USC-prelim-title20-section6311&num=0&edition=prelim"
    ),
    "cfr-34-part-200": "https://www.ecfr.gov/current/title-34/part-200",
    "ccr-5-15497": CCR_15497_URL,
}


def _entry(citation: str, heading: str, extra: str = "") -> str:
    return (
        f"citation: {citation}\nheading: {heading}\nsummary: What {heading.lower()} says.\n"
        f"text_checked: 2026-11-01\nlast_reviewed: 2026-11-01\n{extra}"
    )


LAW_FILES = {
    "content/pathways/first.yml": MINIMAL["content/pathways/first.yml"]
    .replace(
        "  - EC 52072(a)\n",
        "  - EC 52072(a)\n"
        "          - GC 11135(b)\n"
        "          - 20 USC 6311(d)(2)\n"
        "          - 5 CCR 15497\n"
        "          - 5 CCR 15496\n",
    )
    .replace(
        "who_starts: CCEE starts it.",
        "who_starts: CCEE starts it under 34 CFR part 200 and Gov. Code § 9, and 5 CCR 15497(b).",
    ),
    "content/statutes/gov-11135.yml": _entry("Gov. Code § 11135", "Nondiscrimination"),
    "content/statutes/gov-9.yml": _entry("Government Code section 9", "Short sections"),
    "content/statutes/usc-20-6311.yml": _entry("20 U.S.C. § 6311", "State plans"),
    "content/statutes/cfr-34-part-200.yml": _entry("34 CFR part 200", "Title I programs"),
    "content/statutes/ccr-5-15497.yml": _entry(
        "Cal. Code Regs., tit. 5, § 15497", "The LCAP template", f"url: {CCR_15497_URL}\n"
    ),
    "content/statutes/ccr-5-15496.yml": _entry("5 CCR 15496", "Expenditures"),
    "decision_trees/t.yml": """\
        id: t
        title: Find your pathway
        intro: Answer the question.
        start: q1
        last_reviewed: 2026-11-01
        questions:
          - id: q1
            text: Does it apply?
            answers:
              - id: "yes"
                label: "Yes"
                next: done
              - id: "no"
                label: "No"
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


@dataclass(frozen=True)
class LawSite:
    out: Path
    content: Content
    problems: list[str]
    nav: list[Any]


@pytest.fixture(scope="module")
def law_site(tmp_path_factory: pytest.TempPathFactory) -> LawSite:
    """A small site citing five sources of law, built once for the tests below."""
    root = tmp_path_factory.mktemp("law") / "project"
    for rel, text in {**MINIMAL, **LAW_FILES}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    out = root.parent / "site"
    generated = build(
        BuildOptions(root, out, site_url="https://guide.example.org/", pdf=False, today=TODAY)
    )
    problems = [p.format() for p in generated.problems.sorted()]
    nav = yaml.safe_load(generated.config_file.read_text("utf-8"))["nav"]
    return LawSite(out, generated.content, problems, nav)


def test_only_the_unaddressed_regulation_is_warned_about(law_site: LawSite) -> None:
    assert law_site.problems == [
        "content/statutes/ccr-5-15496.yml:1:11: warning[no-url]: citation: the California Code of "
        "Regulations has no standard address for a section: give this entry a url: of "
        "Cal. Code Regs., tit. 5, § 15496's official text, or its citations are shown without "
        "a link",
    ]


@pytest.mark.parametrize("slug", sorted(OFFICIAL))
def test_statute_page_links_its_official_text(law_site: LawSite, slug: str) -> None:
    page = (law_site.out / "statutes" / slug / "index.html").read_text("utf-8")
    assert f'href="{html.escape(OFFICIAL[slug])}"' in page
    text = Parsed(article(page)).text
    statute = next(s for s in law_site.content.statutes if s.slug == slug)
    publisher = statute.citation.source.publisher
    if slug.startswith("ccr-"):
        assert STRINGS("statute.official_elsewhere", section=statute.label) in text
    else:
        assert STRINGS("statute.official", section=statute.label, publisher=publisher) in text


def test_regulation_without_an_address_has_no_official_link(law_site: LawSite) -> None:
    page = article((law_site.out / "statutes" / "ccr-5-15496" / "index.html").read_text("utf-8"))
    assert "Cal. Code Regs., tit. 5, § 15496: Expenditures" in Parsed(page).text
    assert not [h for h in Parsed(page).hrefs if h.startswith("https://")]


def test_pathway_links_each_citation_to_its_source(law_site: LawSite) -> None:
    page = article((law_site.out / "pathways" / "first" / "index.html").read_text("utf-8"))
    parsed = Parsed(page)
    links = {}
    for part in re.finditer(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page):
        links.setdefault(html.unescape(part[2]), html.unescape(part[1]))
    assert links["Gov. Code § 11135(b)"] == OFFICIAL["gov-11135"]
    assert links["20 U.S.C. § 6311(d)(2)"] == OFFICIAL["usc-20-6311"]
    assert links["34 CFR part 200"] == OFFICIAL["cfr-34-part-200"]
    assert links["Gov. Code § 9"] == OFFICIAL["gov-9"]
    assert links["5 CCR 15497(b)"] == CCR_15497_URL
    assert "Cal. Code Regs., tit. 5, § 15496" in parsed.text
    assert "Cal. Code Regs., tit. 5, § 15496" not in links
    # The pathway's own list of the law it rests on links each section's page.
    for slug in ("gov-11135", "usc-20-6311", "ccr-5-15497", "ccr-5-15496"):
        assert f"../../statutes/{slug}/" in parsed.hrefs, slug


def test_statutes_index_groups_sections_by_source_in_order(law_site: LawSite) -> None:
    page = article((law_site.out / "statutes" / "index.html").read_text("utf-8"))
    assert re.search(f"<h1[^>]*>{STRINGS('statutes.title')}<", page)
    groups = re.findall(r"<h2[^>]*>(.*?)<", page)
    assert groups == [
        "Education Code",
        "Government Code",
        "California Code of Regulations",
        "United States Code",
        "Code of Federal Regulations",
    ]
    sections = [row[0].links[0][1] for row in Parsed(page).rows if row and row[0].links]
    assert sections == [
        "EC 52064.5",
        "EC 52072",
        "Gov. Code § 9",
        "Gov. Code § 11135",
        "Cal. Code Regs., tit. 5, § 15496",
        "Cal. Code Regs., tit. 5, § 15497",
        "20 U.S.C. § 6311",
        "34 C.F.R. part 200",
    ]


def test_navigation_groups_statute_pages_by_source(law_site: LawSite) -> None:
    [law] = [
        entry[STRINGS("nav.statutes")] for entry in law_site.nav if STRINGS("nav.statutes") in entry
    ]
    assert law == [
        "statutes/index.md",
        {"Education Code": ["statutes/ec-52064-5.md", "statutes/ec-52072.md"]},
        {"Government Code": ["statutes/gov-9.md", "statutes/gov-11135.md"]},
        {"California Code of Regulations": ["statutes/ccr-5-15496.md", "statutes/ccr-5-15497.md"]},
        {"United States Code": ["statutes/usc-20-6311.md"]},
        {"Code of Federal Regulations": ["statutes/cfr-34-part-200.md"]},
    ]


def test_handbook_appendix_groups_sections_by_source(law_site: LawSite) -> None:
    page = (law_site.out / "handbook" / "index.html").read_text("utf-8")
    appendix = page[page.index('id="statutes"') :]
    assert re.findall(r'<h2 class="bookmark"[^>]*>(.*?)</h2>', appendix) == [
        "Education Code",
        "Government Code",
        "California Code of Regulations",
        "United States Code",
        "Code of Federal Regulations",
    ]
    headings = [
        html.unescape(h) for h in re.findall(r'<h3 class="bookmark"[^>]*>(.*?)</h3>', appendix)
    ]
    assert headings[2:4] == [
        "Gov. Code § 9: Short sections",
        "Gov. Code § 11135: Nondiscrimination",
    ]
    for url in OFFICIAL.values():
        assert f'href="{html.escape(url)}">{html.escape(url)}</a>' in appendix


def test_widget_data_links_only_sections_with_an_address(law_site: LawSite) -> None:
    bundle = (law_site.out / "embed" / "t.js").read_text("utf-8")
    data = json.loads(
        bundle[
            bundle.index("const TREE = ") + 13 : bundle.index(";\n", bundle.index("const TREE = "))
        ]
    )
    [pathway] = data["outcomes"][0]["pathways"]
    urls = {c["label"]: c["url"] for c in pathway["citations"]}
    assert urls == {
        "EC 52072(a)": URL_52072_HTML.replace("&amp;", "&"),
        "Gov. Code § 11135(b)": OFFICIAL["gov-11135"],
        "20 U.S.C. § 6311(d)(2)": OFFICIAL["usc-20-6311"],
        "Cal. Code Regs., tit. 5, § 15497": CCR_15497_URL,
        "Cal. Code Regs., tit. 5, § 15496": None,
    }


def test_one_source_keeps_its_name_as_the_statutes_title(shipped_site: Path) -> None:
    page = article((shipped_site / "statutes" / "index.html").read_text("utf-8"))
    title = STRINGS("statutes.title_one", source="Education Code")
    assert re.search(f"<h1[^>]*>{title}<", page)
    assert "<h2" not in page.split("</table>")[0]


@pytest.mark.browser
def test_widget_names_a_section_without_an_address_without_linking_it(
    law_site: LawSite, browser: Any
) -> None:
    from tests.browser import serve_folder

    with serve_folder(law_site.out) as base:
        page = browser.new_page()
        try:
            page.goto(f"{base}find/t/")
            page.locator('pathways-tree input[name="q1"][value="yes"]').check()
            page.get_by_role("button", name="Continue").click()
            items = page.locator('pathways-tree [data-pathway="first"] li')
            # A link with no address is still a link to assistive technology: there must be none.
            law = {
                item.text_content(): [a.get_attribute("href") for a in item.locator("a").all()]
                for item in items.all()
            }
        finally:
            page.close()
    assert law == {
        "EC 52072(a)": [URL_52072_HTML.replace("&amp;", "&")],
        "Gov. Code § 11135(b)": [OFFICIAL["gov-11135"]],
        "20 U.S.C. § 6311(d)(2)": [OFFICIAL["usc-20-6311"]],
        "Cal. Code Regs., tit. 5, § 15497": [CCR_15497_URL],
        "Cal. Code Regs., tit. 5, § 15496": [],
        "Ask your county office.": [],
    }


def test_a_pathway_page_is_rendered_again_only_when_what_it_is_made_from_changed(
    tmp_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render.pages import PageRenderer

    second = str(MINIMAL["content/pathways/first.yml"]).replace("id: first", "id: second")
    second = second.replace("title: First pathway", "title: Second pathway")
    root = tmp_project({"content/pathways/second.yml": second})
    rendered: list[str] = []
    real = PageRenderer.render

    def counted(self: PageRenderer, template: str, **values: Any) -> str:
        if template == "pathway.md.j2":
            rendered.append(values["p"].id)
        return real(self, template, **values)

    monkeypatch.setattr(PageRenderer, "render", counted)

    def pages() -> dict[str, str]:
        content = read_content(root, Problems(), TODAY)
        assert content is not None
        return PageRenderer(content).guidance_pages()

    pages()
    rendered.clear()
    assert pages() and rendered == []  # nothing changed: no pathway page is rendered
    path = root / "content/pathways/second.yml"
    path.write_text(path.read_text("utf-8").replace("Second pathway", "Renamed pathway"), "utf-8")
    made = pages()
    assert rendered == ["second"]
    assert "# Renamed pathway" in made["pathways/second.md"]
    assert "# First pathway" in made["pathways/first.md"]
    # What every page reads changed (the site's title): every pathway page is made again.
    site = root / "content/site.yml"
    site.write_text(site.read_text("utf-8").replace("Test guidance", "Other guidance"), "utf-8")
    rendered.clear()
    pages()
    assert sorted(rendered) == ["first", "second"]
