"""``pathways build``: check, generate, run the engine, and swap the new site in whole."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator import urls
from generator.addresses import site_address_problem
from generator.build.config import engine_config, own_overrides, site_config, write_config
from generator.build.engine import (
    DEFAULT_ENGINE,
    engine_site_dir,
    links_from_source,
    require_engine,
    run_engine,
)
from generator.build.files import recover, replace_folder, sync_tree, write_files
from generator.build.linkcheck import check_links
from generator.build.nav import site_nav
from generator.build.output import (
    LOCK_NAME,
    LOCK_SUFFIX,
    check_replaceable,
    claim_generated_folder,
    exclusive,
    finish_output,
    output_target,
    start_staging,
)
from generator.build.pdf import HandbookFiles, handbook_files
from generator.build.publish import publish_output, warn_local_address
from generator.build.theme import OVERRIDES_OUT, overrides_files
from generator.errors import BuildError, ContentError, Problems, UsageError
from generator.model import Content
from generator.parallel import Child, collector_paused
from generator.render.changes import changes_files
from generator.render.data import data_files
from generator.render.embed import embed_files, site_base
from generator.render.feed import FEED, feed_files
from generator.render.handbook import with_handbook_links
from generator.render.languages import language_roots
from generator.render.pages import PageRenderer
from generator.render.preview import PREVIEW_SCRIPT, preview_files
from generator.render.publish import ROBOTS, robots_txt, sitemap_files
from generator.render.redirects import redirect_files
from generator.render.source_links import pages_links_from_source
from generator.render.theme import theme_files
from generator.render.translation_notes import with_translation_notes
from generator.render.tree import TreePages
from generator.validate import read_content
from generator.validate.schemas import schema_files

GENERATED_DIR = "build"


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path | str
    """As given: an empty string is refused, not read as the current folder."""
    site_url: str | None = None
    pdf: bool = True
    today: dt.date | None = None
    engine: str = DEFAULT_ENGINE


@dataclass
class LanguageSite:
    """One language's site: generated into its own docs folder and built by its own engine run
    (its own menu, search index and theme language) into ``folder`` of the output."""

    language: str
    folder: str
    """Where it goes inside the output: "" for the content's own language, else ``es/``."""
    docs_dir: Path
    config_file: Path
    handbook_pages: int | None = None
    handbook_later: Child[HandbookFiles] | None = None
    pages_md: list[str] = field(default_factory=list)


@dataclass
class Generated:
    content: Content
    problems: Problems
    docs_dir: Path
    config_file: Path
    written: list[str] = field(default_factory=list)
    site_url: str | None = None
    handbook_pages: int | None = None
    handbook_later: Child[HandbookFiles] | None = None
    """With ``handbook_aside``: the handbook, still being made, for the output after the engine."""
    after_engine: dict[str, str | bytes] = field(default_factory=dict)
    """Files the build puts over the engine's own (the sitemap, with each page's date)."""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """Warnings about the command line's values, which have no place in a file."""
    sites: list[LanguageSite] = field(default_factory=list)
    """Each language's site, the content's own language first."""


def check(root: Path, today: dt.date | None = None) -> tuple[Content | None, Problems]:
    """Load and validate everything; the content is None when there are errors."""
    problems = Problems()
    content = read_content(root, problems, today)
    site_config(root, problems)
    if problems.errors:
        content = None
    return content, problems


def generate(
    root: Path,
    out: Path,
    site_url: str | None = None,
    today: dt.date | None = None,
    pdf: bool = False,
    *,
    handbook_aside: bool = False,
    engine: str = DEFAULT_ENGINE,
    preview: bool = False,
    preview_language: str | None = None,
) -> Generated:
    """Check, then write the Markdown, assets and engine configuration under ``root/build``.

    With ``pdf`` the handbook and its PDF are made beside the pages, so that every page can give
    the PDF's number of pages. Without, pages link to the handbook's print-ready HTML page, and
    with ``handbook_aside`` that page is made while the engine runs (``handbook_later``): the
    engine only copies it, so it joins the output afterwards instead of the docs folder.

    The configuration is written for ``engine``; ``out`` is where MkDocs builds by it (Zensical
    builds into its own folder inside ``root/build``). A ``preview`` adds the banner that shows
    content errors (``pathways serve``), in one of the site's languages, ``preview_language``
    (the content's own by default)."""
    with collector_paused():
        aside = handbook_aside and not pdf
        return _generate(root, out, site_url, today, pdf, aside, engine, preview, preview_language)


