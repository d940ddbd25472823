"""Front Matter CMS content types made from the schemas in ``schemas/``.

Front Matter CMS (a VS Code extension) shows a form for a Markdown file's front matter and
checks required fields, choosing the form by the file's ``type`` key: exactly tpmdocs'
``type``. ``tpmdocs schema --format frontmatter-cms`` prints a ``frontmatter.json`` with one
content type per document type, every key of the type's schema as a field: vocabularies as
choices, dates as dates, ids and handles as text or lists, mappings as nested fields, lists
of mappings (a charter's stakeholders) as blocks of a field group. Nothing is listed by
hand, so the forms follow the schemas.
"""

from __future__ import annotations

from typing import Any

from . import schema
from .reference import follow
from .schema import JsonSchema

SCHEMA_URL = "https://frontmatter.codes/frontmatter.schema.json"
DATE_FORMAT = "yyyy-MM-dd"  # date-fns' pattern for YYYY-MM-DD
#: Shared definitions whose text is one line (shown as a one-line input).
_ONE_LINE = {"line", "handle", "id", "idref", "date"}


def content_types(doc_types: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The ``frontmatter.json`` settings for ``doc_types`` (default: every type)."""
    groups: dict[str, dict[str, Any]] = {}
    types = [_content_type(doc_type, groups) for doc_type in doc_types or schema.document_types()]
    settings: dict[str, Any] = {"$schema": SCHEMA_URL, "frontMatter.taxonomy.contentTypes": types}
    if groups:
        settings["frontMatter.taxonomy.fieldGroups"] = list(groups.values())
    return settings


def _content_type(doc_type: str, groups: dict[str, dict[str, Any]]) -> dict[str, Any]:
    body = schema.type_schema(doc_type)
    required = set(body.get("required", ()))
    fields = [{"title": "type", "name": "type", "type": "choice", "choices": [doc_type],
               "default": doc_type, "required": True}]
    for name, prop in schema.properties(doc_type).items():
        if name != "type":
            made = _field(name, prop, name in required, groups, f"{doc_type}-{name}")
            if made is not None:
                fields.append(made)
    return {"name": doc_type, "pageBundle": False, "previewPath": None, "fields": fields}


def _field(name: str, prop: Any, required: bool, groups: dict[str, dict[str, Any]],
           group_id: str) -> dict[str, Any] | None:
    """One key as a field; None for a key no one may write (a risk's computed score)."""
    if prop is False or (isinstance(prop, dict) and False in prop.get("allOf", [])):
        return None
    node, shared = follow(prop)
    field: dict[str, Any] = {"title": name, "name": name}
    if node.get("description"):
        field["description"] = node["description"]
    if required:
        field["required"] = True
    field.update(_shape(node, shared, groups, group_id))
    return field


def _shape(node: JsonSchema, shared: str | None, groups: dict[str, dict[str, Any]], group_id: str) -> dict[str, Any]:
    """The field type (and its options) for a resolved property schema."""
    if "enum" in node:
        return {"type": "choice", "choices": list(node["enum"])}
    if node.get("format") == "date":
        return {"type": "datetime", "dateFormat": DATE_FORMAT}
    if "anyOf" in node:  # one value or a list of them (ids, handles): a list holds either
        return {"type": "list"}
    kind = node.get("type")
    if kind == "array":
        items, _ = follow(node.get("items", {}))
        if isinstance(items.get("properties"), dict):
            groups[group_id] = {"id": group_id, "labelField": next(iter(items["properties"]), ""),
                                "fields": _fields(items, groups, group_id)}
            return {"type": "block", "fieldGroup": [group_id]}
        if "enum" in items:
            return {"type": "choice", "choices": list(items["enum"]), "multiple": True}
        return {"type": "list"}
    if kind == "object" and isinstance(node.get("properties"), dict):
        return {"type": "fields", "fields": _fields(node, groups, group_id)}
    if kind in ("integer", "number"):
        return {"type": "number", "numberOptions": {"isDecimal": kind == "number"}}
    if kind == "boolean":
        return {"type": "boolean"}
    return {"type": "string", "single": shared in _ONE_LINE}


def _fields(node: JsonSchema, groups: dict[str, dict[str, Any]], group_id: str) -> list[dict[str, Any]]:
    required = set(node.get("required", ()))
    made = (_field(name, prop, name in required, groups, f"{group_id}-{name}")
            for name, prop in node["properties"].items())
    return [field for field in made if field is not None]
