"""New documents from their type's JSON Schema: the keys set, the rest as commented hints.

Every key a type may have is in the template, in the schema's order: those
given a value are written, the others as ``# key:  # description`` lines that
keep the document valid while showing what may be filled in (nested keys and
list items as a commented skeleton). Values are written so that YAML 1.2
reads back exactly what was given; the result is checked by reading it back
with the same loader the linter uses.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from . import schema
from .loader import parse_text
from .schema import JsonSchema

#: Keys written by hand, never as hints.
_ALWAYS_WRITTEN = ("type", "id", "title")
#: Keys that usually stay at their default and would only be noise as hints.
_QUIET = ("project",)
#: Keys whose hint is a sentence, not a skeleton: an approval is written by ``tpmdocs approve``
#: (its fingerprint cannot be typed by hand).
_HINT_TEXT = {"approved": "# approved:  # run `tpmdocs approve {id} --by HANDLE` when it is approved: it writes "
                          "{{by, on, fingerprint}}"}
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&!{}|#])")
HINT_WIDTH = 100


class TemplateError(ValueError):
    """A value that cannot be written into front matter (the message says why)."""


def yaml_value(value: object) -> str:
    """A flow YAML 1.2 rendering of a string, date, number or list of those."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    text = str(value)
    if not text.isprintable():
        raise TemplateError(f"{text!r} holds a line break or control character")
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def markdown_text(text: str) -> str:
    """``text`` with Markdown and HTML punctuation escaped, for a heading."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _describe(prop: JsonSchema) -> str:
    words = " ".join(str(prop.get("description", "")).split())
    return words if len(words) <= HINT_WIDTH else words[: HINT_WIDTH - 1] + "…"


def _hint(name: str, prop: JsonSchema, indent: str) -> list[str]:
    """Commented skeleton lines of one key, recursing into mappings and lists of mappings."""
    prop = schema.resolved(prop)
    note = _describe(prop)
    lines = [f"# {indent}{name}:" + (f"  # {note}" if note else "")]
    if prop.get("type") == "object" and prop.get("properties"):
        for sub, sub_prop in prop["properties"].items():
            lines.extend(_hint(sub, sub_prop, indent + "  "))
    elif prop.get("type") == "array":
        items = schema.resolved(prop.get("items", {}))
        if items.get("type") == "object" and items.get("properties"):
            first, *rest = list(items["properties"])
            lines.append(f"# {indent}  - {first}:")
            lines.extend(f"# {indent}    {sub}:" for sub in rest)
        else:
            lines.append(f"# {indent}  -")
    return lines


def front_matter(doc_type: str, values: dict[str, Any]) -> list[str]:
    """The YAML lines: ``values`` in schema order, every other key as a hint."""
    properties = schema.properties(doc_type)
    unknown = sorted(set(values) - set(properties))
    if unknown:
        raise TemplateError(f"a {doc_type} has no key(s) {', '.join(unknown)}")
    lines = []
    for name, prop in properties.items():
        if name in values:
            lines.append(f"{name}: {yaml_value(values[name])}")
        elif name in _HINT_TEXT:
            lines.append(_HINT_TEXT[name].format(id=values.get("id", "ID")))
        elif name not in _ALWAYS_WRITTEN and name not in _QUIET:
            lines.extend(_hint(name, prop, ""))
    return lines


def render(doc_type: str, values: dict[str, Any]) -> str:
    """The whole Markdown text of a new document; ``values`` must hold ``id`` and ``title``."""
    title = values["title"]
    if not isinstance(title, str) or not title.strip():
        raise TemplateError("the title is empty")
    values = {"type": doc_type, **values}
    described = " ".join(str(schema.type_schema(doc_type).get("description", "")).split())
    text = "\n".join(["---", *front_matter(doc_type, values), "---", "",
                      f"# {markdown_text(title)}", "",
                      f"<!-- {described.replace('--', '-')} -->", ""])
    _check_round_trip(text, values)
    return text


def _check_round_trip(text: str, values: dict[str, Any]) -> None:
    """Read the text back with the linter's loader: what was given is what is read."""
    loaded = parse_text(text, Path("new.md"), "new.md")
    data = loaded.document.data if loaded.document is not None else {}
    for name, value in values.items():
        expected = value.isoformat() if isinstance(value, dt.date) else value
        expected = list(expected) if isinstance(expected, tuple) else expected
        if data.get(name) != expected:
            raise TemplateError(f"`{name}` would not read back as {value!r}")
