"""``check`` and ``build`` agree: whatever the build would reject, ``check`` reports first, with
its file, line and column; and whatever ``check`` accepts, ``build --no-pdf`` builds.

Each row of the table is a small content root, through the real command line. Only the rows
that ``check`` accepts are built, each once in the session.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import urls
from generator.cli import main
from generator.errors import BuildError
from generator.render.pages import Strings
from tests.conftest import MINIMAL, REPO, write_project

PAGE_HEAD = "---\ntitle: About\nlast_reviewed: 2026-11-01\n---\n"

TREE = """\
    id: t
    title: Find your pathway
    intro: Answer the question.
    start: q1
    last_reviewed: 2026-11-01
    questions:
      - id: q1
        text: Which one?
        answers:
          - id: "yes"
            label: "Yes"
            next: done
          - id: "no"
            label: "No"
            next: nothing
    outcomes:
      - id: done
        title: Done
        text: The first pathway applies.
        pathways: [first]
        supports: [consultancy]
      - id: nothing
        title: Nothing yet
        text: Nothing applies.
        pathways: []
    """

# Every kind of link a hand-written page may have that leads somewhere the build makes.
GOOD_LINKS = """\
## A section

See [the pathway](pathways/first.md), [a term](glossary.md#lea), [this section](#a-section),
[the first question](find/t/q/q1.md), [the table](find/t/t-paths.csv), [a support][s],
[the home page](index.md), [the statutes](statutes/index.md), [mail](mailto:help@example.org)
and [the law](https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=EDC&sectionNum=52072.).

Code is shown as written: `[not a link](missing.md)`.

```text
[not a link either](missing.md#nowhere)
```

[s]: supports/consultancy.md
"""


def _replace(rel: str, old: str, new: str) -> dict[str, str | bytes | None]:
    text = MINIMAL[rel]
    assert old in text
    return {rel: text.replace(old, new)}


def _pathway(old: str, new: str) -> dict[str, str | bytes | None]:
    return _replace("content/pathways/first.yml", old, new)


def _about(body: str) -> dict[str, str | bytes | None]:
    return {"content/pages/about.md": PAGE_HEAD + body}


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | None]
    errors: tuple[str, ...] = ()
    """What ``check`` reports, exactly; none for content it accepts."""


CASES = [
    Case("minimal", {}),
    Case("page links that resolve", _about(GOOD_LINKS)),
    Case(
        "a text field linking to a full address",
        _pathway(
            "who_starts: CCEE starts it.",
            "who_starts: See [the department](https://www.cde.ca.gov/).",
        ),
    ),
    Case("a page named in lower-case words", {"content/pages/how-to-ask.md": PAGE_HEAD + "Hi.\n"}),
    Case(
        "file-style addresses",
        {
            "mkdocs.yml": "use_directory_urls: false\n",
            **_about(GOOD_LINKS),
        },
    ),
    Case(
        "a link to a missing page",
        _about("See [it](missing.md).\n"),
        (
            "content/pages/about.md:5:10: error[broken-link]: link to 'missing.md', which is not a page of this site",
        ),
    ),
    Case(
        "a link to a folder",
        _about("See [it](pathways/first/).\n"),
        (
            "content/pages/about.md:5:10: error[broken-link]: link to 'pathways/first/': link to a page by its "
            "Markdown file, such as 'glossary.md'; did you mean 'pathways/first.md'?",
        ),
    ),
    Case(
        "an address from the root",
        _about("See [it](/pathways/).\n"),
        (
            "content/pages/about.md:5:10: error[broken-link]: link to '/pathways/': an address from the "
            "site's root breaks when the site is published in a folder; link to the page's "
            "Markdown file, such as 'pathways/index.md'",
        ),
    ),
    Case(
        "a link out of the site",
        _about("See [it](../README.md).\n"),
        (
            "content/pages/about.md:5:10: error[broken-link]: link to '../README.md', which is not a page of "
            "this site",
        ),
    ),
    Case(
        "a reference to a missing page",
        _about("See [it][r].\n\n[r]: nope.md\n"),
        (
            "content/pages/about.md:7:6: error[broken-link]: link to 'nope.md', which is not a page of this "
            "site; did you mean 'index.md'?",
        ),
    ),
    Case(
        "a missing glossary anchor",
        _about("See [it](glossary.md#leas).\n"),
        (
            "content/pages/about.md:5:10: error[broken-link]: link to 'glossary.md#leas': glossary.md has no "
            "glossary term with the anchor '#leas'; did you mean 'lea'?",
        ),
    ),
    Case(
        "a missing heading on the same page",
        _about("## A section\n\nSee [it](#the-section).\n"),
        (
            "content/pages/about.md:7:10: error[broken-link]: link to '#the-section': about.md has no heading "
            "with the anchor '#the-section'; did you mean 'a-section'?",
        ),
    ),
    Case(
        "an anchor in a generated page",
        _about("See [it](pathways/first.md#who-starts-it).\n"),
        (
            "content/pages/about.md:5:10: error[broken-link]: link to 'pathways/first.md#who-starts-it': "
            "pathways/first.md is made by the generator and its headings come from the templates "
            "and the locale; link to the page without '#'",
        ),
    ),
    Case(
        "a text field linking to a page",
        _pathway("summary: The first pathway.", "summary: See [the terms](../glossary.md)."),
        (
            "content/pathways/first.yml:5:26: error[relative-link]: summary: link to '../glossary.md': text "
            "fields are shown on several pages, in the widget and in the handbook, so they can "
            "link only to a full address (https://...); link to a page of this site from a "
            "hand-written page",
        ),
    ),
    Case(
        "a text field linking to an anchor",
        {"decision_trees/t.yml": TREE.replace("text: Nothing applies.", "text: See [x](#done).")},
        (
            "decision_trees/t.yml:24:19: error[relative-link]: outcomes[1].text: link to '#done': text fields "
            "are shown on several pages, in the widget and in the handbook, so they can link "
            "only to a full address (https://...); link to a page of this site from a "
            "hand-written page",
        ),
    ),
    Case(
        "an address in angle brackets",
        _about("See [it](<pathways/first.md>).\n\n[r]: <glossary.md>\n"),
        (
            "content/pages/about.md:5:10: error[bad-link]: link to '<pathways/first.md>': write the address "
            "without the angle brackets",
            "content/pages/about.md:7:6: error[bad-link]: link to '<glossary.md>': write the address "
            "without the angle brackets",
        ),
    ),
    Case(
        "a statute link the build cannot read",
        _about("See [the code](https://leginfo.legislature.ca.gov/faces/codes.xhtml).\n"),
        (
            "content/pages/about.md:5:16: error[statute-link]: link to "
            "'https://leginfo.legislature.ca.gov/faces/codes.xhtml': a link to "
            "leginfo.legislature.ca.gov must be a section's own address; write the citation "
            "(such as 'EC 52072') and it becomes that link",
        ),
    ),
    Case(
        "a statute link the build cannot read, in a text field",
        _pathway(
            "what_happens_next: CCEE decides.",
            "what_happens_next: See [it](https://leginfo.legislature.ca.gov/x).",
        ),
        (
            "content/pathways/first.yml:11:29: error[statute-link]: what_happens_next: link to "
            "'https://leginfo.legislature.ca.gov/x': a link to leginfo.legislature.ca.gov must "
            "be a section's own address; write the citation (such as 'EC 52072') and it becomes "
            "that link",
        ),
    ),
    *(
        Case(
            f"a page file named '{name}.md'",
            {f"content/pages/{name}.md": PAGE_HEAD + "Hi.\n"},
            (
                f"content/pages/{name}.md:1:1: error[bad-name]: the page name '{name}' is not a safe "
                "address: use lower-case letters, digits and single hyphens, such as "
                f"'{better}.md'",
            ),
        )
        for name, better in (("My Page", "my-page"), ("x.y", "x-y"), ("Help", "help"))
    ),
    Case(
        "a language without a locale",
        _replace("content/site.yml", "language: en", "language: fr"),
        (
            "content/site.yml:5:11: error[unknown-language]: language: the site cannot be published in 'fr': the "
            "generator has no words for it (no generator/locales/fr.yml); languages it has: en, es",
        ),
    ),
    Case(
        "a page named like the glossary",
        {"content/pages/glossary.md": PAGE_HEAD + "Hi.\n"},
        (
            "content/pages/glossary.md:1:1: error[reserved-name]: 'glossary' is a name the generator uses for "
            "the glossary page made from content/glossary.yml: this page would overwrite it or be "
            "lost; rename the file",
        ),
    ),
    Case(
        "a tree named like the iframe host script",
        {
            "decision_trees/t.yml": None,
            "decision_trees/frame-host.yml": TREE.replace("id: t\n", "id: frame-host\n", 1),
        },
        (
            "decision_trees/frame-host.yml:1:5: error[reserved-name]: id: 'frame-host' is a name the generator "
            "uses for embed/frame-host.js, the script every county's iframe snippet loads: this "
            "tree's bundle would overwrite it or be lost; choose another id",
        ),
    ),
    Case(
        "a question named index",
        {"decision_trees/t.yml": TREE.replace("q1", "index")},
        (
            "decision_trees/t.yml:7:9: error[reserved-name]: questions[0].id: 'index' is a name the generator "
            "uses for q/index.md, which would be the folder's own page: this question's page "
            "would overwrite it or be lost; choose another id",
        ),
    ),
    Case(
        "no home page",
        {"content/pages/index.md": None},
        (
            "content/pages/index.md:1:1: error[missing-file]: the home page's text is missing: every page "
            "links to the home page",
        ),
    ),
]


@dataclass
class Outcome:
    check: int
    check_errors: list[str]
    build: int | None = None
    build_errors: list[str] | None = None
    out: Path | None = None


def _run(argv: list[str]) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    lines = err.getvalue().splitlines()
    return status, [line for line in lines if ": error[" in line or line.startswith("error")]


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Outcome]:
    """``check`` on a row's content and, when it passes, ``build --no-pdf``: each row once."""
    done: dict[str, Outcome] = {}
    by_name = {case.name: case for case in CASES}

    def run(name: str) -> Outcome:
        if name in done:
            return done[name]
        if name == "shipped content":
            root = REPO
        else:
            files = {"decision_trees/t.yml": TREE, **by_name[name].files}
            root = write_project(tmp_path_factory.mktemp("row") / "project", files)
        status, errors = _run(["check", "--root", str(root)])
        result = Outcome(status, errors)
        out = tmp_path_factory.mktemp("out") / "site"
        build = ["build", "--root", str(root), "--out", str(out), "--no-pdf"]
        result.build, result.build_errors = _run(build)
        result.out = out
        done[name] = result
        return result

    return run


@pytest.mark.parametrize("name", ["shipped content", *(c.name for c in CASES)])
def test_what_check_accepts_builds_and_what_it_rejects_it_reports_first(
    outcome: Callable[[str], Outcome], name: str
) -> None:
    expected = next((list(c.errors) for c in CASES if c.name == name), [])
    result = outcome(name)
    assert result.check_errors == expected
    assert result.check == (1 if expected else 0)
    if result.check == 0:
        assert (result.build, result.build_errors) == (0, [])
    else:
        # The build stops at the same located problems, before the engine runs.
        assert (result.build, result.build_errors) == (1, expected)


def _widget_data(bundle: str) -> dict[str, object]:
    match = re.search(r"const TREE = (\{.*?\});\n", bundle)
    assert match is not None
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_file_style_addresses_reach_every_page(outcome: Callable[[str], Outcome]) -> None:
    """The addresses the engine does not rewrite (the widget's data, raw HTML, the snippets'
    fallback link) follow ``use_directory_urls: false`` too."""
    out = outcome("file-style addresses").out
    assert out is not None
    data = _widget_data((out / urls.tree_bundle("t")).read_text(encoding="utf-8"))
    assert data["home"] == "find/t/index.html"
    found = [data["home"]]
    for item in data["outcomes"]:  # type: ignore[attr-defined]
        found += [p["url"] for p in item["pathways"]] + [s["url"] for s in item["supports"]]
    assert found == ["find/t/index.html", "pathways/first.html", "supports/consultancy.html"]
    assert all((out / url).is_file() for url in found)
    snippet = (out / "embed/t/snippet.html").read_text(encoding="utf-8")
    assert 'href="http://localhost:8000/find/t/q/q1.html"' in snippet
    assert (out / "find/t/q/q1.html").is_file()
    page = (out / "find/t/index.html").read_text(encoding="utf-8")
    assert '<a href="q/q1.html">' in page


def test_the_site_is_never_english_labelled_as_another_language() -> None:
    with pytest.raises(BuildError, match="no locale file for the language 'fr'"):
        Strings("fr")
