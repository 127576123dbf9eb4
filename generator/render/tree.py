"""Decision trees to output: the widget's data and bundle, the tree page, and no-JS pages."""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from generator import urls
from generator.citations import Citation
from generator.evaluate import TreePath, all_paths
from generator.model import Content, Outcome, Question, Tree
from generator.render.pages import PageRenderer, site_links
from generator.render.paths import paths_csv
from generator.render.rich import Node
from generator.render.rich import rich as rich_nodes
from generator.render.strings import Strings
from generator.render.tree_markup import (
    Answer,
    Result,
    Step,
    Way,
    nodes_html,
    question_element,
    result_element,
)

WIDGET_CSS = urls.WIDGET_CSS


@dataclass(frozen=True)
class ResultSteps:
    """What a result says to do next, each step once: the result's own and those its pathways
    share, then each pathway's own under that pathway."""

    general: tuple[str, ...]
    by_pathway: dict[str, tuple[str, ...]]


def _same(step: str) -> str:
    # Two writers' copies of one sentence differ at most in spacing, case and a final stop.
    return re.sub(r"\s+", " ", step).strip().rstrip(".").casefold()


def result_steps(content: Content, outcome: Outcome) -> ResultSteps:
    """The outcome's next steps and its pathways', merged so that no step shows twice."""
    pathways = [content.pathway_by_id[pid] for pid in outcome.pathways]
    holders: dict[str, set[str]] = {}
    for p in pathways:
        for step in p.next_steps:
            holders.setdefault(_same(step), set()).add(p.id)
    own = {_same(step) for step in outcome.next_steps}
    shown: set[str] = set()
    general: list[str] = []
    for step in [*outcome.next_steps, *(s for p in pathways for s in p.next_steps)]:
        key = _same(step)
        # A pathway's own step stays under that pathway; the result's own and shared ones lead.
        if key not in shown and (len(holders.get(key, ())) != 1 or key in own):
            shown.add(key)
            general.append(step)
    by_pathway = {}
    for p in pathways:
        steps = []
        for step in p.next_steps:
            if (key := _same(step)) not in shown:
                shown.add(key)
                steps.append(step)
        by_pathway[p.id] = tuple(steps)
    return ResultSteps(tuple(general), by_pathway)


def widget_source(name: str) -> str:
    """A file of the widget's, as shipped in the package."""
    return resources.files("generator").joinpath(f"widget/{name}").read_text("utf-8")


# Inside these a mention is already a link, or marked up as something else.
_UNLINKED = frozenset({"a", "abbr", "code"})


def site_mentions(
    content: Content, strings: Strings, directory_urls: bool
) -> list[tuple[str, str]]:
    """(name, address from the site's root) of each page a result's text may mention by name:
    each pathway and kind of support, and each group of kinds of support (their page)."""
    supports_page = urls.page_url(urls.section_index(urls.SUPPORTS_DIR), directory_urls)
    names = [
        (p.title, urls.page_url(urls.pathway_page(p.id), directory_urls)) for p in content.pathways
    ]
    names += [
        (s.title, urls.page_url(urls.support_page(s.id), directory_urls)) for s in content.supports
    ]
    names += [
        (strings.counted(section.group.title, len(section.supports)), supports_page)
        for section in content.support_sections
    ]
    return names


@functools.lru_cache(maxsize=8)
def _mention_pattern(
    names: tuple[tuple[str, str], ...],
) -> tuple[dict[str, str], re.Pattern[str]]:
    """Made once for the same names: a tree's results call ``link_mentions`` hundreds of times,
    and at 1,000 pathways escaping and compiling the names each time was seconds of a build."""
    by_name = {name.casefold(): url for name, url in names}
    # The longest names first, so that a name inside a longer one never wins.
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    return by_name, pattern


