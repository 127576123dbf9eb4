"""No script from content, part by part: content Markdown made inert for every extension the
shipped mkdocs.yml enables, the output scan after the engine, the site's address, contact
fields and the scenario CSV. ``test_payloads_browser.py`` proves the whole in Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from generator.build.linkcheck import check_links
from generator.build.packaged import packaged_files
from generator.cli import main
from generator.errors import Problems
from generator.render.paths import csv_cell
from generator.render.prose import abbreviation_definitions, escape_inline, inline, prose
from generator.render.rich import to_html
from generator.urls import MANIFEST
from generator.validate.prose import body_locator, check_prose
from tests.conftest import MINIMAL, ProjectFactory
from tests.payloads import ACCEPTED, Payload


def _extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions of the packaged settings, as the engine loads them."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    settings = yaml.safe_load(packaged_files("defaults")["mkdocs.yml"])
    for entry in settings["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config or {}
    return names, configs


EXTENSIONS, CONFIGS = _extensions()
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "values", "title"}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "img", "svg", "math", "iframe", "details", "object", "embed"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            clean = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or "pwn" in name or name in {"style", "tabindex"}:
                self.found.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and clean.startswith(("javascript:", "data:")):
                self.found.append(f'<{tag} {name}="{value}">')
            elif name == "title" and "<" in (value or ""):
                self.found.append(f'<{tag} title="{value}">')


def markup(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def engine_html(source: str) -> str:
    """Markdown as the engine renders it, with the shipped mkdocs.yml's extensions."""
    return markdown.markdown(source, extensions=EXTENSIONS, extension_configs=CONFIGS)


def test_the_shipped_configuration_enables_the_extensions_the_payloads_aim_at() -> None:
    assert {"abbr", "attr_list", "md_in_html", "tables", "def_list", "admonition"} <= set(
        EXTENSIONS
    )


@pytest.mark.parametrize("payload", ACCEPTED, ids=[p.name for p in ACCEPTED])
def test_prose_leaves_no_payload_markup(payload: Payload) -> None:
    # The one image is Markdown's own, from an allowed https: link, with no attribute added.
    allowed = ["<img>"] if payload.name == "attr-img" else []
    assert markup(engine_html(prose(payload.text))) == allowed
    assert markup(engine_html(f"- {inline(payload.text)}")) == allowed
    # The sanitizer's allowlist has no images at all.
    assert markup(to_html(payload.text, {"LEA": "<img src=x onerror=__pwn(1) pwn>"})) == []


ONE_LINE = [p for p in ACCEPTED if p.one_line]


@pytest.mark.parametrize("payload", ONE_LINE, ids=[p.name for p in ONE_LINE])
def test_titles_and_labels_show_every_payload_as_written(payload: Payload) -> None:
    html = engine_html(f"# {escape_inline(payload.text)}\n\n[{escape_inline(payload.text)}](x.md)")
    assert markup(html) == []


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("*b*{: onclick=x }", "<em>b</em>{: onclick=x }"),
        ("*b*\\{: onclick=x }", "<em>b</em>{: onclick=x }"),
        ("*b*\\\\{: onclick=x }", "<em>b</em>\\{: onclick=x }"),
        # A brace pair is escaped wherever it is; in inline code the backslash shows.
        ("`a {: x}`{: onclick=x }", "<code>a \\{: x}</code>{: onclick=x }"),
        ("`a { x`", "<code>a { x</code>"),
        ("a { b", "a { b"),
        ("*[LEA]: x", "*[LEA]: x"),
        ("*[link](https://example.org/)*", '<em><a href="https://example.org/">link</a></em>'),
        ("<https://example.org/>", '<a href="https://example.org/">https://example.org/</a>'),
        ("<tel:1/onmouseover=x>", "&lt;tel:1/onmouseover=x&gt;"),
    ],
)
def test_prose_keeps_markdown_and_shows_the_rest_as_written(source: str, shown: str) -> None:
    assert engine_html(prose(source)) == f"<p>{shown}</p>"


def test_titles_stay_text_when_a_script_inserts_them_as_html() -> None:
    """Material's tooltips insert a title as HTML: its decoded value must hold no '<'."""
    html = engine_html(
        prose('LEA and [x](https://example.org/ "a <b> & &lt;c>")')
        + "\n\n"
        + abbreviation_definitions({"LEA": "<img src=x onerror=alert(1)> & co"})
    )
    parser = _Titles()
    parser.feed(html)
    assert parser.titles == ["&lt;img src=x onerror=alert(1)> & co", "a &lt;b> & &lt;c>"]


