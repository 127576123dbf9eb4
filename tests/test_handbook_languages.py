"""The handbook in a translated language: the Spanish HTML page and PDF, built from the shipped
content in Spanish, and what the Spanish pages say about the law's official text."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from generator.build.pdf import handbook_files
from generator.errors import Problems
from generator.model import Content
from generator.render.headers import KINDS, Kind, kind_of
from generator.render.pages import PageRenderer
from generator.validate import read_content
from tests.conftest import REPO, TODAY
from tests.test_handbook import all_text, outline, page_text, squash, toc_entries

EPOCH = "1795737600"  # 2026-11-27 00:00:00 UTC
SITE_URL = "https://guide.example.org/dta/es/"
# The pathway left untranslated in the partial site.
PARTIAL = "emergency-state-loan"


def bilingual_root(tmp: Path, *, partial: bool = False) -> Path:
    """A copy of the shipped root that publishes Spanish too; with ``partial``, one pathway has
    no Spanish file and the site allows that."""
    root = tmp / "root"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "decision_trees", root / "decision_trees")
    site = root / "content" / "site.yml"
    text = re.sub(r"(?m)^languages: .*$", "languages: [en, es]", site.read_text("utf-8"))
    assert "languages: [en, es]" in text
    if partial:
        text += "partial_translation: true\n"
        (root / "content" / "es" / "pathways" / f"{PARTIAL}.yml").unlink()
    site.write_text(text, encoding="utf-8")
    return root


def read(root: Path) -> Content:
    problems = Problems()
    content = read_content(root, problems, today=TODAY)
    assert content is not None, [str(p) for p in problems.errors]
    return content


@dataclass
class Book:
    content: Content
    html: str
    pdf: Path
    reader: PdfReader
    pages: int


def make_book(content: Content, folder: Path) -> Book:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        made = handbook_files(content, site_url=SITE_URL, pdf=True)
    html = made.files["handbook/index.html"]
    data = made.files["handbook.pdf"]
    assert isinstance(html, str) and isinstance(data, bytes)
    pdf = folder / "handbook.pdf"
    pdf.write_bytes(data)
    assert made.pages is not None
    return Book(content, html, pdf, PdfReader(pdf), made.pages)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bilingual_root(tmp_path_factory.mktemp("bilingual"))


@pytest.fixture(scope="module")
def spanish(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """The Spanish handbook of the shipped content, made once with its PDF."""
    yield make_book(read(root).for_language("es"), tmp_path_factory.mktemp("es"))


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """The Spanish handbook of a site that publishes one pathway still in English."""
    tmp = tmp_path_factory.mktemp("partial")
    yield make_book(read(bilingual_root(tmp, partial=True)).for_language("es"), tmp)


def english_phrases() -> list[str]:
    """Every piece of wording of the English handbook's interface, without its slots."""
    table = yaml.safe_load((REPO / "generator" / "locales" / "en.yml").read_text("utf-8"))
    phrases: set[str] = set()
    for value in table["handbook"].values():
        for piece in re.split(r"\{\w+\}", str(value)):
            piece = piece.strip(" :()")
            if len(piece) >= 4:
                phrases.add(piece)
    return sorted(phrases)


def struct_languages(reader: PdfReader) -> dict[str, int]:
    """How many structure elements name each language with ``/Lang``."""
    found: dict[str, int] = {}

    def walk(node: Any) -> None:
        kids = node.get("/K")
        if "/Lang" in node:
            found[str(node["/Lang"])] = found.get(str(node["/Lang"]), 0) + 1
        for kid in kids if isinstance(kids, list) else [kids]:
            target = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(target, dict) and target.get("/Type") != "/OBJR":
                walk(target)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object())
    return found


# The Spanish PDF


def test_spanish_pdf_and_page_are_tagged_spanish(spanish: Book) -> None:
    assert spanish.reader.trailer["/Root"]["/Lang"] == "es"
    assert '<html lang="es">' in spanish.html
    info = spanish.reader.metadata
    assert info is not None
    assert info.title == spanish.content.site.title == "Vías hacia la Asistencia Técnica Directa"


