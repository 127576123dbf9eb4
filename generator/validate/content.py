"""Read a content root into the model, collecting every problem on the way."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from generator import urls
from generator.citations import Citation, CitationError, SectionKey, parse_citation
from generator.errors import Location, Problem, Problems, relative_name
from generator.load import load_markdown_file, load_yaml_file
from generator.load.files import content_files, readable_file
from generator.load.nodes import Mapping, Node, Scalar
from generator.model import (
    CitationUse,
    Content,
    Page,
    Pathway,
    Site,
    Statute,
    Support,
    Term,
    Tree,
)
from generator.parallel import Child
from generator.translate.locales import locale_problem
from generator.validate.editions import make_editions, read_editions
from generator.validate.kinds import (
    GLOSSARY,
    PAGE,
    PATHWAY,
    SITE,
    STATUTE,
    SUPPORT,
    TREE,
)
from generator.validate.links import PageLinks, check_text_links, site_files
from generator.validate.names import (
    CASE_NOTE,
    check_ids,
    check_joined,
    check_page_names,
    check_statute_slugs,
    check_terms,
)
from generator.validate.prose import body_locator, check_prose, file_lines, scalar_locator
from generator.validate.redirects import check_former_ids, named, resolver
from generator.validate.spec import INVALID, Context, Spec, convert_mapping, did_you_mean
from generator.validate.trees import TREES_DIR, check_tree
from generator.validate.words import check_groups, check_words, ignored_warnings

CONTENT_DIR = "content"
T = TypeVar("T")
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class _Reader:
    root: Path
    problems: Problems
    uses: list[CitationUse] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)
    """Ids of files that failed to convert, so references to them do not add a second,
    misleading error."""
    broken_sections: set[SectionKey] = field(default_factory=set)
    """The same for statute entries, by the section they name."""

    def name(self, path: Path) -> str:
        return relative_name(path.as_posix(), self.root.as_posix())

    def read(self, path: Path, spec: Spec[Any]) -> tuple[dict[str, Any], Context] | None:
        node = load_yaml_file(path, self.root, self.problems)
        if node is None:
            return None
        ctx = Context(self.problems, file=self.name(path))
        values = convert_mapping(node, spec, ctx)
        if values is INVALID:
            self._remember_broken(spec.kind, node)
            return None, ctx  # type: ignore[return-value]
        return values, ctx

    def _remember_broken(self, kind: str, node: Node) -> None:
        if not isinstance(node, Mapping):
            return
        key = node.get("citation" if kind == "statute" else "id")
        if not isinstance(key, Scalar) or not isinstance(key.value, str):
            return
        if kind == "statute":
            with contextlib.suppress(CitationError):
                self.broken_sections.add(parse_citation(key.value).section_key)
        else:
            self.broken.setdefault(kind, set()).add(key.value.strip())

    def prose(self, ctx: Context, kind: str, owner: str, file: Path) -> None:
        """Check every prose field read into ``ctx`` and record the citations in it."""

        lines = file_lines(file)
        for path, node in ctx.texts:
            text = node.value if isinstance(node.value, str) else ""
            locate = scalar_locator(node, lines)
            found = check_prose(text, path, locate, self.problems)
            if path.endswith("review_note"):
                continue  # Notes for editors are checked but are not published citations.
            check_text_links(text, path, locate, self.problems)
            for f in found:
                self.uses.append(CitationUse(f.citation, kind, owner, path, f.location))

    def listed(self, citations: Iterable[Citation], kind: str, owner: str, ctx: Context) -> None:
        for i, citation in enumerate(citations):
            path = f"citations[{i}]"
            loc = ctx.locs.get(path, Location("?", 1, 1))
            self.uses.append(CitationUse(citation, kind, owner, path, loc, listed=True))


def _files(reader: _Reader, folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return content_files(folder, reader.root, suffixes, reader.problems)


def read_content(
    root: Path, problems: Problems, today: dt.date | None = None, translations: bool = True
) -> Content | None:
    """Load and validate everything under ``root/content``; None when there are errors.

    With ``translations``, each other language the site declares is read from
    ``content/<language>/`` too (``Content.for_language``)."""
    content_dir = root / CONTENT_DIR
    if not content_dir.is_dir():
        problems.error(
            "no-content",
            Location(CONTENT_DIR, 1, 1),
            f"the content folder '{CONTENT_DIR}/' is missing from {root}",
        )
        return None
    reader = _Reader(root, problems)
    site = _read_site(reader, content_dir / "site.yml")
    supports = _read_all(reader, content_dir / "supports", SUPPORT)
    pathways = _read_all(reader, content_dir / "pathways", PATHWAY)
    statutes = _read_all(reader, content_dir / "statutes", STATUTE)
    terms = _read_glossary(reader, content_dir / "glossary.yml")
    pages = _read_pages(reader, content_dir / "pages")
    trees = _read_trees(reader, supports, pathways)
    editions_file = root / urls.EDITIONS_FILE
    editions_read = read_editions(editions_file, root, problems)

    _unique(problems, "id", [(s.id, s.source.at("id")) for s in supports])
    _unique(problems, "id", [(p.id, p.source.at("id")) for p in pathways])
    _unique(problems, "tree id", [(t.id, t.source.at("id")) for t in trees])
    if site is not None:
        _check_program(reader, site, supports)
    _unique(problems, "citation", [(s.label, s.source.at("citation")) for s in statutes])
    _unique(
        problems, "term", [(t.term, t.source.at(f"terms[{i}].term")) for i, t in enumerate(terms)]
    )
    check_terms(problems, terms)
    check_ids(problems, pathways, supports)
    check_statute_slugs(problems, statutes)
    check_joined(problems, pathways, supports, pages, trees)
    _check_refs(
        problems,
        pathways,
        {s.id for s in supports} | reader.broken.get("support", set()),
        {p.id for p in pathways} | reader.broken.get("pathway", set()),
    )
    _check_citations(problems, reader.uses, statutes, reader.broken_sections)
    by_kind = named(pathways, supports, statutes, pages, trees)
    check_former_ids(problems, by_kind, reader.broken)
    editions = make_editions(
        editions_read,
        reader.name(editions_file),
        problems,
        site,
        {kind: resolver(items) for kind, items in by_kind.items()},
        reader.broken,
        today or dt.date.today(),
    )
    _check_statute_urls(problems, statutes)
    page_links = PageLinks(
        problems, site_files(pathways, supports, statutes, terms, pages, trees), pages, terms
    )
    for page in pages:
        page_links.check(page)
    if site is not None:
        _check_language(problems, site)
        _check_freshness(
            problems, site, [*pathways, *supports, *statutes, *pages], today or dt.date.today()
        )

    if problems.errors or site is None:
        return None
    by_key = {s.key: s for s in statutes}
    content = Content(
        site=site,
        pathways=tuple(sorted(pathways, key=lambda p: (p.order, p.title))),
        supports=tuple(sorted(supports, key=partial(_support_order, site))),
        statutes=tuple(sorted(statutes, key=lambda s: s.citation.sort_key)),
        terms=tuple(sorted(terms, key=lambda t: t.term.lower())),
        pages=tuple(sorted(pages, key=lambda p: (p.order, p.title))),
        uses=tuple(u for u in reader.uses if u.citation.section_key in by_key),
        trees=tuple(sorted(trees, key=lambda t: t.id)),
        editions=editions,
    )
    if not translations or len(site.languages) < 2:
        return content
    # Read once the source is known to be sound: a translation takes everything but its
    # texts from it. Imported here because translations are checked with this package's own
    # field declarations and prose checks.
    from generator.translate.read import read_translation

    others = {
        language: read_translation(root, content, language, problems).content
        for language in site.languages[1:]
    }
    return None if problems.errors else replace(content, translations=others)


def _read_site(reader: _Reader, path: Path) -> Site | None:
    if not readable_file(path, reader.root, reader.problems):
        reader.problems.error(
            "missing-file", Location(reader.name(path), 1, 1), "site settings file is missing"
        )
        return None
    result = reader.read(path, SITE)
    if result is None:
        return None
    values, ctx = result
    reader.prose(ctx, "site", "site", path)
    if values is None:
        return None
    _languages(reader, values, ctx.locs)
    return SITE.make(values, ctx)


def _languages(reader: _Reader, values: dict[str, Any], locs: dict[str, Location]) -> None:
    """``languages``, or the older one-language ``language``, the content's own first."""
    language, languages = values["language"], values["languages"]
    if language is not None and languages is not None:
        reader.problems.error(
            "both-languages",
            locs["language"],
            f"give the site's languages once: 'languages: [{', '.join(languages)}]' names the "
            "language the content is written in first, so remove 'language'",
            "language",
        )
    if languages is None:
        languages = (language or "en",)
    values["languages"] = tuple(languages)
    values["language"] = languages[0]
    values["partial_translation"] = bool(values["partial_translation"])


