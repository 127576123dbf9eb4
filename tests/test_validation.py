"""Every validation error, with the file and line it points at."""

from __future__ import annotations

import datetime as dt

from tests.conftest import ProjectFactory, problems_of


def test_minimal_project_is_clean(tmp_project: ProjectFactory) -> None:
    assert problems_of(tmp_project()) == []


def test_unknown_key_suggests_the_field(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/supports/consultancy.yml": """\
        id: consultancy
        title: Consultancy
        group: direct-technical-assistance
        order: 1
        sumary: A thought partner.
        description: CCEE acts as a thought partner.
        last_reviewed: 2026-11-01
        """
        }
    )
    assert problems_of(root) == [
        "content/supports/consultancy.yml:1:1: error[missing]: missing required field 'summary'",
        "content/supports/consultancy.yml:5:1: error[unknown-key]: unknown field 'sumary'; did you mean 'summary'?",
    ]


def test_wrong_types_and_empty_text(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/supports/consultancy.yml": """\
        id: consultancy
        title: [not, text]
        group: direct-technical-assistance
        order: first
        summary: "   "
        description: CCEE acts as a thought partner.
        last_reviewed: yesterday
        """
        }
    )
    assert problems_of(root) == [
        "content/supports/consultancy.yml:2:8: error[wrong-type]: title: expected text, found a list",
        "content/supports/consultancy.yml:4:8: error[wrong-type]: order: expected a whole number, found text",
        "content/supports/consultancy.yml:5:10: error[empty]: summary: must not be empty",
        "content/supports/consultancy.yml:7:16: error[wrong-type]: last_reviewed: expected a date (YYYY-MM-DD), found text",
    ]


def test_unknown_group_suggests(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/supports/consultancy.yml": """\
        id: consultancy
        title: Consultancy
        group: direct-technical-asistance
        order: 1
        summary: A thought partner.
        description: CCEE acts as a thought partner.
        last_reviewed: 2026-11-01
        """
        }
    )
    assert problems_of(root) == [
        "content/supports/consultancy.yml:3:8: error[unknown-group]: group: 'direct-technical-asistance' is not "
        "one of the support_groups in content/site.yml; did you mean 'direct-technical-assistance'?"
    ]


def test_file_must_hold_a_mapping(tmp_project: ProjectFactory) -> None:
    root = tmp_project({"content/statutes/ec-52072.yml": "- citation: EC 52072\n"})
    assert (
        "content/statutes/ec-52072.yml:1:1: error[wrong-type]: expected a file holding a mapping of fields, found a list"
        in problems_of(root)
    )


def test_duplicate_ids_across_files(tmp_project: ProjectFactory) -> None:
    second = (tmp_project() / "content/pathways/first.yml").read_text()
    root = tmp_project({"content/pathways/second.yml": second})
    assert problems_of(root) == [
        "content/pathways/second.yml:1:5: error[duplicate-id]: id: duplicate id 'first' (also at content/pathways/first.yml:1:5)"
    ]


def test_duplicate_statutes(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/statutes/copy.yml": """\
        citation: Education Code section 52072
        heading: Again
        summary: Again.
        text_checked: 2026-11-01
        last_reviewed: 2026-11-01
        """
        }
    )
    assert problems_of(root) == [
        "content/statutes/ec-52072.yml:1:11: error[duplicate-id]: citation: duplicate citation 'EC 52072' (also at content/statutes/copy.yml:1:11)"
    ]


def test_dangling_references_suggest(tmp_project: ProjectFactory) -> None:
    text = (tmp_project() / "content/pathways/first.yml").read_text()
    text = text.replace("  - consultancy", "  - consultanc").replace(
        "last_reviewed", "related_pathways: [frist]\nlast_reviewed"
    )
    root = tmp_project({"content/pathways/first.yml": text})
    assert problems_of(root) == [
        "content/pathways/first.yml:15:5: error[unknown-ref]: supports[0]: 'consultanc' is not a defined support; did you mean 'consultancy'?",
        "content/pathways/first.yml:16:20: error[unknown-ref]: related_pathways[0]: 'frist' is not a defined pathway; did you mean 'first'?",
    ]


def test_malformed_citation_in_list_suggests_fix(tmp_project: ProjectFactory) -> None:
    text = (
        (tmp_project() / "content/pathways/first.yml")
        .read_text()
        .replace("EC 52072(a)", "EC 52074(g)(2(A)")
    )
    root = tmp_project({"content/pathways/first.yml": text})
    (problem,) = problems_of(root)
    assert problem.startswith(
        "content/pathways/first.yml:7:5: error[bad-citation]: citations[0]: malformed citation 'EC 52074(g)(2(A)'"
    )
    assert "did you mean 'EC 52074(g)(2)(A)'?" in problem


def test_malformed_citation_in_prose_is_located_in_the_block(tmp_project: ProjectFactory) -> None:
    text = (tmp_project() / "content/pathways/first.yml").read_text()
    text = text.replace(
        "the criteria under EC 52064.5(g).", "the criteria under\n  Education Code 52074(g)(2(A)."
    )
    root = tmp_project({"content/pathways/first.yml": text})
    (problem,) = [p for p in problems_of(root) if ": error[" in p]
    assert problem.startswith(
        "content/pathways/first.yml:11:3: error[bad-citation]: when_it_applies: malformed citation"
    )
    assert "did you mean 'Education Code 52074(g)(2)(A)'?" in problem


def test_citation_of_unknown_section(tmp_project: ProjectFactory) -> None:
    text = (
        (tmp_project() / "content/pathways/first.yml")
        .read_text()
        .replace("EC 52072(a)", "EC 52073(a)")
    )
    root = tmp_project({"content/pathways/first.yml": text})
    assert problems_of(root) == [
        "content/pathways/first.yml:7:5: error[unknown-statute]: citations[0]: EC 52073(a) cites EC 52073, which is not in the "
        "statute registry (content/statutes/); did you mean 'EC 52072'?",
    ]


def test_citation_in_hand_written_page_is_checked(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/pages/about.md": """\
        ---
        title: About
        last_reviewed: 2026-11-01
        ---
        Some text.

        It rests on EC 52099(b) and EC 52072((a)).
        """
        }
    )
    found = problems_of(root)
    # Prose may cite a section without an entry: it links to the official text, with a warning.
    assert found[0].startswith(
        "content/pages/about.md:7:13: warning[unknown-section]: EC 52099(b) cites EC 52099, which is not in the statute registry"
    )
    assert found[1].startswith(
        "content/pages/about.md:7:29: error[bad-citation]: malformed citation 'EC 52072((a))'"
    )


def test_unsafe_link_in_prose(tmp_project: ProjectFactory) -> None:
    text = (tmp_project() / "content/pathways/first.yml").read_text()
    text = text.replace(
        "what_happens_next: CCEE decides.",
        "what_happens_next: CCEE [decides](javascript:alert(1)).",
    )
    root = tmp_project({"content/pathways/first.yml": text})
    assert problems_of(root) == [
        "content/pathways/first.yml:11:25: error[unsafe-link]: what_happens_next: link to 'javascript:' is not allowed; use https://, mailto: or tel:"
    ]


def test_statute_entry_names_a_whole_section(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/statutes/ec-52072.yml": """\
        citation: EC 52072(a)
        heading: CCEE determination
        summary: The determination for school districts.
        text_checked: 2026-11-01
        last_reviewed: 2026-11-01
        """
        }
    )
    assert (
        "content/statutes/ec-52072.yml:1:11: error[bad-citation]: citation: a statute entry names a whole section; write 'EC 52072' and cite subdivisions where they are used"
        in problems_of(root)
    )


def test_missing_content_folder(tmp_project: ProjectFactory) -> None:
    root = tmp_project({"mkdocs.yml": "site_name: x\n"}, minimal=False)
    assert problems_of(root) == [
        f"content:1:1: error[no-content]: the content folder 'content/' is missing from {root}"
    ]


def test_missing_site_settings(tmp_project: ProjectFactory) -> None:
    root = tmp_project({"content/site.yml": None})
    assert problems_of(root) == [
        "content/site.yml:1:1: error[missing-file]: site settings file is missing"
    ]


def test_page_without_front_matter(tmp_project: ProjectFactory) -> None:
    root = tmp_project({"content/pages/about.md": "Just text.\n"})
    assert problems_of(root) == [
        "content/pages/about.md:1:1: error[missing]: a page starts with front matter: '---', title: and last_reviewed:, '---'"
    ]


def test_freshness_warnings(tmp_project: ProjectFactory) -> None:
    root = tmp_project()
    later = dt.date(2027, 11, 5)
    found = problems_of(root, today=later)
    assert (
        "content/pathways/first.yml:16:16: warning[stale]: last_reviewed: last reviewed 2026-11-01, more than 365 days ago"
        in found
    )
    assert (
        "content/statutes/ec-52072.yml:4:15: warning[stale]: text_checked: checked against the official text 2026-11-01, more than 365 days ago"
        in found
    )
    assert all(": warning[" in p for p in found)
    assert len(found) == 7


def test_link_to_a_page_that_does_not_exist(tmp_project: ProjectFactory) -> None:
    root = tmp_project(
        {
            "content/pages/about.md": """\
        ---
        title: About
        last_reviewed: 2026-11-01
        ---
        See [the first pathway](pathways/first.md) and [the glossary](glosary.md#lea).
        """
        }
    )
    assert problems_of(root) == [
        "content/pages/about.md:5:63: error[broken-link]: link to 'glosary.md', which is not a page of this site; did you mean 'glossary.md'?"
    ]


def test_disguised_script_links_are_caught(tmp_project: ProjectFactory) -> None:
    text = (tmp_project() / "content/pathways/first.yml").read_text()
    text = text.replace(
        "what_happens_next: CCEE decides.",
        "what_happens_next: '[a](jav&#x61;script:alert(1)) [b](java&#9;script:x) <vbscript:x>'",
    )
    found = problems_of(tmp_project({"content/pathways/first.yml": text}))
    assert [p.split(": error[unsafe-link]: ")[1] for p in found] == [
        "what_happens_next: link to 'javascript:' is not allowed; use https://, mailto: or tel:",
        "what_happens_next: link to 'javascript:' is not allowed; use https://, mailto: or tel:",
        "what_happens_next: link to 'vbscript:' is not allowed; use https://, mailto: or tel:",
    ]
