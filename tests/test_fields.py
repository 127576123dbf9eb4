"""One declaration per field: the model's, the validator's, the editors' and the open data's view
of each field all come from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar

import pytest

from generator.cli import main
from generator.errors import Problems
from generator.fields import (
    INVALID,
    About,
    Context,
    Date,
    Derived,
    Field,
    Id,
    Int,
    Line,
    ListOf,
    Obj,
    Spec,
    Text,
    convert_mapping,
    spec_of,
)
from generator.kinds import FILE_MODELS, Texts, texts_of, translatable_fields
from generator.load.yaml_loader import parse_yaml_text
from generator.render.data_schemas import schema_texts
from generator.validate.schemas import schema_files
from tests.conftest import ProjectFactory, problems_of


def nested(spec: Spec, path: str = "") -> Iterator[tuple[str, Spec]]:
    """A spec and every spec of an object inside it, each with where it sits."""
    yield path or spec.kind, spec
    for field in spec.fields:
        item = field.type
        while isinstance(item, ListOf):
            item = item.item
        if isinstance(item, Obj):
            yield from nested(item.spec, f"{path or spec.kind}.{field.key}")


def every_spec() -> Iterator[tuple[str, Spec]]:
    for model in FILE_MODELS.values():
        yield from nested(spec_of(model))


def undeclared(model: type) -> set[str]:
    """The dataclass fields of a model that are not read from a file."""
    hints = typing.get_type_hints(model, include_extras=True)
    return {
        f.name
        for f in dataclasses.fields(model)
        if not any(isinstance(m, Field) for m in getattr(hints[f.name], "__metadata__", ()))
    }


@pytest.mark.parametrize("where,spec", list(every_spec()), ids=lambda v: str(v))
def test_every_model_field_is_declared_once_or_made_by_the_reader(where: str, spec: Spec) -> None:
    if spec.model is None:  # the program's words, declared by generator.vocabulary
        assert where == "site.words"
        return
    attributes = [f.name for f in dataclasses.fields(spec.model)]
    declared = [f.name for f in spec.fields]
    assert declared == [a for a in attributes if a not in undeclared(spec.model)]
    hints = typing.get_type_hints(spec.model, include_extras=True)
    for name in undeclared(spec.model):
        marks = getattr(hints[name], "__metadata__", ())
        assert name == "source" or any(isinstance(m, Derived) for m in marks), name


def test_the_editors_schema_has_exactly_the_declared_fields() -> None:
    schemas = {name: json.loads(text) for name, text in schema_files().items()}
    assert sorted(schemas) == sorted(f"{kind}.schema.json" for kind in FILE_MODELS)
    for kind, model in FILE_MODELS.items():
        for where, spec in nested(spec_of(model)):
            schema = schemas[f"{kind}.schema.json"]
            for step in where.split(".")[1:]:
                schema = schema["properties"][step]
                schema = schema.get("items", schema)
            assert list(schema["properties"]) == spec.field_names(), where
            assert schema["required"] == [f.key for f in spec.fields if f.required], where
            for field in spec.fields:
                assert schema["properties"][field.key]["description"] == field.description


def test_a_field_the_file_names_otherwise_keeps_its_file_name() -> None:
    statute = json.loads(schema_files()["statute.schema.json"])
    assert "url" in statute["properties"]
    assert "given_url" not in statute["properties"]
    assert [f.name for f in spec_of(FILE_MODELS["statute"]).fields if f.key == "url"] == [
        "given_url"
    ]


def test_the_open_data_publishes_the_public_declared_fields_and_what_it_adds() -> None:
    data = {name: json.loads(text) for name, text in schema_texts().items()}

    def record(name: str, key: str) -> dict[str, Any]:
        records = data[f"{name}.schema.json"]["properties"][key]
        return records.get("items", records)  # type: ignore[no-any-return]

    def public(kind: str) -> set[str]:
        return {f.key for f in spec_of(FILE_MODELS[kind]).fields if f.public}

    assert set(record("pathways", "pathways")["properties"]) == public("pathway") | {"page"}
    assert "review_note" not in record("pathways", "pathways")["properties"]
    assert set(record("supports", "supports")["properties"]) == public("support") | {"page"}
    assert set(record("statutes", "statutes")["properties"]) == public("statute") | {
        "id",
        "source",
        "section",
        "official_url",
        "page",
    }
    assert set(record("tree", "tree")["properties"]) == public("tree") | {"paths", "page"}
    pathway = record("pathways", "pathways")["properties"]
    assert pathway["who_starts"]["description"].startswith("Who starts it and how. Markdown")
    assert pathway["contact"]["type"] == ["object", "null"]
    assert pathway["related_pathways"]["type"] == "array"


def test_translatable_fields_are_the_text_written_for_readers() -> None:
    assert translatable_fields("pathway") == [
        "title",
        "initiated_by",
        "summary",
        "who_starts",
        "when_it_applies",
        "what_happens_next",
        "next_steps[]",
    ]
    assert translatable_fields("tree") == [
        "title",
        "intro",
        "questions.<id>.text",
        "questions.<id>.hint",
        "questions.<id>.answers.<id>.label",
        "outcomes.<id>.title",
        "outcomes.<id>.text",
        "outcomes.<id>.next_steps[]",
    ]
    assert translatable_fields("statute") == ["heading", "summary"]
    assert translatable_fields("glossary") == [
        "terms.<term>.term",
        "terms.<term>.stands_for",
        "terms.<term>.definition",
    ]
    # A page's body is not a field of its front matter, but the model marks it as text.
    assert translatable_fields("page") == ["title", "nav_title", "description", "body"]
    assert translatable_fields("site") == [
        "title",
        "tagline",
        "description",
        "words.<name>",
        "support_groups.<id>.title",
        "support_groups.<id>.intro",
        "support_groups.<id>.home_title",
    ]


def test_a_field_marked_translatable_reaches_the_translations() -> None:
    @dataclass(frozen=True)
    class Leaflet:
        about: ClassVar[About] = About("leaflet", "Leaflet", "A leaflet")

        code: Annotated[str, Field(Id(), "Its code")]
        heading: Annotated[str, Field(Line(), "Its heading")]
        printer: Annotated[str, Field(Line(), "Who prints it", translatable=False)]
        lines: Annotated[tuple[str, ...], Field(ListOf(Text()), "Its lines")]
        steps: Annotated[tuple[Step, ...], Field(ListOf(Obj(Step)), "Its steps")]

    assert texts_of(spec_of(Leaflet)) == Texts(
        ("heading",), ("lines",), (), (("steps", "id", Texts(("text",))),)
    )


# A kind of content the generator does not have, declared only as a model, to show that the
# converter and the schema follow from the declaration alone.
@dataclass(frozen=True)
class Step:
    about: ClassVar[About] = About("step", "Step", "One step")

    id: Annotated[str, Field(Id(), "Identifier")]
    text: Annotated[str, Field(Text(), "What to do")]


@dataclass(frozen=True)
class Checklist:
    about: ClassVar[About] = About("checklist", "Checklist", "Steps to take")

    title: Annotated[str, Field(Line(max_length=20), "Its title")]
    due: Annotated[dt.date | None, Field(Date(), "When it is due", default=None)]
    weight: Annotated[int, Field(Int(1, 9), "How much it counts", default=5)]
    steps: Annotated[tuple[Step, ...], Field(ListOf(Obj(Step), min_items=1), "The steps")]
    name: Annotated[str, Derived("the file's name")]


def convert(text: str) -> tuple[Any, list[str]]:
    problems = Problems()
    parsed = parse_yaml_text(text, "checklist.yml", problems)
    assert parsed.node is not None
    ctx = Context(problems, file="checklist.yml")
    spec = spec_of(Checklist)
    values = convert_mapping(parsed.node, spec, ctx)
    made = None if values is INVALID else spec.make(values, ctx, name="checklist")
    return made, [p.format() for p in problems.sorted()]


def test_a_declared_model_is_read_with_its_defaults_and_made_frozen() -> None:
    made, problems = convert("title: Before a visit\nsteps:\n  - id: call\n    text: Call us.\n")
    assert problems == []
    assert made == Checklist("Before a visit", None, 5, (Step("call", "Call us."),), "checklist")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.title = "other"


def test_a_declared_model_is_checked_with_located_messages() -> None:
    _, problems = convert(
        "title: A title longer than twenty\nweight: 12\ndue: soon\nsteps:\n  - id: Call\n    tex: x\n"
    )
    assert problems == [
        "checklist.yml:1:8: error[too-long]: title: is 26 characters; at most 20",
        "checklist.yml:2:9: error[out-of-range]: weight: must be from 1 to 9",
        "checklist.yml:3:6: error[wrong-type]: due: expected a date (YYYY-MM-DD), found text",
        "checklist.yml:5:5: error[missing]: steps[0]: missing required field 'text'",
        "checklist.yml:5:9: error[bad-format]: steps[0].id: 'Call' is not valid: use lower-case letters, digits and single hyphens",
        "checklist.yml:6:5: error[unknown-key]: steps[0]: unknown field 'tex'; did you mean 'text'?",
    ]


def test_a_declared_model_has_its_schema() -> None:
    from generator.fields import object_schema

    schema = object_schema(spec_of(Checklist))
    assert schema["title"] == "Checklist"
    assert schema["required"] == ["title", "steps"]
    assert list(schema["properties"]) == ["title", "due", "weight", "steps"]
    assert schema["properties"]["title"] == {
        "type": "string",
        "minLength": 1,
        "maxLength": 20,
        "description": "Its title",
    }
    steps = schema["properties"]["steps"]
    assert steps["minItems"] == 1
    assert list(steps["items"]["properties"]) == ["id", "text"]


def test_a_model_field_without_a_declaration_is_refused() -> None:
    @dataclass(frozen=True)
    class Forgotten:
        about: ClassVar[About] = About("forgotten", "Forgotten", "A field left undeclared")

        title: Annotated[str, Field(Line(), "Its title")]
        former_ids: tuple[str, ...] = ()

    with pytest.raises(TypeError, match=r"Forgotten\.former_ids is neither declared"):
        spec_of(Forgotten)


def test_a_left_out_optional_field_takes_its_declared_default(tmp_project: ProjectFactory) -> None:
    # Through the whole reader: a page's order defaults to 100, an outcome's supports to none.
    root = tmp_project(
        {
            "content/pages/about.md": "---\ntitle: About\norder: ~\nlast_reviewed: 2026-11-01\n---\nText.\n",
        }
    )
    assert problems_of(root) == []
    from generator.validate import read_content

    content = read_content(root, Problems(), dt.date(2026, 11, 27))
    assert content is not None
    about = next(p for p in content.pages if p.slug == "about")
    assert (about.order, about.nav_title, about.body) == (100, None, "Text.\n")
    assert content.pathways[0].contact.name is None
    assert content.pathways[0].related_pathways == ()


def test_check_reports_a_declared_check_through_the_command_line(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(
        {
            "content/pathways/first.yml": """\
        id: first
        title: First pathway
        order: 1
        initiated_by: CCEE
        summary: The first pathway.
        citations: [EC 52072(a)]
        who_starts: CCEE starts it.
        when_it_applies: Always.
        what_happens_next: CCEE decides.
        next_steps: [Ask your county office.]
        supports: [consultancy]
        contact:
          phone: call us
        last_reviewed: 2026-11-01
        """
        }
    )
    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/pathways/first.yml:13:10: error[bad-format]: contact.phone: 'call us' is not valid: use "
        "digits, spaces and ()+-. only, at least 7 digits"
    )


def test_the_published_schemas_are_the_declarations() -> None:
    repo = Path(__file__).resolve().parents[1]
    for name, text in schema_files().items():
        assert (repo / "schemas" / name).read_text("utf-8") == text, name


def readme_section(title: str) -> str:
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    return text[start : text.index("\n## ", start + 1)]


def test_the_readme_example_pathway_is_valid_and_shows_every_field() -> None:
    section = readme_section("Adding a pathway")
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    problems = Problems()
    parsed = parse_yaml_text(example, "example.yml", problems)
    assert parsed.node is not None
    spec = spec_of(FILE_MODELS["pathway"])
    values = convert_mapping(parsed.node, spec, Context(problems, file="example.yml"))
    assert [p.format() for p in problems.sorted()] == []
    assert values is not INVALID
    written = [line.split(":", 1)[0] for line in example.splitlines() if line[:1].isalpha()]
    assert written == spec.field_names()


@pytest.mark.parametrize("kind", ["support", "statute"])
def test_the_readme_names_every_field_of_a_support_and_a_statute(kind: str) -> None:
    section = readme_section("Adding a pathway").split("Then run `pathways check`", 1)[1]
    for key in spec_of(FILE_MODELS[kind]).field_names():
        assert f"`{key}" in section, key


def test_a_record_publishes_each_public_field_and_matches_its_schema(
    tmp_project: ProjectFactory,
) -> None:
    from jsonschema import Draft202012Validator

    from generator.render.data import data_files
    from generator.validate import read_content

    root = tmp_project(
        {
            "content/pathways/first.yml": """\
        id: first
        title: First pathway
        order: 1
        initiated_by: CCEE
        summary: The first pathway.
        citations: [EC 52072(a)]
        who_starts: CCEE starts it.
        when_it_applies: When pupil groups meet the criteria under EC 52064.5(g).
        what_happens_next: CCEE decides.
        next_steps: [Ask your county office.]
        supports: [consultancy]
        contact:
          name: County office
          phone: 555 123 4567
        last_reviewed: 2026-11-01
        review_note: Not for the public.
        """
        }
    )
    content = read_content(root, Problems(), dt.date(2026, 11, 27))
    assert content is not None
    files = data_files(content, "https://example.org/", True)
    doc = json.loads(files["data/pathways.json"])
    schema = json.loads(files["data/schemas/pathways.schema.json"])
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(doc)] == []
    record = doc["pathways"][0]
    public = {f.key for f in spec_of(FILE_MODELS["pathway"]).fields if f.public}
    assert set(record) == public | {"page"}
    assert record["contact"] == {
        "name": "County office",
        "url": None,
        "phone": "555 123 4567",
        "email": None,
    }
    assert record["citations"] == [
        {
            "citation": "EC 52072(a)",
            "statute": "ec-52072",
            "official_url": "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=EDC&sectionNum=52072.",
        }
    ]
    assert record["last_reviewed"] == "2026-11-01"
    assert "Not for the public." not in files["data/pathways.json"]
