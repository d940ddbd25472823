"""Planning: an approved charter, goals served by a costed breakdown, assessed risks, dated milestones."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..figures import risk_score
from ..graph import Project, key
from ..model import Document, Severity
from .base import Context, Problem, Rule, Unit, is_main_charter, missing, requires_keys
from .schedule import DUE_AFTER_MILESTONE, START_BEFORE_DEPENDENCY_DUE

PHASE = "planning"
E = Severity.ERROR


def check_approved(ctx: Context, charter: Document) -> Iterable[Problem]:
    if not is_main_charter(ctx, charter):
        return
    approved = charter.get("approved")
    absent = [k for k in ("by", "on") if not (isinstance(approved, dict) and approved.get(k))]
    if absent:
        yield Problem(charter, ("approved",) if "approved" in charter.data else (),
                      f"charter {charter.id} is not approved: `approved` needs "
                      + " and ".join(f"`{k}`" for k in absent))


CHARTER_APPROVED = Rule(
    "TPM201", "charter-not-approved", PHASE, E, "The charter has no `approved: {by, on}`",
    "Planning against a charter nobody signed off commits the team to a scope the sponsor may "
    "not want.", check_approved, unit=Unit.DOCUMENT, types=("charter",))


def _needs_one(doc_type: str, what: str) -> Callable[[Context, Project], Iterable[Problem]]:
    def check(ctx: Context, project: Project) -> Iterable[Problem]:
        if not project.of_type(doc_type):
            yield Problem(project.charter, (), f"project {project.id} has no {what} yet")
    return check


HAS_GOAL = Rule(
    "TPM202", "no-goals", PHASE, E, "The project has no goal",
    "Goals are how the sponsor will judge the outcome; a plan without them optimises for "
    "activity.", _needs_one("goal", "goal"), reads=frozenset({"type"}))


GOAL_INCOMPLETE = Rule(
    "TPM203", "goal-incomplete", PHASE, E, "A goal lacks `owner`, `metric`, `target` or `deadline`",
    "A goal without a metric and target cannot be measured, and without an owner and a "
    "deadline nobody is accountable for it.",
    requires_keys(("owner", "metric", "target", "deadline"), "goal"), unit=Unit.DOCUMENT, types=("goal",))


def check_served(ctx: Context, goal: Document) -> Iterable[Problem]:
    serving = [link for link in ctx.graph.referenced_by.get(key(goal.id or ""), [])
               if link.key == "goals" and link.source.type == "task"]
    if goal.id and not serving:
        yield Problem(goal, (), f"goal {goal.id} is served by no task (no task lists it in `goals`)")


GOAL_UNSERVED = Rule(
    "TPM204", "goal-unserved", PHASE, E, "No task lists the goal in its `goals`",
    "A goal no work serves will not be reached; either plan the work or drop the goal.",
    check_served, unit=Unit.DOCUMENT, types=("goal",), neighbours=True, reads=frozenset({"id", "type", "goals"}))


LEAF_TASK_INCOMPLETE = Rule(
    "TPM205", "leaf-task-incomplete", PHASE, E, "A leaf task lacks `owner` or `estimate`",
    "Leaf tasks are where the work is; without an owner nobody does it, and without an "
    "estimate the plan's total is fiction. Summary tasks roll up their children.",
    requires_keys(("owner", "estimate"), "task", when=lambda ctx, task: ctx.graph.is_leaf_task(task)),
    unit=Unit.DOCUMENT, types=("task",), neighbours=True, reads=frozenset({"id", "type", "parent"}))

HAS_RISK = Rule(
    "TPM206", "no-risks", PHASE, E, "The project has no risk",
    "Every project has risks; a register with none means nobody has looked.",
    _needs_one("risk", "risk in its register"), reads=frozenset({"type"}))


RISK_UNASSESSED = Rule(
    "TPM207", "risk-unassessed", PHASE, E,
    "A risk lacks `probability`, `impact`, `owner` or `response`",
    "An unassessed risk cannot be ranked or placed on the heat map, and one without an owner "
    "and a response is only a worry.",
    requires_keys(("probability", "impact", "owner", "response"), "risk"), unit=Unit.DOCUMENT,
    types=("risk",))


def check_high_risks(ctx: Context, risk: Document) -> Iterable[Problem]:
    threshold = ctx.config.risk_threshold
    score = risk_score(risk)
    absent = missing(risk, ("mitigation", "contingency"))
    if score is not None and score >= threshold and absent:
        yield Problem(risk, (), f"risk {risk.id} scores {score} (threshold {threshold}) but lacks "
                      + " and ".join(f"`{k}`" for k in absent))


HIGH_RISK_UNPLANNED = Rule(
    "TPM208", "high-risk-unplanned", PHASE, E,
    "A risk at or above the threshold lacks `mitigation` or `contingency`",
    "High risks need both a plan to make them less likely and a plan for when they happen "
    "anyway. The threshold is `risk-threshold` (default 12).", check_high_risks,
    unit=Unit.DOCUMENT, types=("risk",))


MILESTONE_WITHOUT_DUE = Rule(
    "TPM209", "milestone-without-due", PHASE, E, "A milestone has no `due` date",
    "A milestone is a date the project commits to; without one it is only a label.",
    requires_keys(("due",), "milestone"), unit=Unit.DOCUMENT, types=("milestone",))

RULES = (CHARTER_APPROVED, HAS_GOAL, GOAL_INCOMPLETE, GOAL_UNSERVED, LEAF_TASK_INCOMPLETE,
         HAS_RISK, RISK_UNASSESSED, HIGH_RISK_UNPLANNED, MILESTONE_WITHOUT_DUE,
         START_BEFORE_DEPENDENCY_DUE, DUE_AFTER_MILESTONE)
