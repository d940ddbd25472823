"""The next free id of a document type, in the project's own id style.

Projects number their documents in their own way (``PAY-T07``, ``RISK-003``,
``G1``). The style is learned from the ids of that type already in the
project: the most common prefix before a trailing number, and its zero
padding. With nothing to learn from, the id is ``<charter id>-<initials>1``
(``PAY-T1`` for a task, ``PAY-CR1`` for a change request).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

from . import schema
from .graph import Project, ProjectGraph

_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_DATED = re.compile(r"^(.*?)(\d{4}-\d{2}-\d{2})$")


@functools.cache
def id_pattern() -> re.Pattern[str]:
    """The schema's id pattern (the one truth about what an id may be)."""
    return re.compile(schema.all_schemas()[schema.COMMON]["$defs"]["id"]["pattern"])


def is_valid_id(text: str) -> bool:
    return bool(id_pattern().match(text)) and len(text) <= 64


def type_initials(doc_type: str) -> str:
    """``task`` → ``T``, ``change-request`` → ``CR``: the fallback letter(s) of a type."""
    return "".join(word[0] for word in doc_type.split("-") if word).upper()


def learn_style(ids: list[str]) -> tuple[str, int, int] | None:
    """``(prefix, width, highest number)`` of the commonest numbered style among ``ids``.

    ``width`` is the zero-padded width (1 when the project does not pad).
    """
    numbered = [(m.group(1), m.group(2)) for m in map(_NUMBERED.match, ids) if m]
    if not numbered:
        return None
    counts = Counter(prefix for prefix, _ in numbered)
    prefix = max(counts, key=lambda p: (counts[p], max(int(n) for q, n in numbered if q == p)))
    digits = [n for p, n in numbered if p == prefix]
    padded = [len(n) for n in digits if len(n) > 1 and n.startswith("0")]
    width = max(padded) if padded else 1
    return prefix, width, max(int(n) for n in digits)


def next_id(graph: ProjectGraph, project: Project, doc_type: str, today: dt.date) -> str:
    """The first unused id (ignoring case, in the whole repository) after the project's highest.

    A project that names a type by date (``PAY-SR-2026-11-16``) gets today's date.
    """
    existing = [doc.id for doc in project.of_type(doc_type) if doc.id]
    dated = [m.group(1) for m in map(_DATED.match, existing) if m]
    if existing and len(dated) == len(existing):
        prefix = Counter(dated).most_common(1)[0][0]
        return _free(graph, f"{prefix}{today.isoformat()}")
    style = learn_style(existing)
    if style is None:
        prefix, width, number = f"{project.id}-{type_initials(doc_type)}", 1, 0
    else:
        prefix, width, number = style
    while True:
        number += 1
        candidate = f"{prefix}{number:0{width}d}"
        if graph.get(candidate) is None:
            return candidate


def _free(graph: ProjectGraph, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… when it is taken."""
    candidate, number = wanted, 1
    while graph.get(candidate) is not None:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate
