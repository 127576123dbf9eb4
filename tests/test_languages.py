"""The site in every declared language: the Spanish mirror of every page, the links between the
languages, the sitemap, search, the theme's words, and what a translated page says about its
translation."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.build.site import BuildOptions, build
from generator.cli import main
from generator.render.headers import kind_of
from generator.render.strings import load_strings
from tests.conftest import TODAY
from tests.test_translations import _two_languages

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BASE = "http://127.0.0.1:8000/"
# Material's own words in English, which its Spanish translation replaces.
THEME_WORDS = ("Skip to content", "Table of contents", "Back to top", "Search", "Previous", "Next")


def _pages(site: Path, below: str = "") -> set[str]:
    """The theme's pages of one language, by their path inside that language's site."""
    folder = site / below if below else site
    found = set()
    for path in folder.rglob("*.html"):
        rel = path.relative_to(folder).as_posix()
        if not below and rel.startswith("es/"):
            continue
        if rel.startswith(("embed/", "assets/", "search/", "handbook/")):
            continue
        if 'http-equiv="refresh"' in path.read_text("utf-8")[:2000]:
            continue  # a redirect page, made for a former address
        found.add(rel)
    return found


class _Head(HTMLParser):
    """The page's language, its hreflang links, its language switch, and its visible text and
    interface attributes (outside any element in another language)."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}
        self.text: list[str] = []
        self.stack: list[tuple[str, str | None]] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"] or ""] = a.get("href") or ""
        if tag == "a" and "pathways-language" in (a.get("class") or ""):
            self.switch[a.get("hreflang") or ""] = a.get("href") or ""
        if tag in ("script", "style", "svg") or (a.get("lang") and tag != "html"):
            self.skip += 1
            self.stack.append((tag, "skip"))
        elif tag not in ("link", "meta", "img", "br", "input", "hr"):
            self.stack.append((tag, None))
        if not self.skip:
            for name in ("aria-label", "title", "placeholder"):
                if a.get(name):
                    self.text.append(a[name] or "")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, mark = self.stack.pop()
            if mark:
                self.skip -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def _read(path: Path) -> _Head:
    parsed = _Head()
    parsed.feed(path.read_text("utf-8"))
    return parsed


def test_every_page_has_its_spanish_page_at_the_same_address_under_es(
    shipped_site: Path,
) -> None:
    english, spanish = _pages(shipped_site), _pages(shipped_site, "es")
    assert len(english) > 30
    assert english == spanish
    for name in ("handbook/index.html", "embed/dta-eligibility.js", "feed.xml", "data"):
        assert (shipped_site / "es" / name).exists(), name
    assert not (shipped_site / "es" / "robots.txt").exists()


def test_each_page_names_itself_in_both_languages_and_links_to_the_other(
    shipped_site: Path,
) -> None:
    for rel in sorted(_pages(shipped_site)):
        address = rel.removesuffix("index.html")
        en, es = _read(shipped_site / rel), _read(shipped_site / "es" / rel)
        assert (en.lang, es.lang) == ("en", "es"), rel
        expected = {"en": BASE + address, "es": BASE + "es/" + address, "x-default": BASE + address}
        if rel == "404.html":
            continue  # the engine names a missing page's address by the site's root
        assert en.alternates == expected, rel
        assert es.alternates == expected, rel
        # The visible switch, relative, leads to the same page in the other language.
        here = (shipped_site / rel).parent
        assert (here / en.switch["es"]).resolve() == (shipped_site / "es" / rel).parent.resolve()
        there = (shipped_site / "es" / rel).parent
        assert (there / es.switch["en"]).resolve() == here.resolve()
        assert set(en.switch) == {"es"} and set(es.switch) == {"en"}


def test_the_sitemap_lists_both_languages_each_with_its_alternates(shipped_site: Path) -> None:
    root = ET.parse(shipped_site / "sitemap.xml").getroot()
    locs = [u.findtext(f"{SITEMAP}loc") for u in root]
    english = {BASE + r.removesuffix("index.html") for r in _pages(shipped_site)}
    spanish = {BASE + "es/" + r.removesuffix("index.html") for r in _pages(shipped_site)}
    english.discard(BASE + "404.html")
    spanish.discard(BASE + "es/404.html")
    assert english | spanish <= set(locs)
    assert len(locs) == len(set(locs))
    for url in root:
        links = {x.get("hreflang"): x.get("href") for x in url.findall(f"{XHTML}link")}
        loc = url.findtext(f"{SITEMAP}loc") or ""
        assert set(links) == {"en", "es"}, loc
        assert loc in links.values()
        assert links["es"] == links["en"].replace(BASE, BASE + "es/", 1)
    own = ET.parse(shipped_site / "es" / "sitemap.xml").getroot()
    own_locs = {u.findtext(f"{SITEMAP}loc") or "" for u in own}
    assert own_locs and all(loc.startswith(BASE + "es/") for loc in own_locs)
    assert own_locs == {loc for loc in locs if loc and loc.startswith(BASE + "es/")}


