"""Findings: the lint findings of a project (the same as ``tpmdocs lint``), linked to their pages."""

from __future__ import annotations

from .. import escape
from ..graph import Project
from ..model import Finding
from .context import PageContext
from .markdown import heading, page_menu, table


def render(ctx: PageContext, project: Project, here: str) -> str:
    parts = [heading("Findings", project.charter.title), page_menu(ctx, "findings"),
             findings_table(ctx, ctx.findings_of(project), here, "No findings: every rule passes.")]
    outside = ctx.findings_of(None)
    if outside and len(ctx.graph.projects) == 1:
        parts += ["## Files outside any project\n", findings_table(ctx, outside, here, "")]
    return "\n".join(parts)


def findings_table(ctx: PageContext, findings: list[Finding], here: str, empty: str) -> str:
    rows = []
    for finding in findings:
        place = f"{finding.path}:{finding.line}"
        document = ctx.document_at(finding)
        rows.append([escape.table_cell(finding.severity.label),
                     ctx.html_link(here, document, place) if document else escape.table_cell(place),
                     escape.table_cell(finding.code), escape.table_cell(finding.rule),
                     escape.table_cell(finding.message)])
    return table(["Severity", "Where", "Code", "Rule", "Message"], rows, empty)
