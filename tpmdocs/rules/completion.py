"""Completion: everything is settled and the closure is written."""

from __future__ import annotations

from collections.abc import Iterable

from ..graph import Project
from ..model import Severity
from .base import Context, Problem, Rule, Unit, has_status, missing_keys, requires_keys, status_settled

PHASE = "completion"
E = Severity.ERROR


TASK_STILL_OPEN = Rule(
    "TPM601", "task-still-open", PHASE, E, "A task is neither done nor cancelled",
    "Closing a project with open tasks hides unfinished work; cancel it with a reason or "
    "finish it.",
    status_settled(("done", "cancelled"), "at completion every task is done or cancelled"),
    unit=Unit.DOCUMENT, types=("task",))


CANCELLED_WITHOUT_REASON = Rule(
    "TPM602", "cancelled-without-reason", PHASE, E, "A cancelled task lacks `cancel_reason`",
    "Why work was dropped is a lesson for the next project and an answer for the sponsor.",
    requires_keys(("cancel_reason",), "cancelled task", when=has_status("cancelled")),
    unit=Unit.DOCUMENT, types=("task",))


RISK_STILL_OPEN = Rule(
    "TPM603", "risk-still-open", PHASE, E, "A risk is still open or mitigating",
    "A completed project has no live risks left to it: each is closed or has occurred.",
    status_settled(("closed", "occurred"), "close it or record that it occurred"),
    unit=Unit.DOCUMENT, types=("risk",))


GOAL_UNSETTLED = Rule(
    "TPM604", "goal-unsettled", PHASE, E, "A goal is still proposed or active",
    "The closure states whether each goal was met; a goal left open avoids the question.",
    status_settled(("achieved", "missed", "dropped"), "at completion it is achieved, missed or dropped"),
    unit=Unit.DOCUMENT, types=("goal",))


def check_closure(ctx: Context, project: Project) -> Iterable[Problem]:
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
