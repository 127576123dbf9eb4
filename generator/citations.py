"""Citations of California codes as written in guidance: parsing, prose scanning, official URLs.

The grammar is built from ``CODES``: each code contributes its abbreviation (``EC``, also
``E.C.``), its name (``Education Code``) and its other short forms (``Ed. Code``), optionally
after ``Cal.``/``California``, then an optional ``§``/``Section``/``Sec.`` and a section number
with directly attached subdivisions: ``EC 52074(g)(1)(A)``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = [
    "CODES",
    "Citation",
    "CitationError",
    "CitationMatch",
    "CodeInfo",
    "find_citations",
    "is_canonical_url",
    "official_url",
    "parse_citation",
]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One California code: leginfo key, abbreviation, full name and other written short forms."""

    key: str
    abbreviation: str
    name: str
    aliases: tuple[str, ...] = ()


CODES: dict[str, CodeInfo] = {
    "EDC": CodeInfo("EDC", "EC", "Education Code", aliases=("Ed. Code", "Educ. Code")),
}

MAX_SUBDIVISION_LENGTH = 5

_LEGINFO_SECTION_URL = "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"

_SECTION = r"[0-9]+(?:\.[0-9]+)?"
# Whitespace that may wrap onto the next line (Markdown paragraphs are wrapped) but not skip a
# blank line into the next paragraph. Atomic, so a long run of spaces is not re-split on failure.
_WS = r"(?>[^\S\n]*\n?[^\S\n]*)"
_WS1 = rf"(?=\s){_WS}"
_NOT_LETTER = r"(?![^\W\d_])"


def _phrase_pattern(phrase: str) -> str:
    """Regex for a written form like ``Ed. Code``: periods optional, flexible spacing."""
    words = phrase.split()
    parts: list[str] = []
    for index, word in enumerate(words):
        stem = re.escape(word.rstrip("."))
        dotted = word.endswith(".")
        if index == len(words) - 1:
            parts.append(stem + (r"\.?" if dotted else ""))
        else:
            parts.append(stem + (rf"(?:\.{_WS}|{_WS1})" if dotted else _WS1))
    return "".join(parts)


def _abbreviation_pattern(abbreviation: str) -> str:
    """Regex for ``EC`` that also accepts ``E.C.`` and ``E. C.``."""
    letters = [re.escape(letter) for letter in abbreviation]
    return r"(?:\.[^\S\n]?)?".join(letters) + r"\.?"


def _code_pattern(info: CodeInfo) -> str:
    forms = sorted({info.name, *info.aliases}, key=len, reverse=True)
    alternatives = [_phrase_pattern(form) for form in forms]
    alternatives.append(_abbreviation_pattern(info.abbreviation))
    return rf"(?P<code_{info.key}>{'|'.join(alternatives)})"


_CALIFORNIA = rf"(?:Cal(?:ifornia{_WS1}|\.{_WS}|{_WS1}))?"
_SECTION_WORD = rf"(?:§§?|sections?{_NOT_LETTER}|secs?\.?{_NOT_LETTER})"

# The lookbehind keeps matches out of words (``SPEC 52072``) and out of URL-ish text
# (``/ec-52072``, ``?code=EC52072``).
_CITATION_RE = re.compile(
    rf"(?<![\w/=&?#%@.\-])"
    rf"{_CALIFORNIA}(?:{'|'.join(_code_pattern(info) for info in CODES.values())}){_NOT_LETTER}"
    rf",?{_WS}(?:{_SECTION_WORD}{_WS})?"
    rf"(?P<section>{_SECTION})",
    re.IGNORECASE,
)
_SUBDIVISION_LEAD_RE = re.compile(rf",?{_WS}subdivision{_WS}(?=\()", re.IGNORECASE)
_URL_RE = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.\-]{0,31}://|\bwww\.)[^\s<>]*")
_GROUP_RE = re.compile(r"\(([^()]*)\)")
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
_SUBDIVISION_RE = re.compile(rf"[A-Za-z0-9]{{1,{MAX_SUBDIVISION_LENGTH}}}")
_SUBDIVISION_RUN_RE = re.compile(rf"(?:\([A-Za-z0-9]{{1,{MAX_SUBDIVISION_LENGTH}}}\))+")
_SECTION_RE = re.compile(_SECTION)
_CANONICAL_URL_RE = re.compile(
    re.escape(_LEGINFO_SECTION_URL)
    + rf"\?lawCode=(?P<code>[A-Z]+)&sectionNum=(?P<section>{_SECTION})\."
)

