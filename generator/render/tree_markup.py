"""A question as the widget draws it, written into the page itself.

The tree's page and each question's page without JavaScript hold a declarative shadow root with
the widget's stylesheet and exactly the markup its script renders for that step, except that each
answer is a link to the next step's page and the Continue button's room is kept empty. So the
question shows at first paint, works without JavaScript, and the script, where it runs, upgrades
it in place to radios and a button of the same size: nothing on the page moves.

The element names and classes here mirror ``questionView`` in ``widget/pathways-tree.js``;
``tests/test_tree_page_browser.py`` compares the two boxes in Chromium.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.render.rich import Node

RICH_TAGS = frozenset({"p", "ul", "ol", "li", "a", "strong", "em", "abbr", "br", "code"})


def _attrs(values: dict[str, str | None]) -> str:
    return "".join(
        f' {name}="{html.escape(value)}"' for name, value in values.items() if value is not None
    )


def nodes_html(nodes: Sequence[Node], href: Callable[[str], str]) -> str:
    """Sanitized rich nodes (``render.rich``) back to HTML, as the widget builds them."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(html.escape(node, quote=False))
            continue
        tag, attrs = node.get("tag"), node.get("attrs") or {}
        inner = nodes_html(node.get("children") or [], href)
        if tag not in RICH_TAGS:
            out.append(inner)
        elif tag == "br":
            out.append("<br>")
        elif tag == "a":
            link = href(str(attrs.get("href", "")))
            foreign = "noopener" if link.startswith(("https://", "http://")) else None
            values = {"href": link, "title": attrs.get("title"), "rel": foreign}
            out.append(f"<a{_attrs(values)}>{inner}</a>")
        else:
            title = attrs.get("title") if tag == "abbr" else None
            out.append(f"<{tag}{_attrs({'title': title})}>{inner}</{tag}>")
    return "".join(out)


@dataclass(frozen=True)
class Answer:
    label: str
    href: str


@dataclass(frozen=True)
class Step:
    """One question as a page shows it before (or without) the script."""

    tree_id: str
    tree_title: str
    lang: str
    stylesheet: str
    level: int
    question: str
    hint: str | None
    answers: tuple[Answer, ...]
    intro: str | None = None
    back: tuple[tuple[str, str], ...] = ()
    """(text, address) of each link back; a question reached from several has one for each."""
    after: str = ""
    """HTML after the question, inside the widget's box (the no-JS pages' own links)."""
    attributes: dict[str, str] | None = None
    upgraded: bool = False
    """Whether the script takes this step over: then the Continue button's room is kept."""


def question_element(step: Step, fallback: tuple[str, str] | None) -> str:
    """``<pathways-tree>`` holding ``step``. A browser without declarative shadow roots shows
    the element's children instead: ``fallback`` (text, address), a link, or else the same
    markup again, unstyled but working."""
    h = f"h{step.level}"
    hint = f'<div id="pw-hint" class="pw-hint">{step.hint}</div>' if step.hint else ""
    radios = "".join(
        f'<div class="pw-radio"><span class="pw-mark"></span>'
        f'<a class="pw-answer" href="{html.escape(a.href)}">{html.escape(a.label)}</a></div>'
        for a in step.answers
    )
    back = "".join(
        f'<a class="pw-link pw-back" href="{html.escape(href)}">{html.escape(text)}</a>'
        for text, href in step.back
    )
    intro = f'<div class="pw-intro">{step.intro}</div>' if step.intro else ""
    room = '<div class="pw-button-room"></div>' if step.upgraded else ""
    described = ' aria-describedby="pw-hint"' if step.hint else ""
    question = (
        f'<div class="pw-question">{back}<div class="pw-form"><div class="pw-group">'
        f"<fieldset{described}><legend>"
        f'<span class="pw-caption">{html.escape(step.tree_title)}</span>'
        f'<{h} tabindex="-1" class="pw-h0">{html.escape(step.question)}</{h}></legend>'
        f'{hint}<div class="pw-radios">{radios}</div></fieldset></div>'
        f"{room}</div>{intro}{step.after}</div>"
    )
    shell = (
        f'<section class="pw"{_attrs({"lang": step.lang, "aria-label": step.tree_title})}>'
        '<span class="pw-probe" hidden></span><div class="pw-vh" role="status"></div>'
        f'<div class="pw-main">{question}</div></section>'
    )
    attributes: dict[str, Any] = {"tree": step.tree_id, **(step.attributes or {})}
    if fallback is None:
        shown = shell
    else:
        text, href = fallback
        shown = f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
    return (
        f"<pathways-tree{_attrs(attributes)}>"
        '<template shadowrootmode="open">'
        f'<link rel="stylesheet" href="{html.escape(step.stylesheet)}">{shell}</template>'
        f"{shown}</pathways-tree>"
    )


