"""Citations of California codes: the written forms, errors with suggestions, prose scanning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.citations import (
    CODES,
    Citation,
    CitationError,
    CodeInfo,
    find_citations,
    is_canonical_url,
    official_url,
    parse_citation,
)

URL_52072 = (
    "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
    "?lawCode=EDC&sectionNum=52072."
)
URL_52064_5 = (
    "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
    "?lawCode=EDC&sectionNum=52064.5."
)

VALID = [
    ("EC 52072(a)", "52072", ("a",)),
    ("E.C. 52072", "52072", ()),
    ("EC §52072", "52072", ()),
    ("EC § 52072(a)", "52072", ("a",)),
    ("Education Code 52074(g)(1)(A)", "52074", ("g", "1", "A")),
    ("Education Code Section 52072", "52072", ()),
    ("Education Code section 52064.5", "52064.5", ()),
    ("California Education Code Section 52072", "52072", ()),
    ("Ed. Code § 52064.5(g)", "52064.5", ("g",)),
    ("Educ. Code § 52072", "52072", ()),
    ("Cal. Educ. Code § 52072(a)", "52072", ("a",)),
    ("Cal. Ed. Code § 52072", "52072", ()),
    ("Education Code Section 52072, subdivision (a)", "52072", ("a",)),
    ("Education Code section 52074, subdivision (g)(1)(A)", "52074", ("g", "1", "A")),
    ("EC 47607.3", "47607.3", ()),
    ("EC 52060(d)(ii)(aa)", "52060", ("d", "ii", "aa")),
    ("ec 52072", "52072", ()),
    ("EDUCATION CODE SECTION 52072", "52072", ()),
    ("EC52072", "52072", ()),
    ("E. C. 52072", "52072", ()),
    ("EC Sec. 52072", "52072", ()),
    ("Education Code sec. 52072", "52072", ()),
    ("Education Code §§ 52072", "52072", ()),
    ("Education Code, § 52072", "52072", ()),
    ("Ed Code 52072", "52072", ()),
    ("Cal Ed. Code § 52072", "52072", ()),
    ("Education\nCode 52072", "52072", ()),
    ("  EC 52072(a)\n", "52072", ("a",)),
]


@pytest.mark.parametrize(("text", "section", "subdivisions"), VALID)
def test_parse_accepts_written_form(text: str, section: str, subdivisions: tuple[str, ...]) -> None:
    citation = parse_citation(text)
    assert citation.code == "EDC"
    assert citation.section == section
    assert citation.subdivisions == subdivisions
    label = "".join(f"({part})" for part in subdivisions)
    assert citation.canonical == f"EC {section}{label}"
    assert citation.url == (
        "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
        f"?lawCode=EDC&sectionNum={section}."
    )


@pytest.mark.parametrize(("text", "section", "subdivisions"), VALID)
def test_find_citations_reads_written_form(
    text: str, section: str, subdivisions: tuple[str, ...]
) -> None:
    matches = find_citations(f"As required by {text}, districts must act.")
    assert len(matches) == 1
    assert matches[0].error is None
    assert matches[0].citation == Citation("EDC", section, subdivisions)
    assert matches[0].text == text.strip()


def test_code_table() -> None:
    assert CODES["EDC"] == CodeInfo(
        "EDC", "EC", "Education Code", aliases=("Ed. Code", "Educ. Code")
    )


def test_url_has_period_after_section_number() -> None:
    assert official_url("EDC", "52064.5") == URL_52064_5
    assert parse_citation("EC 52064.5(g)(1)").url == URL_52064_5
    assert parse_citation("Education Code 52072").url == URL_52072


@pytest.mark.parametrize(("code", "section"), [("XYZ", "52072"), ("EDC", "52072."), ("EDC", "")])
def test_official_url_rejects_unknown_code_or_bad_section(code: str, section: str) -> None:
    with pytest.raises(ValueError):
        official_url(code, section)


def test_properties_of_a_subdivision_citation() -> None:
    citation = parse_citation("Education Code 52074(g)(1)(A)")
    assert citation.subdivision_label == "(g)(1)(A)"
    assert citation.canonical == "EC 52074(g)(1)(A)"
    assert citation.section_key == ("EDC", "52074")
    assert citation.long_form == "Education Code section 52074, subdivision (g)(1)(A)"


def test_properties_of_a_whole_section_citation() -> None:
    citation = parse_citation("EC 52072")
    assert citation.subdivision_label == ""
    assert citation.canonical == "EC 52072"
    assert citation.section_key == ("EDC", "52072")
    assert citation.long_form == "Education Code section 52072"


@pytest.mark.parametrize(
    ("code", "section", "subdivisions"),
    [("GOV", "52072", ()), ("EDC", "52072a", ()), ("EDC", "52072", ("g ",)), ("EDC", "1", ("",))],
)
def test_citation_rejects_invalid_parts(
    code: str, section: str, subdivisions: tuple[str, ...]
) -> None:
    with pytest.raises(ValueError):
        Citation(code, section, subdivisions)


@pytest.mark.parametrize("url", [URL_52072, URL_52064_5])
def test_canonical_url(url: str) -> None:
    assert is_canonical_url(url)


@pytest.mark.parametrize(
    "url",
    [
        URL_52072.replace("https://", "http://"),
        URL_52072.removesuffix("."),
        URL_52072.replace("leginfo.legislature.ca.gov", "leginfo.example.gov"),
        URL_52072 + "&foo=bar",
        URL_52072.replace("?lawCode", "?foo=bar&lawCode"),
        URL_52072.replace("lawCode=EDC", "lawCode=XYZ"),
        URL_52072.replace("lawCode=EDC", "lawCode=edc"),
        URL_52072.replace("codes_displaySection", "codes_displayText"),
        URL_52072.replace("52072.", "52072(a)."),
        URL_52072 + "#a",
        URL_52072 + "\n",
        "",
    ],
)
def test_not_canonical_url(url: str) -> None:
    assert not is_canonical_url(url)


MALFORMED = [
    (
        "Education Code 52074(g)(2(A)",
        "malformed citation 'Education Code 52074(g)(2(A)': unbalanced parentheses",
        "Education Code 52074(g)(2)(A)",
    ),
    (
        "EC 52074(g)(1)(A",
        "malformed citation 'EC 52074(g)(1)(A': unbalanced parentheses",
        "EC 52074(g)(1)(A)",
    ),
    (
        "EC 52074g)(1)",
        "malformed citation 'EC 52074g)(1)': unbalanced parentheses",
        "EC 52074(g)(1)",
    ),
    (
        "EC 52072()",
        "malformed citation 'EC 52072()': empty subdivision '()'",
        "EC 52072",
    ),
    (
        "EC 52072((a))",
        "malformed citation 'EC 52072((a))': nested parentheses",
        "EC 52072(a)",
    ),
    (
        "EC 52072(g )",
        "malformed citation 'EC 52072(g )': subdivision '(g )' may contain only letters and digits",
        "EC 52072(g)",
    ),
    (
        "Ed. Code § 52072(g.)(1)",
        "malformed citation 'Ed. Code § 52072(g.)(1)': "
        "subdivision '(g.)' may contain only letters and digits",
        "Ed. Code § 52072(g)(1)",
    ),
    (
        "EC 52072(a)b",
        "malformed citation 'EC 52072(a)b': subdivision 'b' is not in parentheses",
        "EC 52072(a)(b)",
    ),
    (
        "Education Code section 52074, subdivision (g)(2(A)",
        "malformed citation 'Education Code section 52074, subdivision (g)(2(A)': "
        "unbalanced parentheses",
        "Education Code section 52074, subdivision (g)(2)(A)",
    ),
    (
        "EC 52072(abcdef)",
        "malformed citation 'EC 52072(abcdef)': subdivision '(abcdef)' is longer than 5 characters",
        None,
    ),
]


@pytest.mark.parametrize(("text", "message", "suggestion"), MALFORMED)
def test_parse_rejects_malformed(text: str, message: str, suggestion: str | None) -> None:
    with pytest.raises(CitationError) as caught:
        parse_citation(text)
    assert caught.value.message == message
    assert caught.value.suggestion == suggestion
    hint = f"; did you mean '{suggestion}'?" if suggestion else ""
    assert str(caught.value) == message + hint


@pytest.mark.parametrize(("text", "message", "suggestion"), MALFORMED)
def test_find_reports_malformed(text: str, message: str, suggestion: str | None) -> None:
    prose = f"Districts must comply with {text} as amended."
    matches = find_citations(prose)
    assert len(matches) == 1
    match = matches[0]
    assert match.citation is None
    assert match.error is not None
    assert (match.text, match.error.message, match.error.suggestion) == (text, message, suggestion)
    assert prose[match.start : match.end] == text


def test_error_message_is_on_one_line() -> None:
    with pytest.raises(CitationError) as caught:
        parse_citation("Education\nCode 52074(g)(2(A)")
    assert caught.value.message == (
        "malformed citation 'Education Code 52074(g)(2(A)': unbalanced parentheses"
    )
    assert caught.value.suggestion == "Education\nCode 52074(g)(2)(A)"


def test_unclosed_group_stops_before_following_prose() -> None:
    [match] = find_citations("See EC 52074(g)(1)(A of this section.")
    assert match.text == "EC 52074(g)(1)(A"
    assert match.error is not None
    assert match.error.suggestion == "EC 52074(g)(1)(A)"


@pytest.mark.parametrize(
    ("text", "message", "suggestion"),
    [
        ("", "empty citation", None),
        ("   ", "empty citation", None),
        ("52072", "not a citation: '52072' (expected e.g. 'EC 52072(a)')", None),
        (
            "Section 52072",
            "not a citation: 'Section 52072' (expected e.g. 'EC 52072(a)')",
            None,
        ),
        (
            "the Education Code says",
            "not a citation: 'the Education Code says' (expected e.g. 'EC 52072(a)')",
            None,
        ),
        (
            "Education Code section",
            "not a citation: 'Education Code section' (expected e.g. 'EC 52072(a)')",
            None,
        ),
        (
            "EC 52072.",
            "malformed citation 'EC 52072.': unexpected '.' after 'EC 52072'",
            None,
        ),
        (
            "EC 52072 and EC 52073",
            "malformed citation 'EC 52072 and EC 52073': "
            "unexpected ' and EC 52073' after 'EC 52072'",
            None,
        ),
        (
            "EC 52072 (a)(1)",
            "malformed citation 'EC 52072 (a)(1)': unexpected ' (a)(1)' after 'EC 52072'",
            "EC 52072(a)(1)",
        ),
    ],
)
def test_parse_rejects_non_citation(text: str, message: str, suggestion: str | None) -> None:
    with pytest.raises(CitationError) as caught:
        parse_citation(text)
    assert (caught.value.message, caught.value.suggestion) == (message, suggestion)


def test_error_without_suggestion_is_just_the_message() -> None:
    error = CitationError("empty citation")
    assert str(error) == "empty citation"
    assert isinstance(error, ValueError)


def test_paragraph_with_several_citations() -> None:
    paragraph = (
        "The LCAP template (Education Code 52064.5) follows EC 52060(d)(1). A county office\n"
        "reviews it under Cal. Educ. Code § 52070(d) and Education Code Section 52074,\n"
        "subdivision (g)(1)(A); a charter school answers under EC 52072."
    )
    matches = find_citations(paragraph)
    assert [(m.text, m.citation.canonical if m.citation else None) for m in matches] == [
        ("Education Code 52064.5", "EC 52064.5"),
        ("EC 52060(d)(1)", "EC 52060(d)(1)"),
        ("Cal. Educ. Code § 52070(d)", "EC 52070(d)"),
        (
            "Education Code Section 52074,\nsubdivision (g)(1)(A)",
            "EC 52074(g)(1)(A)",
        ),
        ("EC 52072", "EC 52072"),
    ]
    for match in matches:
        assert paragraph[match.start : match.end] == match.text
    assert [m.start for m in matches] == sorted(m.start for m in matches)


def test_paragraph_with_good_and_malformed_citations() -> None:
    paragraph = "Under EC 52072(a) and Education Code 52074(g)(2(A), the county acts."
    good, bad = find_citations(paragraph)
    assert good.citation == Citation("EDC", "52072", ("a",))
    assert good.error is None
    assert bad.citation is None
    assert bad.error is not None
    assert bad.error.suggestion == "Education Code 52074(g)(2)(A)"


@pytest.mark.parametrize(
    ("prose", "text", "canonical"),
    [
        ("(see EC 52072)", "EC 52072", "EC 52072"),
        ("(see EC 52072(a)).", "EC 52072(a)", "EC 52072(a)"),
        ("(see EC 52072(a)(1)) and more", "EC 52072(a)(1)", "EC 52072(a)(1)"),
        ("under EC 52072.", "EC 52072", "EC 52072"),
        ("under EC 52064.5.", "EC 52064.5", "EC 52064.5"),
        ("under EC 52072(a).", "EC 52072(a)", "EC 52072(a)"),
        ("under EC 52072's rules", "EC 52072", "EC 52072"),
        ("EC 52072 (a) applies", "EC 52072", "EC 52072"),
        ("EC 52072(a) (see below)", "EC 52072(a)", "EC 52072(a)"),
        ("EC 52072(a)-(c)", "EC 52072(a)", "EC 52072(a)"),
        ("**EC 52072**", "EC 52072", "EC 52072"),
        ("Education Code 52072, subdivisions (a) and (b)", "Education Code 52072", "EC 52072"),
        ("Education Code 52072, subdivision a", "Education Code 52072", "EC 52072"),
    ],
)
def test_citation_boundaries_in_prose(prose: str, text: str, canonical: str) -> None:
    [match] = find_citations(prose)
    assert match.text == text
    assert match.citation is not None
    assert match.citation.canonical == canonical


@pytest.mark.parametrize(
    "prose",
    [
        "the Education Code says",
        "The Education Code section on charters applies.",
        "SPEC 52072",
        "Checks per sec 52072",
        "52072",
        "Section 52072 applies.",
        "§ 52072",
        "Education Codes 52072",
        "ECONOMICS 52072",
        "non-EC 52072",
        "see ../ec/52072.md or /EC52072",
        "?code=EC52072&x=1",
        "Education Code\n\n52072",
        "",
    ],
)
def test_not_a_citation_in_prose(prose: str) -> None:
    assert find_citations(prose) == []


def test_link_target_is_skipped_but_link_text_is_reported() -> None:
    prose = f"[EC 52072]({URL_52072}) and <https://example.org/rules/EC 52072>"
    [match] = find_citations(prose)
    assert (match.start, match.text) == (1, "EC 52072")


def test_citation_after_url_is_found() -> None:
    prose = "See https://example.org/?q=EC52072 and EC 52073(b)."
    [match] = find_citations(prose)
    assert match.citation == Citation("EDC", "52073", ("b",))


@given(st.text())
def test_find_citations_never_raises(text: str) -> None:
    _check_matches(text)


_FRAGMENTS = st.sampled_from(
    [
        "EC ",
        "E.C.",
        "Education Code",
        "Cal. Educ. Code",
        " § ",
        "Section ",
        ", subdivision ",
        "52072",
        ".5",
        "(",
        ")",
        "(g)",
        "a",
        "1",
        " ",
        ".",
        "\n",
        "https://",
        "/",
    ]
)


@given(st.lists(_FRAGMENTS).map("".join))
def test_find_citations_on_citation_like_text(text: str) -> None:
    _check_matches(text)


@given(st.lists(_FRAGMENTS).map("".join))
def test_suggestions_are_citations(text: str) -> None:
    try:
        parse_citation(text)
    except CitationError as error:
        if error.suggestion is not None:
            parse_citation(error.suggestion)


def _check_matches(text: str) -> None:
    end = 0
    for match in find_citations(text):
        assert end <= match.start < match.end
        assert match.text == text[match.start : match.end]
        assert (match.citation is None) != (match.error is None)
        end = match.end


_SECTIONS = st.from_regex(r"[1-9][0-9]{0,5}(\.[0-9]{1,3})?", fullmatch=True)
_SUBDIVISIONS = st.lists(st.from_regex(r"[A-Za-z0-9]{1,5}", fullmatch=True), max_size=4).map(tuple)
_CITATIONS = st.builds(Citation, st.just("EDC"), _SECTIONS, _SUBDIVISIONS)


@given(_CITATIONS)
def test_canonical_round_trips(citation: Citation) -> None:
    assert parse_citation(citation.canonical) == citation


@given(_CITATIONS)
def test_long_form_round_trips(citation: Citation) -> None:
    assert parse_citation(citation.long_form) == citation


@given(_CITATIONS)
def test_canonical_found_at_sentence_end(citation: Citation) -> None:
    [match] = find_citations(f"Required by {citation.canonical}.")
    assert match.citation == citation
