"""The JSON Schemas in ``schemas/``: loading them, asking them, validating against them.

They are the one source of truth for the document types, their keys, their
vocabularies and which keys are references (the ``x-ref`` annotation). Code
that needs any of these asks this module.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COMMON = "common"
# A JSON Schema, or one of its subschemas, as read from schemas/*.json.
JsonSchema = dict[str, Any]
URN = "urn:tpmdocs:v1:"


def _schema_dir() -> Path:
    """Schemas shipped in the wheel (``tpmdocs/schemas``), else the checkout's ``schemas/``."""
    here = Path(__file__).resolve().parent  # (importlib.resources would cost a run ~10 ms)
    shipped = here / "schemas"
    return shipped if shipped.is_dir() else here.parent / "schemas"


@functools.cache
def all_schemas() -> dict[str, JsonSchema]:
    """Every schema by name (``common`` and one per document type), in file-name order."""
    folder = _schema_dir()
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".schema.json"):
            found[entry.name[: -len(".schema.json")]] = json.loads(entry.read_text("utf-8"))
    if COMMON not in found:
        raise RuntimeError(f"tpmdocs is installed without its schemas (looked in {folder})")
    return found


@functools.cache
def document_types() -> tuple[str, ...]:
    """The document types, in the order of the common schema's ``type`` vocabulary."""
    return tuple(_resolved(all_schemas()[COMMON]["$defs"]["base"]["properties"]["type"])["enum"])


def type_schema(doc_type: str) -> JsonSchema:
    return all_schemas()[doc_type]


def properties(doc_type: str) -> dict[str, JsonSchema]:
    """Every key a document of ``doc_type`` may have, with its schema."""
    return type_schema(doc_type).get("properties", {})


def vocabulary(doc_type: str, key: str) -> tuple[str, ...]:
    """The allowed values of an enumerated key, e.g. ``vocabulary('task', 'status')``."""
    return tuple(_resolved(properties(doc_type).get(key, {})).get("enum", ()))


@functools.cache
def phases() -> tuple[str, ...]:
    """The lifecycle phases in order, from the charter's ``phase`` vocabulary."""
    return vocabulary("charter", "phase")


def resolved(prop: JsonSchema) -> JsonSchema:
    """A property's schema with its ``$ref`` into the common definitions followed."""
    return _resolved(prop)


def _resolved(prop: JsonSchema) -> JsonSchema:
    """Follow one local ``$ref`` into the common definitions (enough for our schemas)."""
    ref = prop.get("$ref", "")
    if not ref.startswith(URN + COMMON + "#/"):
        return prop
    node = all_schemas()[COMMON]
    for part in ref.split("#/", 1)[1].split("/"):
        node = node[part]
    return {**_resolved(node), **{k: v for k, v in prop.items() if k != "$ref"}}


@dataclass(frozen=True)
class Reference:
    """A key whose value names other documents: one id or a list of ids."""

    key: str
    target: str  # a document type, or "any"


@functools.cache
def references(doc_type: str) -> tuple[Reference, ...]:
    """The reference keys of a type, read from the schema's ``x-ref`` annotations."""
    return tuple(Reference(key, _resolved(prop)["x-ref"])
                 for key, prop in properties(doc_type).items() if "x-ref" in _resolved(prop))


@functools.cache
def outline_keys() -> frozenset[str]:
    """What the project graph reads of every document: type, id, project, every reference key."""
    return frozenset({"type", "id", "project"}.union(
        *({ref.key for ref in references(t)} for t in document_types())))


@functools.cache
def approvable_types() -> tuple[str, ...]:
    """The types a document of which can be approved: those whose schema has ``approved``."""
    return tuple(t for t in document_types() if "approved" in properties(t))
