"""The fields of each kind of content file."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from generator.addresses import WEB_ADDRESS_PATTERN, web_address_problem
from generator.citations import Citation, CitationError, parse_citation
from generator.load.nodes import Node
from generator.validate.spec import (
    INVALID,
    Bool,
    Context,
    Custom,
    Date,
    Field,
    Id,
    Int,
    ListOf,
    Obj,
    Ref,
    Spec,
    Str,
    Text,
)
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
    "review_note",
    Text(),
    "Something a reviewer must confirm before it is stated as settled; shown to editors only",
    required=False,
)
LAST_REVIEWED = Field("last_reviewed", Date(), "When the text was last reviewed (YYYY-MM-DD)")


def former_ids(what: str) -> Field:
    """Earlier names of a page: the build writes a redirect at each old address."""
    return Field(
        "former_ids",
        ListOf(Id()),
        f"Earlier {what}, after a rename: each old address redirects to the new one",
        required=False,
    )


class WebAddress(Str):
    """An absolute http(s) address, with nothing in it that would need escaping in a page."""

    label = "an http(s) address"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = super().convert(node, path, ctx)
        if value is INVALID:
            return INVALID
        problem = web_address_problem(value)
        if problem:
            ctx.error("bad-url", node.loc, path, problem)
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "pattern": WEB_ADDRESS_PATTERN}


_EMAIL_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
CONTACT = Spec(
    "contact",
    "Contact",
    "Who to ask; leave out anything not confirmed",
    (
        Field("name", Str(), "Name of the office", required=False),
        Field("url", WebAddress(), "Web page: a full http(s) address", required=False),
        Field(
            "phone",
            Str(
                r"^(?:[ ()+.-]*[0-9]){7}[0-9 ()+.-]*$",
                "use digits, spaces and ()+-. only, at least 7 digits",
                max_length=30,
            ),
            "Phone",
            required=False,
        ),
        Field(
            "email",
            Str(
                rf"^[A-Za-z0-9._%+-]+@{_EMAIL_LABEL}(?:\.{_EMAIL_LABEL})*\.[A-Za-z]{{2,}}$",
                "use an e-mail address such as help@example.org",
                max_length=254,
            ),
            "E-mail",
            required=False,
        ),
    ),
)


@cache
def _defaults() -> dict[str, str]:
    """The words' defaults, as editors of the shipped language see them (read once, at import:
    the schema's descriptions name them)."""
    text = resources.files("generator").joinpath("locales/en.yml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    words = yaml.load(text, Loader=loader)["words"]
    return {str(k): str(v) for k, v in words.items()}


def _default(name: str) -> str:
    return _defaults()[name]


def _counts(counts: str | None) -> str:
    if counts is None:
        return ""
    return f" {COUNT} is the number of {counts} ({COUNT_CAPITAL} to start with a capital)."


WORDS_SPEC = Spec(
    "words",
    "The program's words",
    "Headings and sentences that belong to this program rather than to the generator; each "
    "is optional, and the generator's generic wording stands in for any left out",
    tuple(
        Field(
            w.name,
            Text() if w.markdown else Str(max_length=300),
            f"{w.description}.{_counts(w.counts)} Default: '{_default(w.name)}'",
            required=False,
        )
        for w in WORDS
    ),
)

LANGUAGE_TAG = Str(r"^[a-z]{2}(-[A-Z]{2})?$", "a language tag such as 'en'")

GROUP_COUNT = f" {COUNT} is the number of kinds of support in the group."
SUPPORT_GROUP = Spec(
    "support_group",
    "Support group",
    "A group of kinds of support, shown together under its title; groups are shown in the "
    "order they are listed",
    (
        Field("id", Id(), "Identifier that each kind of support names as its group"),
        Field("title", Str(), f"The group's heading.{GROUP_COUNT}"),
        Field(
            "intro",
            Text(),
            f"Shown under the heading, before the list.{GROUP_COUNT}",
            required=False,
        ),
        Field(
            "home_title",
            Str(),
            f"A heading for the group on the home page, if not its title.{GROUP_COUNT}",
            required=False,
        ),
    ),
)

SITE = Spec(
    "site",
    "Site settings",
    "Settings for the whole guidance site: content/site.yml",
    (
        Field("title", Str(), "The site's name"),
        Field("tagline", Text(), "One or two sentences under the title on the home page"),
        Field(
            "description", Str(max_length=300), "Description for search engines and the handbook"
        ),
        Field("publisher", Str(), "Who publishes the guidance"),
        Field(
            "languages",
            ListOf(LANGUAGE_TAG, min_items=1),
            "The languages the site is published in, the one its content is written in first "
            "(default: [en]); the others are translated in content/<language>/",
            required=False,
        ),
        Field(
            "language",
            LANGUAGE_TAG,
            "The site's one language; the older form of 'languages' with one item",
            required=False,
        ),
        Field(
            "partial_translation",
            Bool(),
            "Publish a language before all of it is translated: untranslated text shows in the "
            "first language, marked as such (default: false, a missing translation is an error)",
            required=False,
        ),
        Field("edition", Date(), "Date of this edition, shown on the handbook cover"),
        Field(
            "review_interval_days", Int(1, 3650), "check warns about anything reviewed longer ago"
        ),
        Field(
            "keep_in_output",
            ListOf(
                Str(
                    r"^(?!.*(?:^|/)\.{1,2}(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*/?$",
                    "a file or folder inside the output folder, such as 'CNAME' or '.well-known/'",
                )
            ),
            "Files or folders a host needs beside the site (CNAME, .nojekyll, .well-known/): a"
            " build copies them from the previous output into the new one instead of refusing"
            " to replace a folder that holds them",
            required=False,
        ),
        Field(
            "ignore_warnings",
            ListOf(Str(r"^[a-z0-9]+(-[a-z0-9]+)*$", "a problem code such as 'stale'")),
            "Codes of warnings this site does not want to see (the README lists the codes);"
            " errors cannot be turned off",
            required=False,
        ),
        Field("words", Obj(WORDS_SPEC), "The program's own words", required=False),
        Field(
            "support_groups",
            ListOf(Obj(SUPPORT_GROUP), unique=False),
            "The groups of kinds of support, in the order they are shown",
            required=False,
        ),
        REVIEW_NOTE,
    ),
)

SUPPORT = Spec(
    "support",
    "Kind of support",
    "One kind of support that a pathway can lead to",
    (
        Field("id", Id(), "Identifier used in links and references"),
        Field("title", Str(), "Name of the support"),
        Field(
            "group",
            Id(),
            "The id of its group, one of the support_groups in content/site.yml",
        ),
        Field("order", Int(0, 999), "Position within its group"),
        Field("also_called", Str(), "Another name in use for it", required=False),
        Field("summary", Text(), "One sentence for lists"),
        Field("description", Text(), "What the support is"),
        Field("citations", ListOf(CITATION), "Statutes this support rests on", required=False),
        LAST_REVIEWED,
        REVIEW_NOTE,
        former_ids("ids of this support"),
    ),
    replaced=(
        (
            "category",
            "write 'group:' instead, naming one of the support_groups in content/site.yml",
        ),
    ),
)

PATHWAY = Spec(
    "pathway",
    "Pathway",
    "One way into the program's support: who starts it, when it applies and the law behind it",
    (
        Field("id", Id(), "Identifier used in links and references"),
        Field("title", Str(), "Name of the pathway"),
        Field("order", Int(0, 9999), "Position in lists"),
        Field("initiated_by", Str(max_length=80), "Who starts it, in a few words"),
        Field("summary", Text(), "One or two sentences for lists"),
        Field("citations", ListOf(CITATION, min_items=1), "The legal basis, first the main one"),
        Field("who_starts", Text(), "Who starts it and how"),
        Field("when_it_applies", Text(), "When it applies"),
        Field("what_happens_next", Text(), "What happens next"),
        Field("next_steps", ListOf(Text(), min_items=1), "What the reader can do now"),
        Field("supports", ListOf(Ref("support")), "Kinds of support it can lead to"),
        Field("related_pathways", ListOf(Ref("pathway")), "Other pathways to read", required=False),
        Field("contact", Obj(CONTACT), "Who to ask; leave empty unless confirmed", required=False),
        LAST_REVIEWED,
        REVIEW_NOTE,
        former_ids("ids of this pathway"),
    ),
)

STATUTE = Spec(
    "statute",
    "Statute",
    "One section of law that content cites",
    (
        Field(
            "citation", SECTION, "The section, such as 'Gov. Code § 11135' or '20 U.S.C. § 6311'"
        ),
        Field("heading", Str(), "What the section is about, in plain words"),
        Field("summary", Text(), "A plain-language summary"),
        Field(
            "text_checked", Date(), "When the summary was last checked against the official text"
        ),
        Field(
            "url",
            Str(
                r"^https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$",
                "use an https:// address",
                max_length=500,
            ),
            "The official text's address, for a source without a standard one (the California "
            "Code of Regulations); other sources link to their official text by themselves",
            required=False,
        ),
        LAST_REVIEWED,
        REVIEW_NOTE,
        former_ids("names of this section's page, such as 'ec-52072'"),
    ),
)

TERM = Spec(
    "term",
    "Glossary term",
    "A term, its expansion if it is an abbreviation, and its definition",
    (
        Field("term", Str(max_length=80), "The term as written"),
        Field("stands_for", Str(), "What an abbreviation stands for", required=False),
        Field("definition", Text(), "A plain-language definition"),
    ),
)

GLOSSARY = Spec(
    "glossary",
    "Glossary",
    "Terms explained on the glossary page; abbreviations get a tooltip across the site",
    (Field("terms", ListOf(Obj(TERM), min_items=1), "The terms"),),
)

PAGE = Spec(
    "page",
    "Page front matter",
    "Fields at the top of a hand-written Markdown page",
    (
        Field("title", Str(), "The page title"),
        Field(
            "nav_title", Str(max_length=40), "A shorter title for the navigation", required=False
        ),
        Field("order", Int(0, 999), "Position in the navigation", required=False),
        Field("description", Str(max_length=300), "Description for search engines", required=False),
        LAST_REVIEWED,
        former_ids("file names of this page, without '.md'"),
    ),
)

FILE_SPECS: dict[str, Spec] = {
    "site": SITE,
    "support": SUPPORT,
    "pathway": PATHWAY,
    "statute": STATUTE,
    "glossary": GLOSSARY,
    "page": PAGE,
}

ANSWER = Spec(
    "answer",
    "Answer",
    "One answer to a question and where it leads",
    (
        Field("id", Id(), "Identifier, unique within the question"),
        Field("label", Str(max_length=160), "What the reader chooses"),
        Field("next", Id(), "The id of the next question or of an outcome"),
    ),
)

QUESTION = Spec(
    "question",
    "Question",
    "One question of a decision tree",
    (
        Field("id", Id(), "Identifier, unique within the tree"),
        Field("text", Str(max_length=300), "The question, in plain words"),
        Field("hint", Text(), "Explains terms in the question", required=False),
        Field("answers", ListOf(Obj(ANSWER), min_items=2, unique=False), "At least two answers"),
    ),
)

OUTCOME = Spec(
    "outcome",
    "Outcome",
    "Where a path through the tree ends",
    (
        Field("id", Id(), "Identifier, unique within the tree"),
        Field("title", Str(), "The result, as a heading"),
        Field("text", Text(), "What the result means"),
        Field("pathways", ListOf(Ref("pathway")), "The pathways that apply (may be empty)"),
        Field("supports", ListOf(Ref("support")), "Kinds of support to look at", required=False),
        Field("next_steps", ListOf(Text()), "What to do next", required=False),
    ),
)

TREE = Spec(
    "tree",
    "Decision tree",
    "Questions that lead a reader to the pathways that apply: decision_trees/<id>.yml",
    (
        Field("id", Id(), "Identifier, used in links and embed file names"),
        Field("title", Str(), "The tree's page title"),
        Field("intro", Text(), "Shown before the first question"),
        Field("start", Id(), "The id of the first question"),
        Field("questions", ListOf(Obj(QUESTION), min_items=1, unique=False), "The questions"),
        Field("outcomes", ListOf(Obj(OUTCOME), min_items=1, unique=False), "The outcomes"),
        LAST_REVIEWED,
        REVIEW_NOTE,
        former_ids("ids of this tree"),
    ),
)

FILE_SPECS["tree"] = TREE

CHANGED = Spec(
    "changed",
    "What changed",
    "The pages an edition changed, by the ids they have now (or had then: former ids are "
    "followed); each is linked from the What's changed page",
    (
        Field("pathways", ListOf(Ref("pathway")), "Pathways, by id", required=False),
        Field("supports", ListOf(Ref("support")), "Kinds of support, by id", required=False),
        Field(
            "statutes",
            ListOf(Id()),
            "Statute pages, by the name of their page, such as 'ec-52072'",
            required=False,
        ),
        Field(
            "trees",
            ListOf(Ref("tree")),
            "Decision trees, by id; counties must copy their script snippets again",
            required=False,
        ),
        Field(
            "pages",
            ListOf(Id()),
            "Hand-written pages, by file name without '.md' ('index' is the home page)",
            required=False,
        ),
    ),
)

EDITION = Spec(
    "edition",
    "Edition",
    "One published edition of the guidance",
    (
        Field("date", Date(), "The day it was published (YYYY-MM-DD); not after the build"),
        Field(
            "notes",
            ListOf(Text(), min_items=1),
            "What changed, in plain words, one point per item",
        ),
        Field("changed", Obj(CHANGED), "The pages it changed", required=False),
    ),
)

EDITIONS = Spec(
    "editions",
    "Editions",
    "Every edition of the guidance, newest first, for the What's changed page and the Atom "
    "feed: content/editions.yml",
    (
        Field(
            "editions",
            ListOf(Obj(EDITION), min_items=1, unique=False),
            "The editions, newest first; the newest is the edition in content/site.yml",
        ),
    ),
)

FILE_SPECS["editions"] = EDITIONS
