"""Open data: the content as JSON under ``data/``, each file with its JSON Schema.

A public interface: within one ``data_version`` fields are only added, never renamed, removed
or given another meaning. A record holds its model's fields as the model declares them (all
but those not ``public``), so the records and their schemas (``data_schemas``) cannot differ.
Text fields carry the Markdown the editors wrote, never HTML, and nothing an editor marked as a
note for reviewers.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import metadata
from typing import Any

from generator import urls
from generator.citations import Citation
from generator.evaluate import all_paths
from generator.fields import FieldType, ListOf, Obj, spec_of
from generator.fields.values import CITATION
from generator.model import Content, Pathway, Statute, Support, Term, Tree
from generator.render.data_schemas import DATA_VERSION, dump, schema_texts

DATA_DIR = urls.DATA_DIR
SCHEMA_DIR = "schemas"


@cache
def generator_version() -> str:
    try:
        return metadata.version("pathways")
    except metadata.PackageNotFoundError:
        return "unknown"


# Records ---------------------------------------------------------------------------------------


class OpenData:
    """The content's records, with absolute addresses made from the site's ``base`` (ending in
    '/')."""

    def __init__(self, content: Content, base: str, directory_urls: bool) -> None:
        self.content = content
        self.base = base
        self.directory_urls = directory_urls

    def page(self, markdown: str) -> str:
        return self.base + urls.page_url(markdown, self.directory_urls)

    def citation(self, c: Citation) -> dict[str, Any]:
        statute = self.content.statute_for(c)
        assert statute is not None, "checked: every cited section has a statute entry"
        return {
            "citation": c.canonical,
            "statute": statute.slug,
            "official_url": self.content.links.url(c),
        }

    def value(self, kind: FieldType, value: Any) -> Any:
        """A field's value as the data publishes it: as the editors wrote it, in JSON's types."""
        if value is None:
            return None
        if isinstance(kind, ListOf):
            return [self.value(kind.item, item) for item in value]
        if kind is CITATION:
            return self.citation(value)
        if isinstance(value, Citation):
            return value.canonical
        if isinstance(kind, Obj):
            # An optional object left empty (a contact with nothing confirmed) is null.
            return self.record(value) if value else None
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    def record(self, obj: Any, only: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
        """The published fields of a model object (or ``only`` these), with what the data adds;
        ``data_schemas`` describes the same fields from the same declarations."""
        spec = spec_of(type(obj))
        fields = {
            f.key: self.value(f.type, getattr(obj, f.name))
            for f in spec.fields
            if f.public and (not only or f.key in only)
        }
        return {**fields, **extra}

    def pathway(self, p: Pathway) -> dict[str, Any]:
        return self.record(p, page=self.page(urls.pathway_page(p.id)))

    def support(self, s: Support) -> dict[str, Any]:
        return self.record(s, page=self.page(urls.support_page(s.id)))

    def statute(self, st: Statute) -> dict[str, Any]:
        return self.record(
            st,
            id=st.slug,
            source=st.citation.source.name,
            section=st.citation.section,
            official_url=st.url,
            page=self.page(urls.statute_page(st.slug)),
        )

    def term(self, t: Term) -> dict[str, Any]:
        return self.record(t, id=t.id)

    def tree(self, tree: Tree) -> dict[str, Any]:
        return self.record(
            tree,
            paths=[path.as_json() for path in all_paths(tree)],
            page=self.page(urls.tree_page(tree.id)),
        )


def data_files(content: Content, base: str, directory_urls: bool) -> dict[str, str]:
    """Every file under ``data/``: the records of each kind, one file per decision tree, the
    catalogue ``index.json``, and the schemas under ``data/schemas/``."""
    records = OpenData(content, base, directory_urls)
    head = {
        "data_version": DATA_VERSION,
        "edition": content.site.edition.isoformat(),
        "generator": {"name": "pathways", "version": generator_version()},
    }

    def document(path: str, name: str, body: dict[str, Any]) -> str:
        depth = path.count("/")
        schema = "../" * depth + f"{SCHEMA_DIR}/{name}.schema.json"
        return dump({"$schema": schema, **head, **body})

    c = content
    bodies: dict[str, tuple[str, dict[str, Any]]] = {
        "pathways.json": ("pathways", {"pathways": [records.pathway(p) for p in c.pathways]}),
        "supports.json": (
            "supports",
            {
                "groups": [records.record(g) for g in c.site.support_groups],
                "supports": [records.support(s) for s in c.supports],
            },
        ),
        "statutes.json": ("statutes", {"statutes": [records.statute(s) for s in c.statutes]}),
        "glossary.json": ("glossary", {"terms": [records.term(t) for t in c.terms]}),
    }
    for tree in c.trees:
        bodies[f"trees/{tree.id}.json"] = ("tree", {"tree": records.tree(tree)})
    catalogue = {
        "site": records.record(c.site, only=("title", "publisher", "language"), url=base),
        "files": [
            {"path": path, "schema": f"{SCHEMA_DIR}/{kind}.schema.json", "kind": kind}
            for path, (kind, _) in bodies.items()
        ],
    }
    out = {
        f"{DATA_DIR}/{path}": document(path, kind, body) for path, (kind, body) in bodies.items()
    }
    out[f"{DATA_DIR}/index.json"] = document("index.json", "index", catalogue)
    for name, text in schema_texts().items():
        out[f"{DATA_DIR}/{SCHEMA_DIR}/{name}"] = text
    return out
