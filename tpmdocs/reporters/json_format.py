"""A stable JSON document: ``{"version": 1, "summary": {...}, "findings": [...]}``.

Keys are only ever added, never renamed or removed, within version 1.
"""

from __future__ import annotations

import json


def finding_dict(f) -> dict:
    return {"path": f.path, "line": f.line, "column": f.column, "code": f.code, "rule": f.rule,
            "severity": f.severity.label, "message": f.message}


def render(findings: list, summary: dict, colour: bool = False) -> str:
    body = {"version": 1, "summary": summary, "findings": [finding_dict(f) for f in findings]}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