_LINE_BREAK_RE = re.compile(r"[^\S\n]*\n[^\S\n]*")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# How far past a stray character inside a group to look for its closing parenthesis; beyond
# that the "group" is prose that happens to follow an unclosed parenthesis.
_GROUP_JUNK_LOOKAHEAD = 8


def official_url(code: str, section: str) -> str:
    """The leginfo page of one section; the trailing period is part of leginfo's URL scheme."""
    if code not in CODES:
        raise ValueError(f"unknown code {code!r}")
    if not _SECTION_RE.fullmatch(section):
        raise ValueError(f"malformed section number {section!r}")
    return f"{_LEGINFO_SECTION_URL}?lawCode={code}&sectionNum={section}."


def is_canonical_url(url: str) -> bool:
    """Whether ``url`` is exactly the form ``official_url`` produces, for a known code."""
    match = _CANONICAL_URL_RE.fullmatch(url)
    return match is not None and match["code"] in CODES


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


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited section, optionally narrowed to a subdivision such as ``(g)(1)(A)``."""

    code: str
    section: str
    subdivisions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown code {self.code!r}")
        if not _SECTION_RE.fullmatch(self.section):
            raise ValueError(f"malformed section number {self.section!r}")
        for part in self.subdivisions:
            if not _SUBDIVISION_RE.fullmatch(part):
                raise ValueError(f"malformed subdivision {part!r}")

    @property
    def subdivision_label(self) -> str:
        """``(g)(1)(A)``, or ``""`` for a whole section."""
        return "".join(f"({part})" for part in self.subdivisions)

    @property
    def canonical(self) -> str:
        """The short form used on the site: ``EC 52074(g)(1)(A)``."""
        return f"{CODES[self.code].abbreviation} {self.section}{self.subdivision_label}"

    @property
    def section_key(self) -> tuple[str, str]:
        """``(code, section)``: what a statute entry and its URL are keyed by."""
        return (self.code, self.section)

    @property
    def long_form(self) -> str:
        """``Education Code section 52074, subdivision (g)(1)(A)``."""
        text = f"{CODES[self.code].name} section {self.section}"
        if self.subdivisions:
            text += f", subdivision {self.subdivision_label}"
        return text

    @property
    def url(self) -> str:
        """The section's leginfo page (leginfo has no subdivision anchors)."""
        return official_url(self.code, self.section)


@dataclass(frozen=True, slots=True)
class CitationMatch:
    """A citation found in prose: ``text[start:end]`` and either a citation or an error."""

    start: int
    end: int
    text: str
    citation: Citation | None
    error: CitationError | None


def _scan_subdivisions(text: str, pos: int) -> int:
    """End of the subdivision-like run starting at ``pos``, malformed ones included.

    A closing parenthesis that nothing in the run opened belongs to the surrounding prose
    (``(see EC 52072)``) unless the run is clearly a subdivision typo (``52074g)(1)``).
    """
    depth = 0
    bare = False  # letters or digits at depth 0 since the last parenthesis
    index = pos
    while index < len(text):
        char = text[index]
        if char == "(":
            depth += 1
            bare = False
        elif char == ")":
            if depth > 0:
                depth -= 1
            elif not (bare or text.startswith("(", index + 1)):
                break
            bare = False
        elif char in _ALNUM:
            bare = depth == 0
        elif depth > 0 and char != "\n":
            window = text[index : index + _GROUP_JUNK_LOOKAHEAD]
            close = window.find(")")
            if close == -1 or "(" in window[:close] or "\n" in window[:close]:
                break
            index += close
            continue
        else:
            break
        index += 1
    return index