def test_search_indexes_each_language_apart_with_its_own_stemming(shipped_site: Path) -> None:
    english = json.loads((shipped_site / "search/search_index.json").read_text("utf-8"))
    spanish = json.loads((shipped_site / "es/search/search_index.json").read_text("utf-8"))
    assert english["config"]["lang"] == ["en"]
    assert spanish["config"]["lang"] == ["es"]
    titles = {d["title"] for d in spanish["docs"]}
    assert "Remisión por préstamo estatal de emergencia" in titles
    assert "Emergency state loan referral" not in titles
    assert all(not d["location"].startswith("es/") for d in spanish["docs"])


def _interface_words(language: str) -> set[str]:
    """Every text of a locale that another locale says differently, as whole phrases (the parts
    between its placeholders), long enough not to be a name both languages share."""
    own, spanish = load_strings(language), load_strings("es")
    found: set[str] = set()

    def walk(node: Any, other: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, other.get(key) if isinstance(other, dict) else None)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, other[i] if isinstance(other, list) and i < len(other) else None)
        elif isinstance(node, str) and node != other:
            for part in re.split(r"\{[^}]*\}|\[|\]\([^)]*\)", node):
                part = " ".join(part.split()).strip(" .,:;()")
                if len(part) >= 12 and " " in part:
                    found.add(part)

    walk(own, spanish)
    return found


def test_spanish_pages_carry_no_english_interface_words(shipped_site: Path) -> None:
    words = _interface_words("en")
    assert len(words) > 100
    for rel in sorted(_pages(shipped_site, "es")):
        parsed = _read(shipped_site / "es" / rel)
        text = " ".join(" ".join(parsed.text).split())
        found = sorted(w for w in words if w in text)
        assert not found, (rel, found)
        for word in THEME_WORDS:
            assert not re.search(rf"(?<![\w-]){word}(?![\w-])", text), (rel, word)


def test_every_spanish_page_says_its_translation_awaits_review(shipped_site: Path) -> None:
    note = load_strings("es")["translation"]["unreviewed"]
    # The shipped translation is complete: no page says part of it is in English (the embed
    # page's choice of languages names English in English, which is not untranslated text).
    partial = load_strings("es")["translation"]["untranslated"].format(language="inglés")
    for rel in sorted(_pages(shipped_site, "es")):
        if rel == "404.html":
            continue
        text = (shipped_site / "es" / rel).read_text("utf-8")
        assert note in text, rel
        assert partial not in text, rel
    for rel in sorted(_pages(shipped_site)):
        assert "pathways-translation-note" not in (shipped_site / rel).read_text("utf-8")


def test_the_statute_group_is_named_in_spanish(shipped_site: Path) -> None:
    page = (shipped_site / "es/statutes/index.html").read_text("utf-8")
    assert re.search(r"<h1[^>]*>[^<]*Código de Educación", page)
    assert "Education Code" not in page


def test_the_host_headers_treat_every_languages_embeds_alike() -> None:
    for folder in ("", "es/"):
        assert kind_of(f"{folder}embed/dta-eligibility.js") == kind_of("embed/x.js")
        assert kind_of(f"{folder}embed/x/frame.html") == kind_of("embed/x/frame.html")
        assert kind_of(f"{folder}data/pathways.json") == kind_of("data/x.json")
        assert kind_of(f"{folder}feed.xml").headers == kind_of("embed/x.js").headers
    assert kind_of("pathways/embed/x.js") != kind_of("embed/x.js")


