"""Names content gives to files and anchors: none may take one the generator owns, and no two
may land on the same file or anchor, on any file system.

The names the generator owns are declared once, in ``generator.urls``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator import urls
from generator.errors import Location, Problems
from generator.model import Page, Pathway, Statute, Support, Term, Tree
from generator.translate.locales import available

CASE_NOTE = (
    "names that differ only in case collide on disks that ignore case (Windows, macOS) and are "
    "easily confused in addresses"
)


_TAKES_ITS_PLACE = {
    "page": "this page",
    "pathway": "this pathway's page",
    "support": "this support's page",
    "tree": "this tree's bundle",
    "question": "this question's page",
    "outcome": "this outcome's page",
}


def reserved(problems: Problems, kind: str, name: str, loc: Location, path: str) -> None:
    """An error when ``name`` is, in any case, a name the generator writes for this kind."""
    what = urls.reserved_by(kind, name)
    if what is None:
        return
    same = "" if name == name.lower() else ", once case is ignored as Windows and macOS do"
    fix = "rename the file" if kind == "page" else "choose another id"
    problems.error(
        "reserved-name",
        loc,
        f"'{name}' is a name the generator uses for {what}{same}: "
        f"{_TAKES_ITS_PLACE[kind]} would overwrite it or be lost; {fix}",
        path,
    )


def check_ids(problems: Problems, pathways: list[Pathway], supports: list[Support]) -> None:
    """Ids that would replace a file the generator writes in the same folder."""
    owners: list[tuple[str, Pathway | Support]] = [("pathway", p) for p in pathways]
    owners += [("support", s) for s in supports]
    for kind, item in owners:
        reserved(problems, kind, item.id, item.source.at("id"), "id")


def check_page_names(problems: Problems, files: list[tuple[str, str]]) -> None:
    """A page's file name (``files`` holds each file's name and stem) is its address: a safe one,
    not one the generator writes, and not another page's in a different case."""
    first: dict[str, str] = {}
    for name, slug in files:
        loc = Location(name, 1, 1)
        if slug != urls.INDEX:
            reserved(problems, "page", slug, loc, "")
        if slug.lower() in available():
            problems.error(
                "reserved-name",
                loc,
                f"the page name '{slug}' is taken: the site in the language '{slug.lower()}' "
                f"is published in {slug.lower()}/ (urls.language_root)",
            )
        if not urls.is_slug(slug):
            better = urls.slugify(slug) or "page"
            problems.error(
                "bad-name",
                loc,
                f"the page name '{slug}' is not a safe address: use lower-case letters, digits "
                f"and single hyphens, such as '{better}.md'",
            )
        other = first.setdefault(slug.lower(), name)
        if other != name:
            problems.error(
                "duplicate-id", loc, f"this page and {other} differ only in case: {CASE_NOTE}"
            )


def check_statute_slugs(problems: Problems, statutes: Iterable[Statute]) -> None:
    # A slug is made from the code's abbreviation and the section number, so a code added to
    # the citation grammar could make one that is not safe in an address.
    for st in statutes:
        if not urls.is_slug(st.slug):
            problems.error(
                "bad-name",
                st.source.at("citation"),
                f"{st.label} would be published as '{st.slug}', which is not a safe address",
                "citation",
            )


def check_terms(problems: Problems, terms: list[Term]) -> None:
    """Each term is an anchor on the glossary page (glossary/#lea): no two may share one."""
    first: dict[str, tuple[Term, Location]] = {}
    for i, term in enumerate(terms):
        loc = term.source.at(f"terms[{i}].term")
        other = first.get(term.id)
        if other is None:
            first[term.id] = (term, loc)
        elif other[0].term.casefold() != term.term.casefold():  # else a duplicate term
            problems.error(
                "duplicate-anchor",
                loc,
                f"'{term.term}' has the same anchor '#{term.id}' on the glossary page as "
                f"'{other[0].term}' (at {other[1]}); write one of them differently",
                f"terms[{i}].term",
            )


@dataclass(frozen=True)
class _Name:
    value: str
    loc: Location
    path: str
    what: str


def _first_wins(problems: Problems, names: Iterable[_Name], where: str) -> None:
    first: dict[str, _Name] = {}
    for name in names:
        other = first.setdefault(name.value, name)
        # The same id twice is already reported as a duplicate.
        if other is not name and other.what != name.what:
            problems.error(
                "duplicate-anchor",
                name.loc,
                f"{name.what} and {other.what} (at {other.loc}) would both be '{name.value}' "
                f"{where}; change one of the ids",
                name.path,
            )


def check_joined(
    problems: Problems,
    pathways: list[Pathway],
    supports: list[Support],
    pages: list[Page],
    trees: list[Tree],
) -> None:
    """Anchors and ids the generator makes by joining names with hyphens must stay distinct.

    The handbook gives each chapter an anchor (``pathway-first``) and its heading another
    (``pathway-first-title``); a tree's questions and outcomes are prefixed with the tree's id;
    the flowchart names each arrow after its question and answer.
    """
    anchors: list[_Name] = []

    def add(kind: str, key: str, loc: Location, path: str, what: str, titled: bool) -> None:
        anchor = urls.handbook_anchor(kind, key)
        anchors.append(_Name(anchor, loc, path, what))
        if titled:
            anchors.append(_Name(f"{anchor}-title", loc, path, f"the heading of {what}"))

    sections: list[tuple[str, Pathway | Support]] = [("pathway", p) for p in pathways]
    sections += [("support", s) for s in supports]
    for kind, item in sections:
        add(kind, item.id, item.source.at("id"), "id", f"{kind} '{item.id}'", True)
    for page in pages:
        if page.slug != urls.INDEX:
            add("page", page.slug, Location(page.source.file), "", f"page '{page.slug}'", True)
    for tree in trees:
        at = tree.source.at
        add("tree", tree.id, at("id"), "id", f"tree '{tree.id}'", True)
        for i, q in enumerate(tree.questions):
            what = f"question '{q.id}' of tree '{tree.id}'"
            path = f"questions[{i}].id"
            add("question", f"{tree.id}-{q.id}", at(path), path, what, False)
        for i, o in enumerate(tree.outcomes):
            what = f"outcome '{o.id}' of tree '{tree.id}'"
            path = f"outcomes[{i}].id"
            add("outcome", f"{tree.id}-{o.id}", at(path), path, what, True)
        _first_wins(
            problems,
            (
                _Name(
                    f"{q.id}-{a.id}",
                    at(f"questions[{qi}].answers[{ai}].id"),
                    f"questions[{qi}].answers[{ai}].id",
                    f"answer '{a.id}' of question '{q.id}'",
                )
                for qi, q in enumerate(tree.questions)
                for ai, a in enumerate(q.answers)
            ),
            "as the name of an arrow in the tree's flowchart",
        )
    _first_wins(problems, anchors, "as an anchor in the handbook")
