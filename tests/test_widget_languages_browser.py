"""The decision tree in Spanish: on the site, in both embed modes, and on the embed page.

The shipped content is built once for this module with ``languages: [en, es]`` and served on one
port, sending ``Access-Control-Allow-Origin: *`` for each language's ``embed/`` folder; county
pages are served from another port (another origin) under a strict Content-Security-Policy.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from generator.build.site import BuildOptions, build
from generator.cli import main
from generator.render.embed import sri
from tests.browser import AXE_BEST_PRACTICE, axe_violations, serve_folder
from tests.conftest import REPO, TODAY

pytestmark = pytest.mark.browser

TREE = "dta-eligibility"
LANGUAGES = ("en", "es")


def english_words() -> list[str]:
    """Every fixed piece of the English widget's wording ("Continue", "Your answers", ...)."""
    strings = yaml.safe_load((REPO / "generator/locales/en.yml").read_text("utf-8"))["widget"]
    pieces = {
        piece.strip(" :\u2013-")
        for text in strings.values()
        for piece in re.split(r"\{\w+\}", str(text))
    }
    return sorted(p for p in pieces if len(p) >= 3)


class _StateHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Integrity checks on cross-origin files need CORS: each language's embed files get it.
        if re.match(r"^/(?:[a-z]{2,3}/)?embed/", self.path):
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def county_page(body: str, lang: str = "es") -> str:
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Apoyo para su distrito</title>
</head>
<body>
<header><p>Oficina de Educación del Condado de Ejemplo</p></header>
<main>
<h1>Apoyo para su distrito</h1>
{body}
</main>
</body>
</html>
"""


@dataclass(frozen=True)
class Site:
    state: str
    county: str
    out: Path
    county_dir: Path
    paths: list[dict[str, Any]]

    def built(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")

    def snippet(self, lang: str, name: str = "snippet.html") -> str:
        return self.built(f"{'' if lang == 'en' else lang + '/'}embed/{TREE}/{name}")

    def county_page(self, name: str, body: str, lang: str = "es") -> str:
        (self.county_dir / name).write_text(county_page(body, lang), encoding="utf-8")
        return self.county + name


def every_path(root: Path) -> list[dict[str, Any]]:
    """Every path through the tree, as ``pathways paths`` prints it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["paths", TREE, "--root", str(root), "--format", "json"]) == 0
    paths: list[dict[str, Any]] = json.loads(out.getvalue())
    return paths


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("languages")
    root, out, county = folder / "root", folder / "state", folder / "county"
    for name in ("content", "decision_trees"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    assert "\nlanguages: [en, es]\n" in (root / "content/site.yml").read_text("utf-8")
    county.mkdir()
    with serve_folder(out, handler=_StateHandler) as state:
        build(BuildOptions(root, out, site_url=state, pdf=False, today=TODAY))
        s = state.rstrip("/")
        csp = f"default-src 'none'; script-src {s}; style-src {s}; frame-src {s}; img-src {s}"
        with serve_folder(county, headers={"Content-Security-Policy": csp}) as county_url:
            yield Site(state, county_url, out, county, every_path(root))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    yield context.new_page()
    context.close()


def answer(widget: Any, path: dict[str, Any]) -> None:
    """Give one path's answers in ``widget``, whatever its language."""
    for step in path["answers"]:
        widget.locator(f'input[name="{step["question"]}"][value="{step["answer"]}"]').check()
        widget.locator("button[type=submit]").click()


def walk_every_path(widget: Any, paths: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """Each path's answers given in ``widget``: the outcome and pathways it shows, in turn."""
    seen = []
    for path in paths:
        answer(widget, path)
        outcome = widget.locator("[data-outcome]")
        expect(outcome).to_be_visible()
        pathways = outcome.locator("[data-pathway]").evaluate_all(
            "els => els.map(el => el.dataset.pathway)"
        )
        seen.append((str(outcome.get_attribute("data-outcome")), pathways))
        widget.locator('button[data-action="restart"]').click()
        expect(widget.locator("input[type=radio]").first).to_be_visible()
    return seen


def expected(paths: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    return [(p["outcome"], p["pathways"]) for p in paths]


def spanish_only(widget: Any) -> None:
    """The widget's shadow content is labelled Spanish and shows no English interface word."""
    section = widget.locator("section.pw")
    expect(section).to_have_attribute("lang", "es")
    shown = section.evaluate("el => el.innerText")
    named = section.evaluate(
        "el => [...el.querySelectorAll('[aria-label]')].map(e => e.ariaLabel).join(' ')"
    )
    found = [w for w in english_words() if re.search(rf"\b{re.escape(w)}\b", shown + named)]
    assert found == [], found


# The site's own tree page ----------------------------------------------------------------------


def test_spanish_tree_page_walks_every_path_as_the_english_one(page: Any, site: Site) -> None:
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        page.goto(f"{site.state}{prefix}find/{TREE}/")
        widget = page.locator("pathways-tree")
        expect(widget.locator("section.pw")).to_have_attribute("lang", lang)
        assert walk_every_path(widget, site.paths) == expected(site.paths), lang
    spanish_only(page.locator("pathways-tree"))


def test_spanish_tree_page_keeps_its_state_in_the_address(page: Any, site: Site) -> None:
    first = site.paths[0]
    page.goto(f"{site.state}es/find/{TREE}/")
    widget = page.locator("pathways-tree")
    answer(widget, first)
    expect(widget.locator("[data-outcome]")).to_be_visible()
    address = page.url
    assert f"#pw-{TREE}=" in address
    page.goto(f"{site.state}es/")
    page.goto(address)
    expect(widget.locator("[data-outcome]")).to_have_attribute("data-outcome", first["outcome"])
    spanish_only(widget)


# Script mode -----------------------------------------------------------------------------------


def test_spanish_bundle_carries_only_spanish(site: Site) -> None:
    english = site.built(f"embed/{TREE}.js")
    spanish = site.built(f"es/embed/{TREE}.js")
    assert '"lang":"es"' in spanish and '"lang":"en"' not in spanish
    assert '"continue":"Continuar"' in spanish and '"continue":"Continue"' not in spanish
    # As small as the English one: one language's data and words, and the same code.
    assert len(spanish.encode()) < 1.2 * len(english.encode())
    snippet = site.snippet("es")
    assert f'src="{site.state}es/embed/{TREE}.js"' in snippet
    assert f'integrity="{sri(spanish)}"' in snippet
    assert f'<pathways-tree tree="{TREE}" lang="es"' in snippet
    assert f'<a href="{site.state}es/find/{TREE}/q/' in snippet
    assert f'src="{site.state}es/embed/{TREE}/frame.html"' in site.snippet(
        "es", "iframe-snippet.html"
    )


def test_spanish_script_snippet_walks_every_path(page: Any, site: Site) -> None:
    url = site.county_page("script-es.html", site.snippet("es"))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    widget = page.locator("pathways-tree")
    expect(widget.locator("section.pw")).to_have_attribute("lang", "es")
    assert walk_every_path(widget, site.paths) == expected(site.paths)
    assert errors == []  # nothing the county's policy refused, no script error


def test_spanish_widget_states_are_spanish_and_pass_axe(page: Any, site: Site) -> None:
    page.goto(site.county_page("states-es.html", site.snippet("es")))
    widget = page.locator("pathways-tree")
    expect(widget.locator("input[type=radio]").first).to_be_visible()
    spanish_only(widget)
    assert axe_violations(page, AXE_BEST_PRACTICE) == []
    # The error: Continue without an answer.
    widget.locator("button[type=submit]").click()
    expect(widget.locator(".pw-error-summary")).to_be_visible()
    spanish_only(widget)
    assert axe_violations(page, AXE_BEST_PRACTICE) == []
    answer(widget, site.paths[0])
    expect(widget.locator("[data-outcome]")).to_be_visible()
    spanish_only(widget)
    assert axe_violations(page, AXE_BEST_PRACTICE) == []


def test_a_page_shows_the_english_and_the_spanish_tree_together(page: Any, site: Site) -> None:
    both = site.snippet("en") + site.snippet("es")
    page.goto(site.county_page("both.html", both, lang="en"))
    english, spanish = page.locator("pathways-tree").all()
    expect(english.locator("section.pw")).to_have_attribute("lang", "en")
    expect(spanish.locator("section.pw")).to_have_attribute("lang", "es")
    expect(english.locator("button[type=submit]")).to_have_text("Continue")
    expect(spanish.locator("button[type=submit]")).to_have_text("Continuar")
    # Each keeps its own answers: the same ids, two readers.
    first = site.paths[0]["answers"][0]
    spanish.locator(f'input[name="{first["question"]}"][value="{first["answer"]}"]').check()
    spanish.locator("button[type=submit]").click()
    expect(spanish.locator("button[data-action=back]")).to_be_visible()
    expect(english.locator("button[data-action=back]")).to_have_count(0)


def test_a_language_no_bundle_carries_shows_what_it_has_labelled_as_such(
    page: Any, site: Site
) -> None:
    # Only the English bundle on the page, asked for Spanish; then only the Spanish one, asked
    # for French.
    english_only = site.snippet("en").replace('lang="en"', 'lang="es"')
    page.goto(site.county_page("asks-es.html", english_only))
    section = page.locator("pathways-tree section.pw")
    expect(section).to_have_attribute("lang", "en")
    expect(page.locator("pathways-tree button[type=submit]")).to_have_text("Continue")
    page.goto(
        site.county_page("asks-fr.html", site.snippet("es").replace('lang="es"', 'lang="fr"'))
    )
    expect(section).to_have_attribute("lang", "es")
    expect(page.locator("pathways-tree button[type=submit]")).to_have_text("Continuar")
    # A regional tag finds its language's tree.
    page.evaluate("document.querySelector('pathways-tree').setAttribute('lang', 'es-MX')")
    expect(section).to_have_attribute("lang", "es")


# Iframe mode -----------------------------------------------------------------------------------


def test_spanish_iframe_snippet_walks_every_path(page: Any, site: Site) -> None:
    page.goto(site.county_page("iframe-es.html", site.snippet("es", "iframe-snippet.html")))
    frame = page.frame_locator("iframe")
    widget = frame.locator("pathways-tree")
    expect(widget.locator("section.pw")).to_have_attribute("lang", "es")
    assert walk_every_path(widget, site.paths) == expected(site.paths)
    spanish_only(widget)


def test_the_english_frame_asked_for_spanish_shows_spanish(page: Any, site: Site) -> None:
    english = site.snippet("en", "iframe-snippet.html")
    asked = english.replace('/frame.html"', '/frame.html?lang=es&amp;contact-name=Condado"')
    page.goto(site.county_page("iframe-asks-es.html", asked))
    frame = page.frame_locator("iframe")
    section = frame.locator("pathways-tree section.pw")
    expect(section).to_have_attribute("lang", "es")
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    expect(frame.locator("pathways-tree button[type=submit]")).to_have_text("Continuar")
    [inner] = [f for f in page.frames if f.url.endswith("frame.html?lang=es&contact-name=Condado")]
    assert inner.url.startswith(f"{site.state}es/embed/{TREE}/frame.html")
    # The frame still sizes itself through the host script after going to its Spanish page.
    expect(page.locator("iframe")).to_have_attribute("style", re.compile(r"height: \d+px"))


# The "Embed on your site" page ----------------------------------------------------------------


def test_embed_page_defaults_to_its_own_language(page: Any, site: Site) -> None:
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        page.goto(f"{site.state}{prefix}embed-on-your-site/")
        chosen = page.locator('input[name="lang"]:checked')
        expect(chosen).to_have_value(lang)
        script = page.locator('textarea[data-embed="script"]')
        expect(script).to_have_value(site.snippet(lang))
        preview = page.locator(".pathways-embed-preview pathways-tree section.pw")
        expect(preview).to_have_attribute("lang", lang)


def test_embed_page_language_choice_fills_snippets_that_work(page: Any, site: Site) -> None:
    page.goto(f"{site.state}embed-on-your-site/")
    # A labelled group of radios, chosen from the keyboard.
    group = page.get_by_role("group", name="Language of the questions")
    english = group.get_by_role("radio", name="English")
    english.focus()
    page.keyboard.press("ArrowDown")
    expect(group.get_by_role("radio", name="Español")).to_be_checked()
    page.locator("#pw-embed-contact-name").fill("Condado de Ejemplo")
    script = page.locator('textarea[data-embed="script"]')
    iframe = page.locator('textarea[data-embed="iframe"]')
    filled = site.snippet("es").replace('contact-name=""', 'contact-name="Condado de Ejemplo"')
    expect(script).to_have_value(filled)
    expect(iframe).to_have_value(
        site.snippet("es", "iframe-snippet.html").replace(
            '/frame.html"', '/frame.html?contact-name=Condado+de+Ejemplo"'
        )
    )
    preview = page.locator(".pathways-embed-preview pathways-tree")
    expect(preview.locator("section.pw")).to_have_attribute("lang", "es")
    expect(preview.locator("button[type=submit]")).to_have_text("Continuar")
    assert axe_violations(page, AXE_BEST_PRACTICE) == []
    # Pasted into a county's page, each works.
    pasted = site.county_page("pasted.html", script.input_value() + iframe.input_value())
    page.goto(pasted)
    widget = page.locator("pathways-tree")
    frame = page.frame_locator("iframe").locator("pathways-tree")
    for shown in (widget, frame):
        expect(shown.locator("section.pw")).to_have_attribute("lang", "es")
        answer(shown, site.paths[0])
        expect(shown.locator("[data-outcome]")).to_have_attribute(
            "data-outcome", site.paths[0]["outcome"]
        )
        expect(shown.locator(".pw-contact")).to_contain_text("Condado de Ejemplo")
    # And back to English, on the Spanish page.
    page.goto(f"{site.state}es/embed-on-your-site/")
    page.get_by_role("group", name="Idioma de las preguntas").get_by_role(
        "radio", name="English"
    ).check()
    expect(page.locator('textarea[data-embed="script"]')).to_have_value(site.snippet("en"))
    expect(page.locator(".pathways-embed-preview pathways-tree section.pw")).to_have_attribute(
        "lang", "en"
    )
