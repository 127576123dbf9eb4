"""Field declarations: what each field of each kind of content is, said once.

``types`` holds the kinds of value (each converts a located node and describes itself as JSON
Schema), ``declare`` reads a model class's declarations into a ``Spec``, and ``values`` holds the
kinds of value several files share. The model declares its fields with these; the validator,
the editors' schemas and the open data's schemas read the declarations.

Not pydantic: it validates plain values, so every message would lose the line and column of
its YAML node and have to be mapped back from its own error types to ours (the tests hold each
message word for word), and its JSON Schema would need rewriting to match what editors see. A
declaration read once from ``typing.Annotated`` keeps the converter we had, as fast as before.
"""

from __future__ import annotations

from generator.fields.declare import (
    REQUIRED,
    About,
    Derived,
    Field,
    Obj,
    Spec,
    convert_mapping,
    object_schema,
    spec_of,
)
from generator.fields.types import (
    INVALID,
    Bool,
    Choice,
    Context,
    Custom,
    Date,
    FieldType,
    Id,
    Int,
    Line,
    ListOf,
    Note,
    Ref,
    Str,
    Text,
    WebAddress,
    did_you_mean,
)

__all__ = [
    "INVALID",
    "REQUIRED",
    "About",
    "Bool",
    "Choice",
    "Context",
    "Custom",
    "Date",
    "Derived",
    "Field",
    "FieldType",
    "Id",
    "Int",
    "Line",
    "ListOf",
    "Note",
    "Obj",
    "Ref",
    "Spec",
    "Str",
    "Text",
    "WebAddress",
    "convert_mapping",
    "did_you_mean",
    "object_schema",
    "spec_of",
]
