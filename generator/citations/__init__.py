"""Citations of law as guidance writes them: the registry of sources, parsing, prose scanning,
official addresses."""

from generator.citations.citation import (
    MAX_SUBDIVISION_LENGTH,
    Citation,
    CitationError,
    CitationMatch,
    Links,
    SectionKey,
    is_canonical_url,
    natural_key,
    official_hosts,
    official_url,
)
from generator.citations.grammar import find_citations, parse_citation
from generator.citations.sources import SOURCES, Source

__all__ = [
    "MAX_SUBDIVISION_LENGTH",
    "SOURCES",
    "Citation",
    "CitationError",
    "CitationMatch",
    "Links",
    "SectionKey",
    "Source",
    "find_citations",
    "is_canonical_url",
    "natural_key",
    "official_hosts",
    "official_url",
    "parse_citation",
]
