"""The JSON Schema of the scenario format, generated from :mod:`simulator.spec`.

The package ships the result as ``data/scenario.schema.json`` (for editors, through the
``# yaml-language-server: $schema=...`` modeline); a test checks the shipped file equals
what this module generates, so the two cannot drift. Catalog ids come from the catalogs.
It is JSON Schema draft-07, the draft editors' YAML support (yaml-language-server)
reads fully. The schema checks shape and ids; cross references (a goto naming a state) are left to
``ipt-sim validate``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from simulator import catalogs
from simulator.model import DIMENSIONS, RATINGS
from simulator.spec import IDENT, OBJECTS, SCENARIO_ID, SLUG, Key

SCHEMA_ID = "https://ipt-sim.invalid/scenario-v1.schema.json"


def _catalog_ids(name: str) -> list[str]:
    cat = catalogs.load()
    return list(
        {
            "tone": cat.tones,
            "nonverbal": cat.cues,
            "timing": cat.timings,
            "technique": cat.techniques,
            "item": cat.items,
            "problem": cat.problems,
            "support": cat.support,
        }[name]
    )


# The validator reads a number written where text goes (`says: 42`) as its text, as YAML
# does; the schema must not underline what the validator accepts.
TEXT = ["string", "number"]


# What each kind of key in the spec looks like in the schema, beside its description: one
# entry a kind, so a new kind is one line here (catalog ids are looked up when generating).
_KINDS: dict[str, Callable[[Key], dict[str, Any]]] = {
    "version": lambda k: {"const": 1},
    "text": lambda k: {"type": TEXT},
    "template": lambda k: {"type": TEXT},
    "expression": lambda k: {"type": TEXT, "minLength": 1},
    "int": lambda k: {"type": "integer"},
    "bool": lambda k: {"type": "boolean"},
    "scenario_id": lambda k: {"type": "string", "pattern": SCENARIO_ID},
    "slug": lambda k: {"type": "string", "pattern": SLUG},
    "ref": lambda k: {"type": "string", "pattern": SLUG},
    "enum": lambda k: {"enum": list(k.values)},
    "text_list": lambda k: {"type": "array", "items": {"type": "string", "minLength": 1}},
    "catalog": lambda k: {"enum": _catalog_ids(k.of)},
    "catalog_list": lambda k: {"type": "array", "items": {"enum": _catalog_ids(k.of)}},
    "map": lambda k: {
        "type": "object",
        "propertyNames": {"pattern": SLUG if k.of != "meter" else IDENT},
        "additionalProperties": {"$ref": f"#/definitions/{k.of}"},
        "minProperties": 1,
    },
    "list": lambda k: {"type": "array", "minItems": 1, "items": {"$ref": f"#/definitions/{k.of}"}},
    "next": lambda k: {
        "oneOf": [
            {"type": "string", "pattern": SLUG},
            {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/branch"}},
        ]
    },
    "effects": lambda k: {"type": "object", "propertyNames": {"pattern": IDENT}, "additionalProperties": {"type": "integer"}},
    "flags": lambda k: {"type": "object", "propertyNames": {"pattern": IDENT}, "additionalProperties": {"type": "boolean"}},
    "ratings": lambda k: {
        "type": "object",
        "propertyNames": {"enum": list(DIMENSIONS)},
        "additionalProperties": {"enum": list(RATINGS)},
    },
    "objectives": lambda k: {
        "type": "array",
        "items": {"oneOf": [{"type": TEXT, "minLength": 1}, {"$ref": "#/definitions/objective"}]},
    },
    "window": lambda k: {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
    "cue_valences": lambda k: {
        "type": "object",
        "propertyNames": {"enum": _catalog_ids("nonverbal")},
        "additionalProperties": {"type": "integer", "minimum": -2, "maximum": 2},
    },
    "feedbacks": lambda k: {
        "type": "object",
        "propertyNames": {"enum": list(DIMENSIONS)},
        "additionalProperties": {"type": "string"},
    },
}


def _key_schema(k: Key) -> dict[str, Any]:
    build = _KINDS.get(k.kind)
    if build is None:  # pragma: no cover - spec and schema are tested together
        raise ValueError(f"no schema for key kind {k.kind!r}")
    return {"description": k.doc} | build(k)


def _object(keys: tuple[Key, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {k.name: _key_schema(k) for k in keys},
        "required": [k.name for k in keys if k.required],
        "additionalProperties": False,
    }


def generate() -> dict[str, Any]:
    """The whole schema, as a JSON-ready dict."""
    top = _object(OBJECTS["scenario"])
    top["properties"]["meters"]["required"] = ["charge"]
    top["allOf"] = [
        {"if": {"properties": {"area": {"const": "role_dispute"}}, "required": ["area"]}, "then": {"required": ["stage"]},
         "else": {"not": {"required": ["stage"]}}},
    ]  # fmt: skip
    state = _object(OBJECTS["state"])
    state["oneOf"] = [
        {"required": ["choices"], "not": {"required": ["ending"]}},
        {"required": ["ending"], "not": {"required": ["choices"]}},
    ]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "ipt-sim scenario, format version 1",
        **top,
        "definitions": {
            name: (state if name == "state" else _object(keys)) for name, keys in OBJECTS.items() if name != "scenario"
        },
    }


def text() -> str:
    """The schema as the JSON text shipped in the package and printed by ``ipt-sim schema``."""
    return json.dumps(generate(), indent=2) + "\n"
