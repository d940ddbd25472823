"""A query block's YAML into a :class:`Query`, or a :class:`QueryError` at the line at fault.

The YAML is read by the project's own loader (``yaml12``: YAML 1.2, bounded, every key
located). A query has ``type`` (required), ``where``, ``columns``, ``sort`` and ``limit``;
the keys it names are the front-matter keys of its type (from the schema) and the computed
keys (:mod:`tpmdocs.query.computed`). Everything is checked here, before any document is
read, so a bad query is found by ``tpmdocs lint`` as well as by the site.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import schema
from ..model import echo
from ..yaml12 import YamlError, compose
from .computed import computed_for

QUERY_KEYS = ("type", "where", "columns", "sort", "limit")
OPERATORS = ("<=", ">=", "!=", "<", ">")
ALL_PROJECTS = "*"
MAX_LIMIT = 10_000
_OPERATOR = re.compile(r"^\s*(<=|>=|!=|<|>)\s*(.*?)\s*$", re.DOTALL)
_LOOKS_LIKE_OPERATOR = re.compile(r"^\s*[<>=!~]")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
TODAY = "today"

#: Columns shown when a query names none, by type.
DEFAULT_COLUMNS = {
    "charter": ("id", "title", "phase", "manager", "start", "end"),
    "goal": ("id", "title", "status", "owner", "current", "target", "deadline"),
    "task": ("id", "title", "status", "owner", "estimate", "due"),
    "milestone": ("id", "title", "due", "status"),
    "risk": ("id", "title", "score", "status", "owner", "review_by"),
    "decision": ("id", "title", "status", "date", "deciders"),
    "status-report": ("id", "title", "date", "health"),
    "change-request": ("id", "title", "status", "requested_by", "date"),
    "closure": ("id", "title", "date", "outcome"),
}
#: The order when a query names none, by type (else by id).
DEFAULT_SORT = {"risk": ("-score", "id"), "milestone": ("due", "id"), "status-report": ("-date", "id")}


class QueryError(Exception):
    """A query that cannot be run, at a 0-based line and column of its YAML (``line`` None:
    the block as a whole)."""

    def __init__(self, message: str, line: int | None = None, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass(frozen=True)
class Condition:
    """``key`` compared with ``operand`` by ``operator``: ``=`` (one value), ``in`` (any of a
    tuple), or one of :data:`OPERATORS` (a number, an ISO date, :data:`TODAY`; ``!=`` also text)."""

    key: str
    operator: str
    operand: Any


@dataclass(frozen=True)
class SortKey:
    key: str
    descending: bool


@dataclass(frozen=True)
class Query:
    type: str
    where: tuple[Condition, ...]  # the project's excepted
    columns: tuple[str, ...]  # keys
    sort: tuple[SortKey, ...]
    limit: int | None
    projects: tuple[str, ...] | None  # project ids asked for; None: the page's project; (): every project


def parse_query(text: str) -> Query:
    """The query a block's YAML ``text`` asks; :class:`QueryError` says what is wrong and where."""
    try:
        data, locations = compose(text)
    except YamlError as exc:
        raise QueryError(f"the query is not valid YAML: {exc.message}", exc.line, exc.column) from None
    if data is None:
        raise QueryError("the query is empty: it needs at least `type`, e.g. `type: risk`")
    if not isinstance(data, dict):
        raise QueryError("a query is a mapping of keys (type, where, columns, sort, limit), not "
                         + ("a list" if isinstance(data, list) else "a single value"))
    at = _locator(locations)
    for name in data:
        if name not in QUERY_KEYS:
            raise QueryError(f"unknown query key {echo(name)} (a query has {', '.join(QUERY_KEYS)})", *at(name))
    doc_type = _type(data.get("type"), at)
    keys = _keys_of(doc_type)
    where, projects = _where(data.get("where"), doc_type, keys, at)
    columns = _names(data.get("columns", DEFAULT_COLUMNS[doc_type]), "columns", keys, doc_type, at)
    sort = tuple(SortKey(name.lstrip("-"), name.startswith("-")) for name in _names(
        data.get("sort", DEFAULT_SORT.get(doc_type, ("id",))), "sort", keys, doc_type, at, signed=True))
    return Query(doc_type, where, columns, sort, _limit(data.get("limit"), at), projects)


Locate = Callable[..., tuple[int, int]]


def _locator(locations: dict[tuple[Any, ...], tuple[int, int]]) -> Locate:
    def at(*keypath: Any) -> tuple[int, int]:
        path = tuple(keypath)
        while path and path not in locations:
            path = path[:-1]
        return locations.get(path, (0, 0))
    return at


