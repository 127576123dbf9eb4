"""Open data: the JSON under ``data/`` against its published schemas, and against the site."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from generator.build.site import check
from generator.cli import main
from generator.model import Content
from tests.conftest import REPO

SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def content() -> Content:
    found, problems = check(REPO)
    assert found is not None, problems.items
    return found


@pytest.fixture(scope="module")
def data_dir(shipped_site: Path) -> Path:
    return shipped_site / "data"


def documents(data_dir: Path) -> dict[str, Any]:
    """Every data file (not the schemas), by its path inside ``data/``."""
    return {
        p.relative_to(data_dir).as_posix(): json.loads(p.read_text("utf-8"))
        for p in sorted(data_dir.rglob("*.json"))
        if p.parent.name != "schemas"
    }


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def local_file(site: Path, url: str) -> Path:
    """The file of the built site that a page address of it serves."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def test_every_data_file_is_valid_against_its_published_schema(data_dir: Path) -> None:
    docs = documents(data_dir)
    assert sorted(docs) == [
        "glossary.json",
        "index.json",
        "pathways.json",
        "statutes.json",
        "supports.json",
        "trees/dta-eligibility.json",
    ]
    used = set()
    for rel, doc in docs.items():
        schema_file = (data_dir / rel).parent / doc["$schema"]
        assert schema_file.resolve().parent == (data_dir / "schemas").resolve(), rel
        schema = json.loads(schema_file.read_text("utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == schema_file.name
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        assert [e.message for e in validator.iter_errors(doc)] == [], rel
        used.add(schema_file.name)
    assert sorted(p.name for p in (data_dir / "schemas").iterdir()) == sorted(used)


def test_a_schema_rejects_a_field_it_does_not_describe(data_dir: Path) -> None:
    doc = json.loads((data_dir / "pathways.json").read_text("utf-8"))
    schema = json.loads((data_dir / "schemas/pathways.schema.json").read_text("utf-8"))
    doc["pathways"][0]["review_note"] = "for editors"
    del doc["pathways"][1]["page"]
    errors = sorted(e.message for e in Draft202012Validator(schema).iter_errors(doc))
    assert errors == [
        "'page' is a required property",
        "Additional properties are not allowed ('review_note' was unexpected)",
    ]


def test_the_catalogue_lists_every_data_file_with_its_schema(data_dir: Path) -> None:
    index = json.loads((data_dir / "index.json").read_text("utf-8"))
    listed = {f["path"]: f["schema"] for f in index["files"]}
    assert set(listed) == set(documents(data_dir)) - {"index.json"}
    for path, schema in listed.items():
        assert (data_dir / schema).is_file()
        assert json.loads((data_dir / path).read_text("utf-8"))["$schema"].endswith(schema)
    assert index["site"]["url"] == SITE_URL


def test_each_file_carries_the_edition_and_the_generator_version(
    data_dir: Path, content: Content
) -> None:
    for rel, doc in documents(data_dir).items():
        assert doc["edition"] == content.site.edition.isoformat(), rel
        assert doc["generator"] == {"name": "pathways", "version": metadata.version("pathways")}
        assert doc["data_version"] == 1


def test_records_come_in_the_sites_order_with_their_pages(
    shipped_site: Path, data_dir: Path, content: Content
) -> None:
    docs = documents(data_dir)
    assert [p["id"] for p in docs["pathways.json"]["pathways"]] == [p.id for p in content.pathways]
    assert [s["id"] for s in docs["supports.json"]["supports"]] == [s.id for s in content.supports]
    assert [s["citation"] for s in docs["statutes.json"]["statutes"]] == [
        s.label for s in content.statutes
    ]
    assert [t["term"] for t in docs["glossary.json"]["terms"]] == [t.term for t in content.terms]
    pages = [
        record["page"]
        for kind in ("pathways", "supports", "statutes")
        for record in docs[f"{kind}.json"][kind]
    ]
    pages.append(docs["trees/dta-eligibility.json"]["tree"]["page"])
    for page in pages:
        assert local_file(shipped_site, page).is_file(), page
    statute_ids = {s["id"] for s in docs["statutes.json"]["statutes"]}
    for pathway in docs["pathways.json"]["pathways"]:
        assert {c["statute"] for c in pathway["citations"]} <= statute_ids


def test_tree_paths_are_those_pathways_paths_prints(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = json.loads((data_dir / "trees/dta-eligibility.json").read_text("utf-8"))["tree"]
    assert main(["paths", "dta-eligibility", "--root", str(REPO), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert tree["paths"] == printed
    assert len(printed) > 5
    questions = {q["id"]: q for q in tree["questions"]}
    outcomes = {o["id"] for o in tree["outcomes"]}
    assert tree["start"] in questions
    for path in tree["paths"]:
        assert path["outcome"] in outcomes
        for step in path["answers"]:
            assert step["answer"] in {a["id"] for a in questions[step["question"]]["answers"]}


def test_statute_urls_are_the_links_of_the_statute_pages(
    shipped_site: Path, data_dir: Path
) -> None:
    statutes = json.loads((data_dir / "statutes.json").read_text("utf-8"))["statutes"]
    assert statutes
    for statute in statutes:
        page = local_file(shipped_site, statute["page"]).read_text("utf-8")
        button = re.search(r'<a class="md-button" href="([^"]+)"', page)
        assert button is not None, statute["id"]
        assert html.unescape(button.group(1)) == statute["official_url"]
        assert statute["official_url"].startswith("https://leginfo.legislature.ca.gov/")


def test_text_is_the_markdown_as_written_never_html(data_dir: Path, content: Content) -> None:
    docs = documents(data_dir)
    for rel, doc in docs.items():
        for text in strings(doc):
            assert not re.search(r"<[A-Za-z/!]|&(?:[a-z]+|#[0-9]+);", text), (rel, text)
    emphasis = [p for p in docs["pathways.json"]["pathways"] if "**" in p["when_it_applies"]]
    assert emphasis, "the shipped content has Markdown emphasis to carry over"
    for record, pathway in zip(docs["pathways.json"]["pathways"], content.pathways, strict=True):
        assert record["summary"] == pathway.summary
        assert record["when_it_applies"] == pathway.when_it_applies
        assert record["next_steps"] == list(pathway.next_steps)
    tree = docs["trees/dta-eligibility.json"]["tree"]
    assert tree["intro"] == content.trees[0].intro


def test_notes_for_reviewers_are_not_published(data_dir: Path, content: Content) -> None:
    notes = [content.site.review_note] + [p.review_note for p in content.pathways]
    notes += [t.review_note for t in content.trees] + [s.review_note for s in content.statutes]
    written = [n for n in notes if n]
    assert written, "the shipped content has review notes"
    text = "\n".join(p.read_text("utf-8") for p in data_dir.rglob("*.json"))
    assert "review_note" not in text
    for note in written:
        assert json.dumps(note)[1:-1] not in text