def _check_program(reader: _Reader, site: Site, supports: list[Support]) -> None:
    """The program's words and support groups, against the kinds of support that name them."""
    check_words(reader.problems, site)
    check_groups(reader.problems, site, supports, reader.broken.get("support", set()))
    reader.problems.ignore(ignored_warnings(reader.problems, site))


def _support_order(site: Site, support: Support) -> tuple[int, int, str]:
    """Supports in their groups' order, then each group's own."""
    groups = [g.id for g in site.support_groups]
    return (groups.index(support.group), support.order, support.title)


SPLIT_FILES = 200
"""From this many files of one kind on, a forked child reads the second half."""


def _read_all(reader: _Reader, folder: Path, spec: Spec[T]) -> list[T]:
    paths = _files(reader, folder, YAML_SUFFIXES)
    if len(paths) < SPLIT_FILES:
        return _read_files(reader, paths, spec)
    half = len(paths) // 2
    with Child(partial(_read_share, reader.root, paths[half:], spec)) as child:
        out = _read_files(reader, paths[:half], spec)
        items, share = child.result()
    # Joined in file order, as if one process had read them all.
    reader.problems.extend(share.problems)
    reader.uses.extend(share.uses)
    for kind, ids in share.broken.items():
        reader.broken.setdefault(kind, set()).update(ids)
    reader.broken_sections |= share.broken_sections
    return out + items


