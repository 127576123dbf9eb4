"""Kinds of value that several content files share: citations, dates of review, the program's
words."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from generator.citations import Citation, CitationError, parse_citation
from generator.fields.declare import Field, Obj, Spec
from generator.fields.types import INVALID, Context, Custom, Date, Id, Line, ListOf, Note, Str, Text
from generator.load.nodes import Node
from generator.vocabulary import COUNT, COUNT_CAPITAL, WORDS


def _citation(value: str) -> Citation:
    try:
        return parse_citation(value)
    except CitationError as exc:
        raise ValueError(str(exc)) from None


def _section(value: str) -> Citation:
    citation = _citation(value)
    if citation.subdivisions:
        raise ValueError(
            f"a statute entry names a whole section; write '{citation.whole.canonical}' and cite "
            "subdivisions where they are used"
        )
    return citation


CITATION = Custom(
    "a citation such as 'EC 52072(a)'",
    _citation,
    "bad-citation",
    "A citation of any California code, the California Code of Regulations, the United States "
    "Code or the Code of Federal Regulations, such as 'Gov. Code § 11135(a)', 'W&I Code 300', "
    "'20 U.S.C. § 6311(d)' or '34 CFR 200.19'",
)
SECTION = Custom(
    "a section such as 'EC 52072'",
    _section,
    "bad-citation",
    "The section this entry describes, such as 'Gov. Code § 11135', "
    "'20 U.S.C. § 6311', '34 CFR part 200' or '5 CCR 15497'",
)

REVIEW_NOTE = Field(
    Note(),
    "Something a reviewer must confirm before it is stated as settled; shown to editors only",
    default=None,
    public=False,
)
LAST_REVIEWED = Field(Date(), "When the text was last reviewed (YYYY-MM-DD)")


def renamed_from(what: str) -> Field:
    """Earlier names of a page: the build writes a redirect at each old address."""
    return Field(
        ListOf(Id()),
        f"Earlier {what}, after a rename: each old address redirects to the new one",
        public=False,
    )


_EMAIL_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
PHONE = Str(
    r"^(?:[ ()+.-]*[0-9]){7}[0-9 ()+.-]*$",
    "use digits, spaces and ()+-. only, at least 7 digits",
    max_length=30,
)
EMAIL = Str(
    rf"^[A-Za-z0-9._%+-]+@{_EMAIL_LABEL}(?:\.{_EMAIL_LABEL})*\.[A-Za-z]{{2,}}$",
    "use an e-mail address such as help@example.org",
    max_length=254,
)
OFFICIAL_URL = Str(
    r"^https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$", "use an https:// address", max_length=500
)
PROBLEM_CODE = Str(r"^[a-z0-9]+(-[a-z0-9]+)*$", "a problem code such as 'stale'")
LANGUAGE = Str(r"^[a-z]{2}(-[A-Z]{2})?$", "a language tag such as 'en'")
OUTPUT_PATH = Str(
    r"^(?!.*(?:^|/)\.{1,2}(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*/?$",
    "a file or folder inside the output folder, such as 'CNAME' or '.well-known/'",
)


@cache
def _defaults() -> dict[str, str]:
    """The words' defaults, as editors of the shipped language see them (read on first use:
    the schema's descriptions name them)."""
    text = resources.files("generator").joinpath("locales/en.yml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    words = yaml.load(text, Loader=loader)["words"]
    return {str(k): str(v) for k, v in words.items()}


def _counts(counts: str | None) -> str:
    if counts is None:
        return ""
    return f" {COUNT} is the number of {counts} ({COUNT_CAPITAL} to start with a capital)."


@cache
def words_spec() -> Spec[dict[str, Any]]:
    """The fields of ``words:``, one per word of ``generator.vocabulary``."""
    return Spec(
        "words",
        "The program's words",
        "Headings and sentences that belong to this program rather than to the generator; each "
        "is optional, and the generator's generic wording stands in for any left out",
        tuple(
            Field(
                Text() if w.markdown else Line(max_length=300),
                f"{w.description}.{_counts(w.counts)} Default: '{_defaults()[w.name]}'",
                default=None,
                key=w.name,
                name=w.name,
            )
            for w in WORDS
        ),
    )


class Words(Obj):
    """The program's words: only those it gives, by name."""

    def __init__(self) -> None:
        super().__init__(words_spec)

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        values = super().convert(node, path, ctx)
        if values is INVALID:
            return INVALID
        return {name: text for name, text in values.items() if text is not None}
