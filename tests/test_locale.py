"""The locale holds the interface's words and nothing of any program; Python holds neither.

The strongest check builds a site with a pseudo-locale, every word of it marked ``⟦...⟧``: a
word on a page that is neither marked nor from the content (or the registry of law's names)
was written somewhere the locale does not reach."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator.render.strings as strings_module
from generator.build.site import BuildOptions, build
from generator.errors import Problems
from generator.translate.locales import locale_problem
from generator.validate import read_content
from generator.validate.schemas import schema_files
from generator.vocabulary import WORDS
from tests.conftest import TODAY
from tests.test_second_program import FIXED, FIXTURE, phrase

LOCALES = resources.files("generator").joinpath("locales")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# Placeholders and code spans keep their letters: the one is filled in, the other is code.
_KEPT = re.compile(r"(\{\w+\}|`[^`]*`)")
_MARKED = re.compile(r"⟦[^⟧]*⟧")
# Addresses and colours have letters but are not words.
_NOT_WORDS = re.compile(r"(?:https?|mailto|tel):\S+|#[0-9a-fA-F]{3,6}\b")


def locale_files() -> dict[str, str]:
    return {f.name: f.read_text("utf-8") for f in LOCALES.iterdir() if f.name.endswith(".yml")}


def test_the_locale_holds_no_program_facts() -> None:
    for name, text in locale_files().items():
        found = [p.text for p in map(phrase, FIXED) if p.pattern.search(text)]
        assert found == [], name


def test_every_locale_has_a_default_for_each_word_and_no_other() -> None:
    for name, text in locale_files().items():
        assert list(yaml.safe_load(text)["words"]) == [w.name for w in WORDS], name


def test_the_schemas_describe_no_program() -> None:
    for name, text in schema_files().items():
        found = [p.text for p in map(phrase, FIXED) if p.pattern.search(text)]
        assert found == [], name
        assert not re.search(r"\bEC \d", text), name


def pseudo(value: Any) -> Any:
    """Every word of the locale marked, placeholders and code left as they are."""
    if isinstance(value, dict):
        return {key: pseudo(item) for key, item in value.items()}
    if isinstance(value, list):
        return [pseudo(item) for item in value]
    if not isinstance(value, str):
        return value
    parts = _KEPT.split(value)
    return "".join(
        part if i % 2 else _WORD.sub(lambda m: f"⟦{m.group()}⟧", part)
        for i, part in enumerate(parts)
    )


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second program built with every interface word marked.

    Only the locale's table is replaced, for this build: the generator reads, renders and
    builds as it always does."""
    root = tmp_path_factory.mktemp("pseudo") / "program"
    shutil.copytree(FIXTURE, root)
    out = root.parent / "site"
    table = pseudo(strings_module.load_strings("en"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(strings_module, "load_strings", lambda language: table)
        build(BuildOptions(root, out, site_url="https://guide.example.org/", pdf=False))
    return out


class Corpus:
    """The content's own text, and the names the registry of law gives what it cites."""

    def __init__(self, root: Path) -> None:
        content = read_content(root, Problems(), TODAY)
        assert content is not None
        texts: list[str] = []
        for path in sorted(root.rglob("*")):
            if path.suffix == ".yml":
                texts += _strings(yaml.safe_load(path.read_text("utf-8")))
            elif path.suffix == ".md":
                text = path.read_text("utf-8")
                texts += [*text.splitlines(), *text.split("\n\n")]
        citations = [u.citation for u in content.uses] + [s.citation for s in content.statutes]
        for c in citations:
            texts += [c.canonical, c.long_form, c.subdivision_label or ""]
            texts += [c.whole.canonical, c.whole.long_form, c.source.name]
            texts.append(c.source.publisher or "")
        self.phrases = sorted({" ".join(t.split()) for t in texts if t.strip()}, key=len)[::-1]
        self.text = "\n".join(self.phrases)

    def explains(self, part: str) -> bool:
        """Whether a run of unmarked text comes from the content: pieced together from whole
        texts (a title, then a summary), or a piece of one (a paragraph split by a link)."""
        rest = _NOT_WORDS.sub(" ", part)
        for p in self.phrases:
            if p in rest:
                rest = rest.replace(p, " ")
        if not _LETTER.search(rest):
            return True
        # Punctuation around a piece of content is the template's, and a flowchart's ellipsis
        # marks text it shortened.
        piece = part.strip(" .,:;!?()[]'\"/|-\u2013\u2014\u2026")
        return re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", self.text) is not None

    def unexplained(self, text: str) -> list[str]:
        # A placeholder is filled in where the words are shown, with content or a number.
        text = re.sub(r"\{\w+\}", " ", text)
        parts = _MARKED.split(" ".join(text.split()))
        return [p.strip() for p in parts if _LETTER.search(p) and not self.explains(p)]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


class Visible(HTMLParser):
    """The text a reader sees, and the tooltips and labels read to them, in the parts of a page
    the generator writes: the article and the menu's labels, or the whole of a page of its own
    (the handbook, an embed's frame and snippets). Code is not prose."""

    SKIP = frozenset({"script", "style", "code", "pre", "textarea", "head"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"})
    ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")

    def __init__(self, whole: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, opens a region, skipped
        self.region = 1 if whole else 0
        self.skipped = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        opens = (tag == "article" and "md-content__inner" in classes) or (
            tag == "span" and "md-ellipsis" in classes
        )
        skipped = tag in self.SKIP
        if self.region + opens and not self.skipped:
            self.texts += [v for k, v in attrs if k in self.ATTRIBUTES and v]
        if tag in self.VOID:
            return
        self.stack.append((tag, opens, skipped))
        self.region += opens
        self.skipped += skipped

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, opens, skipped = self.stack.pop()
            self.region -= opens
            self.skipped -= skipped
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.region and not self.skipped and data.strip():
            self.texts.append(data)


def visible(path: Path, whole: bool) -> list[str]:
    parser = Visible(whole)
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser.texts


def test_every_word_a_reader_sees_is_the_locales_or_the_contents(pseudo_site: Path) -> None:
    corpus = Corpus(FIXTURE)
    found: list[str] = []
    pages = 0
    for path in sorted(pseudo_site.rglob("*.html")):
        rel = path.relative_to(pseudo_site).as_posix()
        if rel == "404.html":
            continue  # The theme's own page, in the theme's own words.
        whole = rel.startswith(("handbook/", "embed/"))
        pages += 1
        for text in visible(path, whole):
            found += [
                f"{rel}: {part!r} in {text.strip()[:80]!r}" for part in corpus.unexplained(text)
            ]
    assert pages > 30
    assert found == []


def test_the_widget_and_the_scenario_table_take_the_locales_words(pseudo_site: Path) -> None:
    corpus = Corpus(FIXTURE)
    bundle = (pseudo_site / "embed/which-route.js").read_text("utf-8")
    data = json.loads(bundle.split("const TREE = ", 1)[1].split(";\n", 1)[0])
    assert data["strings"]["contact_heading"] == "Your partnership contact"
    found = [v for v in data["strings"].values() for part in corpus.unexplained(v)]
    assert found == []
    titles = {c["title"] for o in data["outcomes"] for p in o["pathways"] for c in p["citations"]}
    assert titles and all(t.endswith(": ⟦official⟧ ⟦text⟧") for t in titles)
    csv = (pseudo_site / "find/which-route/which-route-paths.csv").read_text("utf-8")
    header = csv.splitlines()[0].split(",")
    assert len(header) == 6 and all("⟦" in cell for cell in header)


def test_the_check_itself_catches_a_word_written_in_python(pseudo_site: Path) -> None:
    # The flowchart's labels, drawn where content and interface words meet, with one as it was
    # before it came from the locale.
    corpus = Corpus(FIXTURE)
    assert corpus.unexplained("⟦Question⟧ 2") == []
    assert corpus.unexplained("2 pathways") == ["2 pathways"]
    assert corpus.unexplained("Caseworker referral: official text") == [
        "Caseworker referral: official text"
    ]


def _keys(table: Any, prefix: str = "") -> set[str]:
    if not isinstance(table, dict):
        return {prefix}
    return {key for name, value in table.items() for key in _keys(value, f"{prefix}{name}.")}


def test_every_locale_has_every_key_of_every_other() -> None:
    tables = {name: yaml.safe_load(text) for name, text in locale_files().items()}
    assert {"en.yml", "es.yml"} <= set(tables)
    for name, table in tables.items():
        for other, other_table in tables.items():
            missing = sorted(_keys(other_table) - _keys(table))
            assert missing == [], f"{name} lacks what {other} has"
        # The same number of months and table columns; numbers are spelled as far as each
        # language chooses.
        assert len(table["months"]) == 12, name
        assert len(table["tree"]["csv_header"]) == len(tables["en.yml"]["tree"]["csv_header"])


def test_a_locale_missing_a_word_cannot_publish_its_language(tmp_path: Path) -> None:
    for name, text in locale_files().items():
        (tmp_path / name).write_text(text, "utf-8")
    spanish = yaml.safe_load(locale_files()["es.yml"])
    del spanish["widget"]["continue"]
    spanish["months"] = spanish["months"][:11]
    (tmp_path / "es.yml").write_text(yaml.safe_dump(spanish, allow_unicode=True), "utf-8")
    assert locale_problem("en", tmp_path) is None
    assert locale_problem("es", tmp_path) == (
        "the site cannot be published in 'es': generator/locales/es.yml lacks 2 of the "
        "interface's words (months, widget.continue), which would show in en on pages labelled "
        "'es'"
    )
    assert locale_problem("es") is None


def test_a_language_without_a_complete_locale_is_an_error_at_check(
    tmp_project: Any,
) -> None:
    from tests.conftest import MINIMAL, problems_of

    site = MINIMAL["content/site.yml"]
    assert isinstance(site, str)
    root = tmp_project({"content/site.yml": site.replace("language: en", "languages: [en, pt-BR]")})
    assert problems_of(root) == [
        "content/site.yml:5:17: error[unknown-language]: languages[1]: the site cannot be published in 'pt-BR': "
        "the generator has no words for it (no generator/locales/pt-BR.yml); languages it has: "
        "en, es"
    ]