class _Titles(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.titles += [value or "" for name, value in attrs if name == "title"]


def test_a_term_markdown_cannot_define_is_not_an_abbreviation() -> None:
    defined = abbreviation_definitions({"a\\b": "<img src=x onerror=alert(1)>", "LEA": "agency"})
    assert defined == "*[LEA]: agency"


@pytest.mark.parametrize(
    "text",
    [
        "{" * 100_000 + "}",
        "*[" * 50_000,
        "](" * 50_000,
        '](")' * 25_000,
        "[" * 100_000,
        "<a:" * 33_000,
        "[x\n" * 33_000,
    ],
    ids=["braces", "abbr", "targets", "titles", "brackets", "autolinks", "references"],
)
def test_hostile_text_takes_linear_time(text: str) -> None:
    """Text made of unclosed constructs is read in one pass, not once per construct (that
    would take minutes here)."""
    started = time.perf_counter()
    prose(text)
    check_prose(text, "", body_locator("x.md", 1, text), Problems())
    assert time.perf_counter() - started < 20


# The output scan ----------------------------------------------------------------------------

ARTICLE = '<html><body><nav><a href="index.html">Home</a></nav><article class="md-content__inner">{}</article></body></html>'


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<p>plain <em>text</em> with on=1 and data: and javascript: as words</p>", None),
        ('<img src="../x.png" onerror="alert(1)">', "event handler attribute 'onerror'"),
        ("<IMG SRC=../x.png ONERROR=alert(1)>", "event handler attribute 'onerror'"),
        ('<a href="../x.png"/onclick=alert(1)>x</a>', "event handler attribute 'onclick'"),
        ('<a title="x>y" onclick=alert(1)>x</a>', "event handler attribute 'onclick'"),
        ('<a href="javascript:alert(1)">x</a>', "'javascript:' address in 'href'"),
        ('<a href=" &#106;ava&#x09;script:alert(1)">x</a>', "'javascript:' address in 'href'"),
        ('<a href="JaVaScRiPt&colon;alert(1)">x</a>', "'javascript:' address in 'href'"),
        ('<a href="vbscript:x">x</a>', "'vbscript:' address in 'href'"),
        ('<a href="data:text/html,x">x</a>', "'data:' address in 'href'"),
        ("<form action='javascript:x'></form>", "<form> element"),
        ("<button formaction='javascript:x'>x</button>", "'javascript:' address in 'formaction'"),
        ('<svg><a xlink:href="javascript:x">y</a></svg>', "'javascript:' address in 'xlink:href'"),
        (
            "<svg><animate attributeName=href values=javascript:x /></svg>",
            "'javascript:' address in 'values'",
        ),
        ("<svg><set attributeName=href to=x /></svg>", "<set> that changes a link"),
        ('<img srcset="a.png 1x, javascript:x 2x">', "'javascript:' address in 'srcset'"),
        ("<iframe srcdoc='x'></iframe>", "<iframe> element"),
        ("<script>alert(1)</script>", "<script> element"),
        ('<script src="../embed/t.js">alert(1)</script>', "<script> element"),
        ('<script src="https://evil.example/x.js"></script>', "<script> element"),
        ("<object data=x></object>", "<object> element"),
        ("<embed src=x>", "<embed> element"),
        ("<base href=x>", "<base> element"),
        ("<meta http-equiv=refresh content=0>", "<meta> element"),
        (
            '<!-- <a title=" --><img src=x onerror=alert(1)>" -->',
            "'<' or '>' in the value of 'title'",
        ),
        (
            '<abbr title="&lt;img src=x onerror=alert(1)&gt;">LEA</abbr>',
            "markup in a title, which the theme's tooltips insert as HTML",
        ),
        ('<script src="../embed/t.js"></script>', None),
        ('<link rel="stylesheet" href="../embed/pathways-tree.css">', None),
        ('<abbr title="&amp;lt;b&gt; &amp; co">LEA</abbr>', None),
    ],
)
def test_output_scan_refuses_markup_that_runs(
    tmp_path: Path, content: str, problem: str | None
) -> None:
    site = tmp_path / "site"
    (site / "embed").mkdir(parents=True)
    (site / "embed/t.js").write_text("")
    (site / "embed/pathways-tree.css").write_text("")
    (site / "x.png").write_bytes(b"")
    (site / "page").mkdir()
    (site / "page/index.html").write_text(ARTICLE.format(content))
    (site / "index.html").write_text(ARTICLE.format(""))
    found = [str(b) for b in check_links(site, "https://guidance.example.org/")]
    unsafe = [f for f in found if "unsafe markup" in f]
    if problem is None:
        assert found == []
    else:
        assert any(f.startswith(f"page/index.html: unsafe markup, {problem}: ") for f in unsafe)