def _law_tree_and_embed_files(
    content: Content,
    renderer: PageRenderer,
    site_url: str | None,
    editions: dict[str, Content] | None = None,
) -> tuple[dict[str, str], dict[str, str | bytes]]:
    law_pages = renderer.law_pages()
    files: dict[str, str | bytes] = {}
    tree_pages = TreePages(renderer)
    for tree in content.trees:
        files.update(tree_pages.files(tree))
    files.update(embed_files(content, renderer, site_url, editions))
    return law_pages, files


def _generate(
    root: Path,
    out: Path,
    site_url: str | None,
    today: dt.date | None,
    pdf: bool,
    aside: bool,
    engine: str,
    preview: bool,
    preview_language: str | None = None,
) -> Generated:
    if site_url is not None and (problem := site_address_problem(site_url)):
        raise UsageError(f"--site-url: {problem}")
    problems = Problems()
    content = read_content(root, problems, today)
    base, base_dir = site_config(root, problems)
    if content is None or problems.errors:
        raise ContentError(problems)
    site_url = site_url or base.get("site_url")
    generated = root / GENERATED_DIR
    claim_generated_folder(generated)
    overrides_dir = generated / OVERRIDES_OUT
    sync_tree(overrides_dir, overrides_files(own_overrides(base, base_dir)))
    languages = content.site.languages
    if preview_language is not None and preview_language not in languages:
        raise UsageError(
            f"--language '{preview_language}' is not one of the site's languages "
            f"({', '.join(languages)})"
        )
    if preview:
        # A preview shows one language (``serve --language``), in the folders the engine's
        # server reads.
        languages = (preview_language or languages[0],)
    sites: list[LanguageSite] = []
    written: list[str] = []
    for language in languages:
        folder = urls.language_root(content.site.languages, language)
        own = not folder or preview
        site = LanguageSite(
            language,
            folder,
            generated / ("docs" if own else f"docs-{language}"),
            generated / ("mkdocs.yml" if own else f"mkdocs-{language}.yml"),
        )
        written += _generate_language(
            content.for_language(language),
            site,
            base=base,
            base_dir=base_dir,
            out=out / folder if folder and not preview else out,
            site_url=site_url,
            pdf=pdf,
            aside=aside,
            engine=engine,
            preview=preview,
            overrides_dir=overrides_dir,
            generated=generated,
            # Each language's embed page offers the others built beside it.
            editions={other: content.for_language(other) for other in languages},
        )
        sites.append(site)
    source = sites[0]
    result = Generated(
        content,
        problems,
        source.docs_dir,
        source.config_file,
        written,
        site_url,
        source.handbook_pages,
        source.handbook_later,
        sites=sites,
    )
    directory_urls = bool(base.get("use_directory_urls", True))
    address = site_base(site_url) if site_url else "/"
    result.after_engine.update(
        sitemap_files(
            [(content.for_language(s.language), s.folder, s.pages_md) for s in sites],
            address,
            directory_urls,
        )
    )
    return result


