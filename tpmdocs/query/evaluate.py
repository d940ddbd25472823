"""Run a :class:`~tpmdocs.query.parse.Query` over the project graph: the documents it selects,
in its order.

Values are read as the documents write them, except computed keys. Equality: a list value
(``tags``) matches when one item does; references compare as ids do (ignoring case); ``null``
matches a missing value. Comparisons take numbers as numbers and ISO dates as dates; a value of
another kind never matches, except for ``!=``, which a missing value satisfies. Sorting puts
missing values last, in either direction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import ge as operator_ge
from operator import gt as operator_gt
from operator import le as operator_le
from operator import lt as operator_lt
from pathlib import Path
from typing import Any

from .. import schema
from ..graph import Project, ProjectGraph, key
from ..model import Document
from .computed import COMPUTED, Evaluation
from .parse import TODAY, Condition, Query, comparable


def run_query(query: Query, evaluation: Evaluation, page_project: Project | None) -> list[Document]:
    """The documents ``query`` selects; ``page_project`` is the project of the page it is on."""
    documents = _in_scope(query, evaluation.graph, page_project)
    read = _reader(query.type, evaluation)
    references = {ref.key for ref in schema.references(query.type)}
    selected = [doc for doc in documents
                if all(_holds(condition, read(doc, condition.key), condition.key in references, evaluation.today)
                       for condition in query.where)]
    for sort in reversed(query.sort):  # stable sorts, the last key first
        keyed = [(_sort_value(read(doc, sort.key)), doc) for doc in selected]
        present: list[tuple[tuple[int, Any], Document]] = [(value, doc) for value, doc in keyed if value is not None]
        present.sort(key=lambda pair: pair[0], reverse=sort.descending)
        selected = [doc for _, doc in present] + [doc for value, doc in keyed if value is None]
    return selected[:query.limit] if query.limit else selected


def _in_scope(query: Query, graph: ProjectGraph, page_project: Project | None) -> list[Document]:
    if query.projects is None:
        projects = [page_project] if page_project is not None else graph.projects
    elif not query.projects:
        projects = graph.projects
    else:
        wanted = {key(name) for name in query.projects}
        projects = [p for p in graph.projects if key(p.id) in wanted]
    return [doc for project in projects for doc in project.of_type(query.type)]


def _reader(doc_type: str, evaluation: Evaluation) -> Callable[[Document, str], Any]:
    """``read(document, key)``: the computed value for a computed key, else the document's."""
    def read(document: Document, name: str) -> Any:
        computed = COMPUTED.get(name)
        if computed is not None and computed.applies_to(doc_type):
            return computed.value(document, evaluation)
        return document.get(name)
    return read


def _holds(condition: Condition, value: Any, is_reference: bool, today: dt.date) -> bool:
    operator, operand = condition.operator, condition.operand
    if operator in ("=", "in"):
        wanted = operand if operator == "in" and isinstance(operand, tuple) else (operand,)
        values = value if isinstance(value, list) else [value]
        return any(_equal(each, want, is_reference) for each in values for want in wanted)
    if operand == TODAY:
        operand = today
    have = comparable(value)
    if operator == "!=":
        if have is None or isinstance(operand, str):
            return not _equal(value, operand, is_reference)
        return type(have) is not type(operand) or have != operand
    if have is None or type(have) is not type(operand):
        return False
    return bool(_COMPARE[operator](have, operand))


_COMPARE = {"<": operator_lt, "<=": operator_le, ">": operator_gt, ">=": operator_ge}


def _equal(value: Any, wanted: Any, is_reference: bool) -> bool:
    if wanted is None:
        return value in (None, "", [])
    if isinstance(value, bool) or isinstance(wanted, bool):
        return value is wanted
    if isinstance(value, (int, float)) and isinstance(wanted, (int, float)):
        return value == wanted
    if isinstance(value, str) and isinstance(wanted, str):
        return key(value) == key(wanted) if is_reference else value == wanted
    return False


def _sort_value(value: Any) -> tuple[int, Any] | None:
    """How a value sorts: numbers before text, each among its kind; None when missing."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return (1, str(value).lower())
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, list):
        value = ", ".join(str(each) for each in value)
    return (1, str(value).casefold())


def project_at(graph: ProjectGraph, folder: Path) -> Project | None:
    """The project of a page in ``folder``: the charter's of that folder or the nearest above."""
    by_folder = {project.charter.path.parent: project for project in reversed(graph.projects)}
    for candidate in (folder, *folder.parents):
        if candidate in by_folder:
            return by_folder[candidate]
    return None