def test_output_scan_reads_only_the_content_area(tmp_path: Path) -> None:
    """The theme's own scripts are outside the article; the embed files are scanned whole."""
    site = tmp_path / "site"
    (site / "embed/t").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><head><script>theme()</script></head><body><article class="md-content__inner">'
        "<p>x</p></article><script>theme()</script></body></html>"
    )
    (site / "embed/t/snippet.html").write_text('<p title="x" onclick="x">x</p>')
    assert [str(b) for b in check_links(site)] == [
        "embed/t/snippet.html: unsafe markup, event handler attribute 'onclick': "
        '<p title="x" onclick="x">'
    ]


BLOCKS_CONFIG = """\
site_name: Test
theme:
  name: material
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.blocks.html
plugins:
  - search
"""


def test_build_fails_when_an_extension_lets_content_add_a_handler(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An extension the shipped configuration does not enable can still set attributes from
    content; the scan after the engine stops the build, and the old site stays."""
    page = "---\ntitle: About\nlast_reviewed: 2026-11-01\n---\n/// html | div\n    attrs:\n      onclick: alert(1)\n\nHello.\n///\n"
    root = tmp_project({"mkdocs.yml": BLOCKS_CONFIG, "content/pages/about.md": page})
    out = tmp_path / "site"
    out.mkdir()
    # What a previous build left: its manifest lists the one file.
    (out / "keep.txt").write_text("the previous site")
    (out / MANIFEST).write_text(json.dumps({"made_by": "pathways", "files": ["keep.txt"]}))
    assert main(["build", "--root", str(root), "--out", str(out), "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert (
        "about/index.html: unsafe markup, event handler attribute 'onclick': <div onclick=" in err
    )
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "keep.txt"]


# The site's address -------------------------------------------------------------------------

BAD_ADDRESSES = [
    (
        "javascript:alert(1)",
        "'javascript:alert(1)' is not an absolute http(s) address such as https://guidance.example.org/",
    ),
    (
        'https://x.org/"><script>',
        "'https://x.org/\"><script>' holds '\"', which an address must not contain",
    ),
    ("https://x.org/a b/", "'https://x.org/a b/' holds ' ', which an address must not contain"),
    (
        "https://x.org\\@evil.org/",
        "'https://x.org\\@evil.org/' holds '\\\\', which an address must not contain",
    ),
    (
        "https:///path",
        "'https:///path' is not an absolute http(s) address with a host, such as https://guidance.example.org/",
    ),
    (
        "https://x.org/?a=1",
        "'https://x.org/?a=1' has a query or fragment; the site's address names a folder",
    ),
    ("", "'' is not an absolute http(s) address such as https://guidance.example.org/"),
]


@pytest.mark.parametrize(("value", "message"), BAD_ADDRESSES)
def test_a_bad_site_url_option_is_a_usage_error(
    tmp_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    value: str,
    message: str,
) -> None:
    out = tmp_path / "site"
    argv = ["build", "--root", str(tmp_project()), "--out", str(out), "--site-url", value]
    assert main([*argv, "--no-pdf"]) == 2
    assert capsys.readouterr().err == f"pathways build: error: --site-url: {message}\n"
    assert not out.exists()


@pytest.mark.parametrize(("value", "message"), BAD_ADDRESSES[:-1])
def test_a_bad_site_url_in_mkdocs_yml_is_a_located_error(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    config = f"site_name: Test\nsite_url: {yaml.safe_dump(value).splitlines()[0]}\ntheme:\n  name: material\n"
    root = tmp_project({"mkdocs.yml": config})
    expected = f"mkdocs.yml:2:11: error[bad-site-url]: site_url {message}"
    assert main(["check", "--root", str(root)]) == 1
    assert expected in capsys.readouterr().err.splitlines()
    assert main(["build", "--root", str(root), "--out", str(root / "out"), "--no-pdf"]) == 1
    assert expected in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    "value", ["http://localhost:8000/", "https://guidance.example.org/ccee", "HTTPS://X.ORG/"]
)
def test_a_good_site_url_is_accepted(tmp_project: ProjectFactory, value: str) -> None:
    config = f"site_name: Test\nsite_url: {value}\ntheme:\n  name: material\n"
    assert main(["check", "--root", str(tmp_project({"mkdocs.yml": config}))]) == 0


# Contact fields -----------------------------------------------------------------------------

CONTACT = """\
        contact:
          name: County office
          url: {url}
          phone: '{phone}'
          email: '{email}'
        last_reviewed: 2026-11-01
"""
GOOD = {
    "url": "https://example.org/help?a=1&b=(2)",
    "phone": "+1 (555) 010-0199",
    "email": "o.k+x@example.org",
}


def _with_contact(**values: str) -> str:
    contact = CONTACT.format(**{**GOOD, **values})
    return MINIMAL["content/pathways/first.yml"].replace(
        "        last_reviewed: 2026-11-01\n", contact
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "url",
            "javascript:alert(1)",
            "contact.url: 'javascript:alert(1)' is not an absolute http(s) address such as https://www.example.org/contact",
        ),
        (
            "url",
            "'https://x.org/\"><script>'",
            "contact.url: 'https://x.org/\"><script>' holds '\"', which an address must not contain",
        ),
        (
            "url",
            "https://x.org/a>b",
            "contact.url: 'https://x.org/a>b' holds '>', which an address must not contain",
        ),
        (
            "url",
            "https://",
            "contact.url: 'https://' is not an absolute http(s) address with a host, such as https://www.example.org/contact",
        ),
        (
            "email",
            'a"b@example.org',
            "contact.email: 'a\"b@example.org' is not valid: use an e-mail address such as help@example.org",
        ),
        (
            "email",
            "<a@example.org>",
            "contact.email: '<a@example.org>' is not valid: use an e-mail address such as help@example.org",
        ),
        (
            "phone",
            "555-0199<script>",
            "contact.phone: '555-0199<script>' is not valid: use digits, spaces and ()+-. only, at least 7 digits",
        ),
        (
            "phone",
            "(555)",
            "contact.phone: '(555)' is not valid: use digits, spaces and ()+-. only, at least 7 digits",
        ),
    ],
)
def test_contact_fields_are_checked(
    tmp_project: ProjectFactory,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: str,
    message: str,
) -> None:
    root = tmp_project({"content/pathways/first.yml": _with_contact(**{field: value})})
    line, col = {"url": (18, 8), "phone": (19, 10), "email": (20, 10)}[field]
    assert main(["check", "--root", str(root)]) == 1
    errors = [e for e in capsys.readouterr().err.splitlines() if ": error[" in e]
    code = "bad-url" if field == "url" else "bad-format"
    assert errors == [f"content/pathways/first.yml:{line}:{col}: error[{code}]: {message}"]


def test_contact_links_are_built_from_checked_values(
    tmp_project: ProjectFactory, tmp_path: Path
) -> None:
    root = tmp_project({"content/pathways/first.yml": _with_contact()})
    out = tmp_path / "site"
    assert main(["build", "--root", str(root), "--out", str(out), "--no-pdf"]) == 0
    page = (out / "pathways/first/index.html").read_text()
    assert (
        '<a href="https://example.org/help?a=1&amp;b=(2)">https://example.org/help?a=1&amp;b=(2)</a>'
        in page
    )
    assert '<a href="tel:+15550100199">+1 (555) 010-0199</a>' in page
    assert '<a href="mailto:o.k+x@example.org">o.k+x@example.org</a>' in page


# The scenario table -------------------------------------------------------------------------

FORMULA_TREE = """\
    id: t
    title: Find it
    intro: Answer.
    start: q
    last_reviewed: 2026-11-01
    questions:
      - id: q
        text: '=HYPERLINK("https://example.invalid/","x")'
        answers:
          - {id: a, label: '+1+cmd', next: o}
          - {id: b, label: '@SUM(1)', next: p}
    outcomes:
      - {id: o, title: '-2+3', text: x, pathways: [first]}
      - {id: p, title: '@SUM(1)', text: x, pathways: []}
    """


def test_csv_scenario_table_starts_no_cell_with_a_formula(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"decision_trees/t.yml": FORMULA_TREE})
    assert main(["paths", "t", "--root", str(root), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][4:] == [
        '\'=HYPERLINK("https://example.invalid/","x") +1+cmd',
        "'-2+3",
    ]
    assert rows[2][4:] == ['\'=HYPERLINK("https://example.invalid/","x") @SUM(1)', "'@SUM(1)"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1", "'=1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@a", "'@a"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        (3, "3"),
    ],
)
def test_csv_cell(value: object, cell: str) -> None:
    assert csv_cell(value) == cell
