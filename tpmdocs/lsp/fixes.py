"""Code actions: the fixes with one obvious meaning.

Two findings have them. A value outside its key's vocabulary (TPM010: ``status:
in-progres``) is replaced by a close value of that vocabulary; a reference to an id no
document has (TPM021) by a close id of the type the key takes. "Close" is difflib's
(a value differing only in case first); where nothing is close there is no fix, and a
value the line does not hold as written (an escape, a folded string) is left alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from .. import schema
from ..graph import ProjectGraph
from ..model import Document, KeyPath
from ..rules.always import SCHEMA_VIOLATION, UNRESOLVED_REFERENCE
from .frontmatter import top_level_key
from .positions import text_column

#: At most this many choices are offered for one value.
CHOICES = 3


@dataclass(frozen=True)
class Fix:
    """Replace columns ``start``..``end`` of ``line`` (0-based, characters) by ``new_text``;
    it answers a finding of ``code`` on that line."""

    title: str
    code: str
    line: int
    start: int
    end: int
    new_text: str
    preferred: bool


def fixes(graph: ProjectGraph, document: Document, lines: list[str],
          first: int, last: int) -> list[Fix]:
    """The fixes for findings on lines ``first``..``last`` (0-based) of ``document``."""
    found = []
    for key, value in document.data.items():
        if isinstance(key, str) and isinstance(value, str):
            vocabulary = schema.vocabulary(document.type, key) if document.type in schema.document_types() else ()
            if vocabulary and value not in vocabulary:
                found.extend(_replacements(document, (key,), value, _close(value, vocabulary),
                                           SCHEMA_VIOLATION.code, lines, first, last))
    for link in graph.links_of(document):
        if link.target is None:
            ids = _ids_of_type(graph, link.expected)
            found.extend(_replacements(document, link.keypath, link.target_id,
                                       _close(link.target_id, ids), UNRESOLVED_REFERENCE.code,
                                       lines, first, last))
    return found


def _replacements(document: Document, keypath: KeyPath, value: str, choices: list[str], code: str,
                  lines: list[str], first: int, last: int) -> list[Fix]:
    line = document.where(*keypath)[0] - 1
    if not choices or not first <= line <= last or line >= len(lines):
        return []
    span = _value_span(lines, line, document.where(*keypath)[1] - 1, keypath, value)
    if span is None:
        return []
    return [Fix(f"Change {value!r} to {choice!r}", code, line, span[0], span[1], choice,
                len(choices) == 1) for choice in choices]


def _value_span(lines: list[str], line: int, column: int, keypath: KeyPath,
                value: str) -> tuple[int, int] | None:
    """Where ``value`` is written on the line of its key (after ``key:``) or list item (at
    ``column``), when it is written there as it reads, quoted or not."""
    text = lines[line]
    start = text_column(lines, line, column)
    if len(keypath) == 1:
        if top_level_key(text) != keypath[0]:
            return None
        start = text.index(":", start) + 1
    rest = text[start:]
    skipped = len(rest) - len(rest.lstrip(" \t-[,"))
    at = start + skipped
    if text[at:at + 1] in ("'", '"'):
        at += 1
    if text[at:at + len(value)] != value:
        return None
    return at, at + len(value)


def _close(value: str, choices: Sequence[str]) -> list[str]:
    """The choices closest to ``value``: those equal but for case, else the closest by
    difflib's ratio (at least 0.6), ties in the choices' order (difflib's own order breaks
    them backwards: ``PAY-T19`` before ``PAY-T10``)."""
    same = [choice for choice in choices if choice.casefold() == value.casefold()]
    if same:
        return same
    matcher = difflib.SequenceMatcher(b=value)
    scored = []
    for order, choice in enumerate(choices):
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6 and matcher.ratio() >= 0.6:
            scored.append((-matcher.ratio(), order, choice))
    return [choice for _, _, choice in sorted(scored)[:CHOICES]]


def _ids_of_type(graph: ProjectGraph, target: str) -> list[str]:
    return [doc.id for doc in graph.documents
            if doc.id and (target == "any" or doc.type == target)]