def test_bookmarks_are_spanish(spanish: Book) -> None:
    marks = outline(spanish.reader)
    top = [title for depth, title, _ in marks if depth == 0]
    for title in [
        "Contenido",
        "Introducción",
        "Las vías",
        "Apéndice: Secciones del Código de Educación",
        "Glosario",
        "Fechas de revisión",
    ]:
        assert title in top, (title, top)
    start = [title for _, title, _ in marks].index("Las vías")
    under = [title for _, title, _ in marks[start + 1 : start + 1 + 4]]
    assert under == [p.title for p in spanish.content.pathways]
    assert "Determinación del Sistema Estatal de Apoyo" in under
    english = {"Contents", "Introduction", "The pathways", "Glossary", "Review dates"}
    assert not english & {title for _, title, _ in marks}


def test_no_english_interface_wording_in_the_text(spanish: Book) -> None:
    text = squash(all_text(spanish.pdf))
    phrases = english_phrases()
    assert "Official text" in phrases and "Page" in phrases
    found = [p for p in phrases if re.search(rf"\b{re.escape(p)}\b", text)]
    assert found == []
    # The law is named as Spanish-language California guidance names it.
    assert "Código de Educación, sección 52072, subdivisión (a)" in text
    for english in ("Education Code", "subdivision", "whole section", "Where this guide"):
        assert english not in text, english


def test_every_page_after_the_cover_has_its_spanish_footer(spanish: Book) -> None:
    assert "Página 1" not in page_text(spanish.pdf, 1)
    for number in range(2, spanish.pages + 1):
        assert f"Página {number} de {spanish.pages}" in page_text(spanish.pdf, number)


def test_contents_page_numbers_match_where_the_headings_are(spanish: Book) -> None:
    entries = toc_entries(spanish.pdf, spanish.pages)
    titles = [title for title, _ in entries]
    c = spanish.content
    expected = [p.title for p in c.pathways] + [t.title for t in c.trees]
    expected += ["Glosario", "Fechas de revisión", "Apéndice: Secciones del Código de Educación"]
    expected += [f"{s.label}: {s.heading}" for s in c.statutes]
    for title in expected:
        assert title in titles, title
    for title, number in entries:
        assert 2 < number <= spanish.pages, (title, number)
        body = squash(page_text(spanish.pdf, number))
        assert title in body, (title, number, body[:160])
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers)
    # A part starts its own page, its title first under the running header.
    header = squash(c.site.title)
    number = dict(entries)["Introducción"]
    assert squash(page_text(spanish.pdf, number)).startswith(f"{header} Introducción Introducción")


def test_bookmarks_lead_to_the_pages_the_contents_give(spanish: Book) -> None:
    printed = dict(toc_entries(spanish.pdf, spanish.pages))
    checked = 0
    for _, title, page in outline(spanish.reader):
        if title in printed:
            assert printed[title] == page, title
            checked += 1
    assert checked >= 15


def test_cross_references_print_spanish_page_words(spanish: Book) -> None:
    text = squash(all_text(spanish.pdf))
    assert re.search(r"\(vea el Apéndice, EC 52059\.5, página \d+\)", text)
    assert re.search(r"\(página \d+\)", text)


def test_unreviewed_translation_is_said_once_on_the_cover(spanish: Book) -> None:
    notice = "Esta traducción aún no ha sido revisada por un traductor calificado."
    assert notice in squash(page_text(spanish.pdf, 1))
    assert squash(all_text(spanish.pdf)).count(notice) == 1
    assert spanish.html.count(notice) == 1
    # Everything is translated: no text is marked as English, and nothing says so.
    # (The header's link to the English page is in English, and says so.)
    assert 'lang="en"' not in spanish.html.split("<main>", 1)[1]
    assert "aún no está traducida" not in spanish.html
    assert struct_languages(spanish.reader) == {}


def test_appendix_says_the_official_text_is_in_english(spanish: Book) -> None:
    text = squash(all_text(spanish.pdf))
    note = "El texto oficial solo está disponible en inglés."
    with_url = [s for s in spanish.content.statutes if s.url]
    assert with_url
    assert text.count(note) == len(with_url)
    assert "Texto oficial: https://leginfo.legislature.ca.gov/" in text


def test_two_builds_give_the_same_bytes(spanish: Book, tmp_path: Path) -> None:
    again = make_book(spanish.content, tmp_path)
    assert again.pdf.read_bytes() == spanish.pdf.read_bytes()
    assert again.html == spanish.html


