"""Execution: work in progress is owned and started, blockers are explained, lateness is visible."""

from __future__ import annotations

from collections.abc import Iterable

from .. import figures
from ..model import Document, Severity, as_date
from .base import Context, Problem, Rule, Unit, has_status, requires_keys
from .schedule import FORECAST_LATE

PHASE = "execution"


IN_PROGRESS_INCOMPLETE = Rule(
    "TPM301", "in-progress-task-incomplete", PHASE, Severity.ERROR,
    "A task in progress lacks `owner` or `start`",
    "Work under way with no owner is work nobody can be asked about; without a start date "
    "the schedule cannot show how long it has run.",
    requires_keys(("owner", "start"), "in-progress task", when=has_status("in-progress")),
    unit=Unit.DOCUMENT, types=("task",))


BLOCKED_WITHOUT_REASON = Rule(
    "TPM302", "blocked-without-reason", PHASE, Severity.ERROR,
    "A blocked task lacks `blocked_reason`",
    "A blocker nobody wrote down is a blocker nobody can remove; the reason is what the "
    "project manager escalates.",
    requires_keys(("blocked_reason",), "blocked task", when=has_status("blocked")),
    unit=Unit.DOCUMENT, types=("task",))


def check_overdue(ctx: Context, task: Document) -> Iterable[Problem]:
    due = as_date(task.get("due"))
    if due is not None and figures.is_overdue(task, ctx.today):
        days = (ctx.today - due).days
        yield Problem(task, ("due",), f"task {task.id} was due {due} ({days} day"
                      f"{'s' if days != 1 else ''} ago) and is {task.get('status') or 'not done'}")


TASK_OVERDUE = Rule(
    "TPM303", "task-overdue", PHASE, Severity.WARNING,
    "A task is past its `due` date and not done (a warning)",
    "Late work is normal; unreported late work is not. Reported as a warning so the lint "
    "still passes while the schedule is discussed. Uses `--today`.", check_overdue,
    unit=Unit.DOCUMENT, types=("task",), today=True)

RULES = (IN_PROGRESS_INCOMPLETE, BLOCKED_WITHOUT_REASON, TASK_OVERDUE, FORECAST_LATE)
