"""The record format of ``schema.py`` as a JSON Schema (draft 2020-12), for editors and other tools: generated from the
same declaration the validator reads, so the two cannot drift (a Hypothesis property checks they agree)."""

from __future__ import annotations

from typing import Any

from bot.core.records.schema import MAX_ITEMS, RECORD, TEXT_PATTERN, Integer, Obj, Spec, Text


def json_schema() -> dict[str, Any]:
    """The record format as a JSON Schema (draft 2020-12) for editors and other tools."""
    schema = _to_json(RECORD)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://specimen.invalid/specimen.schema.json",
        "title": "specimen record",
        **schema,
    }


def _to_json(spec: Spec, *, nullable: bool = False) -> dict[str, Any]:
    """One spec as JSON Schema. An optional field may be null (YAML's `key:` with no value): the validator takes
    that as absent, so the schema lets it through too."""
    schema = _to_json_type(spec)
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def _to_json_type(spec: Spec) -> dict[str, Any]:
    if isinstance(spec, Text):
        return {
            "type": "string",
            "description": spec.description,
            "minLength": 1,
            "maxLength": spec.max_length,
            # A pattern of its own (slugs, times, currencies) allows no whitespace and no control character.
            "pattern": spec.pattern or TEXT_PATTERN,
        }
    if isinstance(spec, Integer):
        number: dict[str, Any] = {
            "type": "integer",
            "description": spec.description,
            "minimum": spec.minimum,
        }
        if spec.maximum is not None:
            number["maximum"] = spec.maximum
        return number
    if isinstance(spec, Obj):
        return {
            "type": "object",
            "description": spec.description,
            "additionalProperties": False,
            "required": [name for name in spec.fields if name in spec.required],
            "properties": {
                name: _to_json(sub, nullable=name not in spec.required) for name, sub in spec.fields.items()
            },
        }
    return {
        "type": "array",
        "description": spec.description,
        "minItems": spec.min_items,
        "maxItems": MAX_ITEMS,
        "items": _to_json(spec.items),
    }
