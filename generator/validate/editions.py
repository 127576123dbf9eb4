"""``content/editions.yml``: the record of published editions, newest first.

The newest edition is the one the site is: its date must be ``edition`` in ``content/site.yml``
(the handbook's cover and the open data give that date), and no edition may be dated after the
build, since the feed would announce it before it exists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.errors import Problems, relative_name
from generator.load import load_yaml_file
from generator.load.files import readable_file
from generator.model import Changed, Edition, Site, Source
from generator.validate.kinds import EDITIONS
from generator.validate.links import check_text_links
from generator.validate.prose import check_prose, file_lines, scalar_locator
from generator.validate.spec import INVALID, Context, convert_mapping, did_you_mean

# The kinds an edition names, each with its field under ``changed`` and how its message says it.
_KINDS = {
    "pathways": ("pathway", "a defined pathway"),
    "supports": ("support", "a defined kind of support"),
    "statutes": ("statute", "a statute page"),
    "trees": ("tree", "a defined decision tree"),
    "pages": ("page", "a hand-written page"),
}


def read_editions(path: Path, root: Path, problems: Problems) -> tuple[Any, Context] | None:
    """The editions file's values, with the context that locates them; None without one."""
    if not readable_file(path, root, problems):
        return None
    node = load_yaml_file(path, root, problems)
    if node is None:
        return None
    ctx = Context(problems, file=relative_name(path.as_posix(), root.as_posix()))
    values = convert_mapping(node, EDITIONS, ctx)

    lines = file_lines(path)
    # The notes are published as prose: citations and links in them are checked as anywhere.
    for field_path, scalar in ctx.texts:
        text = scalar.value if isinstance(scalar.value, str) else ""
        locate = scalar_locator(scalar, lines)
        check_prose(text, field_path, locate, problems)
        check_text_links(text, field_path, locate, problems)
    return values, ctx


def make_editions(
    read: tuple[Any, Context] | None,
    name: str,
    problems: Problems,
    site: Site | None,
    names: Mapping[str, Mapping[str, str]],
    broken: Mapping[str, set[str]],
    today: dt.date,
) -> tuple[Edition, ...]:
    """The editions, newest first, each naming what it changed by current ids.

    ``names`` gives, for each kind, every id an item answers to (former ids too) with its
    current one; ``broken`` the ids of files that failed to read, which are not reported again.
    """
    if read is None:
        return ()
    values, ctx = read
    if values is INVALID:
        return ()
    source = Source(name, ctx.locs)
    editions: list[Edition] = []
    written: tuple[Edition, ...] = EDITIONS.make(values, ctx).editions
    for i, raw in enumerate(written):
        changed: dict[str, tuple[str, ...]] = {}
        for field, (kind, what) in _KINDS.items():
            known = names.get(kind, {})
            found: list[str] = []
            for j, ref in enumerate(getattr(raw.changed, field)):
                path = f"editions[{i}].changed.{field}[{j}]"
                if ref in known:
                    found.append(known[ref])
                elif ref not in broken.get(kind, set()):
                    hint = did_you_mean(ref, sorted(known))
                    problems.error(
                        "unknown-ref", source.at(path), f"'{ref}' is not {what}{hint}", path
                    )
            changed[field] = tuple(dict.fromkeys(found))
        editions.append(dataclasses.replace(raw, changed=Changed(**changed), index=i))
    _check_dates(problems, editions, site, today)
    return tuple(editions)


def _check_dates(
    problems: Problems, editions: list[Edition], site: Site | None, today: dt.date
) -> None:
    for above, edition in zip([None, *editions], editions, strict=False):
        path = f"editions[{edition.index}].date"
        loc = edition.source.at(path)
        day = edition.date.isoformat()
        if edition.date > today:
            problems.error(
                "future-edition",
                loc,
                f"{day} is after today ({today.isoformat()}): the feed would announce an "
                "edition before it is published",
                path,
            )
        if above is not None and edition.date >= above.date:
            problems.error(
                "edition-order",
                loc,
                f"{day} is not earlier than the edition above it ({above.date.isoformat()}): "
                "list editions newest first, one per day",
                path,
            )
    if site is None or not editions or editions[0].date == site.edition:
        return
    newest = editions[0]
    at = newest.source.at(f"editions[{newest.index}].date")
    problems.error(
        "edition-mismatch",
        site.source.at("edition"),
        f"{site.edition.isoformat()} is not the newest edition in {at.file} "
        f"({newest.date.isoformat()}, at {at}): the site is its newest edition; give both the "
        "same date",
        "edition",
    )
