"""Translations beside the source: read into the same content in another language, each text
tied by its fingerprint to the source text it translates, reported with locations."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import pickle
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.synthetic import make_root
from generator.cli import main
from generator.errors import Problems
from generator.kinds import KINDS, translatable_fields
from generator.model import Untranslated
from generator.translate.read import SPLIT_FILES, read_translation
from generator.translate.skeleton import write_skeletons
from generator.translate.texts import fingerprint
from generator.validate import read_content
from generator.validate.kinds import FILE_SPECS
from tests.conftest import MINIMAL, REPO, TODAY, problems_of, write_project

TWO = "languages: [en, es]"


def _t(english: str, spanish: str) -> dict[str, str]:
    return {"text": spanish, "source": fingerprint(english)}


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


SPANISH: dict[str, str | None] = {
    "content/es/site.yml": _dump(
        {
            "reviewed": False,
            "title": _t("Test guidance", "Guía de prueba"),
            "tagline": _t("A tagline that cites EC 52072(a).", "Un lema que cita EC 52072(a)."),
            "description": _t("Test description.", "Descripción de prueba."),
            "support_groups": {
                "direct-technical-assistance": {
                    "title": _t(
                        "Forms of Direct Technical Assistance",
                        "Formas de Asistencia Técnica Directa",
                    )
                }
            },
        }
    ),
    "content/es/supports/consultancy.yml": _dump(
        {
            "id": "consultancy",
            "reviewed": "2026-11-20",
            "title": _t("Consultancy", "Consultoría"),
            "summary": _t("A thought partner.", "Un socio de reflexión."),
            "description": _t(
                "CCEE acts as a thought partner.", "El CCEE actúa como socio de reflexión."
            ),
        }
    ).replace("'2026-11-20'", "2026-11-20"),
    "content/es/pathways/first.yml": _dump(
        {
            "id": "first",
            "reviewed": False,
            "title": _t("First pathway", "Primera vía"),
            "initiated_by": _t("CCEE", "El CCEE"),
            "summary": _t("The first pathway.", "La primera vía."),
            "who_starts": _t("CCEE starts it.", "La inicia el CCEE."),
            "when_it_applies": _t(
                "When pupil groups meet the criteria under EC 52064.5(g).\n",
                "Cuando los grupos de alumnos cumplen los criterios del "
                "Código de Educación, sección 52064.5(g).",
            ),
            "what_happens_next": _t("CCEE decides.", "El CCEE decide."),
            "next_steps": [_t("Ask your county office.", "Pregunte a su oficina del condado.")],
        }
    ),
    "content/es/statutes/ec-52072.yml": _dump(
        {
            "citation": "EC 52072",
            "heading": _t("CCEE determination", "La determinación del CCEE"),
            "summary": _t(
                "The determination for school districts.",
                "La determinación para los distritos escolares.",
            ),
        }
    ),
    "content/es/statutes/ec-52064-5.yml": _dump(
        {
            "citation": "EC 52064.5",
            "heading": _t("Evaluation rubrics", "Las rúbricas de evaluación"),
            "summary": _t(
                "The rubrics; subdivision (g) holds the criteria.",
                "Las rúbricas; la subdivisión (g) contiene los criterios.",
            ),
        }
    ),
    "content/es/glossary.yml": _dump(
        {
            "terms": {
                "LEA": {
                    "term": _t("LEA", "LEA"),
                    "stands_for": _t("local educational agency", "agencia educativa local"),
                    "definition": _t(
                        "A school district, county office or charter school.",
                        "Un distrito escolar, una oficina del condado o una escuela chárter.",
                    ),
                }
            }
        }
    ),
    "content/es/pages/index.md": "---\n"
    + _dump(
        {
            "title": _t("Test guidance", "Guía de prueba"),
            "body": {"source": fingerprint("Welcome. An LEA reads this.\n")},
        }
    )
    + "---\nBienvenido. Una LEA lee esto.\n",
}


def _two_languages(extra: dict[str, str | None] | None = None) -> dict[str, str | None]:
    site = str(MINIMAL["content/site.yml"]).replace("language: en", TWO)
    return {"content/site.yml": site, **SPANISH, **(extra or {})}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("two") / "project", _two_languages())


def test_a_fingerprint_is_the_start_of_the_sha256_of_the_text_with_single_spaces() -> None:
    text = "CCEE acts as a\n  thought partner."
    expected = hashlib.sha256(b"CCEE acts as a thought partner.").hexdigest()[:8]
    assert fingerprint(text) == expected
    assert fingerprint("CCEE acts as a thought partner.\n") == expected
    assert fingerprint("CCEE acts as a thought partner!") != expected


def test_what_each_kind_translates_is_declared_once_and_names_real_fields() -> None:
    assert translatable_fields("pathway") == [
        "title",
        "initiated_by",
        "summary",
        "who_starts",
        "when_it_applies",
        "what_happens_next",
        "next_steps[]",
    ]
    assert "questions.<id>.answers.<id>.label" in translatable_fields("tree")
    # Nothing that decides where a reader goes, or what the law is, is translatable.
    for kind in KINDS:
        paths = translatable_fields(kind)
        assert not {"id", "citations", "order", "next", "pathways", "supports", "start"} & {
            path.split(".")[-1] for path in paths
        }, kind
        if kind in FILE_SPECS:
            # A page's body is the Markdown after its front matter, not a field of it.
            top = {path.split(".")[0].removesuffix("[]") for path in paths} - {"body"}
            assert top <= set(FILE_SPECS[kind].field_names()), kind


def test_a_complete_translation_checks_clean(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "check", "--root", str(project))
    assert (code, err) == (0, "")
    assert "(0 errors, 0 warnings)" in out


def test_the_translation_is_the_same_content_with_its_texts_replaced(project: Path) -> None:
    content = read_content(project, Problems(), TODAY)
    assert content is not None
    es = content.for_language("es")
    assert content.for_language("en") is content
    assert (content.site.language, es.site.language) == ("en", "es")
    assert es.site.languages == ("en", "es")
    assert es.site.title == "Guía de prueba"
    assert es.site.support_groups[0].title == "Formas de Asistencia Técnica Directa"
    assert es.site.support_groups[0].id == "direct-technical-assistance"
    first = es.pathway_by_id["first"]
    assert first.title == "Primera vía"
    assert first.next_steps == ("Pregunte a su oficina del condado.",)
    assert first.citations == content.pathway_by_id["first"].citations
    assert first.supports == ("consultancy",)
    assert [s.label for s in es.statutes] == [s.label for s in content.statutes]
    assert es.statutes[0].heading == "Las rúbricas de evaluación"
    assert [(t.id, t.term, t.stands_for) for t in es.terms] == [
        ("lea", "LEA", "agencia educativa local")
    ]
    page = es.pages[0]
    assert (page.slug, page.title, page.body) == (
        "index",
        "Guía de prueba",
        "Bienvenido. Una LEA lee esto.\n",
    )
    assert es.abbreviations() == {"LEA": "agencia educativa local"}
    notes = es.translation
    assert notes is not None and content.translation is None
    assert notes.is_reviewed("support", "consultancy")
    assert not notes.is_reviewed("pathway", "first")
    assert notes.is_complete("pathway", "first")


def test_a_citation_in_spanish_prose_is_recorded_where_the_translation_writes_it(
    project: Path,
) -> None:
    content = read_content(project, Problems(), TODAY)
    assert content is not None
    es = content.for_language("es")
    uses = [u for u in es.uses if u.field == "when_it_applies"]
    assert [(u.citation.canonical, str(u.location)) for u in uses] == [
        ("EC 52064.5(g)", "content/es/pathways/first.yml:16:64")
    ]
    # The English prose's citations stay with the English.
    assert [str(u.location) for u in content.uses if u.field == "when_it_applies"] == [
        "content/pathways/first.yml:10:45"
    ]


def test_a_changed_source_makes_its_translation_stale_at_the_translations_source(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    english = str(MINIMAL["content/supports/consultancy.yml"]).replace(
        "summary: A thought partner.", "summary: A partner in thinking."
    )
    root = tmp_project(_two_languages({"content/supports/consultancy.yml": english}))
    code, _out, err = _run(capsys, "check", "--root", str(root))
    assert code == 0
    assert err.splitlines() == [
        "content/es/supports/consultancy.yml:8:11: warning[stale-translation]: summary: stale translation: its "
        f'source changed since it was translated (source: "{fingerprint("A thought partner.")}", '
        f'now "{fingerprint("A partner in thinking.")}"); the source now reads: '
        "'A partner in thinking.'"
    ]


def test_a_missing_file_and_a_missing_text_are_errors_where_they_belong(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    statute = str(SPANISH["content/es/statutes/ec-52072.yml"])
    without_summary = statute[: statute.index("summary:")]
    root = tmp_project(
        _two_languages(
            {"content/es/glossary.yml": None, "content/es/statutes/ec-52072.yml": without_summary}
        )
    )
    code, _out, err = _run(capsys, "check", "--root", str(root))
    assert code == 1
    assert err.splitlines() == [
        "content/es/glossary.yml:1:1: error[missing-translation]: no 'es' translation of the glossary "
        "(content/glossary.yml): write this file; 'pathways translations es --init' writes it "
        "with the text to translate",
        "content/es/statutes/ec-52072.yml:1:1: error[missing-translation]: summary: no 'es' translation of summary, "
        f'whose source (source: "{fingerprint("The determination for school districts.")}") '
        "reads: 'The determination for school districts.'",
        "check failed: 2 errors, 0 warnings",
    ]


def test_a_partial_translation_publishes_the_source_text_marked_with_its_language(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _two_languages()["content/site.yml"]
    assert site is not None
    root = tmp_project(
        _two_languages(
            {
                "content/site.yml": site + "partial_translation: true\n",
                "content/es/glossary.yml": None,
            }
        )
    )
    code, _out, err = _run(capsys, "check", "--root", str(root))
    assert code == 0
    assert err.splitlines() == [
        "content/site.yml:11:22: warning[partial-translation]: partial_translation: 3 texts have no 'es' translation "
        "yet: they are published in 'en', marked as such ('pathways translations es' lists them)"
    ]
    content = read_content(root, Problems(), TODAY)
    assert content is not None
    es = content.for_language("es")
    term = es.terms[0]
    assert isinstance(term.stands_for, Untranslated) and term.stands_for.language == "en"
    assert term.stands_for == "local educational agency"
    assert not isinstance(es.site.title, Untranslated)
    notes = es.translation
    assert notes is not None
    assert not notes.is_complete("glossary", "glossary")
    assert notes.is_complete("pathway", "first")


def test_the_translations_command_lists_each_text_by_state_with_its_location(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    english = str(MINIMAL["content/supports/consultancy.yml"]).replace(
        "summary: A thought partner.", "summary: A partner in thinking."
    )
    root = tmp_project(
        _two_languages(
            {
                "content/supports/consultancy.yml": english,
                "content/es/statutes/ec-52064-5.yml": None,
            }
        )
    )
    code, out, err = _run(capsys, "translations", "--root", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "es (Español): 20 complete, 1 stale, 2 missing (1 file absent), 5 files unreviewed",
        "content/es/statutes/ec-52064-5.yml:1:1: missing: the whole file (statute 'EC 52064.5')",
        "content/es/supports/consultancy.yml:8:11: stale: summary: the source reads "
        "'A partner in thinking.'",
        "content/es/site.yml:1:1: unreviewed: not yet reviewed by a qualified translator",
        "content/es/pathways/first.yml:1:1: unreviewed: not yet reviewed by a qualified translator",
        "content/es/statutes/ec-52072.yml:1:1: unreviewed: not yet reviewed by a qualified "
        "translator",
        "content/es/glossary.yml:1:1: unreviewed: not yet reviewed by a qualified translator",
        "content/es/pages/index.md:2:1: unreviewed: not yet reviewed by a qualified translator",
    ]


def test_the_translations_command_refuses_a_language_the_site_does_not_have(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, "translations", "fr", "--root", str(project))
    assert code == 2
    assert err == (
        "pathways translations: error: 'fr' is not one of the site's languages (en, es); add it "
        "to languages: in content/site.yml first\n"
    )
    code, _out, err = _run(capsys, "translations", "en", "--root", str(project))
    assert code == 2 and "is the language the content is written in" in err


def test_init_writes_what_is_missing_to_translate_and_never_overwrites(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(_two_languages({"content/es/pathways/first.yml": None}))
    mine = (root / "content/es/site.yml").read_bytes()
    code, out, err = _run(capsys, "translations", "es", "--init", "--root", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "wrote content/es/pathways/first.yml",
        "es: wrote 1 file to translate, kept 6 that exist",
    ]
    assert (root / "content/es/site.yml").read_bytes() == mine
    written = yaml.safe_load((root / "content/es/pathways/first.yml").read_text("utf-8"))
    assert written["id"] == "first" and written["reviewed"] is False
    assert written["title"] == {
        "text": "First pathway",
        "source": fingerprint("First pathway"),
        "todo": True,
    }
    assert [step["text"] for step in written["next_steps"]] == ["Ask your county office."]
    # A skeleton holds the English, so it is never taken for a translation.
    code, out, err = _run(capsys, "check", "--root", str(root))
    assert code == 1
    assert (
        "content/es/pathways/first.yml:8:3: error[untranslated]: title: not translated yet (todo: true)"
        in err
    )
    assert err.count("not translated yet") == 7
    code, out, err = _run(capsys, "translations", "es", "--init", "--root", str(root))
    assert out.splitlines() == ["es: wrote 0 files to translate, kept 7 that exist"]


def test_what_comes_from_the_source_cannot_be_translated(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    pathway = str(SPANISH["content/es/pathways/first.yml"])
    root = tmp_project(
        _two_languages(
            {
                "content/es/pathways/first.yml": pathway
                + "order: 3\ncitations: [EC 52072]\nsummry: x\n"
            }
        )
    )
    code, _out, err = _run(capsys, "check", "--root", str(root))
    assert code == 1
    lines = err.splitlines()
    assert lines[:3] == [
        "content/es/pathways/first.yml:24:1: error[not-translatable]: 'order' is not translated: it comes from the "
        "source (content/pathways/first.yml), the same in every language",
        "content/es/pathways/first.yml:25:1: error[not-translatable]: 'citations' is not translated: it comes "
        "from the source (content/pathways/first.yml), the same in every language",
        "content/es/pathways/first.yml:26:1: error[unknown-key]: unknown field 'summry'; did you mean "
        "'summary'?",
    ]


def test_a_translation_names_what_it_translates_as_the_source_does(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(
        _two_languages(
            {
                "content/es/supports/other.yml": _dump({"id": "consultant", "title": _t("x", "y")}),
                "content/es/pathways/first.yml": str(
                    SPANISH["content/es/pathways/first.yml"]
                ).replace("source: ", "source: '12'  # ", 1),
            }
        )
    )
    code, _out, err = _run(capsys, "check", "--root", str(root))
    assert code == 1
    assert err.splitlines()[:2] == [
        "content/es/pathways/first.yml:5:11: error[translation-form]: title: source: must be the fingerprint of "
        "the text it translates, 8 hexadecimal digits; the text's now is "
        f'"{fingerprint("First pathway")}"',
        "content/es/supports/other.yml:1:1: warning[unused-translation]: translates support 'consultant', which the "
        "source does not have (renamed or removed?): it is not used",
    ]


def test_the_languages_setting(tmp_project: Any, capsys: pytest.CaptureFixture[str]) -> None:
    site = str(MINIMAL["content/site.yml"])
    root = tmp_project(
        {
            "content/site.yml": site.replace(
                "language: en", "language: en\n        languages: [en, fr]"
            )
        }
    )
    code, _out, err = _run(capsys, "check", "--root", str(root))
    assert code == 1
    assert err.splitlines() == [
        "content/site.yml:5:11: error[both-languages]: language: give the site's languages once: 'languages: "
        "[en, fr]' names the language the content is written in first, so remove 'language'",
        "content/site.yml:6:17: error[unknown-language]: languages[1]: the site cannot be published in 'fr': the "
        "generator has no words for it (no generator/locales/fr.yml); languages it has: en, es",
        "check failed: 2 errors, 0 warnings",
    ]
    root = tmp_project({"content/site.yml": site.replace("        language: en\n", "")})
    content = read_content(root, Problems(), TODAY)
    assert content is not None and content.site.languages == ("en",)


@pytest.fixture(scope="module")
def shipped_two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped content, which declares its Spanish translation."""
    root = tmp_path_factory.mktemp("shipped-es") / "site"
    for name in ("content", "decision_trees"):
        shutil.copytree(REPO / name, root / name)
    assert "languages: [en, es]\n" in (root / "content/site.yml").read_text("utf-8")
    yield root


