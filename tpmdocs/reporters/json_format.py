"""A stable JSON document: ``{"version": 1, "summary": {...}, "findings": [...]}``.

Keys are only ever added, never renamed or removed, within version 1.
"""

from __future__ import annotations

import json

from ..model import Finding


def finding_dict(f: Finding) -> dict[str, object]:
    return {"path": f.path, "line": f.line, "column": f.column, "code": f.code, "rule": f.rule,
            "severity": f.severity.label, "message": f.message}


def render(findings: list[Finding], summary: dict[str, int], colour: bool = False) -> str:
    body = {"version": 1, "summary": summary, "findings": [finding_dict(f) for f in findings]}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
