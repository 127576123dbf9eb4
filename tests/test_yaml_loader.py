"""The safe, location-keeping YAML loader and the Markdown front matter reader."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Location, Problems
from generator.load import (
    MAX_FILE_BYTES,
    Mapping,
    MarkdownPage,
    Node,
    Scalar,
    Sequence,
    kind_name,
    load_markdown_bytes,
    load_markdown_file,
    load_yaml_bytes,
    load_yaml_file,
    to_plain,
    yaml_loader,
)

NAME = "content/x.yml"


def load(source: str | bytes) -> tuple[Node | None, list[str]]:
    problems = Problems()
    data = source.encode("utf-8") if isinstance(source, str) else source
    node = load_yaml_bytes(data, NAME, problems)
    return node, [problem.format() for problem in problems.items]


def messages(source: str | bytes) -> list[str]:
    return load(source)[1]


def error(line: int, col: int, message: str, code: str) -> str:
    return f"{NAME}:{line}:{col}: error[{code}]: {message}"


def as_mapping(node: Node | None) -> Mapping:
    assert isinstance(node, Mapping)
    return node


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


# --- 1. size ------------------------------------------------------------------------------


def _refuse_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_read(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an oversized file must not be read")

    for method in ("open", "read_bytes", "read_text"):
        monkeypatch.setattr(Path, method, no_read)


def _sparse(path: Path, size: int, start: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(start)
        handle.truncate(size)


def test_file_over_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "content" / "big.yml"
    # Neither UTF-8 nor YAML: any attempt to read it would add a second message.
    _sparse(path, 2 * 1_048_576, b"\xff: [")
    _refuse_reads(monkeypatch)
    problems = Problems()
    start = time.perf_counter()
    assert load_yaml_file(path, tmp_path, problems) is None
    assert time.perf_counter() - start < 0.5
    assert [p.format() for p in problems.items] == [
        "content/big.yml:1:1: error[file-too-large]: file is 2.0 MB; content files may be at most 1 MB"
    ]


def test_size_is_shown_in_megabytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yml"
    _sparse(path, 50 * 1_048_576, b"")
    _refuse_reads(monkeypatch)
    problems = Problems()
    assert load_yaml_file(path, tmp_path, problems) is None
    assert [p.message for p in problems.items] == [
        "file is 50.0 MB; content files may be at most 1 MB"
    ]


def test_size_just_over_the_limit_rounds_up() -> None:
    assert messages(b" " * (MAX_FILE_BYTES + 1)) == [
        error(1, 1, "file is 1.1 MB; content files may be at most 1 MB", "file-too-large")
    ]


def test_markdown_file_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pages" / "big.md"
    _sparse(path, 3 * 1_048_576, b"---\n\xff")
    _refuse_reads(monkeypatch)
    problems = Problems()
    assert load_markdown_file(path, tmp_path, problems) is None
    assert [p.format() for p in problems.items] == [
        "pages/big.md:1:1: error[file-too-large]: file is 3.0 MB; content files may be at most 1 MB"
    ]


def test_markdown_of_exactly_the_limit_is_accepted() -> None:
    head = b"---\ntitle: x\n---\n"
    problems = Problems()
    page = load_markdown_bytes(head + b"a" * (MAX_FILE_BYTES - len(head)), "p.md", problems)
    assert page is not None
    assert not problems


# --- 2. encoding ------------------------------------------------------------------------------


def test_bad_utf8_byte_is_located() -> None:
    assert messages(b"a: 1\nb: h\xc3\xa9\xff\n") == [
        error(2, 6, "file is not valid UTF-8 (byte 0xff); save it as UTF-8", "not-utf8")
    ]


def test_utf16_file_is_not_utf8() -> None:
    assert messages("a: 1\n".encode("utf-16")) == [
        error(1, 1, "file is not valid UTF-8 (byte 0xff); save it as UTF-8", "not-utf8")
    ]


def test_latin1_byte_in_first_line() -> None:
    assert messages("name: Jos\xe9\n".encode("latin-1")) == [
        error(1, 10, "file is not valid UTF-8 (byte 0xe9); save it as UTF-8", "not-utf8")
    ]


def test_bom_is_stripped_and_columns_are_unchanged() -> None:
    node, found = load(b"\xef\xbb\xbftitle: x\n")
    assert found == []
    entry = as_mapping(node).entries[0]
    assert entry.key == "title"
    assert entry.key_loc == Location(NAME, 1, 1)
    assert entry.value == Scalar(Location(NAME, 1, 8), "x", None)


def test_control_character_is_located() -> None:
    assert messages("a: 1\nb: x\x07y\n") == [
        error(
            2,
            5,
            "the file contains a control character (U+0007) that is not allowed; remove it",
            "control-character",
        )
    ]


# --- 3. empty files -------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["", "   \n\n", "# only a comment\n\n# another\n", "---\n"])
def test_empty_file(source: str) -> None:
    assert load(source) == (None, [error(1, 1, "file is empty", "empty-file")])


def test_bom_only_file_is_empty() -> None:
    assert messages(b"\xef\xbb\xbf") == [error(1, 1, "file is empty", "empty-file")]


# --- 4. syntax errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "title: Help: now\n",
            error(
                1,
                12,
                "mapping values are not allowed here; "
                "if the value contains ': ', put the whole value in quotes",
                "yaml-syntax",
            ),
        ),
        (
            "title: x\nsome text\nnext: 1\n",
            error(
                3,
                1,
                "could not find expected ':'; the text on line 2 needs the form 'key: value' "
                "(a value that goes on over several lines needs quotes or '|')",
                "yaml-syntax",
            ),
        ),
        (
            "a:\n    b: 1\n  c: 2\n",
            error(
                3,
                3,
                "expected the end of the indented block, but found another key; "
                "check that this line lines up with the lines above it",
                "yaml-syntax",
            ),
        ),
        (
            'title: "Help" now\n',
            error(
                1,
                15,
                "expected the end of the indented block, but found more text; "
                "if a value starts with a quote, the whole value must be inside the quotes",
                "yaml-syntax",
            ),
        ),
        (
            'a: "open\nb: 1\n',
            error(
                3,
                1,
                "the file ends inside a quoted value; "
                "the quote opened at line 1, column 4 is never closed",
                "yaml-syntax",
            ),
        ),
        (
            "a: @home\n",
            error(1, 4, "a value cannot start with '@'; put the value in quotes", "yaml-syntax"),
        ),
        (
            "a: [1, 2\nb: 3\n",
            error(
                2,
                2,
                "expected ',' or ']', but got ':'; "
                "check the brackets and commas, and put values containing ':' or ',' in quotes",
                "yaml-syntax",
            ),
        ),
        (
            'a: "C:\\path"\n',
            error(
                1,
                8,
                "found unknown escape character 'p'; "
                "inside double quotes write '\\\\' for a backslash, or use single quotes",
                "yaml-syntax",
            ),
        ),
        (
            "a: *x\n",
            error(
                1,
                4,
                "found undefined alias '*x'; there is no anchor '&x' above it "
                "(put the value in quotes if '*' is meant as text)",
                "yaml-syntax",
            ),
        ),
        (
            "a: &x 1\nb: &x 2\n",
            error(
                2,
                4,
                "anchor '&x' is defined twice (first at line 1); give each its own name",
                "yaml-syntax",
            ),
        ),
        (
            "a: |x\n  y\n",
            error(
                1,
                5,
                "expected chomping or indentation indicators, but found 'x'; "
                "after '|' or '>' only '-', '+' or a digit may follow on the same line",
                "yaml-syntax",
            ),
        ),
        (
            "a: 1\n- b\n",
            error(
                2,
                1,
                "expected the end of the indented block, but found '-'; "
                "check that this line lines up with the lines above it",
                "yaml-syntax",
            ),
        ),
    ],
)
def test_syntax_errors(source: str, expected: str) -> None:
    assert load(source) == (None, [expected])


def test_tab_used_for_indentation() -> None:
    assert load("a:\n\tb: 1\n") == (
        None,
        [error(2, 1, "a tab character is used for indentation; use spaces", "yaml-tab")],
    )


def test_tab_after_spaces_in_indentation() -> None:
    assert messages("list:\n  - a\n  \t- b\n") == [
        error(3, 3, "a tab character is used for indentation; use spaces", "yaml-tab")
    ]


def test_tab_inside_a_line() -> None:
    assert messages("a:\tb\n") == [
        error(1, 3, "a tab character is not allowed here; use spaces", "yaml-tab")
    ]


# --- 5. one document per file ------------------------------------------------------------


def test_second_document_is_an_error_at_its_start() -> None:
    node, found = load("a: 1\n---\nb: 2\n")
    assert found == [
        error(
            2,
            1,
            "only one YAML document is allowed per file; a second one starts here",
            "multiple-documents",
        )
    ]
    assert to_plain(as_mapping(node)) == {"a": 1}


def test_leading_document_marker_is_fine() -> None:
    node, found = load("---\na: 1\n")
    assert found == []
    assert to_plain(as_mapping(node)) == {"a": 1}


def test_text_after_document_end_marker() -> None:
    assert messages("a: 1\n...\nb: 2\n") == [
        error(
            3,
            1,
            "only one YAML document is allowed per file; remove the '...' line and what follows",
            "multiple-documents",
        )
    ]


# --- 6. tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "tag", "col"),
    [
        (
            'run: !!python/object/apply:os.system ["echo hi"]\n',
            "!!python/object/apply:os.system",
            6,
        ),
        ("run: !!python/name:os.system\n", "!!python/name:os.system", 6),
        ("run: !!python/object/new:dict {}\n", "!!python/object/new:dict", 6),
        ("run: !custom 1\n", "!custom", 6),
        ("run: !!binary aGk=\n", "!!binary", 6),
        ("run: !!set {a, b}\n", "!!set", 6),
        ("run: !!omap [a: 1]\n", "!!omap", 6),
        ("run: !<tag:example.com,2000:x> 1\n", "tag:example.com,2000:x", 6),
    ],
)
def test_tags_outside_the_standard_set_are_refused(source: str, tag: str, col: int) -> None:
    assert messages(source) == [
        error(1, col, f"tag '{tag}' is not allowed in content files", "tag-not-allowed")
    ]


def test_python_object_is_never_constructed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(os, "system", calls.append)
    node, found = load('!!python/object/apply:os.system ["echo hi"]\n')
    assert calls == []
    assert found == [
        error(
            1,
            1,
            "tag '!!python/object/apply:os.system' is not allowed in content files",
            "tag-not-allowed",
        )
    ]
    # The refused tag is dropped: what is left is plain data.
    assert isinstance(node, Sequence)
    assert to_plain(node) == ["echo hi"]


def test_standard_tags_may_be_written_out() -> None:
    node, found = load("a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!map {x: 1}\ne: !!seq [1]\n")
    assert found == []
    assert to_plain(as_mapping(node)) == {"a": "12", "b": 7, "c": 1.0, "d": {"x": 1}, "e": [1]}


def test_standard_tag_on_the_wrong_kind_of_value() -> None:
    assert messages("a: !!map text\nb: !!str [1]\n") == [
        error(1, 4, "tag '!!map' cannot be used on text; remove it", "tag-not-allowed"),
        error(2, 4, "tag '!!str' cannot be used on a list; remove it", "tag-not-allowed"),
    ]


# --- 7. scalar values ------------------------------------------------------------------------


def test_scalar_types_and_styles() -> None:
    source = (
        "date: 2026-11-01\n"
        "when: 2026-11-01 10:30:00+02:00\n"
        "count: 3\n"
        "hex: 0x1F\n"
        "ratio: 1.5\n"
        "on_time: true\n"
        "late: false\n"
        "none: ~\n"
        "blank:\n"
        "plain: hello world\n"
        "single: '3'\n"
        'double: "true"\n'
        "literal: |\n  line one\n  line two\n"
        "folded: >\n  one\n  two\n"
    )
    node, found = load(source)
    assert found == []
    mapping = as_mapping(node)
    tz = datetime.timezone(datetime.timedelta(hours=2))
    assert to_plain(mapping) == {
        "date": datetime.date(2026, 11, 1),
        "when": datetime.datetime(2026, 11, 1, 10, 30, tzinfo=tz),
        "count": 3,
        "hex": 31,
        "ratio": 1.5,
        "on_time": True,
        "late": False,
        "none": None,
        "blank": None,
        "plain": "hello world",
        "single": "3",
        "double": "true",
        "literal": "line one\nline two\n",
        "folded": "one two\n",
    }
    styles = {
        entry.key: entry.value.style for entry in mapping.entries if isinstance(entry.value, Scalar)
    }
    assert styles["plain"] is None
    assert styles["single"] == "'"
    assert styles["double"] == '"'
    assert styles["literal"] == "|"
    assert styles["folded"] == ">"
    assert type(to_plain(mapping)["date"]) is datetime.date


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "due: 2026-02-30\n",
            error(
                1,
                6,
                "'2026-02-30' is not a valid date; put it in quotes if it is meant as text",
                "bad-value",
            ),
        ),
        ("n: !!int abc\n", error(1, 10, "'abc' is not a valid number", "bad-value")),
        ("b: !!bool maybe\n", error(1, 11, "'maybe' is not a valid true/false value", "bad-value")),
    ],
)
def test_values_that_do_not_fit_their_type(source: str, expected: str) -> None:
    node, found = load(source)
    assert found == [expected]
    # The raw text is kept so later checks still see a value.
    assert isinstance(as_mapping(node).entries[0].value, Scalar)


def test_bare_merge_and_value_indicators_are_text() -> None:
    node, found = load("a: <<\nb: =\n")
    assert found == []
    assert to_plain(as_mapping(node)) == {"a": "<<", "b": "="}


# --- locations ------------------------------------------------------------------------------


def test_locations_of_keys_and_values_in_nested_structures() -> None:
    source = (
        "# a comment\n"
        "title: Early help\n"
        "steps:\n"
        "  - name: Ask\n"
        "    notes: |\n"
        "      First line\n"
        "  - plain item\n"
        "  - [x, 'y']\n"
        "meta:\n"
        "    owner: team\n"
    )
    node, found = load(source)
    assert found == []
    root = as_mapping(node)
    assert root.loc == Location(NAME, 2, 1)
    assert root.keys() == ["title", "steps", "meta"]
    title = root.entry("title")
    assert title is not None
    assert title.key_loc == Location(NAME, 2, 1)
    assert title.value == Scalar(Location(NAME, 2, 8), "Early help", None)

    steps = root.get("steps")
    assert isinstance(steps, Sequence)
    assert steps.loc == Location(NAME, 4, 3)
    first = steps.items[0]
    assert isinstance(first, Mapping)
    assert first.loc == Location(NAME, 4, 5)
    notes = first.entry("notes")
    assert notes is not None
    assert notes.key_loc == Location(NAME, 5, 5)
    assert notes.value == Scalar(Location(NAME, 5, 12), "First line\n", "|")
    assert steps.items[1] == Scalar(Location(NAME, 7, 5), "plain item", None)
    flow = steps.items[2]
    assert isinstance(flow, Sequence)
    assert flow.loc == Location(NAME, 8, 5)
    assert flow.items == (
        Scalar(Location(NAME, 8, 6), "x", None),
        Scalar(Location(NAME, 8, 9), "y", "'"),
    )

    meta = root.entry("meta")
    assert meta is not None
    owner = as_mapping(meta.value).entry("owner")
    assert owner is not None
    assert owner.key_loc == Location(NAME, 10, 5)
    assert owner.value.loc == Location(NAME, 10, 12)


def test_value_location_skips_anchor_and_tag() -> None:
    node, found = load('a: &name  "quoted"\nb: !!str  12\n')
    assert found == []
    root = as_mapping(node)
    assert root.get("a") == Scalar(Location(NAME, 1, 11), "quoted", '"')
    assert root.get("b") == Scalar(Location(NAME, 2, 11), "12", None)


def test_crlf_line_endings() -> None:
    node, found = load("a: 1\r\nb:\r\n  - c\r\n")
    assert found == []
    items = as_mapping(node).get("b")
    assert isinstance(items, Sequence)
    assert items.items[0].loc == Location(NAME, 3, 5)


def test_top_level_list_is_returned() -> None:
    node, found = load("- 1\n- two\n")
    assert found == []
    assert isinstance(node, Sequence)
    assert to_plain(node) == [1, "two"]


def test_top_level_scalar_is_returned() -> None:
    assert load("just text\n") == (Scalar(Location(NAME, 1, 1), "just text", None), [])


# --- 8. duplicate keys ------------------------------------------------------------------------


def test_duplicate_key_keeps_the_first_value() -> None:
    node, found = load("# heading\ntitle: First\ntitle: Second\n")
    assert found == [
        "content/x.yml:3:1: error[duplicate-key]: duplicate key 'title' (first at line 2)"
    ]
    assert to_plain(as_mapping(node)) == {"title": "First"}


def test_duplicate_key_in_nested_mapping() -> None:
    assert messages("a:\n  b: 1\n  c: 2\n  b: 3\n") == [
        error(4, 3, "duplicate key 'b' (first at line 2)", "duplicate-key")
    ]


def test_duplicate_key_in_flow_mapping() -> None:
    assert messages("a: {x: 1, x: 2}\n") == [
        error(1, 11, "duplicate key 'x' (first at line 1)", "duplicate-key")
    ]


# --- 9. keys must be text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1: a\n", error(1, 1, "keys must be text; write '1' in quotes", "key-not-text")),
        ("true: a\n", error(1, 1, "keys must be text; write 'true' in quotes", "key-not-text")),
        ("yes: a\n", error(1, 1, "keys must be text; write 'yes' in quotes", "key-not-text")),
        ("~: a\n", error(1, 1, "keys must be text; write '~' in quotes", "key-not-text")),
        (
            "2026-01-01: a\n",
            error(1, 1, "keys must be text; write '2026-01-01' in quotes", "key-not-text"),
        ),
        ("1.5: a\n", error(1, 1, "keys must be text; write '1.5' in quotes", "key-not-text")),
        ("[a, b]: c\n", error(1, 1, "keys must be text, not a list", "key-not-text")),
        ("? {a: 1}\n: c\n", error(1, 3, "keys must be text, not a mapping", "key-not-text")),
        ("?\n: x\n", error(1, 2, "a key is missing before ':'", "key-not-text")),
        (
            "!custom k: v\n",
            error(1, 1, "tag '!custom' is not allowed in content files", "tag-not-allowed"),
        ),
    ],
)
def test_keys_must_be_text(source: str, expected: str) -> None:
    assert messages(source) == [expected]


def test_quoted_number_key_is_text() -> None:
    node, found = load("'1': a\n\"true\": b\n")
    assert found == []
    assert as_mapping(node).keys() == ["1", "true"]


# --- 10. merge keys ---------------------------------------------------------------------------


def test_merge_key_is_refused() -> None:
    node, found = load("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
    assert found == [
        error(3, 3, "merge keys ('<<') are not supported; write the fields out", "merge-key")
    ]
    assert to_plain(as_mapping(node)) == {"base": {"x": 1}, "item": {"y": 2}}


# --- 11. aliases --------------------------------------------------------------------------


def test_aliases_expand_to_the_anchored_value() -> None:
    node, found = load("who: &person {name: Ana}\nalso: *person\nlist: [*person, *person]\n")
    assert found == []
    assert to_plain(as_mapping(node)) == {
        "who": {"name": "Ana"},
        "also": {"name": "Ana"},
        "list": [{"name": "Ana"}, {"name": "Ana"}],
    }


def test_billion_laughs_fails_fast() -> None:
    start = time.perf_counter()
    node, found = load(billion_laughs())
    elapsed = time.perf_counter() - start
    assert node is None
    # Line 6 is 'f: &f [*e, ...]': its first '*e' pushes the count past the limit.
    assert found == [
        error(
            6,
            8,
            "too many values after expanding aliases (more than 100000); is this an alias bomb?",
            "alias-bomb",
        )
    ]
    assert elapsed < 2


def test_alias_inside_its_own_anchor() -> None:
    assert load("a: &a [1, *a]\n") == (
        None,
        [
            error(
                1,
                11,
                "alias '*a' is used inside the value it repeats; it would repeat forever",
                "recursive-alias",
            )
        ],
    )


def test_alias_inside_its_own_mapping() -> None:
    assert messages("a: &a\n  b:\n    c: *a\n") == [
        error(
            3,
            8,
            "alias '*a' is used inside the value it repeats; it would repeat forever",
            "recursive-alias",
        )
    ]


def test_too_many_values_without_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_loader, "MAX_NODES", 5)
    assert load("[1, 2, 3, 4, 5, 6]\n") == (
        None,
        [error(1, 14, "too many values in one file (more than 5); split it up", "too-many-values")],
    )


def test_alias_count_includes_each_expansion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_loader, "MAX_NODES", 16)
    # Root, key a, the 4-value list, key b and list b make 8; each '*x' adds 4 more, so the
    # third one passes 16.
    found = messages("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n")
    assert found == [
        error(
            2,
            13,
            "too many values after expanding aliases (more than 16); is this an alias bomb?",
            "alias-bomb",
        )
    ]


def test_deep_nesting_is_refused() -> None:
    assert load("[" * 150 + "]" * 150) == (
        None,
        [error(1, 101, "values are nested too deeply (more than 100 levels)", "too-deep")],
    )


def test_deep_nesting_through_aliases_is_refused() -> None:
    deep = "[" * 60 + "]" * 60
    assert messages(f"a: &a {deep}\nb: [*a, *a]\n") == []
    # 50 lists around a 60-deep alias: the 10th list from the outside is 101 deep.
    source = f"a: &a {deep}\nb: {'[' * 50}*a{']' * 50}\n"
    assert load(source) == (
        None,
        [error(2, 13, "values are nested too deeply (more than 100 levels)", "too-deep")],
    )


# --- 12. never raises -------------------------------------------------------------------------


def test_yaml_error_without_mark_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_self: object) -> None:
        raise yaml.YAMLError("reader gave up")

    monkeypatch.setattr(yaml_loader, "_parse_fast", lambda *args: None)
    monkeypatch.setattr(yaml_loader, "_parse_fast", lambda *args: None)
    monkeypatch.setattr(yaml_loader._Loader, "compose_document", broken)
    assert load("a: 1\n") == (
        None,
        [error(1, 1, "the file is not valid YAML (reader gave up)", "yaml-syntax")],
    )


def test_unexpected_exception_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_self: object) -> None:
        raise RuntimeError("surprise")

    monkeypatch.setattr(yaml_loader, "_parse_fast", lambda *args: None)
    monkeypatch.setattr(yaml_loader._Loader, "compose_document", broken)
    assert load("a: 1\n") == (
        None,
        [error(1, 1, "the file could not be read as YAML (RuntimeError: surprise)", "yaml-error")],
    )


def test_unreadable_path_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "folder.yml"
    folder.mkdir(parents=True)
    problems = Problems()
    assert load_yaml_file(folder, tmp_path, problems) is None
    assert [p.format() for p in problems.items] == [
        "content/folder.yml:1:1: error[read-error]: cannot read the file (Is a directory)"
    ]


_YAMLISH_PIECES = [
    *" \t\n\r-:?,[]{}&*!|>'\"%@`#<=~.\\abcxyz019",
    *["\x00", "\x85", "\u2028", "\ufeff", "é", "---", "...", "<<", "&a", "*a"],
    *["!!python/name:os.system ", "!!str ", "!custom ", "2026-02-30", "  - ", "key: "],
]
_YAMLISH = st.lists(st.sampled_from(_YAMLISH_PIECES), max_size=80).map("".join)


def _never_raises(data: bytes) -> None:
    problems = Problems()
    node = load_yaml_bytes(data, NAME, problems)
    if node is None:
        assert problems.errors
    else:
        assert isinstance(node, Scalar | Mapping | Sequence)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    _never_raises(data)


@settings(max_examples=500, deadline=None)
@given(_YAMLISH)
def test_arbitrary_yamlish_text_never_raises(text: str) -> None:
    _never_raises(text.encode("utf-8"))


# --- files and names -------------------------------------------------------------------------


def test_load_yaml_file_names_the_file_relative_to_root(tmp_path: Path) -> None:
    path = tmp_path / "content" / "pathways" / "early.yml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"title: a\ntitle: b\n")
    problems = Problems()
    node = load_yaml_file(path, tmp_path, problems)
    assert isinstance(node, Mapping)
    assert node.loc.file == "content/pathways/early.yml"
    assert [p.format() for p in problems.items] == [
        "content/pathways/early.yml:2:1: error[duplicate-key]: duplicate key 'title' (first at line 1)"
    ]


# --- nodes helpers ---------------------------------------------------------------------------


def test_kind_name_and_mapping_helpers() -> None:
    node, _ = load("m: {a: 1}\nl: [1]\nt: x\nn: 2\nf: 1.5\nb: false\nd: 2026-01-01\nz: null\n")
    root = as_mapping(node)
    kinds = {entry.key: kind_name(entry.value) for entry in root.entries}
    assert kinds == {
        "m": "a mapping",
        "l": "a list",
        "t": "text",
        "n": "a number",
        "f": "a number",
        "b": "true/false",
        "d": "a date",
        "z": "nothing (null)",
    }
    assert root.get("missing") is None
    assert root.entry("missing") is None
    assert root.keys() == ["m", "l", "t", "n", "f", "b", "d", "z"]


# --- front matter ---------------------------------------------------------------------------


def page(
    source: str | bytes, name: str = "pages/about.md"
) -> tuple[MarkdownPage | None, list[str]]:
    problems = Problems()
    data = source.encode("utf-8") if isinstance(source, str) else source
    result = load_markdown_bytes(data, name, problems)
    return result, [p.format() for p in problems.items]


def clean_page(source: str | bytes) -> MarkdownPage:
    result, found = page(source)
    assert found == []
    assert result is not None
    return result


def test_front_matter_locations_are_file_lines() -> None:
    result = clean_page("---\ntitle: About\norder: 2\n---\n# About\n\nText.\n")
    assert result.meta is not None
    assert to_plain(result.meta) == {"title": "About", "order": 2}
    order = result.meta.entry("order")
    assert order is not None
    assert order.key_loc == Location("pages/about.md", 3, 1)
    assert order.value.loc == Location("pages/about.md", 3, 8)
    assert result.body == "# About\n\nText.\n"
    assert result.body_line == 5


def test_page_without_front_matter() -> None:
    result = clean_page("# Title\n---\ntext\n")
    assert result == MarkdownPage(None, "# Title\n---\ntext\n", 1)


def test_empty_markdown_file_is_an_empty_body() -> None:
    assert clean_page("") == MarkdownPage(None, "", 1)


def test_front_matter_closed_with_dots_and_empty_body() -> None:
    result = clean_page("---\ntitle: x\n...")
    assert (result.body, result.body_line) == ("", 4)


def test_empty_front_matter_is_an_empty_mapping() -> None:
    result = clean_page("---\n---\nbody\n")
    assert result.meta == Mapping(Location("pages/about.md", 2, 1), ())
    assert result.body_line == 3


def test_unterminated_front_matter() -> None:
    assert page("---\ntitle: x\n\n# Body\n") == (
        None,
        [
            "pages/about.md:1:1: error[front-matter-unterminated]: front matter starts with '---' on line 1 "
            "but has no closing '---' line"
        ],
    )


def test_front_matter_must_be_a_mapping() -> None:
    assert page("---\n- a\n- b\n---\nbody\n") == (
        None,
        [
            "pages/about.md:2:1: error[front-matter-not-mapping]: front matter must be a mapping of fields"
        ],
    )


def test_front_matter_syntax_error_is_on_the_file_line() -> None:
    assert page("---\ntitle: ok\nsummary: Help: now\n---\n") == (
        None,
        [
            "pages/about.md:3:14: error[yaml-syntax]: mapping values are not allowed here; "
            "if the value contains ': ', put the whole value in quotes"
        ],
    )


def test_front_matter_follows_loader_rules() -> None:
    result, found = page("---\ntitle: a\ntitle: b\nx: !!python/name:os.system\n---\n")
    assert found == [
        "pages/about.md:3:1: error[duplicate-key]: duplicate key 'title' (first at line 2)",
        "pages/about.md:4:4: error[tag-not-allowed]: tag '!!python/name:os.system' is not allowed in content files",
    ]
    assert result is not None


def test_front_matter_with_bom_and_crlf() -> None:
    result = clean_page(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n")
    assert result.meta is not None
    assert to_plain(result.meta) == {"title": "x"}
    assert (result.body, result.body_line) == ("body\r\n", 4)


def test_markdown_bad_utf8() -> None:
    assert page(b"---\ntitle: x\n---\nna\xefve\n") == (
        None,
        [
            "pages/about.md:4:3: error[not-utf8]: file is not valid UTF-8 (byte 0xef); save it as UTF-8"
        ],
    )


def test_load_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "pages" / "help.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: Help\n---\nBody\n", encoding="utf-8")
    problems = Problems()
    result = load_markdown_file(path, tmp_path, problems)
    assert not problems
    assert result is not None
    assert result.meta is not None
    assert result.meta.loc == Location("pages/help.md", 2, 1)
    assert result.body == "Body\n"


SHIPPED_YAML = sorted(
    p
    for folder in ("content", "decision_trees")
    for p in (Path(__file__).resolve().parents[1] / folder).rglob("*.yml")
)


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=[p.name for p in SHIPPED_YAML])
def test_libyaml_and_python_paths_give_the_same_nodes(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    fast = yaml_loader.parse_yaml_text(text, "x.yml", Problems())
    monkeypatch.setattr(yaml_loader, "_parse_fast", lambda *args: None)
    slow = yaml_loader.parse_yaml_text(text, "x.yml", Problems())
    assert fast == slow