def test_the_shipped_spanish_translation_is_complete_current_and_awaits_review(
    shipped_two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert problems_of(shipped_two) == []
    code, out, err = _run(capsys, "translations", "es", "--root", str(shipped_two))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "es (Español): 185 complete, 0 stale, 0 missing (0 files absent), 24 files unreviewed"
    )
    assert len(lines) == 25 and all(
        line.endswith("unreviewed: not yet reviewed by a qualified translator")
        for line in lines[1:]
    )


def test_the_spanish_tree_is_the_same_tree(
    shipped_two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = {}
    for language in ("en", "es"):
        for form in ("json", "csv"):
            code, out, err = _run(
                capsys,
                "paths",
                "dta-eligibility",
                "--root",
                str(shipped_two),
                "--format",
                form,
                "--language",
                language,
            )
            assert (code, err) == (0, "")
            tables[language, form] = out
    assert json.loads(tables["en", "json"]) == json.loads(tables["es", "json"])
    en = list(csv.reader(io.StringIO(tables["en", "csv"])))
    es = list(csv.reader(io.StringIO(tables["es", "csv"])))
    assert len(en) == len(es) > 8
    assert es[0] == [
        "camino",
        "respuestas",
        "resultado",
        "vías",
        "preguntas y respuestas",
        "título del resultado",
    ]
    for row_en, row_es in zip(en[1:], es[1:], strict=True):
        # The path, its answers' ids, its outcome and its pathways: the same.
        assert row_en[:4] == row_es[:4]
        # Only the wording differs.
        assert row_en[4] != row_es[4] and row_en[5] != row_es[5]
    assert "¿Recibe su LEA una asignación de emergencia" in es[1][4]
    content = read_content(shipped_two, Problems(), TODAY)
    assert content is not None
    tree, tree_es = content.trees[0], content.for_language("es").trees[0]
    assert tree_es.start == tree.start
    assert [(q.id, [(a.id, a.next) for a in q.answers]) for q in tree_es.questions] == [
        (q.id, [(a.id, a.next) for a in q.answers]) for q in tree.questions
    ]
    assert [(o.id, o.pathways, o.supports) for o in tree_es.outcomes] == [
        (o.id, o.pathways, o.supports) for o in tree.outcomes
    ]


def test_a_bad_language_for_paths_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, "paths", "t", "--root", str(project), "--language", "fr")
    assert code == 2
    assert err == (
        "pathways paths: error: --language 'fr' is not one of the site's languages (en, es)\n"
    )