def _generate_language(
    content: Content,
    site: LanguageSite,
    *,
    base: dict[str, Any],
    base_dir: Path,
    out: Path,
    site_url: str | None,
    pdf: bool,
    aside: bool,
    engine: str,
    preview: bool,
    overrides_dir: Path,
    generated: Path,
    editions: dict[str, Content] | None = None,
) -> list[str]:
    """Write one language's Markdown, assets and engine configuration; what was written."""
    source = not site.folder
    source_url = site_url
    if site_url and site.folder:
        site_url = site_base(site_url) + site.folder
    make_handbook = partial(handbook_files, content, site_url=site_url, pdf=pdf)
    find_link = (
        urls.tree_page(content.trees[0].id)
        if content.trees
        else urls.section_index(urls.PATHWAYS_DIR)
    )
    directory_urls = bool(base.get("use_directory_urls", True))
    renderer = PageRenderer(content, find_link, directory_urls)
    # Work is shared with forked children on another core: the law pages, the decision tree's
    # pages and the embeds beside the guidance pages; the handbook from the start, or with
    # ``aside`` while the engine runs.
    with (
        nullcontext() if aside else Child(make_handbook) as early,
        Child(partial(_law_tree_and_embed_files, content, renderer, site_url, editions)) as extras,
    ):
        pages = renderer.guidance_pages()
        pages.update(changes_files(renderer))
        law_pages, other_files = extras.result()
        pages.update(law_pages)
        files: dict[str, str | bytes] = dict(pages)
        files.update(other_files)
        if source:
            files.update({f"schemas/{name}": text for name, text in schema_files().items()})
        files.update(theme_files())
        handbook = early.result() if early else None
    if handbook is not None:
        files.update(handbook.files)
    # Without an address (a site with no decision tree needs none) pages are named from "/".
    address = site_base(site_url) if site_url else "/" + site.folder
    files.update(data_files(content, address, directory_urls))
    if source:
        files[ROBOTS] = robots_txt(address)
    files.update(feed_files(content, renderer.strings, address, directory_urls))
    files.update(redirect_files(renderer, address, directory_urls))
    if preview:
        files.update(preview_files())
    if preview and aside:
        # The preview writes the new handbook after the pages; the engine, rebuilding the pages
        # meanwhile, must still find the last one.
        files.update(_current_files(site.docs_dir, urls.HANDBOOK_DIR))
    files = with_translation_notes(files, content, renderer.strings)
    site.pages_md = [path for path in files if path.endswith(".md")]
    site.handbook_pages = handbook.pages if handbook else None
    files = with_handbook_links(files, renderer.strings, site.handbook_pages, directory_urls)
    if links_from_source(engine):
        files = pages_links_from_source(files, directory_urls)
    written = sync_tree(site.docs_dir, files)
    config = engine_config(
        base,
        base_dir,
        docs_dir=site.docs_dir,
        site_dir=out,
        overrides_dir=overrides_dir,
        nav=site_nav(content, renderer.strings, pages),
        site_name=content.site.title,
        description=content.site.description,
        language=content.site.language,
        site_url=site_url,
        permalink_title=renderer.strings("page.permalink"),
        engine=engine,
        config_dir=generated,
        scripts=[PREVIEW_SCRIPT] if preview else [],
        engine_site=engine_site_dir(site.config_file),
    )
    if FEED in files:
        _link_feed(config, renderer.strings("changes.feed_title", site=content.site.title))
    if len(content.site.languages) > 1:
        _link_languages(config, content, site.language, source_url)
    if preview:
        # A preview rebuilds only the changed pages, so its search index would hold only those;
        # without search, each rebuild is a quarter quicker at 1,000 pathways.
        plugins = config.get("plugins") or []
        if isinstance(plugins, dict):
            config["plugins"] = {k: v for k, v in plugins.items() if not _is_search(k)}
        else:
            config["plugins"] = [p for p in plugins if not _is_search(p)]
    write_config(site.config_file, config)
    if aside and preview:
        make_handbook = partial(_in_background, make_handbook, os.getpid())
    site.handbook_later = Child(make_handbook) if aside else None
    return [f"{site.folder}{path}" for path in written]


def _link_languages(
    config: dict[str, Any], content: Content, language: str, site_url: str | None
) -> None:
    """Name every language's site for the theme's overrides, which link each page to the same
    page in the others: a visible switch, and ``hreflang`` links for search engines.

    ``rel`` leads from this language's root to another's (the page's own address follows);
    ``home`` is that root's absolute address when the site's address is known."""
    base = site_base(site_url) if site_url else None
    entries = [
        {"lang": r.language, "name": r.name, "rel": r.rel, "home": r.home, "current": r.current}
        for r in language_roots(content.site.languages, language, base)
    ]
    extra = config.get("extra")
    config["extra"] = {
        **(extra if isinstance(extra, dict) else {}),
        "pathways_languages": entries,
    }


def _link_feed(config: dict[str, Any], title: str) -> None:
    """Name the feed for the theme's overrides, which link it from every page's head."""
    extra = config.get("extra")
    config["extra"] = {
        **(extra if isinstance(extra, dict) else {}),
        "pathways_feed": {"href": FEED, "title": title},
    }


def _is_search(plugin: object) -> bool:
    name = next(iter(plugin), "") if isinstance(plugin, dict) else plugin
    return name in ("search", "material/search")


