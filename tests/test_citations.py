"""Citations of law: the registry of sources, the written forms of each, errors with suggestions,
prose scanning, section keys, official addresses, and how check treats them in content."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.build.linkcheck import check_links
from generator.citations import (
    SOURCES,
    Citation,
    CitationError,
    Links,
    find_citations,
    is_canonical_url,
    official_hosts,
    official_url,
    parse_citation,
)
from generator.cli import main
from generator.errors import Problems
from generator.validate import read_content
from tests.conftest import MINIMAL, TODAY, ProjectFactory, problems_of

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


def test_education_code_entry() -> None:
    source = SOURCES["EDC"]
    assert (source.name, source.forms, source.abbreviations) == (
        "Education Code",
        ("Ed. Code", "Educ. Code"),
        ("EC", "EDC"),
    )


def test_url_has_period_after_section_number() -> None:
    assert official_url("EDC", "52064.5") == URL_52064_5
    assert parse_citation("EC 52064.5(g)(1)").url == URL_52064_5
    assert parse_citation("Education Code 52072").url == URL_52072


@pytest.mark.parametrize(
    ("code", "section", "title"),
    [
        ("XYZ", "52072", ""),
        ("EDC", "52072.", ""),
        ("EDC", "", ""),
        ("USC", "6311", ""),
        ("USC", "6311", "99"),
        ("CFR", "200", "34"),
        ("CCR", "15497", "5"),
    ],
)
def test_official_url_rejects_unknown_code_bad_number_or_no_pattern(
    code: str, section: str, title: str
) -> None:
    with pytest.raises(ValueError):
        official_url(code, section, title)


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
    ("code", "section", "subdivisions", "title", "part"),
    [
        ("XYZ", "52072", (), "", False),
        ("EDC", "52072a", (), "", False),
        ("EDC", "52072", ("g ",), "", False),
        ("EDC", "1", ("",), "", False),
        ("EDC", "52072", (), "5", False),
        ("EDC", "52072", (), "", True),
        ("USC", "6311", (), "", False),
        ("USC", "6311", (), "55", False),
        ("USC", "6311.5", (), "20", False),
        ("USC", "6311", (), "20", True),
        ("CFR", "200", (), "34", False),
        ("CFR", "200.19", (), "34", True),
        ("CFR", "200", ("a",), "34", True),
        ("CCR", "15497", (), "29", False),
    ],
)
def test_citation_rejects_invalid_parts(
    code: str, section: str, subdivisions: tuple[str, ...], title: str, part: bool
) -> None:
    with pytest.raises(ValueError):
        Citation(code, section, subdivisions, title, part)


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


NOT_A_CITATION = "(expected e.g. 'EC 52072(a)', 'Gov. Code § 11135' or '20 U.S.C. § 6311')"


@pytest.mark.parametrize(
    ("text", "message", "suggestion"),
    [
        ("", "empty citation", None),
        ("   ", "empty citation", None),
        ("52072", f"not a citation: '52072' {NOT_A_CITATION}", None),
        ("Section 52072", f"not a citation: 'Section 52072' {NOT_A_CITATION}", None),
        (
            "the Education Code says",
            f"not a citation: 'the Education Code says' {NOT_A_CITATION}",
            None,
        ),
        (
            "Education Code section",
            "malformed citation 'Education Code section': missing section number",
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


# The registry: every source in one place ------------------------------------------------------

CALIFORNIA_CODES = [
    *("BPC", "CIV", "CCP", "COM", "CORP", "EDC", "ELEC", "EVID", "FAM", "FIN", "FGC", "FAC"),
    *("GOV", "HNC", "HSC", "INS", "LAB", "MVC", "PEN", "PROB", "PCC", "PRC", "PUC", "RTC"),
    *("SHC", "UIC", "VEH", "WAT", "WIC"),
]


def leginfo(code: str, section: str) -> str:
    return (
        "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
        f"?lawCode={code}&sectionNum={section}."
    )


USC_20_6311 = (
    "https://uscode.house.gov/view.xhtml"
    "?req=granuleid:USC-prelim-title20-section6311&num=0&edition=prelim"
)
CFR_34_200_19 = "https://www.ecfr.gov/current/title-34/section-200.19"
CFR_34_PART_200 = "https://www.ecfr.gov/current/title-34/part-200"


def test_registry_holds_the_29_california_codes_then_regulations_and_federal_law() -> None:
    assert list(SOURCES) == [*CALIFORNIA_CODES, "CCR", "USC", "CFR"]
    assert len({s.name for s in SOURCES.values()}) == len(SOURCES)
    assert len({s.slug for s in SOURCES.values()}) == len(SOURCES)


@pytest.mark.parametrize("code", CALIFORNIA_CODES)
def test_every_california_code_by_name_short_form_and_leginfo_key(code: str) -> None:
    source = SOURCES[code]
    expected = Citation(code, "100", ("a",))
    for written in (
        f"{source.name} section 100(a)",
        f"California {source.name} § 100(a)",
        source.short.format(section="100") + "(a)",
        f"{code} 100(a)",
    ):
        assert parse_citation(written) == expected, written
    assert expected.url == leginfo(code, "100")
    assert is_canonical_url(leginfo(code, "100"))
    assert parse_citation(expected.canonical) == expected
    assert parse_citation(expected.long_form) == expected


@pytest.mark.parametrize("source", SOURCES.values(), ids=list(SOURCES))
def test_every_source_example_reads_back(source: Any) -> None:
    citation = parse_citation(source.example)
    assert citation.code == source.key
    assert [m.citation for m in find_citations(f"See {source.example}.")] == [citation]


# (written, canonical, official address); None for the regulations, which have no pattern.
FORMS: list[tuple[str, str, str | None]] = [
    ("Gov. Code § 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    ("Gov. Code, § 11135(a)", "Gov. Code § 11135(a)", leginfo("GOV", "11135")),
    ("Government Code section 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    (
        "Government Code Section 11135, subdivision (a)",
        "Gov. Code § 11135(a)",
        leginfo("GOV", "11135"),
    ),
    ("GC § 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    ("GC Section 11135(b)", "Gov. Code § 11135(b)", leginfo("GOV", "11135")),
    ("G.C. § 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    ("Cal. Gov't Code § 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    ("Cal. Gov\u2019t Code § 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    ("Govt. Code 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    ("California Government Code section 11135", "Gov. Code § 11135", leginfo("GOV", "11135")),
    ("Welf. & Inst. Code § 300", "Welf. & Inst. Code § 300", leginfo("WIC", "300")),
    (
        "Welfare and Institutions Code section 300(b)(1)",
        "Welf. & Inst. Code § 300(b)(1)",
        leginfo("WIC", "300"),
    ),
    ("W&I Code 300", "Welf. & Inst. Code § 300", leginfo("WIC", "300")),
    ("W & I Code § 300", "Welf. & Inst. Code § 300", leginfo("WIC", "300")),
    ("Welf. and Inst. Code § 300", "Welf. & Inst. Code § 300", leginfo("WIC", "300")),
    ("WIC § 300", "Welf. & Inst. Code § 300", leginfo("WIC", "300")),
    ("Cal. Welf. & Inst. Code § 300", "Welf. & Inst. Code § 300", leginfo("WIC", "300")),
    ("Health & Saf. Code § 120325", "Health & Saf. Code § 120325", leginfo("HSC", "120325")),
    ("Health and Safety Code 120325", "Health & Saf. Code § 120325", leginfo("HSC", "120325")),
    ("Cal. Health & Safety Code § 120325", "Health & Saf. Code § 120325", leginfo("HSC", "120325")),
    ("H&S Code 120325", "Health & Saf. Code § 120325", leginfo("HSC", "120325")),
    ("HSC § 120325", "Health & Saf. Code § 120325", leginfo("HSC", "120325")),
    ("Pen. Code § 11166", "Pen. Code § 11166", leginfo("PEN", "11166")),
    ("Penal Code 11166(a)", "Pen. Code § 11166(a)", leginfo("PEN", "11166")),
    ("PC § 11166", "Pen. Code § 11166", leginfo("PEN", "11166")),
    ("Lab. Code § 1102.5", "Lab. Code § 1102.5", leginfo("LAB", "1102.5")),
    ("Bus. & Prof. Code § 2052", "Bus. & Prof. Code § 2052", leginfo("BPC", "2052")),
    ("B&P Code 2052", "Bus. & Prof. Code § 2052", leginfo("BPC", "2052")),
    ("Civ. Code § 1714", "Civ. Code § 1714", leginfo("CIV", "1714")),
    ("Code Civ. Proc. § 1010", "Code Civ. Proc. § 1010", leginfo("CCP", "1010")),
    ("Cal. Civ. Proc. Code § 1010", "Code Civ. Proc. § 1010", leginfo("CCP", "1010")),
    ("Code of Civil Procedure section 1010", "Code Civ. Proc. § 1010", leginfo("CCP", "1010")),
    ("CCP § 1010", "Code Civ. Proc. § 1010", leginfo("CCP", "1010")),
    ("Veh. Code § 22454", "Veh. Code § 22454", leginfo("VEH", "22454")),
    ("VC § 22454", "Veh. Code § 22454", leginfo("VEH", "22454")),
    ("Rev. & Tax. Code § 17041", "Rev. & Tax. Code § 17041", leginfo("RTC", "17041")),
    ("R&T Code 17041", "Rev. & Tax. Code § 17041", leginfo("RTC", "17041")),
    ("Pub. Contract Code § 20111", "Pub. Contract Code § 20111", leginfo("PCC", "20111")),
    ("Sts. & Hy. Code § 1", "Sts. & Hy. Code § 1", leginfo("SHC", "1")),
    ("20 U.S.C. § 6311(d)", "20 U.S.C. § 6311(d)", USC_20_6311),
    ("20 USC 6311", "20 U.S.C. § 6311", USC_20_6311),
    ("20 U.S.C. 6311", "20 U.S.C. § 6311", USC_20_6311),
    ("20 U.S.C. sec. 6311(d)(2)", "20 U.S.C. § 6311(d)(2)", USC_20_6311),
    ("20 U.S. Code § 6311", "20 U.S.C. § 6311", USC_20_6311),
    ("Title 20 U.S.C. § 6311", "20 U.S.C. § 6311", USC_20_6311),
    ("title 20, United States Code, section 6311", "20 U.S.C. § 6311", USC_20_6311),
    (
        "20 U.S.C. § 1232g(b)(1)",
        "20 U.S.C. § 1232g(b)(1)",
        USC_20_6311.replace("section6311", "section1232g"),
    ),
    (
        "42 U.S.C. § 2000d",
        "42 U.S.C. § 2000d",
        USC_20_6311.replace("title20-section6311", "title42-section2000d"),
    ),
    ("34 C.F.R. § 200.19", "34 C.F.R. § 200.19", CFR_34_200_19),
    ("34 CFR 200.19", "34 C.F.R. § 200.19", CFR_34_200_19),
    ("34 CFR 200.19(a)(1)", "34 C.F.R. § 200.19(a)(1)", CFR_34_200_19),
    (
        "title 34, Code of Federal Regulations, section 200.19",
        "34 C.F.R. § 200.19",
        CFR_34_200_19,
    ),
    ("34 CFR part 200", "34 C.F.R. part 200", CFR_34_PART_200),
    ("34 C.F.R. Part 200", "34 C.F.R. part 200", CFR_34_PART_200),
    ("34 CFR pt. 200", "34 C.F.R. part 200", CFR_34_PART_200),
    ("34 CFR 200", "34 C.F.R. part 200", CFR_34_PART_200),
    ("Cal. Code Regs., tit. 5, § 15497", "Cal. Code Regs., tit. 5, § 15497", None),
    ("Cal. Code Regs. tit. 5 § 15497", "Cal. Code Regs., tit. 5, § 15497", None),
    ("Cal. Code Regs. tit. 5, § 15497(b)", "Cal. Code Regs., tit. 5, § 15497(b)", None),
    ("5 CCR 15497", "Cal. Code Regs., tit. 5, § 15497", None),
    ("5 C.C.R. § 15497", "Cal. Code Regs., tit. 5, § 15497", None),
    (
        "title 5, California Code of Regulations, section 15497",
        "Cal. Code Regs., tit. 5, § 15497",
        None,
    ),
    (
        "California Code of Regulations, title 5, section 15497, subdivision (a)",
        "Cal. Code Regs., tit. 5, § 15497(a)",
        None,
    ),
    ("Title 5, CCR, § 15497", "Cal. Code Regs., tit. 5, § 15497", None),
]


@pytest.mark.parametrize(("text", "canonical", "url"), FORMS)
def test_parse_each_source_and_form(text: str, canonical: str, url: str | None) -> None:
    citation = parse_citation(text)
    assert (citation.canonical, citation.url) == (canonical, url)
    assert parse_citation(citation.canonical) == citation
    assert parse_citation(citation.long_form) == citation
    if url is not None:
        assert is_canonical_url(url)


@pytest.mark.parametrize(("text", "canonical", "url"), FORMS)
def test_find_each_source_and_form_in_prose(text: str, canonical: str, url: str | None) -> None:
    prose = f"As required by {text}, a district must act."
    [match] = find_citations(prose)
    assert match.text == text
    assert match.citation is not None
    assert match.citation.canonical == canonical


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("GC 11135", "Gov. Code § 11135"),
        ("PC 11166", "Pen. Code § 11166"),
        ("VC 22454", "Veh. Code § 22454"),
        ("WIC 300", "Welf. & Inst. Code § 300"),
        ("CCP 1010", "Code Civ. Proc. § 1010"),
        ("GOV 11135", "Gov. Code § 11135"),
    ],
)
def test_bare_abbreviation_is_a_citation_in_a_list_but_needs_a_section_sign_in_prose(
    text: str, canonical: str
) -> None:
    assert parse_citation(text).canonical == canonical
    assert find_citations(f"As required by {text}, a district must act.") == []
    [match] = find_citations(f"As required by {text.replace(' ', ' § ')}, a district must act.")
    assert match.citation is not None
    assert match.citation.canonical == canonical


@pytest.mark.parametrize(
    "prose",
    [
        "We replaced every PC 12 years ago.",
        "The WIC 2024 income guidelines changed in May.",
        "The GC 11135 committee met.",
        "Title 5 regulations apply to every district.",
        "In 2020 USC enrolled more students than ever.",
        "Room 5 CCR is on the second floor.",
        "The CC 3 list and the LC 4501 call number.",
        "The CCP 20th congress and VC 5 funding.",
        "Chapter 20 of the Code, and the Penal Code in general.",
        "Section 504 of the Rehabilitation Act and Title IX.",
        "Read title 20 of the act.",
        "Foo Code 12 and Code 12.",
        "See the W&I Code and the United States Code.",
        "See https://uscode.house.gov/view.xhtml?req=20+USC+6311 for the text.",
        "Price: 20 USD 6311 and 34 CFRs.",
    ],
)
def test_ordinary_sentences_hold_no_citation(prose: str) -> None:
    assert find_citations(prose) == []


def test_shipped_content_cites_only_the_education_code() -> None:
    root = Path(__file__).resolve().parents[1]
    files = [*(root / "content").rglob("*.yml"), *(root / "content").rglob("*.md")]
    files += [*(root / "decision_trees").glob("*.yml")]
    found = [m for path in files for m in find_citations(path.read_text("utf-8"))]
    assert found
    assert [m.error for m in found if m.error] == []
    assert {m.citation.code for m in found if m.citation} == {"EDC"}


REFUSED = [
    (
        "20 U.S.C. § 6311(d",
        "malformed citation '20 U.S.C. § 6311(d': unbalanced parentheses",
        "20 U.S.C. § 6311(d)",
    ),
    (
        "Gov. Code § 11135(a)(1",
        "malformed citation 'Gov. Code § 11135(a)(1': unbalanced parentheses",
        "Gov. Code § 11135(a)(1)",
    ),
    (
        "Gov. Code §§ 11135",
        "malformed citation 'Gov. Code §§ 11135': '§§' cites several sections; cite one with '§'",
        "Gov. Code § 11135",
    ),
    (
        "34 C.F.R. §§ 200.19(a)",
        "malformed citation '34 C.F.R. §§ 200.19(a)': '§§' cites several sections; "
        "cite one with '§'",
        "34 C.F.R. § 200.19(a)",
    ),
    (
        "Education Code §§ 52072((a))",
        "malformed citation 'Education Code §§ 52072((a))': nested parentheses",
        "Education Code § 52072(a)",
    ),
    (
        "U.S.C. § 6311",
        "malformed citation 'U.S.C. § 6311': missing title number: the United States Code is "
        "cited title first, such as '20 U.S.C. § 6311(d)'",
        None,
    ),
    (
        "Cal. Code Regs. § 15497",
        "malformed citation 'Cal. Code Regs. § 15497': missing title number: the California "
        "Code of Regulations is cited title first, such as 'Cal. Code Regs., tit. 5, § 15497'",
        None,
    ),
    (
        "99 U.S.C. § 1",
        "malformed citation '99 U.S.C. § 1': title 99 is not a title of the United States Code "
        "(1 to 54)",
        None,
    ),
    (
        "20 U.S.C. § 6311.5",
        "malformed citation '20 U.S.C. § 6311.5': '6311.5' is not a section number of the "
        "United States Code",
        None,
    ),
    (
        "20 U.S.C. part 6311",
        "malformed citation '20 U.S.C. part 6311': the United States Code is cited by section, "
        "not by part",
        None,
    ),
    (
        "34 CFR § 200",
        "malformed citation '34 CFR § 200': '200' is a part, not a section, of the Code of "
        "Federal Regulations; a section has a period in its number, such as '34 C.F.R. § 200.19'",
        "34 C.F.R. part 200",
    ),
    (
        "34 CFR part 200(a)",
        "malformed citation '34 CFR part 200(a)': a part is cited whole, without subdivisions",
        "34 C.F.R. part 200",
    ),
    (
        "5 CCR 15497(b)(2(A)",
        "malformed citation '5 CCR 15497(b)(2(A)': unbalanced parentheses",
        "5 CCR 15497(b)(2)(A)",
    ),
]


@pytest.mark.parametrize(("text", "message", "suggestion"), REFUSED)
def test_parse_refuses_malformed_with_a_suggestion(
    text: str, message: str, suggestion: str | None
) -> None:
    with pytest.raises(CitationError) as caught:
        parse_citation(text)
    assert (caught.value.message, caught.value.suggestion) == (message, suggestion)
    if suggestion is not None:
        parse_citation(suggestion)


@pytest.mark.parametrize(("text", "message", "suggestion"), REFUSED)
def test_find_reports_malformed_in_prose(text: str, message: str, suggestion: str | None) -> None:
    prose = f"Districts must comply with {text} as amended."
    [match] = find_citations(prose)
    assert match.citation is None
    assert match.error is not None
    assert (match.text, match.error.message, match.error.suggestion) == (text, message, suggestion)


@pytest.mark.parametrize("text", ["Gov. Code §", "Welf. & Inst. Code, §", "20 U.S.C. §§"])
def test_section_sign_without_a_number(text: str) -> None:
    with pytest.raises(CitationError, match="missing section number"):
        parse_citation(text)
    [match] = find_citations(f"Under {text} and more.")
    assert match.error is not None
    assert match.error.message.endswith(": missing section number")


@pytest.mark.parametrize("text", ["Government Code", "Gov. Code section", "GC §", "20 USC"])
def test_name_without_a_number_in_a_list(text: str) -> None:
    with pytest.raises(CitationError, match="missing section number"):
        parse_citation(text)


def test_unknown_code_name_is_just_text() -> None:
    assert find_citations("Under Foo Code 12 and Foo Code § 12, nothing.") == []
    with pytest.raises(CitationError) as caught:
        parse_citation("Foo Code 12")
    assert caught.value.message == f"not a citation: 'Foo Code 12' {NOT_A_CITATION}"
    assert caught.value.suggestion is None


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Goverment Code 11135", "Government Code 11135"),
        ("Welfare and Institution Code § 300", "Welfare and Institutions Code § 300"),
        ("Educaton Code section 52072(a)", "Education Code section 52072(a)"),
    ],
)
def test_misspelt_code_name_gets_a_suggestion(text: str, suggestion: str) -> None:
    with pytest.raises(CitationError) as caught:
        parse_citation(text)
    assert caught.value.suggestion == suggestion
    parse_citation(suggestion)


def test_section_keys_and_slugs_include_the_source() -> None:
    ec, gov = parse_citation("EC 52072(a)"), parse_citation("Gov. Code § 52072(a)")
    assert ec.section == gov.section
    assert (ec.section_key, gov.section_key) == (("EDC", "52072"), ("GOV", "52072"))
    assert (ec.whole.slug, gov.whole.slug) == ("ec-52072", "gov-52072")
    assert parse_citation("20 U.S.C. § 6311(d)").section_key == ("USC", "20", "6311")
    assert parse_citation("42 U.S.C. § 6311").section_key == ("USC", "42", "6311")
    assert parse_citation("34 CFR 200.19").section_key == ("CFR", "34", "200.19")
    assert parse_citation("34 CFR part 200").section_key == ("CFR", "34", "part", "200")
    slugs = {
        text: parse_citation(text).slug
        for text in ("EC 52064.5", "20 USC 6311", "34 CFR 200.19", "34 CFR part 200", "5 CCR 15497")
    }
    assert slugs == {
        "EC 52064.5": "ec-52064-5",
        "20 USC 6311": "usc-20-6311",
        "34 CFR 200.19": "cfr-34-200-19",
        "34 CFR part 200": "cfr-34-part-200",
        "5 CCR 15497": "ccr-5-15497",
    }


def test_links_use_an_address_given_for_a_section_without_a_pattern() -> None:
    given = "https://govt.westlaw.com/calregs/Document/I15497"
    ccr, gov = parse_citation("5 CCR 15497(a)"), parse_citation("GC 11135")
    links = Links(((ccr.section_key, given),))
    assert (links.url(ccr), links.url(gov)) == (given, leginfo("GOV", "11135"))
    assert Links().url(ccr) is None
    assert hash(links) == hash(Links(((ccr.section_key, given),)))


def test_official_hosts_are_written_once_in_the_registry() -> None:
    assert official_hosts() == {"leginfo.legislature.ca.gov", "uscode.house.gov", "www.ecfr.gov"}


@pytest.mark.parametrize(
    "url",
    [
        USC_20_6311.replace("edition=prelim", "edition=current"),
        USC_20_6311.replace("title20", "title020"),
        USC_20_6311.replace("title20", "title99"),
        USC_20_6311 + "&x=1",
        CFR_34_200_19 + "/",
        CFR_34_200_19.replace("section-200.19", "section-200"),
        CFR_34_PART_200.replace("part-200", "part-200.19"),
        CFR_34_PART_200.replace("https://www.", "https://"),
        leginfo("GOV", "11135").replace("GOV", "XYZ"),
        leginfo("USC", "6311"),
    ],
)
def test_not_canonical_federal_or_other_code_url(url: str) -> None:
    assert not is_canonical_url(url)


def _citations_of(source_key: str) -> st.SearchStrategy[Citation]:
    source = SOURCES[source_key]
    titles = st.integers(*source.titles).map(str) if source.titles is not None else st.just("")
    sections = st.from_regex(source.section, fullmatch=True)
    whole = st.builds(Citation, st.just(source_key), sections, _SUBDIVISIONS, titles)
    if source.part is None:
        return whole
    parts = st.builds(
        Citation,
        st.just(source_key),
        st.from_regex(source.part, fullmatch=True),
        st.just(()),
        titles,
        st.just(True),
    )
    return whole | parts


_ANY_CITATION = st.sampled_from(list(SOURCES)).flatmap(_citations_of)


@given(_ANY_CITATION)
def test_every_source_round_trips(citation: Citation) -> None:
    assert parse_citation(citation.canonical) == citation
    assert parse_citation(citation.long_form) == citation
    [match] = find_citations(f"Required by {citation.canonical}.")
    assert match.citation == citation
    if citation.url is not None:
        assert is_canonical_url(citation.url)


@given(_ANY_CITATION, _ANY_CITATION)
def test_slugs_are_unique_across_sources(first: Citation, second: Citation) -> None:
    assert (first.whole.slug == second.whole.slug) == (first.section_key == second.section_key)


_SOURCE_FRAGMENTS = st.sampled_from(
    [
        *("Gov. Code", "GC", "W&I Code", "Cal. ", "California ", "Code ", "EC", "ec "),
        *("20 ", "99 ", "U.S.C.", "United States Code", "34 ", "CFR", " part ", "pt. "),
        *("Cal. Code Regs.", "Regs.", ", tit. ", "title ", "of the ", "5"),
        *("§§ ", " § ", "sec. ", "Section ", "6311", "200.19", "200", "-1", "a"),
        *("(", ")", "(d)", " ", ",", ".", "\n"),
    ]
)


@given(st.lists(_SOURCE_FRAGMENTS).map("".join))
def test_find_citations_on_federal_and_state_like_text(text: str) -> None:
    _check_matches(text)
    for match in find_citations(text):
        if match.error is not None and match.error.suggestion is not None:
            parse_citation(match.error.suggestion)


@given(st.lists(_SOURCE_FRAGMENTS).map("".join))
def test_suggestions_for_every_source_are_citations(text: str) -> None:
    try:
        parse_citation(text)
    except CitationError as error:
        if error.suggestion is not None:
            parse_citation(error.suggestion)


# What check says about citations in content ---------------------------------------------------

GOV_11135_ENTRY = """\
    citation: Gov. Code § 11135
    heading: Discrimination in state-funded programs
    summary: No one may be denied the benefits of a state-funded program.
    text_checked: 2026-11-01
    last_reviewed: 2026-11-01
    """
CCR_ENTRY = """\
    citation: 5 CCR 15497
    heading: The LCAP template
    summary: The template districts use.
    text_checked: 2026-11-01
    last_reviewed: 2026-11-01
    """


def _pathway(**fields: str) -> str:
    """The minimal pathway, with some fields replaced."""
    lines = []
    for line in MINIMAL["content/pathways/first.yml"].splitlines(keepends=True):
        name = line.strip().split(":", 1)[0]
        if name in fields and not line.startswith("          "):
            indent = line[: len(line) - len(line.lstrip())]
            lines.append(f"{indent}{name}: {fields.pop(name)}\n")
        else:
            lines.append(line)
    assert not fields, fields
    return "".join(lines)


def test_prose_citation_of_a_section_without_an_entry_is_a_located_warning(
    tmp_project: ProjectFactory,
) -> None:
    root = tmp_project(
        {"content/pathways/first.yml": _pathway(who_starts="CCEE under Gov. Code § 11135(a).")}
    )
    assert problems_of(root) == [
        "content/pathways/first.yml:8:24: warning[unknown-section]: who_starts: Gov. Code § 11135(a) cites "
        "Gov. Code § 11135, which is not in the statute registry (content/statutes/): it links "
        "to its official text but has no page in this guide",
    ]


def test_a_citation_list_must_name_a_statute_entry_of_the_same_source(
    tmp_project: ProjectFactory,
) -> None:
    # EC 52072 has an entry; the Government Code's 52072 is another section.
    pathway = MINIMAL["content/pathways/first.yml"].replace(
        "  - EC 52072(a)\n", "  - EC 52072(a)\n          - GC 52072\n"
    )
    root = tmp_project({"content/pathways/first.yml": pathway})
    assert problems_of(root) == [
        "content/pathways/first.yml:8:5: error[unknown-statute]: citations[1]: Gov. Code § 52072 cites "
        "Gov. Code § 52072, which is not in the statute registry (content/statutes/)",
    ]


def test_statute_entries_of_other_sources_are_keyed_apart(tmp_project: ProjectFactory) -> None:
    pathway = MINIMAL["content/pathways/first.yml"].replace(
        "  - EC 52072(a)\n", "  - EC 52072(a)\n          - Gov. Code § 52072\n"
    )
    root = tmp_project(
        {
            "content/pathways/first.yml": pathway,
            "content/statutes/gov-52072.yml": GOV_11135_ENTRY.replace("11135", "52072"),
        }
    )
    assert problems_of(root) == []
    problems = Problems()
    content = read_content(root, problems, TODAY)
    assert content is not None
    ec, gov = (content.statute_for(parse_citation(t)) for t in ("EC 52072", "GC 52072"))
    assert ec is not None and gov is not None
    assert (ec.slug, gov.slug) == ("ec-52072", "gov-52072")
    assert [u.owner_id for u in content.uses_of(gov)] == ["first"]
    assert {u.owner_id for u in content.uses_of(ec)} == {"first", "site"}


def test_regulation_entry_without_url_is_shown_unlinked_with_a_warning(
    tmp_project: ProjectFactory,
) -> None:
    root = tmp_project(
        {
            "content/pathways/first.yml": _pathway(what_happens_next="See 5 CCR 15497(a)."),
            "content/statutes/ccr-5-15497.yml": CCR_ENTRY,
        }
    )
    assert problems_of(root) == [
        "content/statutes/ccr-5-15497.yml:1:11: warning[no-url]: citation: the California Code of "
        "Regulations has no standard address for a section: give this entry a url: of "
        "Cal. Code Regs., tit. 5, § 15497's official text, or its citations are shown without "
        "a link",
    ]


def test_regulation_entry_with_url_links_there(tmp_project: ProjectFactory) -> None:
    url = "https://govt.westlaw.com/calregs/Document/I15497?viewType=FullText"
    root = tmp_project(
        {
            "content/pathways/first.yml": _pathway(what_happens_next="See 5 CCR 15497(a)."),
            "content/statutes/ccr-5-15497.yml": CCR_ENTRY + f"url: {url}\n",
        }
    )
    assert problems_of(root) == []
    content = read_content(root, Problems(), TODAY)
    assert content is not None
    cited = parse_citation("Cal. Code Regs., tit. 5, § 15497(a)")
    statute = content.statute_for(cited)
    assert statute is not None
    assert (statute.url, content.links.url(cited)) == (url, url)


def test_regulation_cited_in_prose_without_an_entry_warns_it_is_unlinked(
    tmp_project: ProjectFactory,
) -> None:
    root = tmp_project(
        {"content/pathways/first.yml": _pathway(what_happens_next="See 5 CCR 15497(a).")}
    )
    assert problems_of(root) == [
        "content/pathways/first.yml:11:24: warning[unknown-section]: what_happens_next: Cal. Code Regs., tit. 5, "
        "§ 15497(a) cites Cal. Code Regs., tit. 5, § 15497, which is not in the statute registry "
        "(content/statutes/), and the California Code of Regulations has no standard address "
        "for a section: it is shown without a link until a statute entry gives its url",
    ]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (
            "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml",
            "content/statutes/gov-11135.yml:6:6: error[url-not-needed]: url: Gov. Code § 11135 links to its "
            "official text by itself (https://leginfo.legislature.ca.gov/faces/"
            "codes_displaySection.xhtml?lawCode=GOV&sectionNum=11135.); url: is only for "
            "sources without a standard address, such as the California Code of Regulations",
        ),
        (
            "http://example.org/gov-11135",
            "content/statutes/gov-11135.yml:6:6: error[bad-format]: url: 'http://example.org/gov-11135' is "
            "not valid: use an https:// address",
        ),
    ],
)
def test_statute_url_only_where_needed_and_https(
    tmp_project: ProjectFactory, url: str, problem: str
) -> None:
    pathway = MINIMAL["content/pathways/first.yml"].replace(
        "  - EC 52072(a)\n", "  - EC 52072(a)\n          - GC 11135\n"
    )
    root = tmp_project(
        {
            "content/pathways/first.yml": pathway,
            "content/statutes/gov-11135.yml": GOV_11135_ENTRY + f"url: {url}\n",
        }
    )
    assert problem in problems_of(root)


def test_link_check_holds_every_source_to_its_canonical_address(tmp_path: Path) -> None:
    good = [leginfo("GOV", "11135"), USC_20_6311, CFR_34_200_19, CFR_34_PART_200]
    bad = [
        leginfo("GOV", "11135").removesuffix("."),
        USC_20_6311.replace("edition=prelim", "edition=current"),
        CFR_34_200_19 + "/",
        "https://www.ecfr.gov/current/title-34/part-200/section-200.19",
    ]
    links = "".join(f'<a href="{html.escape(url)}">x</a>' for url in [*good, *bad])
    (tmp_path / "index.html").write_text(links + '<a href="https://example.org/">x</a>')
    assert [str(b) for b in check_links(tmp_path)] == [
        f"index.html: statute link not in the canonical form: {url}" for url in bad
    ]


def test_check_command_prints_citation_warnings_and_errors(
    tmp_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(
        {
            "content/pathways/first.yml": _pathway(
                who_starts="Under 20 U.S.C. § 6311(d), and Gov. Code §§ 11135."
            ),
        }
    )
    assert main(["check", "--root", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "content/pathways/first.yml:8:19: warning[unknown-section]: who_starts: 20 U.S.C. § 6311(d) cites "
        "20 U.S.C. § 6311, which is not in the statute registry (content/statutes/): it links "
        "to its official text but has no page in this guide",
        "content/pathways/first.yml:8:44: error[bad-citation]: who_starts: malformed citation "
        "'Gov. Code §§ 11135': '§§' cites several sections; cite one with '§'; "
        "did you mean 'Gov. Code § 11135'?",
        "check failed: 1 error, 1 warning",
    ]


# Citations in Spanish prose -------------------------------------------------------------------

SPANISH_FORMS = [
    ("Código de Educación, sección 52072(a)", "EC 52072(a)"),
    ("Código de Educación, sección 52074, subdivisión (g)(1)(A)", "EC 52074(g)(1)(A)"),
    ("Código de Educación de California, sección 52064.5(g)", "EC 52064.5(g)"),
    ("Cód. Educ. § 52072", "EC 52072"),
    ("Cód. de Educ. § 52072(b)", "EC 52072(b)"),
    ("Codigo de Educacion, seccion 52072", "EC 52072"),
    ("Código de Educación, secc. 52072", "EC 52072"),
    ("EC 52072(a)", "EC 52072(a)"),
    ("Código de Gobierno, sección 11135", "Gov. Code § 11135"),
    ("Cód. Gob. § 11135(a)", "Gov. Code § 11135(a)"),
    ("Código de Bienestar e Instituciones, sección 300", "Welf. & Inst. Code § 300"),
    ("Código de Bienestar Social e Instituciones, sección 300", "Welf. & Inst. Code § 300"),
    ("Código de Salud y Seguridad, sección 120325", "Health & Saf. Code § 120325"),
    ("Código Penal, sección 11166", "Pen. Code § 11166"),
    (
        "título 5, Código de Regulaciones de California, sección 15497",
        "Cal. Code Regs., tit. 5, § 15497",
    ),
    ("título 20 del Código de los Estados Unidos, sección 6311", "20 U.S.C. § 6311"),
]


@pytest.mark.parametrize(("text", "canonical"), SPANISH_FORMS)
def test_spanish_forms_are_read_in_lists_and_prose(text: str, canonical: str) -> None:
    assert parse_citation(text).canonical == canonical
    [match] = find_citations(f"Según el {text}, la LEA recibe asistencia.")
    assert match.text == text
    assert match.citation is not None and match.citation.canonical == canonical


def test_a_malformed_spanish_citation_is_reported_with_a_fix() -> None:
    [match] = find_citations("Conforme al Código de Educación, sección 52074(g)(2(A), la LEA...")
    assert str(match.error) == (
        "malformed citation 'Código de Educación, sección 52074(g)(2(A)': unbalanced "
        "parentheses; did you mean 'Código de Educación, sección 52074(g)(2)(A)'?"
    )


@pytest.mark.parametrize("code", CALIFORNIA_CODES)
def test_every_california_code_has_a_spanish_name_read_back(code: str) -> None:
    source = SOURCES[code]
    names = source.names_in("es")
    assert names is not None and names.name.startswith("Código")
    expected = Citation(code, "100", ("a",))
    assert parse_citation(f"{names.name}, sección 100(a)") == expected
    assert parse_citation(expected.long_form_in("es")) == expected
    assert expected.long_form_in("es") == f"{names.name}, sección 100, subdivisión (a)"
    # The citation itself is the same in both languages.
    assert source.publisher_in("es") == "la Legislatura de California"
    assert source.group_in("es") == names.name


def test_spanish_labels_and_the_english_fallback() -> None:
    citation = parse_citation("EC 52074(g)(1)(A)")
    assert (
        citation.long_form_in("es") == "Código de Educación, sección 52074, subdivisión (g)(1)(A)"
    )
    assert citation.long_form_in("fr") == citation.long_form
    assert SOURCES["EDC"].name_in("fr") == "Education Code"
    assert parse_citation("34 CFR part 200").long_form_in("es") == (
        "título 34 del Código de Reglamentos Federales, parte 200"
    )
    assert all(source.text_language == "en" for source in SOURCES.values())


def test_links_name_the_section_in_the_pages_language() -> None:
    spanish = Links((), "{section}: texto oficial (en inglés)", "es")
    citation = parse_citation("EC 52072(a)")
    assert spanish.title_of(citation) == (
        "Código de Educación, sección 52072, subdivisión (a): texto oficial (en inglés)"
    )
    assert spanish.titled("{section}").title_of(citation) == (
        "Código de Educación, sección 52072, subdivisión (a)"
    )
    assert Links((), "{section}").title_of(citation) == (
        "Education Code section 52072, subdivision (a)"
    )
    assert spanish.url(citation) == citation.url
