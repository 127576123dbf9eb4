"""Reading citations as guidance writes them, in citation lists and inside any prose.

The grammar is built from the registry (``sources.py``). A California code is written name
first: its name or a short form (``Gov. Code``), optionally after ``Cal.``/``California``, or an
abbreviation (``GC``), then an optional ``§``/``Section``/``Sec.`` and a section number with
directly attached subdivisions: ``Gov. Code § 11135(a)``. A titled source is written title
first (``20 U.S.C. § 6311(d)``, ``5 CCR 15497``), or with the word title
(``Cal. Code Regs., tit. 5, § 15497``, ``title 5, California Code of Regulations, section
15497``); a source with parts is also cited by part (``34 CFR part 200``).
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from generator.citations.citation import (
    MAX_SUBDIVISION_LENGTH,
    Citation,
    CitationError,
    CitationMatch,
)
from generator.citations.sources import CA_SECTION, SOURCES, Source

__all__ = ["find_citations", "parse_citation"]

# Whitespace that may wrap onto the next line (Markdown paragraphs are wrapped) but not skip a
# blank line into the next paragraph. Atomic, so a long run of spaces is not re-split on failure.
_WS = r"(?>[^\S\n]*\n?[^\S\n]*)"
_WS1 = rf"(?=\s){_WS}"
_NOT_LETTER = r"(?![^\W\d_])"

_APOSTROPHES = "'\u2019"  # Gov't, also with a typographic apostrophe
# Any titled source's number; each source's own grammar is checked once the source is known,
# so that a wrong number is reported rather than passed over.
_TITLED_NUMBER = r"[0-9]+[A-Za-z]*(?:[.\-][0-9]+[A-Za-z]*)*"
_TITLE = r"[0-9]{1,3}(?![0-9])"
_CALIFORNIA = rf"(?:Cal(?:ifornia{_WS1}|\.{_WS}|{_WS1}))?"
# Spanish guidance writes 'sección' (also without its accent) and 'secc.'.
_SECTION_WORD = (
    rf"(?:§§?|sections?{_NOT_LETTER}|secs?\.?{_NOT_LETTER}|secci[oó]n(?:es)?{_NOT_LETTER}"
    rf"|secc\.)"
)
_PART_WORD = rf"(?:parts?{_NOT_LETTER}|pts?\.?{_NOT_LETTER})"
_TITLE_WORD = rf"(?:title{_NOT_LETTER}|tit\.?{_NOT_LETTER}|t[ií]tulo{_NOT_LETTER})"
# Keeps matches out of words (``SPEC 52072``) and out of URL-ish text (``/ec-52072``).
_BOUNDARY = r"(?<![\w/=&?#%@.\-])"


# Spanish names are also written without their accents ('Codigo de Educacion').
_ACCENTED = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}


def _stem_pattern(stem: str) -> str:
    out = []
    for char in stem:
        if char.lower() in _ACCENTED:
            out.append(f"[{char}{_ACCENTED[char.lower()]}]")
        elif char == "&":
            out.append(r"[^\S\n]?&[^\S\n]?")
        elif char in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _phrase_pattern(phrase: str) -> str:
    """Regex for a written form like ``Welf. & Inst. Code``: periods optional, ``&`` or
    ``and``, flexible spacing."""
    words = phrase.split()
    parts: list[str] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if word == "&":
            parts.append("(?:&|and)" + ("" if last else _WS1))
            continue
        stem = _stem_pattern(word.rstrip("."))
        dotted = word.endswith(".")
        if last:
            parts.append(stem + (r"\.?" if dotted else ""))
        else:
            parts.append(stem + (rf"(?:\.{_WS}|{_WS1})" if dotted else _WS1))
    return "".join(parts)


def _abbreviation_pattern(abbreviation: str) -> str:
    """Regex for ``EC`` that also accepts ``E.C.`` and ``E. C.``."""
    letters = [re.escape(letter) for letter in abbreviation]
    return r"(?:\.[^\S\n]?)?".join(letters) + r"\.?"


def _factored(patterns: list[str], depth: int = 0) -> str:
    """An alternation of ``patterns`` with shared leading letters taken out.

    The engine tries alternatives one by one at every word; with over a hundred names, sharing
    their first letters is what keeps a scan of long prose fast. Only patterns that start with
    a letter or digit are regrouped, and two of those with different first letters never match
    at the same place, so the order that decides between alternatives is kept.
    """
    out: list[str] = []
    groups: dict[str, list[str]] = {}

    def flush() -> None:
        for members in groups.values():
            if len(members) == 1 or depth >= 3:
                out.extend(members)
            else:
                rests = _factored([member[1:] for member in members], depth + 1)
                out.append(f"{members[0][0]}(?:{rests})")
        groups.clear()

    for pattern in patterns:
        if pattern[:1].isalnum():
            # Names are read in any case and abbreviations are capitals, so 'G' and 'g' agree.
            groups.setdefault(pattern[0].lower(), []).append(pattern)
        else:
            flush()
            out.append(pattern)
    flush()
    return "|".join(out)


def _alternatives(patterns: list[tuple[str, str]]) -> str:
    # Longest written form first, so that 'Code Civ. Proc.' is not cut short by a shorter form.
    ordered = sorted(dict(patterns).items(), key=lambda item: len(item[0]), reverse=True)
    return _factored([pattern for _, pattern in ordered])


def _names(sources: list[Source]) -> str:
    return _alternatives(
        [(form, _phrase_pattern(form)) for s in sources for form in s.written_names]
    )


def _abbreviations(sources: list[Source], capitals: bool = True) -> str:
    found = _alternatives([(a, _abbreviation_pattern(a)) for s in sources for a in s.abbreviations])
    return f"(?-i:{found})" if capitals else found


def _citation_regex(prose: bool) -> re.Pattern[str]:
    codes = [s for s in SOURCES.values() if not s.titled]
    titled = [s for s in SOURCES.values() if s.titled]
    loose = _abbreviations([s for s in codes if s.abbreviations_alone], capitals=False)
    strict = _abbreviations([s for s in codes if not s.abbreviations_alone])
    if prose:
        # Capitals and a number are often not a citation ('PC 12 years'); a section sign is.
        strict += rf"(?={_NOT_LETTER},?{_WS}{_SECTION_WORD})"
    titled_names = f"{_names(titled)}|{_abbreviations(titled)}"
    unit = f"{_SECTION_WORD}|{_PART_WORD}"
    # A section sign with nothing after it is reported, not passed over.
    dangling = rf"(?P<{{0}}_sign>§§?)(?!{_WS}[0-9])"
    return re.compile(
        _BOUNDARY
        + "(?:"
        # Gov. Code § 11135
        + rf"(?P<a_name>{_CALIFORNIA}(?:{_names(codes)})|{loose}|{strict}){_NOT_LETTER},?{_WS}"
        + rf"(?:(?:(?P<a_word>{_SECTION_WORD}){_WS})?(?P<a_num>{CA_SECTION})"
        + "|"
        + dangling.format("a")
        + ")"
        # Cal. Code Regs., tit. 5, § 15497; or, malformed, without the title
        + rf"|(?P<c_name>{titled_names}){_NOT_LETTER},?{_WS}(?:"
        + rf"{_TITLE_WORD}{_WS}(?P<c_title>{_TITLE}),?{_WS}"
        + rf"(?:(?P<c_word>{unit}){_WS})?(?P<c_num>{_TITLED_NUMBER})"
        + rf"|(?P<f_word>{unit}){_WS}(?P<f_num>{_TITLED_NUMBER})"
        + "|"
        + dangling.format("c")
        + ")"
        # 20 U.S.C. § 6311
        + rf"|(?P<b_title>{_TITLE}){_WS1}(?P<b_name>{titled_names}){_NOT_LETTER},?{_WS}"
        + rf"(?:(?:(?P<b_word>{unit}){_WS})?(?P<b_num>{_TITLED_NUMBER})|"
        + dangling.format("b")
        + ")"
        # title 5, California Code of Regulations, section 15497
        + rf"|{_TITLE_WORD}{_WS}(?P<d_title>{_TITLE}),?{_WS}(?:of{_WS1}the{_WS1}|del?{_WS1})?"
        + rf"(?P<d_name>{titled_names}){_NOT_LETTER},?{_WS}(?:(?P<d_word>{unit}){_WS})?"
        + rf"(?P<d_num>{_TITLED_NUMBER})"
        + ")",
        re.IGNORECASE,
    )


_PROSE_RE = _citation_regex(prose=True)
_LIST_RE = _citation_regex(prose=False)
_NAME_ONLY_RE = re.compile(
    rf"(?:{_TITLE}{_WS1})?(?:{_CALIFORNIA}(?:{_names(list(SOURCES.values()))})|"
    rf"{_abbreviations(list(SOURCES.values()), capitals=False)})"
    rf"{_NOT_LETTER},?(?:{_WS}{_SECTION_WORD})?",
    re.IGNORECASE,
)
_SUBDIVISION_LEAD_RE = re.compile(
    rf",?{_WS}(?:subdivision|subsection|paragraph|subdivisi[oó]n|inciso|apartado|p[aá]rrafo)"
    rf"{_WS}(?=\()",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.\-]{0,31}://|\bwww\.)[^\s<>]*")
_GROUP_RE = re.compile(r"\(([^()]*)\)")
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
_SUBDIVISION_RUN_RE = re.compile(rf"(?:\([A-Za-z0-9]{{1,{MAX_SUBDIVISION_LENGTH}}}\))+")
_LEADING_WORDS_RE = re.compile(
    rf"(?P<name>[^\W\d][\w.&{_APOSTROPHES} ]*?),?\s*(?P<rest>(?:§|sec|[0-9]).*)", re.IGNORECASE
)
_CALIFORNIA_RE = re.compile(_CALIFORNIA, re.IGNORECASE)
_ANCHOR_RE = re.compile("[0-9§]")
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK_RE = re.compile(r"[^\S\n]*\n[^\S\n]*")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# How far past a stray character inside a group to look for its closing parenthesis; beyond
# that the "group" is prose that happens to follow an unclosed parenthesis.
_GROUP_JUNK_LOOKAHEAD = 8


def _normal(name: str) -> str:
    """A written name without case, accents, periods, apostrophes or spaces, '&' read as
    'and'."""
    plain = "".join(_ACCENTED.get(char, char) for char in name.lower())
    return re.sub(rf"[\s.{_APOSTROPHES}]", "", plain).replace("&", "and")


def _name_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for source in SOURCES.values():
        for form in (*source.written_names, *source.abbreviations):
            other = table.setdefault(_normal(form), source.key)
            if other != source.key:
                raise ValueError(f"{form!r} names both {other} and {source.key}")
    return table


_SOURCE_BY_NAME = _name_table()
_SUGGESTED_NAMES = sorted(
    {form for s in SOURCES.values() for form in (*s.written_names, *s.abbreviations)}
)


def _source_named(written: str) -> Source:
    """The source a matched name stands for, with or without 'Cal.' before it."""
    key = _SOURCE_BY_NAME.get(_normal(written))
    if key is None:
        key = _SOURCE_BY_NAME[_normal(_CALIFORNIA_RE.sub("", written, count=1))]
    return SOURCES[key]


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


@dataclass(frozen=True)
class _Parts:
    """What one alternative of the grammar matched, before its number is checked."""

    source: Source
    title: str
    word: str
    word_span: tuple[int, int]
    number: str
    number_end: int


def _parts(found: re.Match[str]) -> _Parts:
    shape = next(shape for shape in "abcd" if found[f"{shape}_num"] is not None)
    return _Parts(
        _source_named(found[f"{shape}_name"]),
        found.groupdict().get(f"{shape}_title") or "",
        found[f"{shape}_word"] or "",
        found.span(f"{shape}_word"),
        found[f"{shape}_num"],
        found.end(f"{shape}_num"),
    )


def _number_problem(parts: _Parts) -> tuple[bool, str | None, str | None]:
    """Whether the number names a part, and what is wrong with it (with a fix) if anything."""
    source, number = parts.source, parts.number.lower()
    by_part = parts.word.lower().startswith("p")
    if source.titles is not None:
        first, last = source.titles
        if not first <= int(parts.title) <= last:
            problem = f"title {parts.title} is not a title of the {source.name} ({first} to {last})"
            return False, problem, None
    if source.part is None:
        if by_part:
            return True, f"the {source.name} is cited by section, not by part", None
    elif re.fullmatch(source.part, number):
        if by_part or not parts.word:
            return True, None, None
        problem = (
            f"'{parts.number}' is a part, not a section, of the {source.name}; a section has a "
            f"period in its number, such as '{source.example}'"
        )
        return False, problem, source.part_short.format(title=parts.title, section=number)
    elif by_part:
        return True, f"'{parts.number}' is not a part number of the {source.name}", None
    if not re.fullmatch(source.section, number):
        return False, f"'{parts.number}' is not a section number of the {source.name}", None
    return False, None, None


def _match_at(text: str, found: re.Match[str]) -> CitationMatch:
    """Complete a prefix-and-number match with its subdivisions and check them."""
    start = found.start()
    if any(found[f"{shape}_sign"] is not None for shape in "abc"):
        written = text[start : found.end()]
        return _failed(start, found.end(), written, "missing section number")
    if found["f_num"] is not None:
        source = _source_named(found["c_name"])
        written = text[start : found.end()]
        return _failed(
            start,
            found.end(),
            written,
            f"missing title number: the {source.name} is cited title first, "
            f"such as '{source.example}'",
        )
    parts = _parts(found)
    section_end = parts.number_end
    run_start = section_end
    end = _scan_subdivisions(text, section_end)
    if end == section_end:
        lead = _SUBDIVISION_LEAD_RE.match(text, section_end)
        if lead is not None:
            run_start = lead.end()
            end = _scan_subdivisions(text, run_start)
    written = text[start:end]
    # Suggestions write one section sign where two (several sections) were written.
    prefix = text[start:section_end]
    if parts.word == "§§":
        word_start, word_end = parts.word_span
        prefix = text[start:word_start] + "§" + text[word_end:section_end]
    part, problem, fix = _number_problem(parts)
    if problem is not None:
        return _failed(start, end, written, problem, fix)
    if part and end > section_end:
        fix = parts.source.part_short.format(title=parts.title, section=parts.number)
        return _failed(start, end, written, "a part is cited whole, without subdivisions", fix)
    result = _read_subdivisions(text[run_start:end])
    if isinstance(result, str):
        tokens = _TOKEN_RE.findall(text[run_start:end])
        suggestion: str | None = None
        if all(len(token) <= MAX_SUBDIVISION_LENGTH for token in tokens):
            kept = prefix + text[section_end:run_start] if tokens else prefix
            suggestion = kept + "".join(f"({token})" for token in tokens)
        return _failed(start, end, written, result, suggestion)
    if parts.word == "§§":
        suggestion = prefix + text[section_end:end]
        return _failed(
            start, end, written, "'§§' cites several sections; cite one with '§'", suggestion
        )
    citation = Citation(parts.source.key, parts.number.lower(), result, parts.title, part)
    return CitationMatch(start, end, written, citation, None)


def _failed(
    start: int, end: int, written: str, problem: str, suggestion: str | None = None
) -> CitationMatch:
    error = CitationError(f"malformed citation '{_one_line(written)}': {problem}", suggestion)
    return CitationMatch(start, end, written, None, error)


def _not_a_citation(text: str) -> CitationError:
    """Why a list entry is not a citation, with a known name for a misspelt one."""
    if _NAME_ONLY_RE.fullmatch(text):
        return CitationError(f"malformed citation '{_one_line(text)}': missing section number")
    suggestion = None
    words = _LEADING_WORDS_RE.fullmatch(text)
    if words is not None:
        written = words["name"].strip()
        by_lower = {name.lower(): name for name in _SUGGESTED_NAMES}
        close = difflib.get_close_matches(written.lower(), list(by_lower), n=1, cutoff=0.85)
        if close:
            candidate = f"{by_lower[close[0]]} {words['rest']}"
            if isinstance(_read(candidate), Citation):
                suggestion = candidate
    return CitationError(
        f"not a citation: '{_one_line(text)}' (expected e.g. 'EC 52072(a)', "
        "'Gov. Code § 11135' or '20 U.S.C. § 6311')",
        suggestion,
    )


def _read(text: str) -> Citation | CitationError | None:
    """The one citation ``text`` is, why it is a malformed one, or None if it names no law."""
    found = _LIST_RE.match(text)
    if found is None:
        return None
    match = _match_at(text, found)
    if match.error is not None:
        return match.error
    if match.citation is not None and match.end == len(text):
        return match.citation
    rest = text[match.end :]
    suggestion = None
    if _SUBDIVISION_RUN_RE.fullmatch(rest.strip()):
        suggestion = match.text + rest.strip()
    return CitationError(
        f"malformed citation '{_one_line(text)}': unexpected '{_one_line(rest)}' "
        f"after '{_one_line(match.text)}'",
        suggestion,
    )


def parse_citation(text: str) -> Citation:
    """Read a string that is exactly one citation (surrounding whitespace allowed)."""
    stripped = text.strip()
    if not stripped:
        raise CitationError("empty citation")
    result = _read(stripped)
    if result is None:
        raise _not_a_citation(stripped)
    if isinstance(result, CitationError):
        raise result
    return result


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text.lower():
        return []
    return [match.span() for match in _URL_RE.finditer(text)]


def find_citations(text: str) -> list[CitationMatch]:
    """Every citation in prose, in order: readable ones and malformed ones (with their error).

    Text inside URLs is skipped; text inside Markdown link labels is not.
    """
    # Every citation has a digit or a section sign, and none crosses a blank line: only the
    # paragraphs with one are searched, as the whole grammar is slow to try at every word.
    if _ANCHOR_RE.search(text) is None:
        return []
    bounds = [blank.start() + 1 for blank in _BLANK_LINE_RE.finditer(text)]
    urls = _url_spans(text)
    url_starts = [start for start, _ in urls]
    matches: list[CitationMatch] = []
    pos = 0
    while (anchor := _ANCHOR_RE.search(text, pos)) is not None:
        index = bisect.bisect_right(bounds, anchor.start())
        first = max(pos, bounds[index - 1] if index else 0)
        last = bounds[index] if index < len(bounds) else len(text)
        found = _PROSE_RE.search(text, first, last)
        if found is None:
            pos = last
            continue
        url_index = bisect.bisect_right(url_starts, found.start()) - 1
        if url_index >= 0 and found.start() < urls[url_index][1]:
            pos = urls[url_index][1]
            continue
        match = _match_at(text, found)
        matches.append(match)
        pos = match.end
    return matches
