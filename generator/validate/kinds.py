"""The fields of each kind of content file, as the model declares them."""

from __future__ import annotations

from generator.fields import Spec, spec_of
from generator.kinds import FILE_MODELS

FILE_SPECS: dict[str, Spec] = {kind: spec_of(model) for kind, model in FILE_MODELS.items()}
"""Each kind of content file's fields, by the kind's name (which names its schema too)."""

SITE = FILE_SPECS["site"]
SUPPORT = FILE_SPECS["support"]
PATHWAY = FILE_SPECS["pathway"]
STATUTE = FILE_SPECS["statute"]
GLOSSARY = FILE_SPECS["glossary"]
PAGE = FILE_SPECS["page"]
TREE = FILE_SPECS["tree"]