def _read_share(root: Path, paths: list[Path], spec: Spec[T]) -> tuple[list[T], _Reader]:
    share = _Reader(root, Problems())
    return _read_files(share, paths, spec), share


_Kept = tuple[Any, list[Problem], list[CitationUse], dict[str, set[str]], set[SectionKey]]
_kept: dict[tuple[str, str, int, int], _Kept] | None = None


def keep_reads() -> None:
    """Keep what each file read to, for as long as its time and size stay the same.

    For ``pathways serve``: an edit changes one file, and reading and checking the thousand
    others again took most of a second at 1,000 pathways. What a file reads to depends on its
    bytes alone; checks across files are made afresh each time."""
    global _kept
    _kept = {}


def _read_files(reader: _Reader, paths: list[Path], spec: Spec[T]) -> list[T]:
    out = []
    for path in paths:
        item = (
            _read_kept(reader, path, spec) if _kept is not None else _read_file(reader, path, spec)
        )
        if item is not None:
            out.append(item)
    return out


def _read_kept(reader: _Reader, path: Path, spec: Spec[T]) -> T | None:
    assert _kept is not None
    try:
        stat = path.stat()
    except OSError:
        return _read_file(reader, path, spec)
    key = (str(path), spec.kind, stat.st_mtime_ns, stat.st_size)
    kept = _kept.get(key)
    if kept is None:
        one = _Reader(reader.root, Problems())
        found = _read_file(one, path, spec)
        kept = (found, one.problems.items, one.uses, one.broken, one.broken_sections)
        _kept[key] = kept
    item, problems, uses, broken, sections = kept
    reader.problems.extend(problems)
    reader.uses.extend(uses)
    for kind, ids in broken.items():
        reader.broken.setdefault(kind, set()).update(ids)
    reader.broken_sections |= sections
    return cast("T | None", item)


