"""The project dashboard: phase and completeness, progress, milestones, late and blocked work,
health, top risks. The page a team opens first."""

from __future__ import annotations

from collections import Counter

from .. import escape, figures
from ..completeness import phase_completeness
from ..graph import Project
from ..model import as_date
from .context import PageContext
from .markdown import badge, cell_date, heading, page_menu, table
from .pictures import pictures, trend_pictures
from .schedule import forecast_cells

TOP_RISKS = 5


def render(ctx: PageContext, project: Project, here: str) -> str:
    parts = [heading("Dashboard", project.charter.title), page_menu(ctx, "dashboard"),
             _health(ctx, project, here), _completeness(ctx, project),
             _progress(ctx, project, here), trend_pictures(ctx, project, here), _milestones(ctx, project, here),
             _attention(ctx, project, here), _top_risks(ctx, project, here)]
    return "\n".join(parts)


def _health(ctx: PageContext, project: Project, here: str) -> str:
    phase = project.phase or "unknown"
    report = figures.latest_report(project.of_type("status-report"))
    lines = [f"Phase: **{escape.md_text(phase)}** · Charter: {ctx.link(here, project.charter)}"]
    if report is None:
        lines.append("Latest status report: *none yet*.")
    else:
        lines.append(f"Latest status report: {ctx.link(here, report)} "
                     f"({escape.md_text(report.get('date'))}), health {badge('status-report', report.get('health'))}")
        if report.get("summary"):
            lines.append(f"> {escape.md_text(report.get('summary'))}")
    return "\n\n".join(lines) + "\n"


def _completeness(ctx: PageContext, project: Project) -> str:
    always, *phases = phase_completeness(project, ctx.findings_of(project))
    linked = "findings" in ctx.pages
    findings = ctx.href("index.md", "findings.md")  # both in the project's folder
    rows = []
    for index, row in enumerate(phases):
        rules, bad = row.rules + always.rules * (index == 0), row.failing + always.failing * (index == 0)
        names = ", ".join(f'<a href="{findings}">{r.code} {r.name}</a>' if linked else f"{r.code} {r.name}"
                          for r in bad) or "&#8212;"
        rows.append([escape.table_cell(f"{row.phase} (and always)" if index == 0 else row.phase),
                     f"{len(rules) - len(bad)} / {len(rules)}", names])
    return "## Completeness by phase\n\n" + table(["Phase", "Rules passing", "Failing"], rows,
                                                  "The charter names no phase.")


def _progress(ctx: PageContext, project: Project, here: str) -> str:
    tasks = project.of_type("task")
    done, total = ctx.done_and_total(project)
    counts: Counter[str] = Counter()
    days: dict[str, float] = {}
    for task in tasks:
        status = task.get("status") if isinstance(task.get("status"), str) else "none"
        counts[status] += 1
        if ctx.graph.is_leaf_task(task):
            days[status] = days.get(status, 0) + (figures.estimate_days(task) or 0.0)
    share = f"{done / total:.0%}" if total else "no estimates yet"
    rows = [[badge("task", status), str(count), figures.days_text(days.get(status, 0))]
            for status, count in sorted(counts.items())]
    return (f"## Progress\n\n{figures.days_text(done)} of {figures.days_text(total)} estimated "
            f"work done ({escape.md_text(share)}).\n\n" + pictures(ctx, project, here) + "\n"
            + table(["Status", "Tasks", "Estimate of leaf tasks"], rows, "No tasks yet."))


def _milestones(ctx: PageContext, project: Project, here: str) -> str:
    milestones = sorted(project.of_type("milestone"),
                        key=lambda m: (as_date(m.get("due")) or as_date("9999-12-31"), m.display))
    forecast = ctx.forecast(project)
    rows = [[ctx.named_html_link(here, m), cell_date(m.get("due")), *forecast_cells(forecast.milestone_of(m)),
             badge("milestone", figures.milestone_state(m, ctx.today))] for m in milestones]
    return "## Milestones\n\n" + table(["Milestone", "Due", "Forecast", "Slip", "State"], rows, "No milestones yet.")


def _attention(ctx: PageContext, project: Project, here: str) -> str:
    tasks = project.of_type("task")
    rows = []
    for task in tasks:
        if figures.is_overdue(task, ctx.today):
            rows.append([ctx.named_html_link(here, task), "overdue", cell_date(task.get("due")),
                         escape.table_cell(task.get("owner"))])
        if task.get("status") == "blocked":
            rows.append([ctx.named_html_link(here, task), "blocked", escape.table_cell(task.get("blocked_reason")),
                         escape.table_cell(task.get("owner"))])
    return ("## Overdue and blocked work\n\n"
            + table(["Task", "Why", "Due or reason", "Owner"], rows, "Nothing overdue or blocked."))


def _top_risks(ctx: PageContext, project: Project, here: str) -> str:
    risks = figures.top_risks(project.of_type("risk"), TOP_RISKS)
    rows = [[ctx.named_html_link(here, r), escape.table_cell(figures.risk_score(r) or "—"),
             badge("risk", r.get("status")), escape.table_cell(r.get("owner"))] for r in risks]
    return "## Top risks\n\n" + table(["Risk", "Score", "Status", "Owner"], rows, "No open risks.")
