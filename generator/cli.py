"""The ``pathways`` command line: parses arguments and calls into the library."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from generator.build.engine import DEFAULT_ENGINE, ENGINES
from generator.errors import BuildError, ContentError, PathwaysError, Problems, UsageError

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathways",
        description="Build a statute-linked guidance site from YAML content.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def engine_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--engine",
            choices=ENGINES,
            default=DEFAULT_ENGINE,
            help=f"the site engine (default: {DEFAULT_ENGINE}; zensical is an optional extra)",
        )

    def root_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--root",
            type=Path,
            default=Path("."),
            help="folder with mkdocs.yml, content/ and decision_trees/ (default: current folder)",
        )

    check = sub.add_parser(
        "check", help="load and validate everything; print every problem; build nothing"
    )
    root_arg(check)

    build = sub.add_parser("build", help="check, generate and build the site")
    root_arg(build)
    build.add_argument(
        "--out",
        default=None,
        help="output folder (default: ROOT/site); only a folder a build made, or an empty one",
    )
    build.add_argument("--site-url", default=None, help="the public address of the site")
    build.add_argument("--no-pdf", action="store_true", help="skip the handbook PDF")
    engine_arg(build)

    serve = sub.add_parser(
        "serve", help="live preview; edits to YAML, Markdown or templates show on reload"
    )
    root_arg(serve)
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)"
    )
    engine_arg(serve)
    serve.add_argument(
        "--language",
        help="one of the site's languages, to preview its site (default: the content's own)",
    )

    paths = sub.add_parser("paths", help="every path through a decision tree and where it ends")
    paths.add_argument("tree_id", metavar="TREE_ID", help="the id of the tree")
    root_arg(paths)
    paths.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output format (default: table)",
    )
    paths.add_argument(
        "--language",
        default=None,
        help="one of the site's languages, for the CSV's words (default: the content's own)",
    )

    translations = sub.add_parser(
        "translations",
        help="each language's translations: complete, stale, missing and unreviewed, located",
    )
    translations.add_argument(
        "language",
        metavar="LANG",
        nargs="?",
        default=None,
        help="one of the site's languages (default: every one but the first)",
    )
    root_arg(translations)
    translations.add_argument(
        "--init",
        action="store_true",
        help="write the missing translation files, holding the text to translate (never "
        "overwrites a file)",
    )

    new = sub.add_parser("new", help="write a small, valid starter site into a new or empty folder")
    new.add_argument("dir", metavar="DIR", type=Path, help="the folder to create")

    schema = sub.add_parser("schema", help="write the JSON Schema of each kind of content file")
    root_arg(schema)
    schema.add_argument(
        "--out", type=Path, default=None, help="folder to write to (default: ROOT/schemas)"
    )
    return parser


def _print_problems(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)


def _summary(problems: Problems, more_warnings: int = 0) -> str:
    e, w = len(problems.errors), len(problems.warnings) + more_warnings
    off = f", {problems.dropped} turned off by ignore_warnings" if problems.dropped else ""
    return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}{off}"


def _checked_root(root: Path) -> Path:
    if not root.exists():
        raise UsageError(f"--root '{root}' does not exist")
    if not root.is_dir():
        raise UsageError(f"--root '{root}' is not a folder")
    return root


def _dev_addr(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--dev-addr '{value}' is not HOST:PORT, such as 127.0.0.1:8000")
    return host, int(port)


def cmd_check(args: argparse.Namespace) -> int:
    from generator.build.site import check

    content, problems = check(args.root)
    _print_problems(problems)
    if content is None:
        print(f"check failed: {_summary(problems)}", file=sys.stderr)
        return EXIT_PROBLEM
    print(
        f"ok: {len(content.pathways)} pathways, {len(content.supports)} kinds of support, "
        f"{len(content.statutes)} statutes, {len(content.terms)} glossary terms, "
        f"{len(content.pages)} pages, {len(content.trees)} decision trees ({_summary(problems)})"
    )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build.site import BuildOptions, build

    out = args.out if args.out is not None else args.root / "site"
    options = BuildOptions(
        args.root, out, site_url=args.site_url, pdf=not args.no_pdf, engine=args.engine
    )
    result = build(options)
    out = Path(out).resolve()
    _print_problems(result.problems)
    for code, warning in result.warnings:
        print(f"warning[{code}]: {warning}", file=sys.stderr)
    print(f"built {out} ({_summary(result.problems, len(result.warnings))})")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.build.serve import serve

    _dev_addr(args.dev_addr)
    serve(args.root, args.dev_addr, args.engine, args.language)
    return EXIT_OK


def cmd_paths(args: argparse.Namespace) -> int:
    from generator.build.site import check
    from generator.evaluate import TooManyPaths, all_paths
    from generator.render.paths import paths_csv, paths_json, paths_table
    from generator.render.strings import Strings
    from generator.validate.spec import did_you_mean

    content, problems = check(args.root)
    if content is None:
        raise ContentError(problems)
    if args.language is not None:
        if args.language not in content.site.languages:
            raise UsageError(
                f"--language '{args.language}' is not one of the site's languages "
                f"({', '.join(content.site.languages)})"
            )
        content = content.for_language(args.language)
    tree = content.tree_by_id.get(args.tree_id)
    if tree is None:
        known = sorted(content.tree_by_id)
        print(
            f"error: no decision tree '{args.tree_id}'{did_you_mean(args.tree_id, known)} "
            f"(trees: {', '.join(known) or 'none'})",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    try:
        found = all_paths(tree)
    except TooManyPaths as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    header = Strings.of(content).items("tree.csv_header")
    render = {"json": lambda: paths_json(found), "csv": lambda: paths_csv(tree, found, header)}
    sys.stdout.write(render.get(args.format, lambda: paths_table(tree, found))())
    return EXIT_OK


def cmd_translations(args: argparse.Namespace) -> int:
    from generator.translate.report import files, report, report_languages
    from generator.translate.skeleton import write_skeletons
    from generator.validate import read_content

    problems = Problems()
    # The source alone: its translations are what this command reports on.
    content = read_content(args.root, problems, translations=False)
    if content is None:
        raise ContentError(problems)
    languages = report_languages(content.site, args.language)
    if not languages:
        print(
            f"the site has one language ({content.site.language}): nothing is translated; "
            "name the others in content/site.yml, such as 'languages: [en, es]'"
        )
        return EXIT_OK
    if args.init:
        for language in languages:
            written, kept = write_skeletons(args.root, content, language)
            for name in written:
                print(f"wrote {name}")
            print(
                f"{language}: wrote {files(len(written))} to translate, kept {len(kept)} that exist"
            )
        return EXIT_OK
    lines, others = report(args.root, content, languages)
    _print_problems(others)
    sys.stdout.write(lines)
    return EXIT_PROBLEM if others.errors else EXIT_OK


def _written_schema(path: Path) -> bool:
    """Whether ``path`` is missing or is a schema this command wrote (its ``$id`` is its name)."""
    if not path.exists():
        return True
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("$id") == path.name


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.validate.schemas import schema_files

    out: Path = args.out if args.out is not None else args.root / "schemas"
    if out.exists() and not out.is_dir():
        raise BuildError(f"cannot write the schemas into '{out}': it is not a folder")
    files = schema_files()
    foreign = [name for name in files if not _written_schema(out / name)]
    if foreign:
        raise BuildError(
            f"will not overwrite {', '.join(foreign)} in '{out}': not schemas pathways wrote"
        )
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        print(out / name)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from generator.build.starter import new_site

    written = new_site(args.dir)
    print(f"wrote a starter site into {args.dir} ({len(written)} files)")
    print(f"next: cd {args.dir}, edit content/ and decision_trees/, then run pathways serve")
    return EXIT_OK


COMMANDS = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "paths": cmd_paths,
    "schema": cmd_schema,
    "translations": cmd_translations,
    "new": cmd_new,
}


def _interrupt(signum: int, frame: object) -> None:
    # Turn SIGTERM into the same unwinding as Ctrl-C, so a build cleans up after itself.
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if hasattr(args, "root"):
            _checked_root(args.root)
        return COMMANDS[args.command](args)
    except ContentError as exc:
        _print_problems(exc.problems)
        print(f"{args.command} failed: {_summary(exc.problems)}", file=sys.stderr)
        return EXIT_PROBLEM
    except UsageError as exc:
        print(f"pathways {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except PathwaysError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as exc:
        # Whatever the file system refuses (permissions, a full disk, a read-only folder).
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