def _read_file(reader: _Reader, path: Path, spec: Spec[T]) -> T | None:
    result = reader.read(path, spec)
    if result is None:
        return None
    values, ctx = result
    owner = values["id"] if values and "id" in values else path.stem
    kind = spec.kind
    if values is not None and spec is STATUTE:
        owner = values["citation"].canonical
    reader.prose(ctx, kind, owner, path)
    if values is None:
        return None
    reader.listed(values.get("citations") or (), kind, owner, ctx)
    return spec.make(values, ctx)


def _read_trees(reader: _Reader, supports: list[Support], pathways: list[Pathway]) -> list[Tree]:
    support_ids = {s.id for s in supports} | reader.broken.get("support", set())
    pathway_ids = {p.id for p in pathways} | reader.broken.get("pathway", set())
    trees = []
    for path in _files(reader, reader.root / TREES_DIR, YAML_SUFFIXES):
        result = reader.read(path, TREE)
        if result is None:
            continue
        values, ctx = result
        owner = values["id"] if values else path.stem
        reader.prose(ctx, "tree", owner, path)
        if values is None:
            continue
        tree = TREE.make(values, ctx)
        check_tree(tree, reader.problems, pathway_ids, support_ids)
        trees.append(tree)
    if trees and not reader.problems.errors:
        reached = {p for t in trees for o in t.outcomes for p in o.pathways}
        for p in pathways:
            if p.id not in reached:
                reader.problems.warning(
                    "unreached-pathway",
                    p.source.at("id"),
                    f"no path through any decision tree reaches pathway '{p.id}'",
                    "id",
                )
    return trees


def _read_glossary(reader: _Reader, path: Path) -> list[Term]:
    if not readable_file(path, reader.root, reader.problems):
        return []
    result = reader.read(path, GLOSSARY)
    if result is None:
        return []
    values, ctx = result
    reader.prose(ctx, "glossary", "glossary", path)
    if values is None:
        return []
    return list(GLOSSARY.make(values, ctx).terms)


def _read_pages(reader: _Reader, folder: Path) -> list[Page]:
    pages = []
    paths = _files(reader, folder, (".md",))
    check_page_names(reader.problems, [(reader.name(path), path.stem) for path in paths])
    _check_home_page(reader, folder, paths)
    for path in paths:
        page = load_markdown_file(path, reader.root, reader.problems)
        name = reader.name(path)
        if page is None:
            continue
        if page.meta is None:
            reader.problems.error(
                "missing",
                Location(name, 1, 1),
                "a page starts with front matter: '---', title: and last_reviewed:, '---'",
            )
            continue
        ctx = Context(reader.problems, file=name)
        values = convert_mapping(page.meta, PAGE, ctx)
        locate = body_locator(name, page.body_line, page.body)
        for found in check_prose(page.body, "", locate, reader.problems):
            reader.uses.append(
                CitationUse(found.citation, "page", path.stem, "body", found.location)
            )
        if values is INVALID:
            continue
        pages.append(
            PAGE.make(values, ctx, slug=path.stem, body=page.body, body_line=page.body_line)
        )
    return pages


def _check_home_page(reader: _Reader, folder: Path, paths: list[Path]) -> None:
    if not any(path.stem == urls.INDEX for path in paths):
        reader.problems.error(
            "missing-file",
            Location(reader.name(folder / urls.HOME_PAGE), 1, 1),
            "the home page's text is missing: every page links to the home page",
        )


def _unique(problems: Problems, what: str, items: list[tuple[str, Location]]) -> None:
    first: dict[str, tuple[str, Location]] = {}
    for value, loc in items:
        if value.casefold() not in first:
            first[value.casefold()] = (value, loc)
            continue
        same, other = first[value.casefold()]
        if same == value:
            message = f"duplicate {what} '{value}' (also at {other})"
        else:
            message = (
                f"{what} '{value}' differs only in case from '{same}' (at {other}): {CASE_NOTE}"
            )
        problems.error("duplicate-id", loc, message, what)