def _read_subdivisions(run: str) -> tuple[str, ...] | str:
    """The subdivisions of a run such as ``(g)(1)(A)``, or why it is malformed."""
    depth = 0
    deepest = 0
    for char in run:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
            if depth < 0:
                break
    if depth != 0:
        return "unbalanced parentheses"
    if deepest > 1:
        return "nested parentheses"
    parts: list[str] = []
    pos = 0
    for group in _GROUP_RE.finditer(run):
        if group.start() != pos:
            return f"subdivision '{run[pos : group.start()]}' is not in parentheses"
        inner = group[1]
        if not inner:
            return "empty subdivision '()'"
        if not _TOKEN_RE.fullmatch(inner):
            return f"subdivision '({inner})' may contain only letters and digits"
        if len(inner) > MAX_SUBDIVISION_LENGTH:
            return f"subdivision '({inner})' is longer than {MAX_SUBDIVISION_LENGTH} characters"
        parts.append(inner)
        pos = group.end()
    if pos != len(run):
        return f"subdivision '{run[pos:]}' is not in parentheses"
    return tuple(parts)


def _one_line(text: str) -> str:
    return _LINE_BREAK_RE.sub(" ", text)


def _match_at(text: str, found: re.Match[str]) -> CitationMatch:
    """Complete a prefix-and-section match with its subdivisions and check them."""
    code = next(key for key in CODES if found[f"code_{key}"] is not None)
    start = found.start()
    section_end = found.end("section")
    run_start = section_end
    end = _scan_subdivisions(text, section_end)
    if end == section_end:
        lead = _SUBDIVISION_LEAD_RE.match(text, section_end)
        if lead is not None:
            run_start = lead.end()
            end = _scan_subdivisions(text, run_start)
    written = text[start:end]
    result = _read_subdivisions(text[run_start:end])
    if isinstance(result, tuple):
        citation = Citation(code, found["section"], result)
        return CitationMatch(start, end, written, citation, None)
    tokens = _TOKEN_RE.findall(text[run_start:end])
    suggestion: str | None = None
    if all(len(token) <= MAX_SUBDIVISION_LENGTH for token in tokens):
        kept = text[start : run_start if tokens else section_end]
        suggestion = kept + "".join(f"({token})" for token in tokens)
    error = CitationError(f"malformed citation '{_one_line(written)}': {result}", suggestion)
    return CitationMatch(start, end, written, None, error)


def parse_citation(text: str) -> Citation:
    """Read a string that is exactly one citation (surrounding whitespace allowed)."""
    stripped = text.strip()
    if not stripped:
        raise CitationError("empty citation")
    found = _CITATION_RE.match(stripped)
    if found is None:
        raise CitationError(f"not a citation: '{stripped}' (expected e.g. 'EC 52072(a)')")
    match = _match_at(stripped, found)
    if match.error is not None:
        raise match.error
    if match.citation is not None and match.end == len(stripped):
        return match.citation
    rest = stripped[match.end :]
    suggestion = None
    if _SUBDIVISION_RUN_RE.fullmatch(rest.strip()):
        suggestion = match.text + rest.strip()
    raise CitationError(
        f"malformed citation '{_one_line(stripped)}': unexpected '{_one_line(rest)}' "
        f"after '{_one_line(match.text)}'",
        suggestion,
    )


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text.lower():
        return []
    return [match.span() for match in _URL_RE.finditer(text)]


def find_citations(text: str) -> list[CitationMatch]:
    """Every citation in prose, in order: readable ones and malformed ones (with their error).

    Text inside URLs is skipped; text inside Markdown link labels is not.
    """
    urls = _url_spans(text)
    url_starts = [start for start, _ in urls]
    matches: list[CitationMatch] = []
    pos = 0
    while (found := _CITATION_RE.search(text, pos)) is not None:
        url_index = bisect.bisect_right(url_starts, found.start()) - 1
        if url_index >= 0 and found.start() < urls[url_index][1]:
            pos = urls[url_index][1]
            continue
        match = _match_at(text, found)
        matches.append(match)
        pos = match.end
    return matches
