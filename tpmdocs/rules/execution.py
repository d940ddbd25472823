"""Execution: work in progress is owned and started, blockers are explained, lateness is visible."""

from __future__ import annotations

from ..model import Severity
from .base import Problem, Rule, as_date, missing_keys

PHASE = "execution"


def _tasks_with_status(project, status):
    return [task for task in project.of_type("task") if task.get("status") == status]


def check_in_progress(ctx, project):
    for task in _tasks_with_status(project, "in-progress"):
        yield from missing_keys(task, ("owner", "start"), "in-progress task")


IN_PROGRESS_INCOMPLETE = Rule(
    "TPM301", "in-progress-task-incomplete", PHASE, Severity.ERROR,
    "A task in progress lacks `owner` or `start`",
    "Work under way with no owner is work nobody can be asked about; without a start date "
    "the schedule cannot show how long it has run.", check_in_progress)


def check_blocked(ctx, project):
    for task in _tasks_with_status(project, "blocked"):
        yield from missing_keys(task, ("blocked_reason",), "blocked task")


BLOCKED_WITHOUT_REASON = Rule(
    "TPM302", "blocked-without-reason", PHASE, Severity.ERROR,
    "A blocked task lacks `blocked_reason`",
    "A blocker nobody wrote down is a blocker nobody can remove; the reason is what the "
    "project manager escalates.", check_blocked)


def check_overdue(ctx, project):
    for task in project.of_type("task"):
        due = as_date(task.get("due"))
        if due and due < ctx.today and task.get("status") not in ("done", "cancelled"):
            days = (ctx.today - due).days
            yield Problem(task, ("due",), f"task {task.id} was due {due} ({days} day"
                          f"{'s' if days != 1 else ''} ago) and is {task.get('status') or 'not done'}")


TASK_OVERDUE = Rule(
    "TPM303", "task-overdue", PHASE, Severity.WARNING,
    "A task is past its `due` date and not done (a warning)",
    "Late work is normal; unreported late work is not. Reported as a warning so the lint "
    "still passes while the schedule is discussed. Uses `--today`.", check_overdue)

RULES = (IN_PROGRESS_INCOMPLETE, BLOCKED_WITHOUT_REASON, TASK_OVERDUE)
