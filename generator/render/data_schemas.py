"""The JSON Schemas of the open data files (``data/schemas/``).

Declared here, apart from the content files' specs, which may change as editors need: the data
is a public interface, and within one ``DATA_VERSION`` its fields are only added.
"""

from __future__ import annotations

import json
from typing import Any

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
GROUP = _object(
    {
        "id": _plain("Identifier, named by each support's group"),
        "title": _plain("The group's name"),
        "intro": _nullable(_markdown("What the group is")),
    },
    "A group of kinds of support",
)
ITEMS: dict[str, dict[str, Any]] = {
    "pathways": _object(
        {
            "id": _plain("Identifier, used in the page's address"),
            "title": _plain("Name of the pathway"),
            "order": {"type": "integer", "description": "Position in lists"},
            "initiated_by": _plain("Who starts it, in a few words"),
            "summary": _markdown("One or two sentences for lists"),
            "citations": _list(CITATION, "The legal basis, the main one first"),
            "who_starts": _markdown("Who starts it and how"),
            "when_it_applies": _markdown("When it applies"),
            "what_happens_next": _markdown("What happens next"),
            "next_steps": _list(_markdown("One step"), "What the reader can do now"),
            "supports": _ids("Ids of the kinds of support it can lead to (supports.json)"),
            "related_pathways": _ids("Ids of other pathways to read"),
            "contact": _nullable(
                _object(
                    {
                        "name": _nullable(_plain("Name of the office")),
                        "url": _nullable(_url("Web page")),
                        "phone": _nullable(_plain("Phone")),
                        "email": _nullable(_plain("E-mail")),
                    },
                    "Who to ask, where confirmed",
                )
            ),
            "last_reviewed": _date("When the text was last reviewed"),
            "page": PAGE,
        }
    ),
    "supports": _object(
        {
            "id": _plain("Identifier, used in the page's address"),
            "title": _plain("Name of the support"),
            "group": _plain("The id of its group in this file's groups"),
            "order": {"type": "integer", "description": "Position within its group"},
            "also_called": _nullable(_plain("Another name in use")),
            "summary": _markdown("One sentence for lists"),
            "description": _markdown("What the support is"),
            "citations": _list(CITATION, "Sections this support rests on"),
            "last_reviewed": _date("When the text was last reviewed"),
            "page": PAGE,
        }
    ),
    "statutes": _object(
        {
            "id": _plain("Identifier, used in the page's address and by citations"),
            "citation": _plain("The section, such as '20 U.S.C. § 6311'"),
            "source": _plain("The code or body of law, such as 'Government Code'"),
            "section": _plain("The section number, such as '6311'"),
            "heading": _plain("What the section is about, in plain words"),
            "summary": _markdown("A plain-language summary"),
            "official_url": _nullable(_url("The section's official text; null where none")),
            "text_checked": _date("When the summary was last checked against the official text"),
            "last_reviewed": _date("When the summary was last reviewed"),
            "page": PAGE,
        }
    ),
    "terms": _object(
        {
            "id": _plain("Identifier, the anchor of the term on the glossary page"),
            "term": _plain("The term as written"),
            "stands_for": _nullable(_plain("What an abbreviation stands for")),
            "definition": _markdown("A plain-language definition"),
        }
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
ITEMS["tree"] = _object(
    {
        "id": _plain("Identifier, used in the page's address and the embed files"),
        "title": _plain("The tree's title"),
        "intro": _markdown("Shown before the first question"),
        "start": _plain("The id of the first question"),
        "questions": _list(
            _object(
                {
                    "id": _plain("Identifier, unique within the tree"),
                    "text": _plain("The question"),
                    "hint": _nullable(_markdown("Explains the terms in the question")),
                    "answers": _list(
                        _object(
                            {
                                "id": _plain("Identifier, unique within the question"),
                                "label": _plain("What the reader chooses"),
                                "next": _plain("The id of the next question or of an outcome"),
                            }
                        ),
                        "The answers, in the order shown",
                    ),
                }
            ),
            "The questions",
        ),
        "outcomes": _list(
            _object(
                {
                    "id": _plain("Identifier, unique within the tree"),
                    "title": _plain("The result, as a heading"),
                    "text": _markdown("What the result means"),
                    "pathways": _ids("Ids of the pathways that apply (may be none)"),
                    "supports": _ids("Ids of kinds of support to look at"),
                    "next_steps": _list(_markdown("One step"), "What to do next"),
                }
            ),
            "Where the paths end",
        ),
        "paths": _list(PATH, "Every path from the first question to an outcome"),
        "last_reviewed": _date("When the tree was last reviewed"),
        "page": _address("The tree's page on the site"),
    }
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
        "site": _object(
            {
                "title": _plain("The site's name"),
                "publisher": _plain("Who publishes the guidance"),
                "language": _plain("Language tag of the text"),
                "url": _address("The site's address"),
            }
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