def test_untranslated_text_keeps_its_language_across_processes() -> None:
    text = Untranslated("local educational agency", "en")
    back = pickle.loads(pickle.dumps(text))
    assert (back, type(back), back.language) == (text, Untranslated, "en")


def test_a_fingerprint_of_digits_written_without_quotes_still_reads(
    tmp_project: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # YAML reads eight digits as a number, and with a leading 0 as an octal one.
    english = "Ask your county office."
    for digits in ("01234567", "12345678"):
        _unquoted_digits_read(tmp_project, capsys, english, digits)


def _unquoted_digits_read(
    tmp_project: Any, capsys: pytest.CaptureFixture[str], english: str, digits: str
) -> None:
    pathway = str(SPANISH["content/es/pathways/first.yml"]).replace(
        f"source: {fingerprint(english)}", f"source: {digits}"
    )
    assert f"source: {digits}" in pathway
    root = tmp_project(_two_languages({"content/es/pathways/first.yml": pathway}))
    code, _out, err = _run(capsys, "check", "--root", str(root))
    assert code == 0
    assert f'(source: "{digits}", now "{fingerprint(english)}")' in err


def _read_two(root: Path, source: Any) -> tuple[Any, Any, list[Any], list[Any], list[str]]:
    problems = Problems()
    found = read_translation(root, source, "es", problems)
    content = found.content
    lines = [p.format() for p in problems.sorted()]
    return content, content.translation, found.fields, found.files, lines


def _translate_all(root: Path) -> Any:
    """Spanish declared, and every text given a translation (the skeleton's, marked done)."""
    site = root / "content/site.yml"
    site.write_text(
        re.sub(
            r"^languages?: .*$", "languages: [en, es]", site.read_text("utf-8"), count=1, flags=re.M
        ),
        "utf-8",
    )
    source = read_content(root, Problems(), TODAY, translations=False)
    write_skeletons(root, source, "es")
    for path in (root / "content/es").rglob("*.*"):
        text = re.sub(r"^ *todo: true\n", "", path.read_text("utf-8"), flags=re.M)
        path.write_text(text, "utf-8")
    return source


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_reading_translations_in_two_processes_finds_what_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path / "root", SPLIT_FILES + 20)
    _translate_all(root)
    folder = root / "content/es/pathways"
    edits = {
        "pathway-0010.yml": lambda t: t.replace("title:\n  text: Synthetic", "title:\n  text: S"),
        "pathway-0200.yml": lambda t: t.replace("  source: ", "  source: '0'  # ", 1),
        "pathway-0210.yml": lambda t: t + "order: 3\n",
    }
    for name, edit in edits.items():
        path = folder / name
        edited = edit(path.read_text("utf-8"))
        assert edited != path.read_text("utf-8"), name
        path.write_text(edited, "utf-8")
    english = root / "content/pathways/pathway-0215.yml"
    english.write_text(
        english.read_text("utf-8").replace("pathway 0215", "pathway two hundred fifteen"), "utf-8"
    )
    (folder / "pathway-0005.yml").unlink()
    source = read_content(root, Problems(), TODAY, translations=False)

    def one_process() -> tuple[Any, ...]:
        with monkeypatch.context() as m:
            m.setattr("generator.translate.read.SPLIT_FILES", 10**9)
            return _read_two(root, source)

    monkeypatch.setattr("generator.parallel.threading.active_count", lambda: 1)
    forked = _read_two(root, source)
    assert forked == one_process()
    lines = forked[-1]
    assert any("pathway-0215.yml" in line and "stale translation" in line for line in lines)
    assert "content/es/pathways/pathway-0005.yml:1:1: error" in "\n".join(lines)
    assert any("pathway-0210.yml" in line and "'order' is not translated" in line for line in lines)
    assert any("pathway-0200.yml" in line and "source: must be" in line for line in lines)
