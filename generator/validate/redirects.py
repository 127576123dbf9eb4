"""Former ids: each names an address that now redirects, so it must be free for the redirect.

A former id shares its folder with the current ids of its kind (a pathway's old page sits
beside the other pathways' pages), so it may not be one of them, another item's former id, or a
name the generator writes there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator import urls
from generator.errors import Location, Problems
from generator.model import Page, Pathway, Statute, Support, Tree

Item = Pathway | Support | Statute | Page | Tree


@dataclass(frozen=True)
class Named:
    """One item of content as its folder names it: its kind, its current name and where it is."""

    kind: str
    name: str
    item: Item

    @property
    def loc(self) -> Location:
        if isinstance(self.item, Statute):
            return self.item.source.at("citation")
        if isinstance(self.item, Page):
            return Location(self.item.source.file)
        return self.item.source.at("id")

    @property
    def what(self) -> str:
        if isinstance(self.item, Statute):
            return f"statute {self.item.label}"
        return f"{self.kind} '{self.name}'"

    @property
    def name_word(self) -> str:
        """What content calls this kind's name in an address."""
        return {"statute": "page name", "page": "name"}.get(self.kind, "id")


def named(
    pathways: Iterable[Pathway],
    supports: Iterable[Support],
    statutes: Iterable[Statute],
    pages: Iterable[Page],
    trees: Iterable[Tree],
) -> dict[str, list[Named]]:
    """Every item with a page, by the kind whose folder it shares."""
    return {
        "pathway": [Named("pathway", p.id, p) for p in pathways],
        "support": [Named("support", s.id, s) for s in supports],
        "statute": [Named("statute", s.slug, s) for s in statutes],
        "page": [Named("page", p.slug, p) for p in pages],
        "tree": [Named("tree", t.id, t) for t in trees],
    }


def resolver(items: list[Named]) -> dict[str, str]:
    """Every name an item of one kind answers to, current or former, with its current name."""
    out: dict[str, str] = {}
    for n in items:
        for old in n.item.former_ids:
            out.setdefault(old, n.name)
    for n in items:
        out[n.name] = n.name
    return out


# The index page of each section shares the folder of its items' pages.
_SECTION_INDEX = {
    "statute": f"{urls.section_index(urls.STATUTES_DIR)}, the list of all sections",
}


def _reserved(kind: str, name: str) -> str | None:
    if kind == "tree":
        return None  # a tree's old folder holds its own pages only
    return urls.reserved_by(kind, name) or (
        _SECTION_INDEX.get(kind) if name == urls.INDEX else None
    )


def check_former_ids(
    problems: Problems,
    by_kind: Mapping[str, list[Named]],
    broken: Mapping[str, set[str]],
) -> None:
    """A located error for each former id that is taken, by a current name, another former id
    or the generator; ``broken`` holds the ids of files that failed to read, still taken."""
    for kind, items in by_kind.items():
        current = {n.name: n for n in items}
        former: dict[str, tuple[Named, Location]] = {}
        for n in items:
            for i, old in enumerate(n.item.former_ids):
                path = f"former_ids[{i}]"
                loc = n.item.source.at(path)
                other = current.get(old)
                taken = former.get(old)
                reserved = _reserved(kind, old)
                if other is n:
                    message = (
                        f"'{old}' is this {kind}'s own {n.name_word}: a former id is an earlier one"
                    )
                elif other is not None:
                    message = (
                        f"'{old}' is the {other.name_word} of {other.what} (at {other.loc}): "
                        "its page would be replaced by a redirect; remove it here or rename "
                        "that one"
                    )
                elif old in broken.get(kind, set()):
                    message = (
                        f"'{old}' is the {n.name_word} of another {kind}, whose file has errors"
                    )
                elif taken is not None:
                    message = (
                        f"'{old}' is also a former id of {taken[0].what} (at {taken[1]}): its old "
                        "address can redirect to only one page"
                    )
                elif reserved is not None:
                    message = (
                        f"'{old}' is a name the generator uses for {reserved}: a redirect "
                        "cannot take its place"
                    )
                else:
                    former[old] = (n, loc)
                    continue
                problems.error("former-id-taken", loc, message, path)
