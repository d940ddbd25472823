"""The portfolio: one row per project, when the repository holds several."""

from __future__ import annotations

from .. import escape, figures
from ..model import Severity
from .context import PageContext
from .findings import findings_table
from .markdown import PROJECT_PAGES, badge, table


def render(ctx: PageContext, here: str) -> str:
    rows = []
    for project in ctx.graph.projects:
        report = figures.latest_report(project.of_type("status-report"))
        done, total = ctx.done_and_total(project)
        risks = [r for r in project.of_type("risk") if r.get("status") != "closed"]
        errors = sum(1 for f in ctx.findings_of(project) if f.severity is Severity.ERROR)
        name = escape.md_text(project.charter.title)
        first = next((file_name for key, file_name, _ in PROJECT_PAGES if key in ctx.pages), None)
        target = f"{ctx.project_dir(project)}/{first}"
        href = ctx.href(here, target)
        rows.append([f'<a href="{href}">{name}</a>' if first else name,
                     escape.table_cell(project.phase or "—"),
                     badge("status-report", report.get("health")) if report else "&#8212;",
                     f"{done / total:.0%}" if total else "&#8212;", str(len(risks)), str(errors)])
    parts = ["# Portfolio\n", table(["Project", "Phase", "Health", "Done", "Open risks", "Errors"], rows)]
    outside = ctx.findings_of(None)
    if outside:
        parts += ["## Findings outside any project\n", findings_table(ctx, outside, here, "")]
    return "\n".join(parts)