@dataclass(frozen=True)
class Way:
    """One set of answers that leads to a result: (question, answer, its page) in order."""

    answers: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Result:
    """A result as its page shows it without the script: what ``outcomeView`` draws, from the
    same data, with links where the widget has buttons."""

    tree_id: str
    tree_title: str
    lang: str
    stylesheet: str
    outcome: dict[str, Any]
    """The outcome as the widget's data holds it (``render.tree.tree_data``)."""
    words: dict[str, str]
    back: tuple[tuple[str, str], ...]
    ways: tuple[Way, ...]
    start: str
    ways_intro: str
    way_title: str
    """A heading for each way, with ``{n}``, where there are several."""


def result_element(result: Result, href: Callable[[str], str]) -> str:
    """``<pathways-tree>`` holding a result's whole page; ``href`` makes the data's addresses
    (from the site's root) into this page's."""
    o, s = result.outcome, result.words

    def rich(nodes: Sequence[Node]) -> str:
        return nodes_html(nodes, href)

    def link(url: str, text: str, title: str | None = None) -> str:
        target = href(url)
        rel = "noopener" if target.startswith(("https://", "http://")) else None
        return f"<a{_attrs({'href': target, 'title': title, 'rel': rel})}>{html.escape(text)}</a>"

    def steps(items: list[Any], tag: str) -> str:
        if not items:
            return ""
        lis = "".join(f"<li>{rich(step)}</li>" for step in items)
        title = html.escape(s["next_steps"])
        return f'<{tag} class="pw-h{int(tag[1]) - 1}">{title}</{tag}><ul>{lis}</ul>'

    def pathway(p: dict[str, Any]) -> str:
        # A section without an official address (some regulations) is named, not linked.
        cites = "".join(
            "<li>"
            + (link(c["url"], c["label"], c["title"]) if c["url"] else html.escape(c["label"]))
            + "</li>"
            for c in p["citations"]
        )
        law = f'<h4 class="pw-h3">{html.escape(s["law"])}</h4><ul>{cites}</ul>' if cites else ""
        return (
            f'<div class="pw-pathway" data-pathway="{html.escape(p["id"])}">'
            f'<h3 class="pw-h2">{link(p["url"], p["title"])}</h3>{rich(p["summary"])}'
            f"{law}{steps(p['next_steps'], 'h4')}</div>"
        )

    def answers(way: Way) -> str:
        rows = []
        for question, answer, page in way.answers:
            full = s["change_answer"].format(question=question)
            rest = full[len(s["change"]) :] if full.startswith(s["change"]) else f" {full}"
            rows.append(
                f"<div><dt>{html.escape(question)}</dt><dd>{html.escape(answer)}</dd>"
                f'<dd><a class="pw-link" href="{html.escape(page)}">{html.escape(s["change"])}'
                f'<span class="pw-vh">{html.escape(rest)}</span></a></dd></div>'
            )
        return f'<dl class="pw-summary">{"".join(rows)}</dl>'

    several = len(result.ways) > 1
    given = "".join(
        (f'<h3 class="pw-h2">{html.escape(result.way_title.format(n=n))}</h3>' if several else "")
        + answers(way)
        for n, way in enumerate(result.ways, start=1)
    )
    intro = f"<p>{html.escape(result.ways_intro)}</p>" if several else ""
    pathways = "".join(pathway(p) for p in o["pathways"])
    supports = "".join(f"<li>{link(sp['url'], sp['title'])}</li>" for sp in o["supports"])
    back = "".join(
        f'<a class="pw-link pw-back" href="{html.escape(url)}">{html.escape(text)}</a>'
        for text, url in result.back
    )
    body = (
        f'<div class="pw-outcome" data-outcome="{html.escape(o["id"])}">{back}'
        f'<p class="pw-caption">{html.escape(s["result"])}</p>'
        f'<h1 tabindex="-1" class="pw-h0">{html.escape(o["title"])}</h1>{rich(o["text"])}'
        + (
            f'<h2 class="pw-h1">{html.escape(s["pathways_heading"])}</h2>{pathways}'
            if pathways
            else ""
        )
        + steps(o["next_steps"], "h2")
        + (
            f'<h2 class="pw-h1">{html.escape(s["supports_heading"])}</h2><ul>{supports}</ul>'
            if supports
            else ""
        )
        + f'<div class="pw-answers"><h2 class="pw-h1">{html.escape(s["your_answers"])}</h2>'
        f"{intro}{given}</div>"
        f'<div class="pw-actions"><a class="pw-button pw-button--secondary" '
        f'href="{html.escape(result.start)}">{html.escape(s["start_again"])}</a></div></div>'
    )
    shell = (
        f'<section class="pw"{_attrs({"lang": result.lang, "aria-label": result.tree_title})}>'
        f'<div class="pw-main">{body}</div></section>'
    )
    return (
        f'<pathways-tree tree="{html.escape(result.tree_id)}">'
        '<template shadowrootmode="open">'
        f'<link rel="stylesheet" href="{html.escape(result.stylesheet)}">{shell}</template>'
        f"{shell}</pathways-tree>"
    )
