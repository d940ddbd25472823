"""``tpmdocs export``: every document with its resolved fields, as JSON, CSV or iCalendar.

A record holds the front matter as written plus what tpmdocs works out:
the project, the risk score, the rolled-up estimate of a task, the progress
of a summary task, the inverse links (who refers to this document, by
key), and the forecast: a leaf task's work left, forecast start and finish,
float and whether it drives a milestone; a milestone's forecast and slip. CSV flattens it to one
row per document for spreadsheets, with every
cell that a spreadsheet could take for a formula neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import Any

from .figures import Rollup, estimate_hours, risk_score, rollups
from .forecast import MilestoneForecast, ProjectForecast, TaskForecast
from .graph import ProjectGraph, key
from .model import Document

Record = dict[str, Any]  # one document as exported: its fields and what tpmdocs computes of it

BASE_COLUMNS = ("id", "type", "title", "project", "path")
FORECAST = ("work_left_days", "forecast_start", "forecast_finish", "float_days", "driving", "forecast",
            "slip_days")
COMPUTED = ("risk_score", "estimate_hours", "progress_percent", "referenced_by", *FORECAST)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def _inverse_links(graph: ProjectGraph, doc: Document) -> dict[str, list[str]]:
    found: defaultdict[str, list[str]] = defaultdict(list)
    for link in graph.referenced_by.get(key(doc.id), []) if doc.id else []:
        if link.source.id and link.source.id not in found[link.key]:
            found[link.key].append(link.source.id)
    return dict(found)


def _forecast_fields(expected: TaskForecast | MilestoneForecast | None) -> dict[str, Any]:
    fields: dict[str, Any] = dict.fromkeys(FORECAST)
    if isinstance(expected, TaskForecast):
        fields.update({k: v for k, v in expected.as_json().items() if k != "id"})
    elif isinstance(expected, MilestoneForecast):
        fields.update(forecast=expected.as_json()["forecast"], slip_days=expected.slip_days)
    return fields


def record(graph: ProjectGraph, doc: Document, sums: dict[int, Rollup],
           forecast: ProjectForecast | None = None) -> Record:
    """One document with its fields and what tpmdocs computes of it; ``sums`` are the task
    roll-ups, ``forecast`` the forecast of the document's project."""
    computed = {"risk_score": risk_score(doc) if doc.type == "risk" else None,
                "estimate_hours": None, "progress_percent": None,
                "referenced_by": _inverse_links(graph, doc),
                **_forecast_fields(forecast.of(doc) if forecast is not None else None)}
    if doc.type == "task" and graph.is_leaf_task(doc):
        computed["estimate_hours"] = estimate_hours(doc.get("estimate"))
    elif doc.type == "task":  # a summary task: its children's work, cancelled work left out
        rollup = sums[id(doc)]
        computed["estimate_hours"] = rollup.total * 8.0 if rollup.total else None
        if rollup.share_done is not None:
            computed["progress_percent"] = round(100 * rollup.share_done)
    return {"id": doc.id, "type": doc.type, "title": doc.title, "project": doc.project_id,
            "path": doc.display, "fields": doc.data, "computed": computed}


def records(graph: ProjectGraph, doc_type: str | None = None,
            forecasts: list[ProjectForecast] | None = None) -> list[Record]:
    """Every document (of ``doc_type``), with the forecast of its project among ``forecasts``."""
    sums = rollups(graph, [doc for doc in graph.documents if doc.type == "task"])
    by_project = {id(f.project): f for f in forecasts or ()}
    return [record(graph, doc, sums, by_project.get(id(graph.project_of(doc))))
            for doc in graph.documents if doc_type in (None, doc.type)]


def to_json(rows: list[Record]) -> str:
    return json.dumps({"version": 1, "documents": rows}, indent=2, ensure_ascii=False, default=str) + "\n"


def neutralise(text: str) -> str:
    """A cell a spreadsheet will show as text: formula-like starts get a leading ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            return LIST_SEPARATOR.join(_cell(item) for item in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _flat(prefix: str, value: object, into: dict[str, str]) -> None:
    """Mappings become ``key.sub`` columns (``approved.by``); lists and scalars stay one cell."""
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        for sub, inner in value.items():
            _flat(f"{prefix}.{sub}", inner, into)
    else:
        into[prefix] = _cell(value)


def flat_row(row: Record) -> dict[str, str]:
    flat = {name: _cell(row[name]) for name in BASE_COLUMNS}
    for name, value in row["fields"].items():
        if name not in BASE_COLUMNS:
            _flat(str(name), value, flat)
    for name in COMPUTED:
        value = row["computed"][name]
        flat[name] = (LIST_SEPARATOR.join(f"{k}: {', '.join(v)}" for k, v in value.items())
                      if isinstance(value, dict) else _cell(value))
    return flat


def to_csv(rows: list[Record]) -> str:
    flats = [flat_row(row) for row in rows]
    fields = sorted({name for flat in flats for name in flat} - set(BASE_COLUMNS) - set(COMPUTED))
    columns = [*BASE_COLUMNS, *fields, *COMPUTED]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for flat in flats:
        writer.writerow([neutralise(flat.get(column, "")) for column in columns])
    return out.getvalue()
