"""The fields of each kind of content file, as the model declares them."""

from __future__ import annotations

from typing import Any

from generator.fields import Spec, spec_of
from generator.kinds import FILE_MODELS
from generator.model import Editions, Glossary, Page, Pathway, Site, Statute, Support, Tree

FILE_SPECS: dict[str, Spec[Any]] = {kind: spec_of(model) for kind, model in FILE_MODELS.items()}
"""Each kind of content file's fields, by the kind's name (which names its schema too)."""

SITE = spec_of(Site)
SUPPORT = spec_of(Support)
PATHWAY = spec_of(Pathway)
STATUTE = spec_of(Statute)
GLOSSARY = spec_of(Glossary)
PAGE = spec_of(Page)
TREE = spec_of(Tree)
EDITIONS = spec_of(Editions)