@pytest.fixture(scope="module")
def partial_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small site whose Spanish glossary is not translated yet, which the site allows."""
    from tests.conftest import write_project

    files = _two_languages()
    site = files["content/site.yml"]
    assert site is not None
    files = _two_languages(
        {
            "content/site.yml": site + "partial_translation: true\n",
            "content/es/glossary.yml": None,
            "content/editions.yml": "editions:\n  - date: 2026-11-01\n    notes:\n"
            "      - The first edition.\n",
        }
    )
    root = write_project(tmp_path_factory.mktemp("partial") / "project", files)
    out = root / "site"
    build(BuildOptions(root, out, site_url="https://guidance.example.org/", pdf=False, today=TODAY))
    yield out


def test_untranslated_text_is_published_in_its_own_language_and_the_page_says_so(
    partial_site: Path,
) -> None:
    glossary = (partial_site / "es/glossary/index.html").read_text("utf-8")
    marked = re.findall(
        r'<(?:span|div) lang="en" class="pathways-untranslated">(.*?)</(?:span|div)>',
        glossary,
        re.DOTALL,
    )
    assert any("local educational agency" in m for m in marked)
    assert "agencia educativa local" not in glossary
    assert load_strings("es")["translation"]["untranslated"].format(language="inglés") in glossary
    # A page translated in full says nothing of the kind; a reviewed one awaits no review.
    support = (partial_site / "es/supports/consultancy/index.html").read_text("utf-8")
    assert "pathways-translation-note" not in support
    assert 'lang="en"' not in support.split("<article", 1)[1]
    pathway = (partial_site / "es/pathways/first/index.html").read_text("utf-8")
    assert load_strings("es")["translation"]["unreviewed"] in pathway
    assert "aún no está traducida" not in pathway


def test_a_page_may_not_take_a_languages_folder(tmp_project: Any) -> None:
    from tests.conftest import problems_of

    root = tmp_project(
        {"content/pages/es.md": "---\ntitle: Es\nlast_reviewed: 2026-11-01\n---\nX\n"}
    )
    found = [p for p in problems_of(root) if "reserved-name" in p]
    assert found and found[0].startswith("content/pages/es.md:1:1: error[reserved-name]:")


def test_serve_refuses_a_language_the_site_does_not_have(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(_two_languages())
    port = "127.0.0.1:8799"
    assert main(["serve", "--root", str(root), "--language", "fr", "--dev-addr", port]) == 2
    err = capsys.readouterr().err
    assert "--language 'fr' is not one of the site's languages (en, es)" in err


def test_the_handbook_page_links_to_itself_in_the_other_language(shipped_site: Path) -> None:
    en = _read(shipped_site / "handbook/index.html")
    es = _read(shipped_site / "es/handbook/index.html")
    assert (en.lang, es.lang) == ("en", "es")
    expected = {
        "en": BASE + "handbook/",
        "es": BASE + "es/handbook/",
        "x-default": BASE + "handbook/",
    }
    assert en.alternates == expected and es.alternates == expected
    html = (shipped_site / "handbook/index.html").read_text("utf-8")
    assert (
        '<a class="site-language" href="../es/handbook/" hreflang="es" lang="es">Español</a>'
        in html
    )
    html = (shipped_site / "es/handbook/index.html").read_text("utf-8")
    assert (
        '<a class="site-language" href="../../handbook/" hreflang="en" lang="en">English</a>'
        in html
    )


def test_edition_notes_are_translated_on_whats_changed_and_in_the_feed(
    shipped_site: Path,
) -> None:
    page = (shipped_site / "es/changes/index.html").read_text("utf-8")
    assert "<li>Primera edición. Explica las cuatro vías" in page
    assert "First edition." not in page
    feed = ET.parse(shipped_site / "es/feed.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert feed.get(XML_LANG) == "es" and entry is not None
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None and summary.get(XML_LANG) is None
    assert (summary.text or "").startswith("Primera edición.")


def test_untranslated_edition_notes_are_marked_on_the_page_and_in_the_feed(
    partial_site: Path,
) -> None:
    page = (partial_site / "es/changes/index.html").read_text("utf-8")
    marked = re.findall(r'<li><span lang="en" class="pathways-untranslated">([^<]+)', page)
    assert marked == ["The first edition."]
    assert load_strings("es")["translation"]["untranslated"].format(language="inglés") in page
    entry = ET.parse(partial_site / "es/feed.xml").getroot().find(f"{ATOM}entry")
    assert entry is not None
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None and summary.get(XML_LANG) == "en"
    assert (entry.findtext(f"{ATOM}content") or "").startswith('<div lang="en">')
