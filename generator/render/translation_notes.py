"""What a translated page says about its translation, so that a reader is never misled by it.

Text the site allows to stay untranslated (``partial_translation``) reaches the page as
``Untranslated``: it is published inside an element that carries the source's language tag, so
a screen reader reads it with the right voice, and the page says so in its own language. A page
whose translation no qualified translator has reviewed yet says that too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from generator import urls
from generator.model import Content, Untranslated
from generator.render.strings import Strings

NOTE_CLASS = "pathways-translation-note"
UNTRANSLATED_CLASS = "pathways-untranslated"
"""On the element around untranslated text: what tells the page to say so (another element in
another language, such as a language's name in a list of languages, is not untranslated)."""
_H1_RE = re.compile(r"^# .*$", re.MULTILINE)
_FRONT_RE = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def marked(render: Callable[..., str], block: bool) -> Callable[..., str]:
    """``render`` (a template filter), with untranslated text put inside an element in its own
    language: a ``div`` around Markdown blocks, a ``span`` inline."""

    def apply(text: Any, *args: Any, **kwargs: Any) -> str:
        out = render(text, *args, **kwargs)
        if not isinstance(text, Untranslated):
            return out
        mark = f'lang="{html.escape(text.language)}" class="{UNTRANSLATED_CLASS}"'
        if block:
            return f'<div {mark} markdown="1">\n\n{out}\n\n</div>'
        return f"<span {mark}>{out}</span>"

    return apply


def owners(content: Content) -> dict[str, tuple[str, str]]:
    """Each page's own object, as the translation names it: ``(kind, id)``."""
    found: dict[str, tuple[str, str]] = {}
    for p in content.pathways:
        found[urls.pathway_page(p.id)] = ("pathway", p.id)
    for s in content.supports:
        found[urls.support_page(s.id)] = ("support", s.id)
    for st in content.statutes:
        found[urls.statute_page(st.slug)] = ("statute", st.label)
    for page in content.pages:
        found[urls.content_page(page.slug)] = ("page", page.slug)
    found[urls.GLOSSARY_PAGE] = ("glossary", "glossary")
    found[urls.CHANGES_PAGE] = ("editions", "editions")
    return found


def _owner(path: str, own: Mapping[str, tuple[str, str]], content: Content) -> tuple[str, str]:
    if path in own:
        return own[path]
    for tree in content.trees:
        if path.startswith(urls.tree_dir(tree.id) + "/"):
            return ("tree", tree.id)
    return ("site", "site")


def with_translation_notes(
    files: Mapping[str, str | bytes], content: Content, strings: Strings
) -> dict[str, str | bytes]:
    """Every Markdown page of a translated edition, with a note under its title: that its
    translation awaits review, and that part of it is shown in the source language."""
    notes = content.translation
    if notes is None:
        return dict(files)
    own = owners(content)
    source_name = strings.table["language_names"].get(notes.source_language, "")
    marker = f'class="{UNTRANSLATED_CLASS}"'
    out: dict[str, str | bytes] = {}
    for path, text in files.items():
        if not (path.endswith(".md") and isinstance(text, str)):
            out[path] = text
            continue
        said = []
        if not notes.is_reviewed(*_owner(path, own, content)):
            said.append(strings("translation.unreviewed"))
        if marker in text:
            said.append(strings("translation.untranslated", language=source_name))
        out[path] = _with_note(text, said) if said else text
    return out


def _with_note(text: str, said: list[str]) -> str:
    lines = "\n".join(f"<p>{html.escape(line)}</p>" for line in said)
    note = f'\n<div class="{NOTE_CLASS}" role="note">\n{lines}\n</div>\n'
    title = _H1_RE.search(text)
    if title:
        return text[: title.end()] + "\n" + note + text[title.end() :]
    front = _FRONT_RE.match(text)
    at = front.end() if front else 0
    return text[:at] + note + "\n" + text[at:]
