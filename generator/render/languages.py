"""The site's languages as one language's pages link them: each language's site, where it
starts relative to this one's, and its absolute address when the site's address is known."""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.render.strings import load_strings


@dataclass(frozen=True)
class LanguageRoot:
    language: str
    name: str
    """The language's name in that language, as a link to it says it."""
    rel: str
    """From this language's root to that one's; a page's own address below it follows."""
    home: str | None
    """That root's absolute address, when the site's address is known."""
    current: bool


def language_roots(
    languages: tuple[str, ...] | list[str], language: str, base: str | None
) -> list[LanguageRoot]:
    """Every language's site as ``language``'s pages see it; ``base`` is the output's absolute
    address (ending in '/'), or None."""
    up = "../" * urls.language_root(languages, language).count("/")
    found = []
    for other in languages:
        root = urls.language_root(languages, other)
        found.append(
            LanguageRoot(
                other,
                str(load_strings(other)["language_name"]),
                up + root,
                base + root if base else None,
                other == language,
            )
        )
    return found
