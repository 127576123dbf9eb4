"""Skeleton translation files: the source's texts to translate, each marked ``todo: true``.

Like ``msginit``, a skeleton holds the text a translator replaces; unlike a finished
translation, each field is marked as not yet translated, so that a skeleton is never published
as if it were one. A file that exists is never written over.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.kinds import KINDS, TRANSLATED, Texts
from generator.model import Content
from generator.translate.read import FOLDERS, KEYS, REVIEWED
from generator.translate.texts import fingerprint
from generator.translate.walk import CONTENT_DIR
from generator.urls import EDITIONS_FILE


class _Fingerprint(str):
    """Written in quotes: eight digits unquoted would be a number to YAML."""


_STR = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    pass


FOLD_AT = 72
"""A text longer than this is written folded (``>-``), so that it wraps like prose."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    value = value.strip()
    if "\n" in value:
        return dumper.represent_scalar(_STR, value + "\n", style="|")
    return dumper.represent_scalar(_STR, value, style=">" if len(value) > FOLD_AT else None)


def _quoted(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, str(value), style='"')


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Fingerprint, _quoted)


def _leaf(text: str, body: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {} if body else {"text": text}
    out["source"] = _Fingerprint(fingerprint(text))
    out["todo"] = True
    return out


def skeleton(obj: Any, texts: Texts, page: bool = False) -> dict[str, Any]:
    """The translatable texts of ``obj`` as a translation file holds them, all to translate."""
    out: dict[str, Any] = {}
    for name in texts.fields:
        value = getattr(obj, name)
        if value is not None:
            out[name] = _leaf(value, body=page and name == "body")
    for name in texts.lists:
        out[name] = [_leaf(item) for item in getattr(obj, name)]
    for name in texts.named:
        words = dict(getattr(obj, name))
        if words:
            out[name] = {key: _leaf(text) for key, text in words.items()}
    for name, key, sub in texts.parts:
        children = {str(getattr(child, key)): skeleton(child, sub) for child in getattr(obj, name)}
        if children:
            out[name] = children
    return out


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        default_flow_style=False,
    )


def _header(language: str, source: str) -> str:
    return (
        f"# The '{language}' translation of {source}.\n"
        "# Replace each text: with its translation, keep its source: (the fingerprint of the\n"
        "# text it translates) and remove todo: true. Set reviewed: to the date a qualified\n"
        "# translator reviews it.\n"
    )


@dataclass(frozen=True)
class _File:
    path: str
    text: str


def _files(content: Content, language: str) -> list[_File]:
    base = f"{CONTENT_DIR}/{language}"
    out: list[_File] = []
    site = content.site
    meta: dict[str, Any] = {REVIEWED: False}

    def yaml_file(path: str, source: str, head: dict[str, Any], body: dict[str, Any]) -> None:
        out.append(_File(path, _header(language, source) + _dump({**head, **meta, **body})))

    yaml_file(f"{base}/site.yml", site.source.file, {}, skeleton(site, KINDS["site"].texts))
    by_kind: tuple[tuple[str, tuple[Any, ...]], ...] = (
        ("pathway", content.pathways),
        ("support", content.supports),
        ("statute", content.statutes),
        ("tree", content.trees),
    )
    for kind, objects in by_kind:
        for obj in objects:
            name = obj.slug if kind == "statute" else obj.id
            key = KEYS.get(kind, "id")
            value = obj.label if kind == "statute" else obj.id
            yaml_file(
                f"{base}/{FOLDERS[kind]}/{name}.yml",
                obj.source.file,
                {key: value},
                skeleton(obj, KINDS[kind].texts),
            )
    if content.terms:
        terms = {t.term: skeleton(t, KINDS["glossary"].texts.parts[0][2]) for t in content.terms}
        yaml_file(f"{base}/glossary.yml", content.terms[0].source.file, {}, {"terms": terms})
    if content.editions:
        texts = TRANSLATED["editions"].parts[0][2]
        editions = {str(e.date): skeleton(e, texts) for e in content.editions}
        yaml_file(f"{base}/editions.yml", EDITIONS_FILE, {}, {"editions": editions})
    for page in content.pages:
        front = _dump({**meta, **skeleton(page, KINDS["page"].texts, page=True)})
        text = f"---\n{_header(language, page.source.file)}{front}---\n{page.body.strip()}\n"
        out.append(_File(f"{base}/pages/{page.slug}.md", text))
    return out


def write_skeletons(root: Path, content: Content, language: str) -> tuple[list[str], list[str]]:
    """Write every translation file of ``language`` that does not exist yet.

    Returns the files written and the files that already existed, relative to ``root``."""
    written: list[str] = []
    kept: list[str] = []
    for item in _files(content, language):
        path = root / item.path
        if path.exists() or path.is_symlink():
            kept.append(item.path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(item.text)
        written.append(item.path)
    return written, kept
