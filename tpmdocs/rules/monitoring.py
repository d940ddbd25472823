"""Monitoring: reporting is current, risks are reviewed, goals are measured."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..figures import OPEN_RISK
from ..graph import Project
from ..model import Document, Severity, as_date
from .base import Context, Problem, Rule, Unit, has_status, requires_keys

PHASE = "monitoring"


def _reporting_until(ctx: Context, project: Project) -> dt.date:
    """Today, or for a closed project the date of its closure: reporting ends there."""
    closed = [day for c in project.of_type("closure") if (day := as_date(c.get("date"))) is not None]
    return min([ctx.today, *closed])


def check_status_reports(ctx: Context, project: Project) -> Iterable[Problem]:
    interval = ctx.config.reporting_interval
    until = _reporting_until(ctx, project)
    dated = [(as_date(r.get("date")), r) for r in project.of_type("status-report")]
    for day, report in dated:
        if day is not None and day > ctx.today:
            yield Problem(report, ("date",), f"status report {report.id} is dated {day}, after today "
                          f"({ctx.today}); a report from the future does not count as current")
    current = [(d, r) for d, r in dated if d is not None and d <= ctx.today]
    if not current:
        yield Problem(project.charter, (), f"project {project.id} has no dated status report; one "
                      f"is due every {interval} days")
        return
    newest, report = max(current, key=lambda pair: (pair[0], pair[1].path))
    age = (until - newest).days
    if age > interval:
        yield Problem(report, ("date",), f"the latest status report of {project.id} is {age} days old "
                      f"({newest}); one is due every {interval} days")


STATUS_REPORT_STALE = Rule(
    "TPM401", "status-report-stale", PHASE, Severity.ERROR,
    "No status report within the reporting interval",
    "Stakeholders rely on a regular report; a silent project is assumed healthy until it is "
    "too late. The interval is `reporting-interval` (default 14 days). Uses `--today`; a "
    "project with a dated closure is measured at its closure date, when reporting ends.",
    check_status_reports, today=True)


def check_risk_reviews(ctx: Context, risk: Document) -> Iterable[Problem]:
    review = as_date(risk.get("review_by"))
    if risk.get("status") in OPEN_RISK and review and review < ctx.today:
        yield Problem(risk, ("review_by",), f"risk {risk.id} is {risk.get('status')} and was due "
                      f"for review on {review}")


RISK_REVIEW_OVERDUE = Rule(
    "TPM402", "risk-review-overdue", PHASE, Severity.ERROR,
    "An open risk is past its `review_by` date",
    "Risks change as the project moves; an assessment nobody revisited is no longer an "
    "assessment. Uses `--today`.", check_risk_reviews, unit=Unit.DOCUMENT, types=("risk",),
    today=True)


GOAL_WITHOUT_CURRENT = Rule(
    "TPM403", "goal-without-current", PHASE, Severity.ERROR,
    "An active goal has no `current` value",
    "Progress toward a goal is `baseline → current → target`; without `current` nobody knows "
    "whether the project is on course.",
    requires_keys(("current",), "active goal", when=has_status("active")), unit=Unit.DOCUMENT,
    types=("goal",))

RULES = (STATUS_REPORT_STALE, RISK_REVIEW_OVERDUE, GOAL_WITHOUT_CURRENT)
