"""What hovering over an id shows: the document's id, type, status, title, owner and dates,
and for a task or a milestone its forecast.

The lines are plain text as the document has them; the protocol layer escapes them for
the client's format (:func:`tpmdocs.escape.code_block` for Markdown). Which keys are dates
is read from the schemas, not listed here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .. import schema
from ..figures import risk_score
from ..forecast.report import forecast_text
from ..graph import ProjectGraph
from ..model import Document

if TYPE_CHECKING:
    from ..forecast import ProjectForecast

_SEPARATOR = " · "


def describe(graph: ProjectGraph, document: Document,
             forecast: ProjectForecast | None = None) -> list[str]:
    """The hover text of a document, one line each: head, title, owner, dates, the forecast
    (from ``forecast``, its project's), where."""
    status = document.get("status")
    head = f"{document.id} ({document.type}" + (f", {_shown(status)})" if status else ")")
    lines = [head, _shown(document.title)]
    owner = document.get("owner")
    if owner:
        lines.append(f"owner: {_shown(owner)}")
    if document.type == "risk" and risk_score(document) is not None:
        lines.append(f"score: {risk_score(document)}")
    dates = [f"{name}: {_shown(document.get(name))}" for name in date_keys(document.type)
             if document.get(name)]
    if dates:
        lines.append(_SEPARATOR.join(dates))
    expected = forecast_text(forecast.of(document)) if forecast is not None else ""
    if expected:
        lines.append(f"forecast: {expected}")
    project = graph.project_of(document)
    lines.append(_SEPARATOR.join(
        ([f"project: {project.id}"] if project is not None else []) + [document.display]))
    return lines


@functools.cache
def date_keys(doc_type: str) -> tuple[str, ...]:
    """The type's keys whose values are dates, in the schema's order."""
    if doc_type not in schema.document_types():
        return ()
    return tuple(name for name, prop in schema.properties(doc_type).items()
                 if isinstance(prop, dict) and schema.resolved(prop).get("format") == "date")


def _shown(value: object) -> str:
    """A front-matter value as text: a list joined by commas; mappings are not shown."""
    if isinstance(value, list):
        return ", ".join(_shown(item) for item in value if not isinstance(item, (list, dict)))
    if isinstance(value, dict) or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