def _in_background(make: Callable[[], HandbookFiles], parent: int) -> HandbookFiles:
    """In a preview the handbook is made while the engine rebuilds the edited page: the page
    the author looks at should have the core first."""
    if os.getpid() != parent:
        os.nice(10)
    return make()


def _current_files(docs_dir: Path, folder: str) -> dict[str, str | bytes]:
    found: dict[str, str | bytes] = {}
    for path in sorted((docs_dir / folder).rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            found[path.relative_to(docs_dir).as_posix()] = path.read_bytes()
    return found


def _check_output(staging: Path, site_url: str | None, folders: list[str]) -> None:
    broken = check_links(staging, site_url, folders)
    if broken:
        listed = "\n".join(f"  {b}" for b in broken[:50])
        more = f"\n  ... and {len(broken) - 50} more" if len(broken) > 50 else ""
        raise BuildError(
            f"{len(broken)} broken link(s) or unsafe markup in the built site:\n{listed}{more}"
        )


def build(options: BuildOptions) -> Generated:
    """Build the whole site into ``options.out``; on any failure the old output stays as it was.

    The output folder is checked before anything is written, and replaced only when an earlier
    build made it (or it is empty or missing): see ``generator.build.output``."""
    out = output_target(options.out, options.root)
    require_engine(options.engine)
    check_replaceable(out)
    generated_dir = options.root / GENERATED_DIR
    claim_generated_folder(generated_dir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create {out.parent}: {exc.strerror or exc}") from None
    with (
        exclusive(generated_dir / LOCK_NAME, f"{generated_dir}"),
        exclusive(out.with_name(f".{out.name}{LOCK_SUFFIX}"), f"{out}"),
    ):
        recover(out)
        return _build_locked(options, out)


def _build_locked(options: BuildOptions, out: Path) -> Generated:
    generated = generate(
        options.root,
        out,
        options.site_url,
        options.today,
        pdf=options.pdf,
        handbook_aside=True,
        engine=options.engine,
    )
    note = warn_local_address(
        options.root, options.site_url, generated.site_url, generated.problems
    )
    if note and "local-site-url" not in generated.problems.ignored:
        generated.warnings.append(("local-site-url", note))
    keep = generated.content.site.keep_in_output or ()
    check_replaceable(out, keep)
    staging: Path | None = None
    try:
        # Named before it exists, so a signal at any moment leaves nothing the cleanup misses.
        staging = out.with_name(f".{out.name}.building-{os.getpid()}-{secrets.token_hex(4)}")
        staging.mkdir(mode=0o700)
        start_staging(staging)
        _run_engines(options.engine, generated.sites, staging)
        for site in generated.sites:
            if site.handbook_later:
                write_files(staging / site.folder, site.handbook_later.result().files)
        publish_output(staging, generated.after_engine)
        _check_output(staging, generated.site_url, [s.folder for s in generated.sites if s.folder])
        finish_output(staging, out, keep)
        replace_folder(staging, out)
    except OSError as exc:
        raise BuildError(f"cannot write the site: {_os_message(exc)}") from None
    finally:
        for site in generated.sites:
            if site.handbook_later:
                site.handbook_later.cancel()
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return generated


def _run_engines(engine: str, sites: list[LanguageSite], staging: Path) -> None:
    """Each language's engine run, the others' on another core while the first's runs here.

    An engine empties its output folder first, so another language is built beside the staging
    folder (marked as a build's, for recovery) and moved into its place when both are done."""
    first, *others = sites
    sides = [staging.with_name(f"{staging.name}.{site.language}") for site in others]
    children = []
    try:
        for site, side in zip(others, sides, strict=True):
            side.mkdir(mode=0o700)
            start_staging(side)
            children.append(Child(partial(run_engine, engine, site.config_file, side)))
        run_engine(engine, first.config_file, staging / first.folder)
        for site, side, child in zip(others, sides, children, strict=True):
            child.result()
            (side / urls.MANIFEST).unlink(missing_ok=True)  # the output's own is written last
            os.replace(side, staging / site.folder)
    finally:
        for child in children:
            child.cancel()
        for side in sides:
            if side.exists():
                shutil.rmtree(side, ignore_errors=True)


def _os_message(exc: OSError) -> str:
    where = exc.filename if isinstance(exc.filename, str) else ""
    reason = exc.strerror or str(exc)
    return f"{where}: {reason}" if where else reason