def _type(value: Any, at: Locate) -> str:
    if value is None:
        raise QueryError("the query has no `type`: say which documents it lists, e.g. `type: risk`")
    if value not in schema.document_types():
        raise QueryError(f"unknown document type {echo(value)} (one of {', '.join(schema.document_types())})",
                         *at("type"))
    return value


def _keys_of(doc_type: str) -> set[str]:
    """The keys a query on ``doc_type`` may name: its front-matter keys and computed keys."""
    return set(schema.properties(doc_type)) | set(computed_for(doc_type))


def _unknown(name: Any, doc_type: str, where: str) -> str:
    return f"unknown key {echo(name)} in `{where}` for a {doc_type} (see `tpmdocs schema {doc_type}`)"


def _where(value: Any, doc_type: str, keys: set[str],
           at: Locate) -> tuple[tuple[Condition, ...], tuple[str, ...] | None]:
    if value is None:
        return (), None
    if not isinstance(value, dict):
        raise QueryError("`where` maps keys to the values they must have, e.g. `{status: open}`", *at("where"))
    conditions, projects = [], None
    for name, wanted in value.items():
        if name not in keys:
            raise QueryError(_unknown(name, doc_type, "where"), *at("where", name))
        if name == "project" and (wanted == ALL_PROJECTS or isinstance(wanted, (str, list))):
            projects = _projects(wanted, at)
            continue
        conditions.append(_condition(name, wanted, at))
    return tuple(conditions), projects


def _projects(wanted: Any, at: Locate) -> tuple[str, ...]:
    if wanted == ALL_PROJECTS:
        return ()
    ids = wanted if isinstance(wanted, list) else [wanted]
    if not ids or not all(isinstance(each, str) and each and each != ALL_PROJECTS for each in ids):
        raise QueryError("`project` names a project's id, a list of them, or \"*\" for every project",
                         *at("where", "project"))
    return tuple(ids)


def _condition(name: str, wanted: Any, at: Locate) -> Condition:
    where = at("where", name)
    if isinstance(wanted, dict):
        raise QueryError(f"`{name}` must be a value, a list of values or a comparison such as \">= 12\"", *where)
    if isinstance(wanted, list):
        for index, item in enumerate(wanted):
            if isinstance(item, (dict, list)) or (isinstance(item, str) and _LOOKS_LIKE_OPERATOR.match(item)):
                raise QueryError(f"a list in `where` holds values to match, not {echo(item)}",
                                 *at("where", name, index))
        return Condition(name, "in", tuple(wanted))
    if isinstance(wanted, str) and _LOOKS_LIKE_OPERATOR.match(wanted):
        return _comparison(name, wanted, where)
    return Condition(name, "=", wanted)


def _comparison(name: str, text: str, where: tuple[int, int]) -> Condition:
    match = _OPERATOR.match(text)
    if match is None or _LOOKS_LIKE_OPERATOR.match(match.group(2)):
        raise QueryError(f"bad operator in {echo(text)} for `{name}`: use <, <=, >, >= or != "
                         "(equality needs none: `status: open`)", *where)
    operator, operand = match.group(1), match.group(2)
    value = comparable(operand)
    if value is None and operator != "!=":
        raise QueryError(f"{echo(text)}: `{operator}` compares numbers or ISO dates (YYYY-MM-DD, or today), "
                         f"not {echo(operand)}", *where)
    return Condition(name, operator, value if value is not None else operand)


def comparable(value: Any) -> float | dt.date | str | None:
    """A value as :class:`Condition` compares it: a number, a date, :data:`TODAY`, else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    if value == TODAY:
        return TODAY
    if _NUMBER.match(value):
        return float(value)
    if len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _names(value: Any, what: str, keys: set[str], doc_type: str, at: Locate,
           signed: bool = False) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) and signed else value
    if not isinstance(items, (list, tuple)) or not items or not all(isinstance(i, str) for i in items):
        raise QueryError(f"`{what}` is a list of keys, e.g. [id, title]", *at(what))
    for index, name in enumerate(items):
        bare = name[1:] if signed and name.startswith("-") else name
        if bare not in keys:
            raise QueryError(_unknown(name, doc_type, what), *at(what, index))
    return tuple(items)


def _limit(value: Any, at: Locate) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise QueryError(f"`limit` is a number of rows from 1 to {MAX_LIMIT}", *at("limit"))
    return value
