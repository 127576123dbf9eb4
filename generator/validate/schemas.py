"""JSON Schemas for content files, published for editors' autocompletion."""

from __future__ import annotations

import json

from generator.validate.kinds import FILE_SPECS
from generator.validate.spec import json_schema


def schema_files() -> dict[str, str]:
    """``{file name: JSON text}`` for every kind of content file."""
    return {
        f"{kind}.schema.json": json.dumps(json_schema(spec, f"{kind}.schema.json"), indent=2) + "\n"
        for kind, spec in FILE_SPECS.items()
    }
