"""Decision trees to output: the widget's data and bundle, the tree page, and no-JS pages."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from generator import urls
from generator.citations import Citation
from generator.evaluate import all_paths
from generator.model import Content, Tree
from generator.render.pages import PageRenderer, site_links
from generator.render.paths import paths_csv
from generator.render.rich import Node
from generator.render.rich import rich as rich_nodes
from generator.render.strings import Strings

WIDGET_CSS = urls.WIDGET_CSS


def widget_source(name: str) -> str:
    """A file of the widget's, as shipped in the package."""
    return resources.files("generator").joinpath(f"widget/{name}").read_text("utf-8")


def tree_data(
    content: Content, tree: Tree, strings: Strings, directory_urls: bool = True
) -> dict[str, Any]:
    """Everything the widget needs, with site links relative to the site root."""
    abbr = content.abbreviations()
    links = site_links(content, strings)

    def url(doc: str) -> str:
        return urls.page_url(doc, directory_urls)

    def cite(c: Citation) -> dict[str, str | None]:
        return {"label": c.canonical, "title": links.title_of(c), "url": links.url(c)}

    def rich(text: str) -> list[Node]:
        return rich_nodes(text, abbr, links)

    def pathway(pid: str) -> dict[str, Any]:
        p = content.pathway_by_id[pid]
        return {
            "id": p.id,
            "title": p.title,
            "url": url(urls.pathway_page(p.id)),
            "summary": rich(p.summary),
            "citations": [cite(c) for c in p.citations],
            "next_steps": [rich(s) for s in p.next_steps],
        }

    return {
        "id": tree.id,
        "lang": content.site.language,
        "title": tree.title,
        "intro": rich(tree.intro),
        "start": tree.start,
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "hint": rich(q.hint) if q.hint else None,
                "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers],
            }
            for q in tree.questions
        ],
        "outcomes": [
            {
                "id": o.id,
                "title": o.title,
                "text": rich(o.text),
                "pathways": [pathway(pid) for pid in o.pathways],
                "supports": [
                    {
                        "id": s,
                        "title": content.support_by_id[s].title,
                        "url": url(urls.support_page(s)),
                    }
                    for s in o.supports
                ],
                "next_steps": [rich(s) for s in o.next_steps],
            }
            for o in tree.outcomes
        ],
        "strings": strings.widget(),
        "home": url(urls.tree_page(tree.id)),
    }


def bundle(data: dict[str, Any]) -> str:
    """The widget and one tree's data in one script, defining nothing global but the element."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # A '</script' or '<!--' in content must not end an inline copy of the bundle early.
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    code = widget_source("pathways-tree.js")
    return f'(function () {{\n"use strict";\nconst TREE = {payload};\n{code}\n}})();\n'


def widget_css() -> str:
    return widget_source(WIDGET_CSS)


class TreePages:
    """The tree's page on the site and the static pages that work without JavaScript."""

    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer
        self.content = renderer.content
        self.t = renderer.strings

    def files(self, tree: Tree) -> dict[str, str]:
        from generator.render.flowchart import flowchart_svg, outline, question_numbers

        paths = all_paths(tree)
        numbers = question_numbers(tree)
        svg = flowchart_svg(
            tree,
            title=tree.title,
            description=self.t("tree.figure_caption"),
            labels=self.t.chart(),
        )
        csv_name = urls.paths_csv(tree.id)
        out = {
            urls.tree_page(tree.id): self.renderer.render(
                "tree.md.j2",
                tree=tree,
                svg=svg,
                outline=outline(tree),
                numbers=numbers,
                paths=paths,
                csv_name=csv_name,
                start_url=self._start_url(tree),
            ),
            f"{urls.tree_dir(tree.id)}/{csv_name}": paths_csv(
                tree, paths, self.t.items("tree.csv_header")
            ),
        }
        for q in tree.questions:
            out[urls.question_page(tree.id, q.id)] = self.renderer.render(
                "tree_question.md.j2", tree=tree, q=q, number=numbers.get(q.id, 0)
            )
        for o in tree.outcomes:
            out[urls.outcome_page(tree.id, o.id)] = self.renderer.render(
                "tree_outcome.md.j2", tree=tree, o=o
            )
        return out

    def _start_url(self, tree: Tree) -> str:
        """The first question's no-JavaScript page, as linked from the tree's page."""
        start = urls.question_page(tree.id, tree.start)
        return urls.link_between(urls.tree_page(tree.id), start, self.renderer.directory_urls)
