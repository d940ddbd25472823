"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Severity
from ..rules.base import Rule

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules(rules: Iterable[Rule]) -> list[dict[str, object]]:
    return [{
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"phase": rule.phase},
    } for rule in rules]


def _artifact(path: str) -> dict[str, str]:
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def render(findings: list[Finding], summary: dict[str, int], colour: bool = False) -> str:
    from ..rules import RULES

    index = {rule.code: i for i, rule in enumerate(RULES)}
    results = [{
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(f.path),
            "region": {"startLine": f.line, "startColumn": f.column},
        }}],
    } for f in findings]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tpmdocs", "version": __version__,
                                "informationUri": "https://pypi.org/project/tpmdocs/",
                                "rules": _rules(RULES)}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
