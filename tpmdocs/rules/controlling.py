"""Controlling: changes to the baseline are decided on the record."""

from __future__ import annotations

from ..model import Severity
from .base import Rule, missing_keys

PHASE = "controlling"
DECIDED = ("approved", "rejected", "implemented")
APPROVED = ("approved", "implemented")


def check_decided(ctx, project):
    for change in project.of_type("change-request"):
        if change.get("status") in DECIDED:
            yield from missing_keys(change, ("decided_by", "decided_on"), f"{change.get('status')} change request")


CHANGE_DECISION_UNRECORDED = Rule(
    "TPM501", "change-decision-unrecorded", PHASE, Severity.ERROR,
    "A decided change request lacks `decided_by` or `decided_on`",
    "A change to scope, schedule or cost is only legitimate when someone with the authority "
    "decided it, on a known date.", check_decided)


def check_affects(ctx, project):
    for change in project.of_type("change-request"):
        if change.get("status") in APPROVED:
            yield from missing_keys(change, ("affects",), "approved change request")


APPROVED_CHANGE_WITHOUT_AFFECTS = Rule(
    "TPM502", "approved-change-without-affects", PHASE, Severity.ERROR,
    "An approved change request does not name what it `affects`",
    "An approval that names nothing covers nothing; naming the changed documents is what lets "
    "`tpmdocs lint --since` tell approved changes from unapproved ones.", check_affects)

RULES = (CHANGE_DECISION_UNRECORDED, APPROVED_CHANGE_WITHOUT_AFFECTS)