def _check_refs(
    problems: Problems, pathways: list[Pathway], supports: set[str], pathway_ids: set[str]
) -> None:
    for p in pathways:
        for i, ref in enumerate(p.supports):
            if ref not in supports:
                path = f"supports[{i}]"
                problems.error(
                    "unknown-ref",
                    p.source.at(path),
                    f"'{ref}' is not a defined support{did_you_mean(ref, sorted(supports))}",
                    path,
                )
        for i, ref in enumerate(p.related_pathways):
            path = f"related_pathways[{i}]"
            if ref not in pathway_ids:
                problems.error(
                    "unknown-ref",
                    p.source.at(path),
                    f"'{ref}' is not a defined pathway{did_you_mean(ref, sorted(pathway_ids))}",
                    path,
                )
            elif ref == p.id:
                problems.error(
                    "self-ref", p.source.at(path), "a pathway cannot be related to itself", path
                )


def _check_citations(
    problems: Problems, uses: list[CitationUse], statutes: list[Statute], broken: set[SectionKey]
) -> None:
    known = {s.key for s in statutes}
    for use in uses:
        if use.citation.section_key in known or use.citation.section_key in broken:
            continue
        whole = use.citation.whole
        labels = [s.label for s in statutes if s.citation.code == whole.code]
        registry = (
            f"{use.citation.canonical} cites {whole.canonical}, which is not in the statute "
            f"registry (content/statutes/)"
        )
        path = use.field if use.kind != "page" else ""
        # A citation list names the law a page rests on, which must have a page of its own;
        # prose may mention any section, and still links it where its source has an address.
        code = "unknown-section"
        if use.listed:
            code, report, consequence = "unknown-statute", problems.error, ""
        elif whole.url is None:
            report, consequence = (
                problems.warning,
                (
                    f", and the {whole.source.name} has no standard address for a section: it is "
                    "shown without a link until a statute entry gives its url"
                ),
            )
        else:
            report = problems.warning
            consequence = ": it links to its official text but has no page in this guide"
        suggestion = did_you_mean(whole.canonical, labels)
        report(code, use.location, f"{registry}{consequence}{suggestion}", path)
    # A statute's own summary citing itself does not make it cited.
    cited = {
        u.citation.section_key
        for u in uses
        if not (u.kind == "statute" and u.owner_id == u.citation.whole.canonical)
    }
    for s in statutes:
        if s.key not in cited:
            problems.warning(
                "uncited",
                s.source.at("citation"),
                f"{s.label} is in the registry but nothing cites it",
            )


def _check_language(problems: Problems, site: Site) -> None:
    # Every word of the interface comes from the locale: without one, or with words missing
    # from it, the pages would be in English while telling browsers and screen readers they
    # are in another language.
    for i, language in enumerate(site.languages):
        path = f"languages[{i}]" if "languages" in site.source.locs else "language"
        problem = locale_problem(language)
        if problem is not None:
            problems.error("unknown-language", site.source.at(path), problem, path)


def _check_statute_urls(problems: Problems, statutes: list[Statute]) -> None:
    """An address is given only where a source has no standard one, and then it is needed."""
    for s in statutes:
        official = s.citation.url
        if s.given_url is not None and official is not None:
            problems.error(
                "url-not-needed",
                s.source.at("url"),
                f"{s.label} links to its official text by itself ({official}); url: is only for "
                "sources without a standard address, such as the California Code of Regulations",
                "url",
            )
        elif s.given_url is None and official is None:
            problems.warning(
                "no-url",
                s.source.at("citation"),
                f"the {s.citation.source.name} has no standard address for a section: give this "
                f"entry a url: of {s.label}'s official text, or its citations are shown "
                "without a link",
                "citation",
            )


def _check_freshness(problems: Problems, site: Site, items: list[Any], today: dt.date) -> None:
    limit = dt.timedelta(days=site.review_interval_days)
    for item in items:
        if today - item.last_reviewed > limit:
            problems.warning(
                "stale",
                item.source.at("last_reviewed"),
                f"last reviewed {item.last_reviewed.isoformat()}, "
                f"more than {site.review_interval_days} days ago",
                "last_reviewed",
            )
        if isinstance(item, Statute) and today - item.text_checked > limit:
            problems.warning(
                "stale",
                item.source.at("text_checked"),
                f"checked against the official text {item.text_checked.isoformat()}, more than "
                f"{site.review_interval_days} days ago",
                "text_checked",
            )
