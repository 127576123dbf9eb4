"""A cited section, its official address, and the keys and order that statute entries use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from generator.citations.sources import SOURCES, Source, url_pattern

__all__ = [
    "MAX_SUBDIVISION_LENGTH",
    "Citation",
    "CitationError",
    "CitationMatch",
    "Links",
    "SectionKey",
    "is_canonical_url",
    "natural_key",
    "official_hosts",
    "official_url",
]

MAX_SUBDIVISION_LENGTH = 5

SectionKey = tuple[str, ...]
"""What identifies a section across sources: ``("EDC", "52072")``, ``("USC", "20", "6311")``."""

_SUBDIVISION_RE = re.compile(rf"[A-Za-z0-9]{{1,{MAX_SUBDIVISION_LENGTH}}}")
_NATURAL_RE = re.compile(r"[0-9]+|[A-Za-z]+")


def _source(code: str) -> Source:
    try:
        return SOURCES[code]
    except KeyError:
        raise ValueError(f"unknown code {code!r}") from None


def _check_number(source: Source, section: str, title: str, part: bool) -> None:
    grammar = source.part if part else source.section
    if grammar is None:
        raise ValueError(f"the {source.name} is not cited by part")
    if not re.fullmatch(grammar, section):
        raise ValueError(f"malformed section number {section!r}")
    if source.titles is None:
        if title:
            raise ValueError(f"the {source.name} has no titles")
        return
    first, last = source.titles
    if not (title.isdigit() and first <= int(title) <= last):
        raise ValueError(f"{title!r} is not a title of the {source.name}")


def official_url(code: str, section: str, title: str = "", part: bool = False) -> str:
    """The official text of one section (or part); leginfo's period after the number included."""
    source = _source(code)
    _check_number(source, section, title, part)
    template = source.part_url if part else source.url
    if template is None:
        raise ValueError(f"the {source.name} has no official address pattern")
    return template.format(code=code, title=title, section=section)


@cache
def _url_patterns() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    found = []
    for source in SOURCES.values():
        for template, number, part in (
            (source.url, source.section, False),
            (source.part_url, source.part, True),
        ):
            if template is not None and number is not None:
                found.append((re.compile(url_pattern(template, source, number)), source.key, part))
    return tuple(found)


def is_canonical_url(url: str) -> bool:
    """Whether ``url`` is exactly the address ``official_url`` makes for some section."""
    for pattern, code, part in _url_patterns():
        match = pattern.fullmatch(url)
        if match is None:
            continue
        title = match.groupdict().get("title") or ""
        try:
            return official_url(code, match["section"], title, part) == url
        except ValueError:
            return False
    return False


def official_hosts() -> frozenset[str]:
    """The hosts of every source's official addresses, whose links must be canonical."""
    hosts = set()
    for source in SOURCES.values():
        for template in (source.url, source.part_url):
            if template is not None:
                hosts.add(template.split("/")[2])
    return frozenset(hosts)


