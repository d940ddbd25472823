"""Check a document's front matter against its type's JSON Schema.

Errors become messages a project manager can act on, located at the offending
key (a missing key at its parent, or at ``type`` for a top-level key), with
user values echoed short.

Two validators, one verdict. ``jsonschema`` (pure Python, ~240 µs a
document) is the reference: it gives the errors the messages are built from.
``jsonschema-rs`` (Rust, ~3 µs), when importable, answers first whether a
document is valid at all; only a document it calls invalid is run through
``jsonschema`` for the messages. Where the two could disagree — Python's
whitespace class counts the separators U+001C..U+001F as space and Rust's does not —
the document goes straight to the reference validator, and a differential
test keeps the two in step.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import schema
from .model import Document, KeyPath, echo, reveal

if TYPE_CHECKING:  # imported when first needed: a warm run that validates nothing skips them
    from jsonschema import Draft202012Validator, ValidationError
    from referencing import Registry

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number",
               "array": "a list", "object": "a mapping", "boolean": "true or false",
               "null": "empty"}


#: Characters on which Python's and Rust's regular expressions disagree (whitespace).
_DIVERGENT = re.compile("[\x1c-\x1f]")
#: What a YAML text needs to hold for its values to hold one of them: the character, or an escape.
#: Looked for one by one with ``in`` (a scan of the bytes, some twenty times faster than a
#: character class of ``re`` over a whole file: 5 ms against 90 ms for 10,000 files).
_DIVERGENT_SOURCE = ("\\", "\x1c", "\x1d", "\x1e", "\x1f")


@functools.cache
def _registry() -> Registry[Any]:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
    pairs = [(schema.URN + name, Resource.from_contents(body, default_specification=DRAFT202012))
             for name, body in schema.all_schemas().items()]
    return Registry().with_resources(pairs)


@functools.cache
def validator(doc_type: str) -> Draft202012Validator:
    """The reference validator (``jsonschema``) of a type; imported only when needed."""
    from jsonschema import Draft202012Validator
    return Draft202012Validator(schema.type_schema(doc_type), registry=_registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


@functools.cache
def fast_validator(doc_type: str) -> Any:
    """The ``jsonschema-rs`` validator of a type, or None when it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    registry = _fast_registry()
    return jsonschema_rs.Draft202012Validator(schema.type_schema(doc_type), registry=registry,
                                              validate_formats=True)


@functools.cache
def _fast_registry() -> Any:
    import jsonschema_rs
    return jsonschema_rs.Registry([(schema.URN + name, body) for name, body in schema.all_schemas().items()])


def check_schema_files() -> None:
    """Raise if any shipped schema is not a valid draft 2020-12 schema."""
    from jsonschema import Draft202012Validator
    for body in schema.all_schemas().values():
        Draft202012Validator.check_schema(body)


def surely_valid(doc_type: str, data: dict[str, Any], source: str | None = None) -> bool:
    """True only when the fast validator says valid and is known to agree with the reference.

    ``source``, the text the values were read from, when given, spares walking them: without
    the divergent characters or a backslash (an escape) in it, no value can hold one.
    """
    fast = fast_validator(doc_type)
    if fast is None:
        return False
    if (source is None or any(ch in source for ch in _DIVERGENT_SOURCE)) and _has_divergent_text(data):
        return False
    try:
        return fast.is_valid(data)
    except Exception:  # noqa: BLE001 - any doubt goes to the reference validator
        return False


def _has_divergent_text(data: object) -> bool:
    """Whether any key or text in the (bounded, alias-free) value holds U+001C..U+001F."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if _DIVERGENT.search(value):
                return True
        elif isinstance(value, dict):
            pending.extend(value)
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def problems(document: Document, source: str | None = None) -> Iterator[tuple[KeyPath, str]]:
    """Yield ``(keypath, message)`` for each way the front matter breaks its schema.

    ``source`` is the text the document was read from, when the caller still has it."""
    doc_type = document.data.get("type")
    if not isinstance(doc_type, str) or doc_type not in schema.document_types():
        yield ("type",), (f"`type` is {echo(doc_type)}, which is not a document type; expected one of: "
                          + ", ".join(schema.document_types()))
        return
    if document.schema_problems is not None:  # known already (from the cache of parsed documents)
        yield from document.schema_problems
        return
    if surely_valid(doc_type, document.data, source):
        return
    seen = set()
    for error in validator(doc_type).iter_errors(document.data):
        if error.validator in ("anyOf", "oneOf") and error.context:
            deeper = max(error.context, key=lambda e: len(e.absolute_path))
            if len(deeper.absolute_path) > len(error.absolute_path):
                error = deeper  # e.g. the one bad id inside a list of ids
        path = tuple(error.absolute_path)
        message = _message(error, path, doc_type)
        if (path, message) not in seen:
            seen.add((path, message))
            yield path, message


def _name(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text[:80]}`" if text else "the front matter"


def _type_words(expected: str | list[str]) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    return " or ".join(_TYPE_NAMES.get(k, k) for k in kinds)


def _actual_type(value: object) -> str:
    for kind, test in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                       ("array", list), ("object", dict)):
        if isinstance(value, test):
            return _TYPE_NAMES[kind]
    return _TYPE_NAMES["null"]


def _description(error: ValidationError, path: KeyPath, doc_type: str) -> str | None:
    """What the schema says the value should be: the failing subschema's or the key's description."""
    if isinstance(error.schema, dict) and error.schema.get("description"):
        return error.schema["description"]
    if len(path) == 1 and isinstance(path[0], str):
        return schema.properties(doc_type).get(path[0], {}).get("description")
    return None


def _message(error: Any, path: KeyPath, doc_type: str) -> str:
    # error: a jsonschema ValidationError, whose fields the stubs type as maybe unset; which
    # of them are set follows from the keyword.
    keyword = error.validator
    value = error.instance
    name = _name(path)
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return f"missing required key `{missing}`" + (f" in {name}" if path else "")
    if keyword == "type":
        return f"{name} must be {_type_words(error.validator_value)}, not {_actual_type(value)}"
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        return f"{name} is {echo(value)}; expected one of: {', '.join(map(str, allowed))}"
    if keyword == "format":
        return f"{name} is {echo(value)}, not a real date in the form YYYY-MM-DD"
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = "at least" if "inimum" in keyword else "at most"
        return f"{name} is {echo(value)}; it must be {bound} {error.validator_value}"
    if keyword == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        return f"{name} has unknown key(s): {', '.join(echo(k) for k in extra[:5])}"
    if keyword in ("minLength", "minItems") and error.validator_value == 1:
        return f"{name} is empty"
    if keyword == "uniqueItems":
        return f"{name} lists the same item twice"
    hint = _description(error, path, doc_type)
    if keyword is None or keyword == "false" or error.schema is False:
        return f"{name} must not be set" + (f". {hint}" if hint else "")
    shown = reveal(value) if keyword == "pattern" else echo(value)
    return f"{name} is {shown}, which is not valid" + (f". {hint}" if hint else f" ({keyword})")
