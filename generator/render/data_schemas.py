"""The JSON Schemas of the open data files (``data/schemas/``).

A record publishes its model's fields as the model declares them (all but those marked not
``public``, such as notes for editors), with what the data adds (each record's page, a statute's
official address). The data is a public interface: within one ``DATA_VERSION`` its fields are
only added, so a field is renamed or removed from the model only with a new version.
"""

from __future__ import annotations

import json
from typing import Any

from generator.fields import (
    Date,
    Field,
    FieldType,
    Int,
    ListOf,
    Obj,
    Spec,
    Text,
    WebAddress,
    spec_of,
)
from generator.fields.values import CITATION as CITATION_FIELD
from generator.model import Pathway, Site, Statute, Support, SupportGroup, Term, Tree

DATA_VERSION = 1
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
MARKDOWN = "Markdown as the editors wrote it (not HTML); citations in it are plain text"


def dump(data: Any) -> str:
    # Keys sorted: their order means nothing, and a diff between two editions stays small.
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _plain(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _markdown(description: str) -> dict[str, Any]:
    return {"type": "string", "description": f"{description}. {MARKDOWN}."}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


def _date(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "date", "description": f"{description} (YYYY-MM-DD)"}


def _url(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "uri", "description": description}


def _address(description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "format": "uri-reference",
        "description": f"{description}: absolute, or from '/' for a site built without its address",
    }


def _ids(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _list(item: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "array", "items": item, "description": description}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {"description": description, **out} if description else out


CITATION = _object(
    {
        "citation": _plain("The citation as the site shows it, such as 'Gov. Code § 11135(a)'"),
        "statute": _plain("The id of the cited section in statutes.json"),
        "official_url": _nullable(
            _url("The section's official text (the law has no subdivision links); null where none")
        ),
    },
    "One citation of a code section, maybe narrowed to a subdivision",
)
PAGE = _address("The record's page on the site")


# Records: each published field of a model as its declaration describes it --------------------


def _item(kind: FieldType) -> dict[str, Any]:
    """The schema of one item of a list, which the list's description describes."""
    if kind is CITATION_FIELD:
        return CITATION
    if isinstance(kind, Obj):
        return _record(kind.spec)
    if isinstance(kind, Text):
        return {"type": "string", "description": f"{MARKDOWN}."}
    return {"type": "string"}


def _value(kind: FieldType, description: str) -> dict[str, Any]:
    if isinstance(kind, ListOf):
        return _list(_item(kind.item), description)
    if isinstance(kind, Obj):
        return {"description": description, **_record(kind.spec)}
    if isinstance(kind, Text):
        return _markdown(description)
    if isinstance(kind, Date):
        return {"type": "string", "format": "date", "description": description}
    if isinstance(kind, Int):
        return {"type": "integer", "description": description}
    if isinstance(kind, WebAddress):
        return _url(description)
    return _plain(description)


def _field(field: Field) -> dict[str, Any]:
    schema = _value(field.type, field.description)
    # An optional list is published empty; anything else optional is null when left out.
    if not field.required and not isinstance(field.type, ListOf):
        return _nullable(schema)
    return schema


def _record(
    spec: Spec[Any], only: tuple[str, ...] = (), description: str = "", **extra: dict[str, Any]
) -> dict[str, Any]:
    """A model's published fields (or ``only`` these), and what the data adds to them."""
    fields = {f.key: _field(f) for f in spec.fields if f.public and (not only or f.key in only)}
    return _object({**fields, **extra}, description)


GROUP = _record(spec_of(SupportGroup), description="A group of kinds of support")
ITEMS: dict[str, dict[str, Any]] = {
    "pathways": _record(spec_of(Pathway), page=PAGE),
    "supports": _record(spec_of(Support), page=PAGE),
    "statutes": _record(
        spec_of(Statute),
        id=_plain("Identifier, used in the page's address and by citations"),
        source=_plain("The code or body of law, such as 'Government Code'"),
        section=_plain("The section number, such as '6311'"),
        official_url=_nullable(_url("The section's official text; null where none")),
        page=PAGE,
    ),
    "terms": _record(
        spec_of(Term), id=_plain("Identifier, the anchor of the term on the glossary page")
    ),
}
PATH = _object(
    {
        "answers": _list(
            _object({"question": _plain("Question id"), "answer": _plain("Answer id")}),
            "The answers given, in order",
        ),
        "outcome": _plain("The id of the outcome they reach"),
        "pathways": _ids("The pathways that outcome names"),
    },
    "One way through the tree, as `pathways paths TREE --format json` prints it",
)
ITEMS["tree"] = _record(
    spec_of(Tree),
    paths=_list(PATH, "Every path from the first question to an outcome"),
    page=_address("The tree's page on the site"),
)

# name of the file's schema, its title, its description, and the key of its records.
KINDS: dict[str, tuple[str, str, str]] = {
    "pathways": ("Pathways", "Every pathway, in the site's order", "pathways"),
    "supports": ("Kinds of support", "Every kind of support, in the site's order", "supports"),
    "statutes": ("Statutes", "Every code section the content cites, in code order", "statutes"),
    "glossary": ("Glossary", "Every term of the glossary, in alphabetical order", "terms"),
    "tree": ("Decision tree", "One decision tree, with every path through it", "tree"),
}


def _envelope(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": _plain("The JSON Schema of this file, relative to it"),
        "data_version": {
            "const": DATA_VERSION,
            "description": "Fields are only added while this number stays the same",
        },
        "edition": _date("The edition of the guidance"),
        "generator": _object(
            {"name": {"const": "pathways"}, "version": _plain("The generator's version")},
            "What made the file",
        ),
        **properties,
    }


def _schema(name: str, title: str, description: str, properties: dict[str, Any]) -> str:
    return dump(
        {
            "$schema": JSON_SCHEMA,
            "$id": f"{name}.schema.json",
            "title": title,
            "description": description,
            **_object(_envelope(properties)),
        }
    )


def schema_texts() -> dict[str, str]:
    """``{file name: JSON Schema}`` for every kind of data file, the catalogue included."""
    out = {}
    for name, (title, description, key) in KINDS.items():
        records = ITEMS[key] if key == "tree" else _list(ITEMS[key], description)
        properties = {key: records}
        if key == "supports":
            properties = {"groups": _list(GROUP, "The groups of support, in order"), **properties}
        out[f"{name}.schema.json"] = _schema(name, title, description, properties)
    catalogue = {
        "site": _record(
            spec_of(Site),
            only=("title", "publisher", "language"),
            url=_address("The site's address"),
        ),
        "files": _list(
            _object(
                {
                    "path": _plain("The data file, relative to this one"),
                    "schema": _plain("Its JSON Schema, relative to this one"),
                    "kind": {"enum": list(KINDS), "description": "What it holds"},
                }
            ),
            "Every data file",
        ),
    }
    out["index.schema.json"] = _schema(
        "index", "Open data", "What the site publishes as data, and where", catalogue
    )
    return out
