"""One declaration per field, read from the model's own dataclasses.

A model class declares each field it reads from a file once, in its annotation::

    title: Annotated[str, Field(Line(), "Name of the pathway")]

and everything else is derived from that: the converter from located nodes (with its located
problems), the editors' JSON Schema, the open data's schema, and the list of text to translate.
A field the reader makes itself (a page's slug) is marked ``Derived``; a model's ``source`` is
where it was read from. A field with neither is a mistake, refused when the class is first read.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from generator.fields.types import INVALID, Context, FieldType, did_you_mean
from generator.load.nodes import Mapping, Node, Scalar, kind_name

REQUIRED: Any = object()
"""The default of a field the file must give."""

T = TypeVar("T")

SOURCE = "source"
"""The field of a model that holds where it was read from, which the converter fills in."""


@dataclass(frozen=True)
class Field:
    """A field as a file gives it: its kind of value, its description for editors and the
    schemas, whether it may be left out (and what it is then), and where it is published."""

    type: FieldType
    description: str
    default: Any = REQUIRED
    """The value when the file leaves it out or empty; REQUIRED when it must be given. A model
    attribute's own default counts as one (declared here where the attribute can have none, as
    its place among the class's positional fields forbids)."""
    key: str = ""
    """Its name in the file, where the model names it otherwise; empty: the same name."""
    public: bool = True
    """Whether the open data publishes it (a note for editors is not)."""
    translatable: bool | None = None
    """Whether its text is written for readers and so has a form in each language; None: as
    its kind of value says (prose and titles are, ids and dates are not)."""
    name: str = ""
    """The model's attribute, filled in when its class is read."""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def translated(self, item: FieldType) -> bool:
        return item.translatable if self.translatable is None else self.translatable


@dataclass(frozen=True)
class Derived:
    """A model field the reader makes rather than reads from a field (a page's slug)."""

    description: str
    translatable: bool = False
    """Whether it is text for readers all the same (a page's Markdown body)."""


@dataclass(frozen=True)
class About:
    """What a kind of object is, for editors: the title and description of its schema."""

    kind: str
    title: str
    description: str
    replaced: tuple[tuple[str, str], ...] = ()
    """Fields of earlier versions, each with what to write instead."""
    key: str = "id"
    """The field that tells one object of a list from the others (a glossary term's ``term``)."""


@dataclass(frozen=True)
class Spec(Generic[T]):
    """A mapping with known fields; unknown ones are errors with a suggestion."""

    kind: str
    title: str
    description: str
    fields: tuple[Field, ...]
    replaced: tuple[tuple[str, str], ...] = ()
    model: type | None = None
    """The class its objects are made of; None: they stay plain dicts."""
    has_source: bool = False
    translated_derived: tuple[str, ...] = ()
    """Derived fields that are text for readers, translated with the declared ones."""

    def field_names(self) -> list[str]:
        return [f.key for f in self.fields]

    def make(self, values: dict[str, Any], ctx: Context, **derived: Any) -> T:
        """The model object of converted ``values``, with the fields the reader made."""
        if self.model is None:
            return values  # type: ignore[return-value]  # a Spec[dict[str, Any]]
        if self.has_source:
            derived[SOURCE] = ctx.source()
        made: T = self.model(**values, **derived)
        return made


_SPECS: dict[type, Spec[Any]] = {}


def spec_of(model: type[T]) -> Spec[T]:
    """The declaration of a model class's fields, read once."""
    spec = _SPECS.get(model)
    if spec is None:
        spec = _SPECS[model] = _read_spec(model)
    return spec


def _read_spec(model: type) -> Spec[Any]:
    about = model.__dict__.get("about")
    if not isinstance(about, About):
        raise TypeError(f"{model.__name__} has no 'about: ClassVar[About]' to name its kind")
    hints = typing.get_type_hints(model, include_extras=True)
    fields: list[Field] = []
    translated_derived: list[str] = []
    has_source = False
    for attr in dataclasses.fields(model):
        meta = getattr(hints[attr.name], "__metadata__", ())
        declared = [m for m in meta if isinstance(m, Field)]
        if declared:
            field = dataclasses.replace(
                declared[0], name=attr.name, key=declared[0].key or attr.name
            )
            if field.required and attr.default is not dataclasses.MISSING:
                field = dataclasses.replace(field, default=attr.default)
            elif field.required and attr.default_factory is not dataclasses.MISSING:
                field = dataclasses.replace(field, default=attr.default_factory())
            fields.append(field)
        elif attr.name == SOURCE:
            has_source = True
        else:
            derived = [m for m in meta if isinstance(m, Derived)]
            if not derived:
                raise TypeError(
                    f"{model.__name__}.{attr.name} is neither declared as a Field nor marked "
                    "Derived"
                )
            if derived[0].translatable:
                translated_derived.append(attr.name)
    return Spec(
        about.kind,
        about.title,
        about.description,
        tuple(fields),
        about.replaced,
        model,
        has_source,
        tuple(translated_derived),
    )


class Obj(FieldType):
    """A mapping of declared fields: a model object, or a dict for a spec without a class."""

    label = "a mapping of fields"

    def __init__(self, of: type | Spec[Any] | Callable[[], Spec[Any]]) -> None:
        self._of = of

    @property
    def spec(self) -> Spec[Any]:
        # Read on first use: a class names the classes of its nested objects before they exist.
        if isinstance(self._of, Spec):
            return self._of
        if isinstance(self._of, type):
            return spec_of(self._of)
        return self._of()

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        values = convert_mapping(node, self.spec, ctx, path)
        if values is INVALID:
            return INVALID
        return self.spec.make(values, ctx)

    def schema(self) -> dict[str, Any]:
        return object_schema(self.spec)


def convert_mapping(node: Node, spec: Spec[Any], ctx: Context, path: str = "") -> Any:
    """A dict of the spec's fields by attribute (absent ones take their defaults), or INVALID."""
    if not isinstance(node, Mapping):
        what = path if path else "a file"
        ctx.error(
            "wrong-type",
            node.loc,
            path,
            f"expected {what} holding a mapping of fields, found {kind_name(node)}",
        )
        return INVALID
    known = {f.key: f for f in spec.fields}
    out: dict[str, Any] = {}
    ok = True
    for entry in node.entries:
        field_path = f"{path}.{entry.key}" if path else entry.key
        field = known.get(entry.key)
        if field is None:
            instead = dict(spec.replaced).get(entry.key)
            hint = f": {instead}" if instead else did_you_mean(entry.key, list(known))
            ctx.error("unknown-key", entry.key_loc, path, f"unknown field '{entry.key}'{hint}")
            ok = False
            continue
        ctx.locs[field_path] = entry.value.loc
        if isinstance(entry.value, Scalar) and entry.value.value is None and not field.required:
            out[field.name] = field.default
            continue
        value = field.type.convert(entry.value, field_path, ctx)
        if value is INVALID:
            ok = False
        out[field.name] = value
    for field in spec.fields:
        if field.name in out:
            continue
        if field.required:
            ctx.error("missing", node.loc, path, f"missing required field '{field.key}'")
            ok = False
        out[field.name] = None if field.required else field.default
    return out if ok else INVALID


def object_schema(spec: Spec[Any]) -> dict[str, Any]:
    """The editors' JSON Schema of a mapping."""
    return {
        "type": "object",
        "title": spec.title,
        "description": spec.description,
        "additionalProperties": False,
        "required": [f.key for f in spec.fields if f.required],
        "properties": {
            f.key: {**f.type.schema(), "description": f.description} for f in spec.fields
        },
    }