# Partial translation


def test_untranslated_text_is_marked_english_in_the_page(partial: Book) -> None:
    html = partial.html
    title = partial.content.pathway_by_id[PARTIAL].title
    assert title == "Emergency state loan referral"
    anchor = f"pathway-{PARTIAL}"
    assert f'<h1 id="{anchor}-title"><span lang="en">{title}</span></h1>' in html
    # Its prose too, as a block, and wherever its title is named.
    assert html.count('<div lang="en">') >= 4
    assert html.count(f'<span lang="en">{title}</span>') >= 5
    # The translated pathways are not.
    other = partial.content.pathway_by_id["statewide-system-of-support"].title
    assert f'<span lang="en">{other}' not in html


def test_untranslated_text_is_said_once_in_spanish(partial: Book) -> None:
    notice = "Parte de esta página aún no está traducida y se muestra en inglés."
    assert partial.html.count(notice) == 1
    assert notice in squash(page_text(partial.pdf, 1))


def test_untranslated_text_carries_its_language_in_the_pdf_tags(partial: Book) -> None:
    assert partial.reader.trailer["/Root"]["/Lang"] == "es"
    assert struct_languages(partial.reader).get("en", 0) >= 5
    marks = [title for _, title, _ in outline(partial.reader)]
    assert "Emergency state loan referral" in marks


# The statute pages in Spanish


@pytest.fixture(scope="module")
def statute_pages(root: Path) -> dict[str, dict[str, str]]:
    content = read(root)
    return {lang: PageRenderer(content.for_language(lang)).pages() for lang in ("en", "es")}


def test_spanish_statute_page_names_the_publisher_and_the_texts_language(
    statute_pages: dict[str, dict[str, str]],
) -> None:
    page = statute_pages["es"]["statutes/ec-52072.md"]
    assert "[Lea EC 52072 en el sitio web de la Legislatura de California](" in page
    assert (
        '<p class="pathways-official-language">El texto oficial solo está disponible en inglés.</p>'
        in page
    )
    for english in ("Read ", "California Legislature", "Education Code"):
        assert english not in page, english


def test_spanish_statute_index_and_pathway_links_name_the_code_in_spanish(
    statute_pages: dict[str, dict[str, str]],
) -> None:
    es = statute_pages["es"]
    assert "# Secciones del Código de Educación\n" in es["statutes/index.md"]
    pathway = es["pathways/statewide-system-of-support.md"]
    assert "[Código de Educación, sección 52072, subdivisión (a)](" in pathway
    assert "Education Code section" not in pathway


def test_english_statute_pages_are_as_before(statute_pages: dict[str, dict[str, str]]) -> None:
    en = statute_pages["en"]
    page = en["statutes/ec-52072.md"]
    assert "[Read EC 52072 on the California Legislature's website](" in page
    assert "pathways-official-language" not in page
    assert "# Education Code sections\n" in en["statutes/index.md"]
    assert (
        "[Education Code section 52072, subdivision (a)]("
        in (en["pathways/statewide-system-of-support.md"])
    )


# Headers


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("es/handbook/index.html", kind_of("handbook/index.html")),
        ("es/handbook/handbook.css", kind_of("handbook/handbook.css")),
        ("es/embed/dta-eligibility/frame.html", kind_of("embed/dta-eligibility/frame.html")),
        ("es/embed/dta-eligibility.js", kind_of("embed/dta-eligibility.js")),
        ("es/pathways/index.html", kind_of("pathways/index.html")),
    ],
)
def test_a_languages_handbook_and_embeds_are_served_like_the_first_languages(
    path: str, kind: Kind
) -> None:
    # The handbook's page-number rules are an inline style, and frames are framed by counties.
    assert kind_of(path) is kind


def test_spanish_handbook_may_hold_its_inline_rules() -> None:
    csp = dict(kind_of("es/handbook/index.html").headers)["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp
    # A language's folder is named by its tag (two or three letters, with subtags): a page's
    # folder of another shape is not one.
    assert kind_of("haw/handbook/index.html") is kind_of("es/handbook/index.html")
    assert kind_of("espa/handbook/index.html") is KINDS[-1]
