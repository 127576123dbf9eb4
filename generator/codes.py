"""Every problem code the generator reports, with its severity and what it means.

A code is stable: editors search for it, sites turn warnings off by it (``ignore_warnings:`` in
``content/site.yml``) and the README lists them from here. Add a code here before using it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    name: str
    severity: Kind
    about: str


def _codes(*rows: tuple[str, Kind, str]) -> dict[str, Code]:
    return {name: Code(name, severity, about) for name, severity, about in rows}


E: Kind = "error"
W: Kind = "warning"

CODES: dict[str, Code] = _codes(
    # Reading files
    ("no-content", E, "the content folder or a required file is missing"),
    ("missing-file", E, "a file every site needs (such as the home page's text) is missing"),
    ("read-error", E, "a file or folder cannot be read"),
    ("not-utf8", E, "a file is not UTF-8 text"),
    ("file-too-large", E, "a content file is larger than the generator reads"),
    ("empty-file", E, "a content file is empty"),
    ("skipped-file", W, "a file in a content folder is not read (hidden, or of another type)"),
    ("link-outside", W, "a symbolic link leads outside the project and is not followed"),
    ("control-character", E, "a file holds a control character"),
    # YAML
    ("yaml-syntax", E, "the YAML cannot be parsed"),
    ("yaml-tab", E, "a tab is used for indentation"),
    ("yaml-error", E, "the YAML reader failed on the file"),
    ("multiple-documents", E, "a file holds more than one YAML document"),
    ("duplicate-key", E, "a key appears twice in one mapping"),
    ("key-not-text", E, "a mapping key is not text"),
    ("merge-key", E, "a YAML merge key ('<<') is used"),
    ("recursive-alias", E, "a YAML alias repeats the value it is inside"),
    ("alias-bomb", E, "aliases expand to too many values"),
    ("too-deep", E, "values are nested too deeply"),
    ("too-many-values", E, "a file holds too many values"),
    ("bad-value", E, "a value cannot be read as what it looks like (such as a date)"),
    ("tag-not-allowed", E, "a YAML tag is used where none (or only '!ENV') is allowed"),
    ("front-matter-unterminated", E, "a Markdown page's front matter has no closing '---'"),
    ("front-matter-not-mapping", E, "a Markdown page's front matter is not a mapping"),
    # Fields
    ("unknown-key", E, "a field the kind of file does not have (often a misspelling)"),
    ("missing", E, "a required field is missing"),
    ("wrong-type", E, "a field holds the wrong type of value"),
    ("empty", E, "a field that must have text is empty"),
    ("multi-line", E, "a one-line field holds several lines"),
    ("too-long", E, "a field is longer than allowed"),
    ("too-few", E, "a list has fewer items than it needs"),
    ("out-of-range", E, "a number is outside its allowed range"),
    ("bad-choice", E, "a field holds a value that is not one of its choices"),
    ("bad-format", E, "a field's text is not in its format (an id, a date, an address)"),
    ("duplicate-item", E, "a list repeats an item"),
    ("bad-url", E, "an address is not an absolute http(s) address"),
    ("nothing-to-count", E, "a word uses {count} where there is no number to show"),
    # Names and references
    ("duplicate-id", E, "two things of one kind have the same id"),
    ("duplicate-anchor", E, "two glossary terms would have the same anchor"),
    ("reserved-name", E, "an id or page name is one the generator uses itself"),
    ("bad-name", E, "a page name is not a safe address"),
    ("unknown-ref", E, "a reference names something that is not defined"),
    ("unknown-group", E, "a kind of support names a group that is not defined"),
    ("empty-group", W, "a support group that no kind of support belongs to"),
    ("self-ref", E, "a pathway names itself as related"),
    ("unknown-language", E, "the site's language has no interface words in the generator"),
    # Citations and links
    ("bad-citation", E, "a citation cannot be read; the message suggests the form"),
    ("unknown-statute", E, "a citation list names a section that has no statute entry"),
    ("unknown-section", W, "prose cites a section of a known code that has no statute entry"),
    ("no-url", W, "a cited source has no standard address and the entry gives no url:"),
    ("url-not-needed", E, "a statute entry gives a url: although its source links by itself"),
    ("statute-link", E, "a link to the official legal text that is not a section's address"),
    ("bad-link", E, "a link's address is written in a form that does not work"),
    ("unsafe-link", E, "a link uses a scheme that could run code (such as javascript:)"),
    ("relative-link", E, "a field shown in several places links with a relative address"),
    ("broken-link", E, "a link points at a page or anchor that does not exist"),
    # Decision trees
    ("bad-start", E, "a tree's start is not one of its questions"),
    ("dangling-answer", E, "an answer leads to something that is not in the tree"),
    ("cycle", E, "answers lead in a loop"),
    ("unreachable", E, "no answer leads to a question or outcome"),
    ("unreached-pathway", W, "no path through any tree reaches a pathway"),
    # Editions and renaming
    ("future-edition", E, "an edition is dated after the day of the build"),
    ("edition-order", E, "editions are not listed newest first, one per day"),
    ("edition-mismatch", E, "the site's edition is not the newest edition in editions.yml"),
    ("former-id-taken", E, "a former id is a current id, or another item's former id"),
    # Languages and translations
    ("both-languages", E, "the site settings give both language: and languages:"),
    ("missing-translation", E, "a text of a declared language has no translation"),
    ("untranslated", E, "a translation still holds the text to translate (todo: true)"),
    ("stale-translation", W, "the source text changed since it was translated"),
    ("partial-translation", W, "texts not yet translated are published in the source language"),
    ("translation-form", E, "a translated text is not written as its text and fingerprint"),
    ("not-translatable", E, "a translation gives a field that comes from the source"),
    ("extra-item", E, "a translated list has more items than the source's"),
    ("nothing-to-translate", W, "a translation gives a text the source does not have"),
    ("unused-translation", W, "a translation file names something the source does not have"),
    ("bad-reviewed", E, "reviewed: is neither false nor the date of a review"),
    # Review
    ("stale", W, "a page's last review is older than the site allows"),
    ("uncited", W, "a statute entry that nothing cites"),
    # Settings and publishing
    ("bad-config", E, "the engine configuration (mkdocs.yml) has a wrong value"),
    ("bad-env", E, "an '!ENV' tag is written wrongly"),
    ("bad-inherit", E, "INHERIT: is not the path of another configuration file"),
    ("inherit-missing", E, "a file named by INHERIT: does not exist"),
    ("inherit-loop", E, "INHERIT: files include each other in a loop"),
    ("relative-tag", E, "'!relative' is used in the engine configuration"),
    ("custom-dir-missing", E, "theme.custom_dir is not a folder"),
    ("config-hook", W, "the configuration runs Python hooks during the build"),
    ("config-plugin", W, "the configuration enables a plugin that is not part of the engine"),
    ("bad-site-url", E, "the site's address is not an absolute http(s) address"),
    ("no-site-url", E, "the site has no address, and embeds need one"),
    ("local-site-url", W, "the site's address is this computer (localhost)"),
    ("unknown-code", E, "ignore_warnings: names a code that does not exist, or an error"),
)


def code(name: str) -> Code | None:
    return CODES.get(name)


def warning_codes() -> list[str]:
    return sorted(name for name, c in CODES.items() if c.severity == "warning")
