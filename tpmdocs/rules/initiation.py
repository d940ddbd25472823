"""Initiation: the project exists, once, with a complete charter."""

from __future__ import annotations

from collections.abc import Iterable

from ..graph import Project
from ..model import Document, Severity
from .base import Context, Problem, Rule, Unit, is_main_charter, missing_keys

PHASE = "initiation"


def check_one_charter(ctx: Context, project: Project) -> Iterable[Problem]:
    for other in project.other_charters:
        yield Problem(other, ("type",), f"a second charter in the folder of {project.charter.display}; "
                      "one folder holds one project (move this one into a folder of its own)")


ONE_CHARTER = Rule(
    "TPM101", "one-charter-per-project", PHASE, Severity.ERROR,
    "A folder holds more than one charter",
    "Documents belong to the nearest charter above them; two charters in one folder make that "
    "ambiguous, so every document below would be attributed by chance.", check_one_charter)

CHARTER_KEYS = ("sponsor", "manager", "problem", "objectives", "stakeholders")


def check_charter(ctx: Context, charter: Document) -> Iterable[Problem]:
    if not is_main_charter(ctx, charter):
        return
    yield from missing_keys(charter, CHARTER_KEYS, "charter")
    scope = charter.get("scope")
    scope = scope if isinstance(scope, dict) else {}
    for side in ("in", "out"):
        if scope.get(side) in (None, [], ""):
            yield Problem(charter, ("scope",), f"charter {charter.id} lacks `scope.{side}`: say what "
                          f"is {'in' if side == 'in' else 'out of'} scope")


CHARTER_INCOMPLETE = Rule(
    "TPM102", "charter-incomplete", PHASE, Severity.ERROR,
    "The charter lacks sponsor, manager, problem, objectives, scope in and out, or stakeholders",
    "These are what the project is for and who backs it. Without them there is nothing to "
    "approve, and nothing to measure success against.", check_charter, unit=Unit.DOCUMENT,
    types=("charter",))

RULES = (ONE_CHARTER, CHARTER_INCOMPLETE)
