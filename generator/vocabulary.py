"""The words a program gives its own site, declared once.

A site's ``words:`` (in ``content/site.yml``) name what belongs to one program: the home page's
sections, the call-out to the questions, what the pathways are to its readers, who embeds the
questions. Each word is optional; the locale holds a generic default for every one, so the
locale itself stays free of any program's facts. Validation, the JSON Schema and rendering all
read this declaration.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNT = "{count}"
"""Stands for a number the generator counts, spelled by the locale (``four``)."""
COUNT_CAPITAL = "{Count}"
"""The same number, its first letter a capital, to start a heading (``Four``)."""


@dataclass(frozen=True)
class Word:
    name: str
    description: str
    markdown: bool = False
    """Whether it is Markdown prose (an intro) rather than one line of plain text (a heading)."""
    counts: str | None = None
    """What ``{count}`` stands for in it ('pathways' or 'supports'); None where it has no use."""


WORDS: tuple[Word, ...] = (
    Word("pathways_nav", "The pathways' section in the menu", counts="pathways"),
    Word("pathways_title", "The title of the page that lists every pathway", counts="pathways"),
    Word(
        "pathways_intro",
        "What a pathway is for this program: the opening of the pathways page and of the "
        "handbook's part on them",
        markdown=True,
        counts="pathways",
    ),
    Word("pathways_heading", "The home page's heading over the pathways", counts="pathways"),
    Word(
        "pathways_home_intro",
        "The sentence under that heading, before the list",
        markdown=True,
        counts="pathways",
    ),
    Word("find_title", "The heading of the home page's call-out to the questions"),
    Word("find_text", "The call-out's text", markdown=True),
    Word("find_button", "The call-out's button"),
    Word(
        "supports_title",
        "The title of the page that lists every kind of support, and its section in the menu",
        counts="supports",
    ),
    Word(
        "supports_intro",
        "The opening of that page, before the support groups",
        markdown=True,
        counts="supports",
    ),
    Word(
        "contact_heading",
        "The heading over the contact details that a site embedding the questions shows with "
        "each result",
    ),
    Word("embed_description", "The embedding page's description, for search engines"),
    Word(
        "embed_intro",
        "Who can put the questions on their own website: the embedding page's first sentence",
        markdown=True,
    ),
    Word("embed_details_title", "The heading over the embedder's details on the embedding page"),
    Word("embed_name_label", "The label of the field for the embedder's name"),
    Word(
        "print_edition",
        "The note on the handbook's cover that says what the print edition is",
        markdown=True,
    ),
)

WORD_BY_NAME = {word.name: word for word in WORDS}
