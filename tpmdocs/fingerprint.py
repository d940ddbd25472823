"""The fingerprint of a document: what it says, not how it is written.

An approval records ``approved: {by, on, fingerprint}``; the fingerprint is
computed again at every lint and a mismatch means the document changed since
it was approved. It covers the front-matter values except :data:`STATE_KEYS`
(state that moves on without changing what was approved) and the body text,
each in a *normal form* that formatting cannot change. ``docs/approvals.md``
is the user's definition of that form; this module is its implementation:

* the front matter is the value YAML 1.2 reads (key order, quoting, comments,
  flow or block style are gone already), written as canonical JSON: keys in
  code-point order, entries whose value is null left out, strings with the
  spaces and tabs at the end of each line and line breaks at their end
  dropped, numbers by value in exact decimal (``3``, ``3.0`` and ``0x3`` are
  one number; a number is never the string ``"3"``), ASCII only;
* the body (:func:`body_digest`) has its line breaks made ``\\n``, the
  spaces and tabs at the end of each line dropped, its leading and trailing
  blank lines dropped and every run of blank lines made one;
* the fingerprint is ``sha256:`` and the first 16 hex digits of the SHA-256
  of ``["tpmdocs/fingerprint/1",FRONT_MATTER,"BODY_SHA256"]``.

Nothing here depends on ``repr``, ``hash()`` or the platform, so a
fingerprint made on one machine or Python version matches on every other.
It is an integrity check, not a signature: anyone can compute one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from json.encoder import encode_basestring_ascii as _json_string  # what json.dumps uses, in C

from .model import Document

#: Front-matter keys left out of the fingerprint: state that moves on after an approval.
STATE_KEYS = frozenset({"approved", "status", "phase", "current"})
PREFIX = "sha256:"
HEX_DIGITS = 16
#: A fingerprint as ``approve`` writes it (the schema holds the same pattern).
PATTERN = re.compile(r"sha256:[0-9a-f]{16}")
VERSION = "tpmdocs/fingerprint/1"

_LINE_END_SPACE = re.compile(r"[ \t]+(?=\n|\Z)")
_TRAILING_BREAKS = re.compile(r"\n+\Z")


class _Token(str):
    """Literal JSON punctuation on the encoder's stack (never a user's string)."""


def normal_string(text: str) -> str:
    """A string value without spaces and tabs at the end of its lines or line breaks at its end."""
    if "\n" not in text and text[-1:] not in (" ", "\t"):
        return text  # one line with nothing to drop: most values
    return _TRAILING_BREAKS.sub("", _LINE_END_SPACE.sub("", text))


def normal_number(value: int | float) -> str:
    """A number by value, in exact decimal: ``3``, ``3.0`` and ``0x3`` give ``3``; ``0.1`` gives
    the exact value of the binary float (no shortest-repr algorithm, which may differ by platform)."""
    if isinstance(value, int):
        return str(value)
    if value == int(value):
        return str(int(value))  # also turns -0.0 into 0
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return normal_number(value)
    if isinstance(value, str):
        return _json_string(normal_string(value))
    raise TypeError(f"not a front-matter value: {type(value).__name__}")


def canonical_json(value: object) -> str:
    """``value`` as canonical JSON text (see the module's docstring); iterative, so a value of
    any depth (a forged cache entry) is encoded without recursion."""
    out: list[str] = []
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if type(item) is _Token:
            out.append(item)
        elif isinstance(item, dict):
            keys = sorted(str(k) for k, v in item.items() if v is not None)
            stack.append(_Token("}"))
            for index in range(len(keys) - 1, -1, -1):
                stack.append(item[keys[index]])
                stack.append(_Token(_json_string(keys[index]) + ":"))
                if index:
                    stack.append(_Token(","))
            out.append("{")
        elif isinstance(item, list):
            stack.append(_Token("]"))
            for index in range(len(item) - 1, -1, -1):
                stack.append(item[index])
                if index:
                    stack.append(_Token(","))
            out.append("[")
        else:
            out.append(_scalar(item))
    return "".join(out)


def normal_body(body: str) -> str:
    """The body in normal form (its line breaks already ``\\n``, as the loader decodes it)."""
    lines: list[str] = []
    blank = False
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.rstrip(" \t")
        if not line:
            blank = bool(lines)  # a blank line counts once, and only after text
            continue
        if blank:
            lines.append("")
            blank = False
        lines.append(line)
    return "\n".join(lines)


def body_digest(body: str) -> str:
    """The SHA-256 (hex) of the body's normal form: what the fingerprint takes of the body, so
    that a document need not keep its body to be fingerprinted."""
    return hashlib.sha256(normal_body(body).encode("utf-8")).hexdigest()


def fingerprint(data: Mapping[str, object], digest_of_body: str) -> str:
    """The fingerprint of a front matter (``data``, as YAML 1.2 reads it) and a body digest."""
    covered = {name: value for name, value in data.items() if name not in STATE_KEYS}
    text = "[" + ",".join((json.dumps(VERSION), canonical_json(covered),
                           json.dumps(digest_of_body))) + "]"
    return PREFIX + hashlib.sha256(text.encode("ascii")).hexdigest()[:HEX_DIGITS]


def document_fingerprint(document: Document) -> str | None:
    """The fingerprint of a document as read now, made by the loader (which has the body) for
    every document with an ``approved`` key (or read with ``with_fingerprint``); else None."""
    return document.fingerprint


def is_well_formed(value: object) -> bool:
    """Whether ``value`` is a fingerprint in the form ``approve`` writes."""
    return isinstance(value, str) and PATTERN.fullmatch(value) is not None
