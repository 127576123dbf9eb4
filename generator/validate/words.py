"""Checks of a program's own words and support groups, which only make sense together with the
rest of the content."""

from __future__ import annotations

from collections.abc import Iterable

from generator.errors import Problems
from generator.model import Site, Support
from generator.validate.spec import did_you_mean
from generator.vocabulary import COUNT, COUNT_CAPITAL, WORD_BY_NAME


def check_words(problems: Problems, site: Site) -> None:
    """A ``{count}`` only where the word has something to count: elsewhere it would be printed
    as written."""
    for name, text in site.words.items():
        if WORD_BY_NAME[name].counts is None and (COUNT in text or COUNT_CAPITAL in text):
            path = f"words.{name}"
            problems.error(
                "nothing-to-count",
                site.source.at(path),
                f"{COUNT} stands for a number, and this word has none to show; write it without",
                path,
            )


def check_groups(
    problems: Problems, site: Site, supports: Iterable[Support], broken: set[str]
) -> None:
    """Every kind of support names a group the site lists; a group with none is left out."""
    ids = [g.id for g in site.support_groups]
    for i, group in enumerate(site.support_groups):
        first = ids.index(group.id)
        if first < i:
            path = f"support_groups[{i}].id"
            problems.error(
                "duplicate-id",
                site.source.at(path),
                f"duplicate support group id '{group.id}' (also at "
                f"{site.source.at(f'support_groups[{first}].id')})",
                path,
            )
    used: set[str] = set()
    misnamed = False
    for s in supports:
        used.add(s.group)
        if s.group in ids:
            continue
        misnamed = True
        if ids:
            message = (
                f"'{s.group}' is not one of the support_groups in {site.source.file}"
                f"{did_you_mean(s.group, ids)}"
            )
        else:
            message = (
                f"'{s.group}' is not a support group: {site.source.file} has no support_groups; "
                "add one with this id and a title"
            )
        problems.error("unknown-group", s.source.at("group"), message, "group")
    if broken or misnamed:
        return  # The group may be the one a misspelt or unreadable support meant.
    for i, group in enumerate(site.support_groups):
        if group.id not in used:
            path = f"support_groups[{i}].id"
            problems.warning(
                "empty-group",
                site.source.at(path),
                f"no kind of support names '{group.id}' as its group, so the site leaves the "
                "group out",
                path,
            )


def ignored_warnings(problems: Problems, site: Site) -> frozenset[str]:
    """The warning codes the site turns off; naming an error, or no code at all, is an error."""
    from generator.codes import CODES, warning_codes

    found: set[str] = set()
    for i, name in enumerate(site.ignore_warnings or ()):
        path = f"ignore_warnings[{i}]"
        known = CODES.get(name)
        if known is None:
            message = f"'{name}' is not a problem code{did_you_mean(name, warning_codes())}"
        elif known.severity == "error":
            message = f"'{name}' is an error, and errors cannot be turned off"
        else:
            found.add(name)
            continue
        problems.error("unknown-code", site.source.at(path), message, path)
    return frozenset(found)