class CitationError(ValueError):
    """A citation that cannot be read, with a corrected form when one is evident."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message, suggestion)
        self.message = message
        self.suggestion = suggestion

    def __str__(self) -> str:
        if self.suggestion is None:
            return self.message
        return f"{self.message}; did you mean '{self.suggestion}'?"


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Order numbers as numbers and letters as letters: 9 < 52064 < 52064.5 < 1232g."""
    return tuple(
        (0, int(run), "") if run.isdigit() else (1, 0, run.lower())
        for run in _NATURAL_RE.findall(text)
    )


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited section of a source, optionally narrowed to a subdivision such as ``(g)(1)(A)``.

    ``code`` is the source's key in the registry; ``title`` its title for a titled source;
    ``part`` marks a whole part (``34 C.F.R. part 200``), whose number is in ``section``.
    """

    code: str
    section: str
    subdivisions: tuple[str, ...] = ()
    title: str = ""
    part: bool = False

    def __post_init__(self) -> None:
        source = _source(self.code)
        _check_number(source, self.section, self.title, self.part)
        if self.part and self.subdivisions:
            raise ValueError("a part is cited whole, without subdivisions")
        for piece in self.subdivisions:
            if not _SUBDIVISION_RE.fullmatch(piece):
                raise ValueError(f"malformed subdivision {piece!r}")

    @property
    def source(self) -> Source:
        return SOURCES[self.code]

    @property
    def subdivision_label(self) -> str:
        """``(g)(1)(A)``, or ``""`` for a whole section."""
        return "".join(f"({part})" for part in self.subdivisions)

    @property
    def canonical(self) -> str:
        """The short form used on the site: ``EC 52074(g)(1)(A)``, ``20 U.S.C. § 6311(d)``."""
        source = self.source
        template = source.part_short if self.part else source.short
        return template.format(title=self.title, section=self.section) + self.subdivision_label

    @property
    def long_form(self) -> str:
        """``Education Code section 52074, subdivision (g)(1)(A)``."""
        source = self.source
        template = source.part_long if self.part else source.long
        text = template.format(title=self.title, section=self.section)
        if not self.subdivisions:
            return text
        if source.subdivision_word is None:
            return text + self.subdivision_label
        return f"{text}, {source.subdivision_word} {self.subdivision_label}"

    def long_form_in(self, language: str) -> str:
        """The long form in ``language``: ``Código de Educación, sección 52074, subdivisión
        (g)(1)(A)``; the English one where the registry has no names in that language."""
        names = self.source.names_in(language)
        if names is None:
            return self.long_form
        template = (names.part_long or self.source.part_long) if self.part else names.long
        text = template.format(title=self.title, section=self.section)
        if not self.subdivisions:
            return text
        if names.subdivision_word is None:
            return text + self.subdivision_label
        return f"{text}, {names.subdivision_word} {self.subdivision_label}"

    @property
    def section_key(self) -> SectionKey:
        """What a statute entry is keyed by: the source, its title, the section (or part)."""
        if not self.title:
            return (self.code, self.section)
        if self.part:
            return (self.code, self.title, "part", self.section)
        return (self.code, self.title, self.section)

    @property
    def whole(self) -> Citation:
        """The whole section this citation narrows."""
        if not self.subdivisions:
            return self
        return Citation(self.code, self.section, (), self.title, self.part)

    @property
    def slug(self) -> str:
        """A name for the section's page, unique across sources: ``ec-52064-5``, ``usc-20-6311``."""
        parts = [self.source.slug]
        if self.title:
            parts.append(self.title)
        if self.part:
            parts.append("part")
        parts.append(self.section.replace(".", "-"))
        return "-".join(parts).lower()

    @property
    def sort_key(self) -> tuple[int, int, tuple[tuple[int, int, str], ...], int]:
        """Sources in registry order, then titles and sections as numbers, parts first."""
        order = list(SOURCES).index(self.code)
        return (order, int(self.title or 0), natural_key(self.section), 0 if self.part else 1)

    @property
    def subdivision_sort_key(self) -> tuple[tuple[tuple[int, int, str], ...], ...]:
        """Subdivisions in the order they come in the section: (a) < (b)(1) < (b)(2) < (b)(10)."""
        return tuple(natural_key(piece) for piece in self.subdivisions)

    @property
    def url(self) -> str | None:
        """The section's official text (no subdivision anchors exist), if its source has one."""
        template = self.source.part_url if self.part else self.source.url
        if template is None:
            return None
        return official_url(self.code, self.section, self.title, self.part)


@dataclass(frozen=True)
class Links:
    """Where citations link: their official text, or the address a statute entry gives for a
    source that has no stable official address (the California Code of Regulations)."""

    given: tuple[tuple[SectionKey, str], ...] = ()
    title: str = ""
    """The links' tooltip, from the site's locale, with ``{section}`` for the section's long
    form; empty for none."""
    language: str = "en"
    """The language of the pages the links are on, which names the section in the tooltip."""
    _table: dict[SectionKey, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_table", dict(self.given))

    def url(self, citation: Citation) -> str | None:
        return self._table.get(citation.section_key) or citation.url

    def titled(self, title: str) -> Links:
        return Links(self.given, title, self.language)

    def title_of(self, citation: Citation) -> str | None:
        if not self.title:
            return None
        return self.title.format(section=citation.long_form_in(self.language))


@dataclass(frozen=True, slots=True)
class CitationMatch:
    """A citation found in prose: ``text[start:end]`` and either a citation or an error."""

    start: int
    end: int
    text: str
    citation: Citation | None
    error: CitationError | None
