"""Lint findings as MkDocs log records: warnings make ``mkdocs build --strict`` fail."""

from __future__ import annotations

from tpmdocs.model import Severity


def log_findings(log, findings: list, warnings_count: bool) -> None:
    """Log each finding as ``path:line:col: CODE message (rule)``.

    Errors are logged as warnings (MkDocs' strict mode counts those); warning-level
    findings too when ``warnings_count``, else as info, like infos.
    """
    for finding in findings:
        text = f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
        if finding.rule:
            text += f" [{finding.rule}]"
        counts = finding.severity >= Severity.ERROR or (warnings_count and finding.severity >= Severity.WARNING)
        (log.warning if counts else log.info)(text)
