"""``feed.xml``: an Atom feed (RFC 4287) with one entry per edition, newest first.

Everything in it comes from the content, never from the clock, so the same content gives the
same bytes. Each entry's id is the address of its edition on the What's changed page, which
stays the same from one build to the next.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html import escape

from generator import urls
from generator.errors import ContentError, Location, Problems
from generator.model import Content, Edition, Untranslated
from generator.render.changes import changed_places, tree_titles
from generator.render.data import generator_version
from generator.render.pages import plain
from generator.render.prose import escape_inline
from generator.render.rich import to_html
from generator.render.strings import Strings

ATOM = "http://www.w3.org/2005/Atom"
FEED = urls.FEED


def _timestamp(day: dt.date) -> str:
    # Atom wants a date and time; an edition has a day, so midnight UTC stands for it.
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


class _Feed:
    def __init__(self, content: Content, strings: Strings, base: str, directory_urls: bool):
        self.content = content
        self.strings = strings
        self.base = base
        self.directory_urls = directory_urls

    def page(self, doc: str) -> str:
        return self.base + urls.page_url(doc, self.directory_urls)

    def entry_html(self, edition: Edition) -> str:
        """The entry's content: the notes, the pages changed, and the note about snippets."""
        c, t = self.content, self.strings
        links = c.links.titled(t("cite.title"))
        notes = "\n".join(f"- {' '.join(note.split())}" for note in edition.notes)
        parts = [to_html(notes, c.abbreviations(), links)]
        other = _language_of(edition)
        if other:
            # The notes of a translated site's feed are the source's, and say so.
            parts[0] = f'<div lang="{escape(other)}">{parts[0]}</div>'
        places = changed_places(c, edition)
        if places:
            items = "\n".join(f"- [{escape_inline(p.title)}]({self.page(p.doc)})" for p in places)
            parts.append(to_html(f"{t('changes.changed')}\n\n{items}", {}, links))
        if edition.changed.trees:
            note = t(
                "changes.snippets",
                trees=escape_inline(tree_titles(c, edition)),
                embed=self.page(urls.EMBED_PAGE),
            )
            parts.append(to_html(note, {}, links))
        return "\n".join(parts)

    def entry(self, feed: ET.Element, edition: Edition) -> None:
        day = edition.date.isoformat()
        address = f"{self.page(urls.CHANGES_PAGE)}#{urls.edition_anchor(day)}"
        entry = _add(feed, "entry")
        _add(entry, "id", address)
        _add(
            entry,
            "title",
            self.strings("changes.entry_title", date=self.strings.longdate(edition.date)),
        )
        _add(entry, "updated", _timestamp(edition.date))
        _add(entry, "published", _timestamp(edition.date))
        _add(entry, "link", rel="alternate", type="text/html", href=address)
        summary = _add(entry, "summary", " ".join(plain(n) for n in edition.notes), type="text")
        other = _language_of(edition)
        if other:
            summary.set("xml:lang", other)
        _add(entry, "content", self.entry_html(edition), type="html")

    def xml(self) -> str:
        site = self.content.site
        changes = self.page(urls.CHANGES_PAGE)
        own = self.base + FEED
        # Written with the namespace declared by hand: ElementTree would otherwise prefix every
        # name, which feed readers accept but people reading the file do not expect.
        feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": site.language})
        _add(feed, "id", own)
        _add(feed, "title", self.strings("changes.feed_title", site=site.title))
        _add(feed, "subtitle", self.strings("changes.description"))
        _add(feed, "updated", _timestamp(self.content.editions[0].date))
        author = _add(feed, "author")
        _add(author, "name", site.publisher)
        _add(feed, "link", rel="self", type="application/atom+xml", href=own)
        _add(feed, "link", rel="alternate", type="text/html", href=changes)
        _add(feed, "generator", "pathways", version=generator_version())
        for edition in self.content.editions:
            self.entry(feed, edition)
        ET.indent(feed)
        body = ET.tostring(feed, encoding="unicode")
        return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def feed_files(
    content: Content, strings: Strings, base: str, directory_urls: bool
) -> dict[str, str]:
    """``{FEED: the Atom text}``; nothing for a site without editions.

    ``base`` is the site's address ending in '/'. A feed names everything by its absolute
    address, so a site with editions and no http(s) address is a ContentError."""
    if not content.editions:
        return {}
    if not base.startswith(("https://", "http://")):
        problems = Problems()
        problems.error(
            "no-site-url",
            Location("mkdocs.yml"),
            f"site_url is not set: the feed of editions ({FEED}) names every page by its "
            "absolute address; set site_url in mkdocs.yml or pass --site-url",
        )
        raise ContentError(problems)
    return {FEED: _Feed(content, strings, base, directory_urls).xml()}


def _language_of(edition: Edition) -> str | None:
    """The language of an edition's notes where it is not the feed's: a translated site's
    notes are the source's (``Untranslated``)."""
    first = edition.notes[0] if edition.notes else None
    return first.language if isinstance(first, Untranslated) else None