def link_mentions(nodes: list[Node], names: list[tuple[str, str]]) -> list[Node]:
    """``nodes`` with the first mention of each page's name (any case) made a link to it."""
    if not names:
        return nodes
    by_name, pattern = _mention_pattern(tuple(names))
    done: set[str] = set()

    def walk(children: list[Node]) -> list[Node]:
        out: list[Node] = []
        for node in children:
            if isinstance(node, dict):
                if node.get("tag") in _UNLINKED:
                    out.append(node)
                else:
                    out.append({**node, "children": walk(node.get("children") or [])})
                continue
            start = 0
            for match in pattern.finditer(node):
                url = by_name[match.group(1).casefold()]
                if url in done:
                    continue
                done.add(url)
                out.append(node[start : match.start()])
                out.append({"tag": "a", "attrs": {"href": url}, "children": [match.group(1)]})
                start = match.end()
            out.append(node[start:])
        return [n for n in out if n != ""]

    return walk(nodes)


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

    names = site_mentions(content, strings, directory_urls)

    def linked(text: str) -> list[Node]:
        # A result names the site's pages in passing ("read about the kinds of support"): each
        # such mention is a way to that page.
        return link_mentions(rich(text), names)

    def pathway(pid: str, steps: tuple[str, ...]) -> dict[str, Any]:
        p = content.pathway_by_id[pid]
        return {
            "id": p.id,
            "title": p.title,
            "url": url(urls.pathway_page(p.id)),
            "summary": rich(p.summary),
            "citations": [cite(c) for c in p.citations],
            "next_steps": [linked(s) for s in steps],
        }

    def outcome(o: Outcome) -> dict[str, Any]:
        steps = result_steps(content, o)
        return {
            "id": o.id,
            "title": o.title,
            "text": linked(o.text),
            "pathways": [pathway(pid, steps.by_pathway[pid]) for pid in o.pathways],
            "supports": [
                {
                    "id": s,
                    "title": content.support_by_id[s].title,
                    "url": url(urls.support_page(s)),
                }
                for s in o.supports
            ],
            "next_steps": [linked(s) for s in steps.general],
        }

    return {
        "id": tree.id,
        "lang": content.site.language,
        "site": content.site.title,
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
        "outcomes": [outcome(o) for o in tree.outcomes],
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


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


class TreePages:
    """The tree's page on the site and the static pages that work without JavaScript."""

    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer
        self.content = renderer.content
        self.t = renderer.strings

    def files(self, tree: Tree) -> dict[str, str]:
        from generator.render.flowchart import flowchart_svg, outline

        paths = all_paths(tree)
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
                paths=paths,
                csv_name=csv_name,
                chart_file=urls.FLOWCHART_FILE,
                first=self.question_element(tree, tree.start, urls.tree_page(tree.id)),
            ),
            f"{urls.tree_dir(tree.id)}/{csv_name}": paths_csv(
                tree, paths, self.t.items("tree.csv_header")
            ),
            # On its own, a phone's reader can zoom and pan the chart as far as they need.
            f"{urls.tree_dir(tree.id)}/{urls.FLOWCHART_FILE}": f"{XML_DECLARATION}\n{svg}\n",
        }
        for q in tree.questions:
            doc = urls.question_page(tree.id, q.id)
            out[doc] = self.renderer.render(
                "tree_question.md.j2",
                tree=tree,
                q=q,
                element=self.question_element(tree, q.id, doc),
            )
        data = tree_data(self.content, tree, self.t, self.renderer.directory_urls)
        for o, shown in zip(tree.outcomes, data["outcomes"], strict=True):
            doc = urls.outcome_page(tree.id, o.id)
            ways = [p for p in paths if p.outcome == o.id]
            out[doc] = self.renderer.render(
                "tree_outcome.md.j2", tree=tree, o=o, element=self.result_element(tree, shown, ways)
            )
        return out

    def site_root(self, here: str) -> str:
        """The site's root as written in page ``here``: the data's addresses start from it."""
        address = urls.page_url(here, self.renderer.directory_urls)
        return "../" * address.count("/")

    def result_element(self, tree: Tree, outcome: dict[str, Any], ways: list[TreePath]) -> str:
        """A result's page without scripts: the widget's result, from the widget's own data."""
        t, here = self.t, urls.outcome_page(tree.id, outcome["id"])
        site_root = self.site_root(here)
        parents = self.parents(tree, outcome["id"])

        def href(target: str) -> str:
            has_scheme = ":" in target.split("/", 1)[0]
            return target if has_scheme or target.startswith("#") else site_root + target

        def question_link(qid: str) -> str:
            return self.link(here, urls.question_page(tree.id, qid))

        result = Result(
            tree_id=tree.id,
            tree_title=tree.title,
            lang=self.content.site.language,
            stylesheet=f"{site_root}{urls.EMBED_DIR}/{WIDGET_CSS}",
            outcome=outcome,
            words=t.widget(),
            back=tuple(
                (
                    t("tree.back") if len(parents) == 1 else t("tree.back_to", question=q.text),
                    question_link(q.id),
                )
                for q in parents
            ),
            ways=tuple(
                Way(
                    tuple(
                        (
                            (q := tree.question_by_id[s.question]).text,
                            a.label if (a := q.answer(s.answer)) else s.answer,
                            question_link(q.id),
                        )
                        for s in way.steps
                    )
                )
                for way in ways
            ),
            start=question_link(tree.start),
            ways_intro=t("tree.you_answered_paths"),
            way_title=t("tree.answers_set"),
        )
        return result_element(result, href)

    @staticmethod
    def parents(tree: Tree, node: str) -> list[Question]:
        """The questions with an answer that leads to ``node``, for the links back to them."""
        return [q for q in tree.questions if any(a.next == node for a in q.answers)]

    def link(self, here: str, doc: str) -> str:
        return urls.link_between(here, doc, self.renderer.directory_urls)

    def question_element(self, tree: Tree, qid: str, here: str) -> str:
        """A question as the widget shows it, written into page ``here`` (see ``tree_markup``).

        On the tree's page it is the first step the script takes over; on a question's own page
        it is the whole page, each answer a link to the next one's, as it is without scripts."""
        content, t = self.content, self.t
        question = tree.question_by_id[qid]
        links = site_links(content, t)
        abbr = content.abbreviations()
        site_root = self.site_root(here)

        def rich(text: str) -> str:
            def href(target: str) -> str:
                # Rich text names the site's pages from its root, as the widget's data does.
                has_scheme = ":" in target.split("/", 1)[0]
                return target if has_scheme or target.startswith("#") else site_root + target

            return nodes_html(rich_nodes(text, abbr, links), href)

        def target(next_id: str) -> str:
            if next_id in tree.question_by_id:
                return self.link(here, urls.question_page(tree.id, next_id))
            return self.link(here, urls.outcome_page(tree.id, next_id))

        on_tree_page = here == urls.tree_page(tree.id)
        parents = [] if on_tree_page else self.parents(tree, qid)
        back = tuple(
            (
                t("tree.back") if len(parents) == 1 else t("tree.back_to", question=p.text),
                self.link(here, urls.question_page(tree.id, p.id)),
            )
            for p in parents
        )
        start = self.link(here, urls.question_page(tree.id, tree.start))
        again = f' <a href="{html.escape(start)}">{html.escape(t("tree.start_again"))}</a>'
        after = (
            ""
            if on_tree_page
            else f'<p class="pw-nojs">{html.escape(t("tree.nojs_intro"))}'
            f"{again if qid != tree.start else ''}</p>"
        )
        step = Step(
            tree_id=tree.id,
            tree_title=tree.title,
            lang=content.site.language,
            stylesheet=f"{site_root}{urls.EMBED_DIR}/{WIDGET_CSS}",
            level=1,
            question=question.text,
            hint=rich(question.hint) if question.hint else None,
            answers=tuple(Answer(a.label, target(a.next)) for a in question.answers),
            intro=rich(tree.intro) if on_tree_page and tree.intro else None,
            back=back,
            after=after,
            attributes={"url-state": "on", "heading-level": "1"} if on_tree_page else None,
            upgraded=on_tree_page,
        )
        return question_element(step, (t("tree.nojs_link"), start) if on_tree_page else None)
