"""Open data: the content as JSON under ``data/``, each file with its JSON Schema.

A public interface: within one ``data_version`` fields are only added, never renamed, removed
or given another meaning (the shapes are in ``data_schemas``). Text fields carry the Markdown
the editors wrote, never HTML, and nothing an editor marked as a note for reviewers.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from typing import Any

from generator import urls
from generator.citations import Citation
from generator.evaluate import all_paths
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

    def pathway(self, p: Pathway) -> dict[str, Any]:
        contact = p.contact
        return {
            "id": p.id,
            "title": p.title,
            "order": p.order,
            "initiated_by": p.initiated_by,
            "summary": p.summary,
            "citations": [self.citation(c) for c in p.citations],
            "who_starts": p.who_starts,
            "when_it_applies": p.when_it_applies,
            "what_happens_next": p.what_happens_next,
            "next_steps": list(p.next_steps),
            "supports": list(p.supports),
            "related_pathways": list(p.related_pathways),
            "contact": {
                "name": contact.name,
                "url": contact.url,
                "phone": contact.phone,
                "email": contact.email,
            }
            if contact
            else None,
            "last_reviewed": p.last_reviewed.isoformat(),
            "page": self.page(urls.pathway_page(p.id)),
        }

    def support(self, s: Support) -> dict[str, Any]:
        return {
            "id": s.id,
            "title": s.title,
            "group": s.group,
            "order": s.order,
            "also_called": s.also_called,
            "summary": s.summary,
            "description": s.description,
            "citations": [self.citation(c) for c in s.citations],
            "last_reviewed": s.last_reviewed.isoformat(),
            "page": self.page(urls.support_page(s.id)),
        }

    def statute(self, st: Statute) -> dict[str, Any]:
        return {
            "id": st.slug,
            "citation": st.label,
            "source": st.citation.source.name,
            "section": st.citation.section,
            "heading": st.heading,
            "summary": st.summary,
            "official_url": st.url,
            "text_checked": st.text_checked.isoformat(),
            "last_reviewed": st.last_reviewed.isoformat(),
            "page": self.page(urls.statute_page(st.slug)),
        }

    @staticmethod
    def term(t: Term) -> dict[str, Any]:
        return {"id": t.id, "term": t.term, "stands_for": t.stands_for, "definition": t.definition}

    def tree(self, tree: Tree) -> dict[str, Any]:
        return {
            "id": tree.id,
            "title": tree.title,
            "intro": tree.intro,
            "start": tree.start,
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "hint": q.hint,
                    "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers],
                }
                for q in tree.questions
            ],
            "outcomes": [
                {
                    "id": o.id,
                    "title": o.title,
                    "text": o.text,
                    "pathways": list(o.pathways),
                    "supports": list(o.supports),
                    "next_steps": list(o.next_steps),
                }
                for o in tree.outcomes
            ],
            "paths": [path.as_json() for path in all_paths(tree)],
            "last_reviewed": tree.last_reviewed.isoformat(),
            "page": self.page(urls.tree_page(tree.id)),
        }


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
                "groups": [
                    {"id": g.id, "title": g.title, "intro": g.intro} for g in c.site.support_groups
                ],
                "supports": [records.support(s) for s in c.supports],
            },
        ),
        "statutes.json": ("statutes", {"statutes": [records.statute(s) for s in c.statutes]}),
        "glossary.json": ("glossary", {"terms": [records.term(t) for t in c.terms]}),
    }
    for tree in c.trees:
        bodies[f"trees/{tree.id}.json"] = ("tree", {"tree": records.tree(tree)})
    catalogue = {
        "site": {
            "title": c.site.title,
            "publisher": c.site.publisher,
            "language": c.site.language,
            "url": base,
        },
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
