"""Small things on the built site that read as unfinished: repeated labels, subdivisions out of
order, a button that does not say what it does, words meant for reviewers."""

from __future__ import annotations

import re
from pathlib import Path

from generator.citations.citation import natural_key


def cells(html: str) -> list[list[str]]:
    """The rows of a page's first table, each cell's text without markup."""
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_a_statute_page_names_the_glossary_once(shipped_site: Path) -> None:
    html = (shipped_site / "statutes" / "ec-52074" / "index.html").read_text("utf-8")
    where = [row[0] for row in cells(html)]
    assert "Glossary" in where
    assert not any(w.startswith("Glossary: Glossary") for w in where)


def test_citers_come_in_the_order_of_the_subdivisions_they_cite(shipped_site: Path) -> None:
    html = (shipped_site / "statutes" / "ec-52074" / "index.html").read_text("utf-8")
    firsts = [row[1].split(",")[0].strip() for row in cells(html)]
    assert len(firsts) > 3
    keys = [[natural_key(p) for p in re.findall(r"\([^)]*\)", first)] for first in firsts]
    assert keys == sorted(keys), firsts


def test_the_home_button_says_it_opens_the_questions(shipped_site: Path) -> None:
    html = (shipped_site / "index.html").read_text("utf-8")
    button = re.search(r'class="md-button md-button--primary" href="([^"]+)">([^<]+)<', html)
    assert button is not None
    assert button.groups() == ("find/dta-eligibility/", "Answer the questions")


def test_no_words_meant_for_reviewers_on_public_pages(shipped_site: Path) -> None:
    for page in shipped_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "Reviewers can" not in text and "line by line" not in text, page
