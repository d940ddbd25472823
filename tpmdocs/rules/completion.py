"""Completion: everything is settled and the closure is written."""

from __future__ import annotations

from ..model import Severity
from .base import Problem, Rule, missing_keys
from .monitoring import OPEN_RISK

PHASE = "completion"
E = Severity.ERROR


def check_tasks_closed(ctx, project):
    for task in project.of_type("task"):
        if task.get("status") not in ("done", "cancelled"):
            yield Problem(task, ("status",) if "status" in task.data else (),
                          f"task {task.id} is {task.get('status') or 'without status'}; at completion "
                          "every task is done or cancelled")


TASK_STILL_OPEN = Rule(
    "TPM601", "task-still-open", PHASE, E, "A task is neither done nor cancelled",
    "Closing a project with open tasks hides unfinished work; cancel it with a reason or "
    "finish it.", check_tasks_closed)


def check_cancel_reasons(ctx, project):
    for task in project.of_type("task"):
        if task.get("status") == "cancelled":
            yield from missing_keys(task, ("cancel_reason",), "cancelled task")


CANCELLED_WITHOUT_REASON = Rule(
    "TPM602", "cancelled-without-reason", PHASE, E, "A cancelled task lacks `cancel_reason`",
    "Why work was dropped is a lesson for the next project and an answer for the sponsor.",
    check_cancel_reasons)


def check_risks_closed(ctx, project):
    for risk in project.of_type("risk"):
        if risk.get("status") in (*OPEN_RISK, None):
            yield Problem(risk, ("status",), f"risk {risk.id} is still {risk.get('status') or 'without status'}; "
                          "close it or record that it occurred")


RISK_STILL_OPEN = Rule(
    "TPM603", "risk-still-open", PHASE, E, "A risk is still open or mitigating",
    "A completed project has no live risks left to it: each is closed or has occurred.",
    check_risks_closed)


def check_goals_settled(ctx, project):
    for goal in project.of_type("goal"):
        if goal.get("status") in ("proposed", "active", None):
            yield Problem(goal, ("status",), f"goal {goal.id} is still {goal.get('status') or 'without status'}; "
                          "at completion it is achieved, missed or dropped")


GOAL_UNSETTLED = Rule(
    "TPM604", "goal-unsettled", PHASE, E, "A goal is still proposed or active",
    "The closure states whether each goal was met; a goal left open avoids the question.",
    check_goals_settled)


def check_closure(ctx, project):
    closures = project.of_type("closure")
    if not closures:
        yield Problem(project.charter, (), f"project {project.id} has no closure document")
    for closure in closures:
        yield from missing_keys(closure, ("outcome", "lessons", "accepted_by"), "closure")


CLOSURE_INCOMPLETE = Rule(
    "TPM605", "closure-incomplete", PHASE, E,
    "No closure document, or one without `outcome`, `lessons` and `accepted_by`",
    "The closure is the project's formal end: what came of it, what was learned, and who "
    "accepted the result.", check_closure)

RULES = (TASK_STILL_OPEN, CANCELLED_WITHOUT_REASON, RISK_STILL_OPEN, GOAL_UNSETTLED,
         CLOSURE_INCOMPLETE)
