"""What ``pathways translations`` prints: each language's texts by state, with locations."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problems, UsageError
from generator.model import Content, Site
from generator.translate.locales import read_locale
from generator.translate.read import read_translation
from generator.translate.texts import State, one_line

REPORTED = frozenset(
    {"missing-translation", "untranslated", "stale-translation", "partial-translation"}
)
"""Problems the report itself lists, one line per text, so they are not printed twice."""


def report_languages(site: Site, language: str | None) -> list[str]:
    """The languages to report on: the one asked for, or every one but the source's."""
    if language is None:
        return list(site.languages[1:])
    if language == site.language:
        raise UsageError(
            f"'{language}' is the language the content is written in; its translations are in "
            f"the others: {', '.join(site.languages[1:]) or 'none yet'}"
        )
    if language not in site.languages:
        raise UsageError(
            f"'{language}' is not one of the site's languages ({', '.join(site.languages)}); "
            f"add it to languages: in content/site.yml first"
        )
    return [language]


def files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"


def _clip(text: str, limit: int = 120) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def report(root: Path, content: Content, languages: list[str]) -> tuple[str, Problems]:
    """The report's lines, and the problems in the translation files it does not cover."""
    lines: list[str] = []
    others = Problems()
    for language in languages:
        problems = Problems()
        translation = read_translation(root, content, language, problems)
        others.extend([p for p in problems.items if p.code not in REPORTED])
        unreviewed = [f for f in translation.files if f.exists and f.reviewed is None]
        absent = [f for f in translation.files if not f.exists]
        name = (read_locale(language) or {}).get("language_name", language)
        lines.append(
            f"{language} ({name}): {translation.count(State.COMPLETE)} complete, "
            f"{translation.count(State.STALE)} stale, {translation.count(State.MISSING)} missing "
            f"({files(len(absent))} absent), {files(len(unreviewed))} unreviewed"
        )
        for f in absent:
            lines.append(f"{f.location}: missing: the whole file ({f.kind} '{f.owner}')")
        absent_files = {f.file for f in absent}
        for status in sorted(translation.fields, key=lambda s: s.location):
            if status.state is State.COMPLETE or status.location.file in absent_files:
                continue
            lines.append(
                f"{status.location}: {status.state.value}: {status.path}: the source reads "
                f"'{_clip(status.source_text)}'"
            )
        for f in unreviewed:
            lines.append(f"{f.location}: unreviewed: not yet reviewed by a qualified translator")
    return "".join(f"{line}\n" for line in lines), others
