"""Completion in front matter: ids in reference keys, keys, and enumerated values.

Everything offered comes from the schemas (:mod:`tpmdocs.schema`) and the project graph:
a reference key offers only ids of documents of the type it takes (``depends_on`` tasks,
``goals`` goals, ``affects`` anything, as the ``x-ref`` annotations say), each with its
title; a key being typed offers the type's keys not yet written; an enumerated key
(``status``, ``phase``, ``health`` ...) offers its vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from .. import escape, schema
from ..graph import ProjectGraph
from ..model import Document
from .frontmatter import Spot, keys_present, spot, value_of

#: At most this many ids in one answer; the client asks again as more is typed.
MAX_IDS = 200


@dataclass(frozen=True)
class Completion:
    """One item: ``new_text`` replaces columns ``start``..``end`` of the request's line."""

    label: str
    detail: str  # one line of plain text (a title, a key's description)
    kind: str  # "reference", "key" or "value"
    new_text: str
    start: int
    end: int


def complete(graph: ProjectGraph, lines: list[str], line: int, character: int,
             own: Document | None) -> tuple[list[Completion], bool]:
    """The items for a position, and whether the list was cut short (more ids match)."""
    where = spot(lines, line, character)
    if where is None:
        return [], False
    doc_type = value_of(lines, "type")
    if where.key is None:
        return _keys(doc_type, keys_present(lines), where, character), False
    if where.key == "type":
        return _values(schema.document_types(), where, character), False
    if doc_type is None or doc_type not in schema.document_types():
        return [], False
    targets = {ref.key: ref.target for ref in schema.references(doc_type)}
    if where.key in targets:
        return _ids(graph, targets[where.key], where, character, own)
    return _values(schema.vocabulary(doc_type, where.key), where, character), False


def _keys(doc_type: str | None, present: set[str], where: Spot, end: int) -> list[Completion]:
    if doc_type is None or doc_type not in schema.document_types():
        names = {"type": "The document type; it decides which other keys apply."}
    else:
        names = {name: schema.resolved(prop).get("description", "")
                 for name, prop in schema.properties(doc_type).items() if _writable(prop)}
    return [Completion(name, escape.plain(description), "key", f"{name}: ", where.start, end)
            for name, description in names.items()
            if name not in present and name.startswith(where.typed)]


def _writable(prop: Literal[False] | dict[str, Any]) -> bool:
    """A key a user may write (not one the schema forbids, such as a risk's computed score)."""
    return prop is not False and False not in (prop.get("allOf") or [])


def _values(vocabulary: tuple[str, ...], where: Spot, end: int) -> list[Completion]:
    return [Completion(value, "", "value", value, where.start, end)
            for value in vocabulary if isinstance(value, str)]


def _id_pattern() -> re.Pattern[str]:
    return re.compile(schema.all_schemas()[schema.COMMON]["$defs"]["id"]["pattern"])


def _ids(graph: ProjectGraph, target: str, where: Spot, end: int,
         own: Document | None) -> tuple[list[Completion], bool]:
    """Documents of type ``target`` ("any": all) whose id holds what was typed (ignoring
    case), in path order; only ids that are valid ids, never the document itself."""
    typed = where.typed.casefold()
    valid = _id_pattern()
    found: list[Completion] = []
    documents: list[Document] = graph.documents
    for candidate in documents:
        doc_id = candidate.id
        if (doc_id is None or candidate is own or (target != "any" and candidate.type != target)
                or typed not in doc_id.casefold() or not valid.match(doc_id)):
            continue
        if graph.get(doc_id) is not candidate:
            continue  # a duplicate id: the reference would name the first document
        if len(found) == MAX_IDS:
            return found, True
        found.append(Completion(doc_id, escape.plain(candidate.title), "reference", doc_id,
                                where.start, end))
    return found, False
