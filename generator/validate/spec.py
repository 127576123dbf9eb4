"""Reading content files by their declared fields (``generator.fields``), and publishing the
declarations as JSON Schema for editors."""

from __future__ import annotations

from typing import Any

from generator.fields import (
    INVALID,
    Context,
    Spec,
    convert_mapping,
    did_you_mean,
    object_schema,
)

__all__ = ["INVALID", "Context", "Spec", "convert_mapping", "did_you_mean", "json_schema"]


def json_schema(spec: Spec[Any], schema_id: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **object_schema(spec),
    }
